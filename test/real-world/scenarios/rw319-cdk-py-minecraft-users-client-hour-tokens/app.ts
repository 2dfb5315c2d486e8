/**
 * Written after jusdino/minecraft-auto-start (cdk/cdk_stack/auth.py), a Python CDK v1 construct rewritten in
 * TypeScript against aws-cdk-lib 2: a user pool (destroyed with the stack) and one client with
 * access_token_validity 60 minutes and generate_secret False, nothing else (so the L2's OAuth defaults apply), and
 * outputs of the pool and client ids. The construct is placed in a stack of its own here. Names are ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class CognitoStack extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const userPool = new cognito.UserPool(this, 'Users', { removalPolicy: RemovalPolicy.DESTROY });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    const client = new cognito.UserPoolClient(this, 'UsersClient', { userPool, accessTokenValidity: Duration.minutes(60), generateSecret: false });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'McAutoStart');
  new CognitoStack(stack, 'Auth');
  return templateOf(app, stack);
}
