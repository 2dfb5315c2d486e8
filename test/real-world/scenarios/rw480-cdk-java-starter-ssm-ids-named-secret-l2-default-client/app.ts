/**
 * Written after vbudilov/aws-cdk-starter (src/main/java/com/budilov/cdk/CognitoStack.java), a Java CDK v1 stack
 * rewritten in TypeScript for aws-cdk-lib: a self-sign-up pool with post-confirmation and pre-sign-up triggers (the
 * source's CognitoLambdaStack functions, inline here, given a table name), a public "webClient" with no other options,
 * and two String parameters named cognitoPoolIdSecret and cognitoPoolClientId (construct ids "cognitoPoolIdSecret" and
 * "cognitoPoolClientIdSecret") that hold the pool id and the client id.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const fn = (id: string) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
    environment: { TABLE_NAME: 'users' },
  });
  const pool = new cognito.UserPool(stack, 'MyPool', {
    userPoolName: 'myPool',
    selfSignUpEnabled: true,
    lambdaTriggers: { postConfirmation: fn('copyUserToDynamoDBLambda'), preSignUp: fn('autoConfirmFunction') },
  });
  const upClient = new cognito.UserPoolClient(stack, 'MyPoolClient', { userPoolClientName: 'webClient', userPool: pool, generateSecret: false });
  new ssm.StringParameter(stack, 'cognitoPoolIdSecret', {
    allowedPattern: '.*', description: 'cognitoPoolIdSecret', parameterName: 'cognitoPoolIdSecret', stringValue: pool.userPoolId, tier: ssm.ParameterTier.STANDARD,
  });
  new ssm.StringParameter(stack, 'cognitoPoolClientIdSecret', {
    allowedPattern: '.*', description: 'cognitoPoolClientId', parameterName: 'cognitoPoolClientId', stringValue: upClient.userPoolClientId, tier: ssm.ParameterTier.STANDARD,
  });
  return templateOf(app, stack);
}
