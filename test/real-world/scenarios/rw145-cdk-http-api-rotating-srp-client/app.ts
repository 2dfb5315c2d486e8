/**
 * Written after a CDK authentication construct found by code search (a UserPool without self sign-up, a frontend
 * client with authFlows { userSrp: true }, preventUserExistenceErrors, enableTokenRevocation, 15-minute access and ID
 * tokens, 30-day refresh tokens with refreshTokenRotationGracePeriod 30 s, and an HttpJwtAuthorizer on an HTTP API).
 * Names and values are this project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw145');
  const pool = new cognito.UserPool(stack, 'TheatreUsers', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireSymbols: true, requireUppercase: true },
  });
  const client = pool.addClient('FrontendClient', {
    generateSecret: false,
    authFlows: { userSrp: true },
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: Duration.minutes(15),
    idTokenValidity: Duration.minutes(15),
    refreshTokenValidity: Duration.days(30),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
  });
  const fn = new lambda.Function(stack, 'BookingsFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { USER_POOL_ID: pool.userPoolId, CLIENT_ID: client.userPoolClientId },
  });
  const authorizer = new authorizers.HttpJwtAuthorizer('CognitoJwtAuthorizer', `https://cognito-idp.${stack.region}.amazonaws.com/${pool.userPoolId}`, {
    jwtAudience: [client.userPoolClientId],
  });
  const api = new apigwv2.HttpApi(stack, 'TheatreApi', { defaultAuthorizer: authorizer });
  api.addRoutes({ path: '/bookings', methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpLambdaIntegration('Bookings', fn) });
  return templateOf(app, stack);
}
