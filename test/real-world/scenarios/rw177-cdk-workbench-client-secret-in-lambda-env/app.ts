/**
 * Written after aws-solutions/research-service-workbench-on-aws (workbench-core/infrastructure/src/workbenchCognito.ts
 * and solutions/swb-reference/src/RSWStack.ts): a user pool with a hosted domain, a web UI client and a programmatic
 * (integration-test) client, both confidential, code grant, SRP + custom auth (and user/admin password auth for the
 * test client), 15- and 60-minute access tokens, 7-day refresh tokens; the web client's secret is read with
 * userPoolClientSecret.unsafeUnwrap() and put into the shared environment of the API and status functions.
 * Names and values are this project's own.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw177');
  const pool = new cognito.UserPool(stack, 'WorkbenchUserPool', {
    selfSignUpEnabled: false,
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    standardAttributes: { email: { required: true } },
  });
  const domain = new cognito.UserPoolDomain(stack, 'WorkbenchUserPoolDomain', { userPool: pool, cognitoDomain: { domainPrefix: 'rsw-demo-4411' } });
  const websiteUrls = ['https://workbench.example.org'];
  const base: cognito.UserPoolClientOptions = {
    generateSecret: true,
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: websiteUrls, logoutUrls: websiteUrls },
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    idTokenValidity: Duration.minutes(15),
    refreshTokenValidity: Duration.days(7),
  };
  const webUi = new cognito.UserPoolClient(stack, 'WorkbenchUserPoolClient-webUi', {
    ...base,
    userPool: pool,
    authFlows: { userSrp: true, custom: true },
    accessTokenValidity: Duration.minutes(15),
  });
  const iTest = new cognito.UserPoolClient(stack, 'WorkbenchUserPoolClient-iTest', {
    ...base,
    userPool: pool,
    authFlows: { userSrp: true, custom: true, adminUserPassword: true, userPassword: true },
    accessTokenValidity: Duration.minutes(60),
  });
  const env = {
    STAGE: 'demo',
    COGNITO_DOMAIN: domain.baseUrl(),
    WEB_UI_CLIENT_ID: webUi.userPoolClientId,
    WEB_UI_CLIENT_SECRET: webUi.userPoolClientSecret.unsafeUnwrap(),
    PROGRAMMATIC_ACCESS_CLIENT_ID: iTest.userPoolClientId,
    USER_POOL_ID: pool.userPoolId,
  };
  for (const name of ['apiLambda', 'statusHandler']) {
    new lambda.Function(stack, name, {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
      environment: env,
    });
  }
  new CfnOutput(stack, 'cognitoUserPoolId', { value: pool.userPoolId });
  new CfnOutput(stack, 'cognitoWebUiUserPoolClientId', { value: webUi.userPoolClientId });
  new CfnOutput(stack, 'cognitoProgrammaticAccessUserPoolClientId', { value: iTest.userPoolClientId });
  return templateOf(app, stack);
}
