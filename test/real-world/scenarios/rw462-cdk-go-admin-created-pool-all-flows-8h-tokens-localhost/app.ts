/**
 * Written after a Go CDK app found by code search (the index does not name its repository; `NewCognitoStack` with
 * pool and client "OcamlUserPool"/"OcamlUserPoolClient", description "OCaml EMS Cognito User Pool"), rewritten in
 * TypeScript: an admin-created pool with deletion protection, a public client with every sign-in flow (password, SRP,
 * admin password, custom), revocation and existence errors on, eight-hour access and ID tokens, 30-day refresh
 * tokens, code and implicit grants with five scopes including COGNITO_ADMIN, callbacks on http://localhost:4321 and a
 * CloudFront domain, two String parameters of the ids and two outputs. The CloudFront domain is ours.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OcamlCognitoStack', { env: { account: '111122223333', region: 'us-west-2' }, description: 'OCaml EMS Cognito User Pool' });
  const userPool = new cognito.UserPool(stack, 'OcamlUserPool', {
    userPoolName: 'OcamlUserPool',
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: false, mutable: true }, familyName: { required: false, mutable: true } },
    passwordPolicy: { minLength: 6, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
    deletionProtection: true,
    userVerification: { emailStyle: cognito.VerificationEmailStyle.CODE },
  });
  const cdn = 'https://d111111abcdef8.cloudfront.net';
  const userPoolClient = new cognito.UserPoolClient(stack, 'OcamlUserPoolClient', {
    userPool,
    userPoolClientName: 'OcamlUserPoolClient',
    authFlows: { userPassword: true, userSrp: true, adminUserPassword: true, custom: true },
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
    generateSecret: false,
    idTokenValidity: Duration.hours(8),
    accessTokenValidity: Duration.hours(8),
    refreshTokenValidity: Duration.days(30),
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.PHONE],
      callbackUrls: ['http://localhost:4321/', 'http://localhost:4321/main', `${cdn}/`, `${cdn}/main`],
      logoutUrls: ['http://localhost:4321/', `${cdn}/`],
    },
  });
  new ssm.StringParameter(stack, 'OcamlCognitoUserPoolIdParameter', { parameterName: '/cognito/ocaml-user-pool-id', stringValue: userPool.userPoolId, description: 'OCaml Cognito User Pool ID' });
  new ssm.StringParameter(stack, 'OcamlUserPoolClientIdParameter', { parameterName: '/cognito/ocaml-user-pool-client-id', stringValue: userPoolClient.userPoolClientId, description: 'OCaml User Pool Client ID' });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  new CfnOutput(stack, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
  return templateOf(app, stack);
}
