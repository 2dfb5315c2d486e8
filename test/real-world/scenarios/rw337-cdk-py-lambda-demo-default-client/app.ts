/**
 * Written after casey-sayre/lambda-demo (src/lambda_demo/cdk/cognito_stack.py), a Python CDK app rewritten in
 * TypeScript: a Cognito stack for a FastAPI-on-Lambda demo with a named user pool and one client added with no
 * options at all (`user_pool.add_client("MyUserPoolClient")`), so every L2 default applies.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoStack');
  const userPool = new cognito.UserPool(stack, 'MyUserPool', { userPoolName: 'MyFastAPIUserPool' });
  userPool.addClient('MyUserPoolClient');
  return templateOf(app, stack);
}
