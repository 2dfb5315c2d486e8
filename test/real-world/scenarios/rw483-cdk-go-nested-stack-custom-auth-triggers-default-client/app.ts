/**
 * Written after a Go CDK package found by code search (the index does not name its repository; package stacks of a
 * "monospec-api", NewCognitoNestedStack), rewritten in TypeScript: a NestedStack holding a self-sign-up pool with the
 * four passwordless custom-auth triggers (define, create and verify auth challenge, pre sign-up) and a client with no
 * options at all. The template audited is the nested stack's own. The triggers (Go binaries in the source) are inline
 * Node code here; the parent stack is ours.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const parent = new Stack(app, 'MonospecApi', { env: { account: '111122223333', region: 'eu-west-1' } });
  const nestedStack = new NestedStack(parent, 'CognitoNestedStack');
  const trigger = (id: string) => new lambda.Function(nestedStack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
  });
  const userPool = new cognito.UserPool(nestedStack, 'UserPool', {
    selfSignUpEnabled: true,
    removalPolicy: RemovalPolicy.DESTROY,
    lambdaTriggers: {
      defineAuthChallenge: trigger('DefineAuthChallengeLambda'),
      createAuthChallenge: trigger('CreateAuthChallengeLambda'),
      verifyAuthChallengeResponse: trigger('VerifyAuthChallengeResponseLambda'),
      preSignUp: trigger('PreSignUpLambda'),
    },
  });
  new cognito.UserPoolClient(nestedStack, 'UserPoolClient', { userPool });
  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, nestedStack.templateFile), 'utf8')) as Record<string, unknown>;
}
