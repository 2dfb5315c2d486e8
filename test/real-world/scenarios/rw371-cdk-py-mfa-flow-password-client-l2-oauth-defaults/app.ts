/**
 * Written after paujim/cognito-MFA-flow (CDK/cognito_mfa_flow/cognito_mfa_flow_stack.py, a Python CDK v1 app): a
 * user pool with optional MFA (TOTP and SMS) and a 12-character password policy, an app client with the user-password
 * flow (plus the refresh flow), a Go function behind a regional LambdaRestApi with open CORS that drives
 * InitiateAuth/RespondToAuthChallenge and the MFA setup calls for the client, with the pool and client ids in its
 * environment. Rewritten in TypeScript for aws-cdk-lib (the v1 refreshToken auth flow is now implied; an inline Node.js stand-in
 * for the Go zip asset). Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoMfaFlowStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const pool = new cognito.UserPool(stack, 'user-pool', {
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: true },
    passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: false, requireDigits: false, requireSymbols: false },
  });
  const client = pool.addClient('customer-app-client', { authFlows: { userPassword: true } });
  const backend = new lambda.Function(stack, 'api-function', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    memorySize: 500,
    timeout: Duration.seconds(10),
    environment: { USER_POOL_ID: pool.userPoolId, CLIENT_ID: client.userPoolClientId },
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  backend.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['cognito-idp:RespondToAuthChallenge', 'cognito-idp:InitiateAuth', 'cognito-idp:SetUserMFAPreference', 'cognito-idp:AssociateSoftwareToken', 'cognito-idp:VerifySoftwareToken'],
      resources: [pool.userPoolArn],
    }),
  );
  new apigateway.LambdaRestApi(stack, 'mfa-api', {
    handler: backend,
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    defaultCorsPreflightOptions: { allowOrigins: ['*'] },
  });
  return templateOf(app, stack);
}
