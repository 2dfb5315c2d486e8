/**
 * Written after a CDK auth stack found by code search (a pool on the Essentials plan whose sign-in policy allows
 * password and passkey as first factors; clients sharing one config with authFlows { userSrp: true, user: true },
 * code flow, 1-hour access and ID tokens, 30-day refresh tokens with rotation, and a dev client whose callbacks are
 * localhost origins; client ids published to SSM String parameters). Names and values are this project's own.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw146');
  const pool = new cognito.UserPool(stack, 'UserPool', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    signInPolicy: { allowedFirstAuthFactors: { password: true, passkey: true } },
    passkeyRelyingPartyId: 'auth.example.net',
    passkeyUserVerification: cognito.PasskeyUserVerification.PREFERRED,
  });
  const common = {
    generateSecret: false,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    authFlows: { userSrp: true, user: true },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
  };
  const scopes = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];
  const web = pool.addClient('AdminWebClient', {
    ...common,
    oAuth: { flows: { authorizationCodeGrant: true }, scopes, callbackUrls: ['https://admin.example.net/auth/callback'], logoutUrls: ['https://admin.example.net/'] },
  });
  const dev = pool.addClient('DevClient', {
    ...common,
    oAuth: { flows: { authorizationCodeGrant: true }, scopes, callbackUrls: ['http://localhost:5173/auth/callback'], logoutUrls: ['http://localhost:5173/'] },
  });
  new ssm.StringParameter(stack, 'AdminWebClientIdParam', { parameterName: '/site/prod/cognitoAdminWebClientId', stringValue: web.userPoolClientId, description: 'Cognito admin-web client ID (public, PKCE)' });
  new ssm.StringParameter(stack, 'DevClientIdParam', { parameterName: '/site/prod/cognitoDevClientId', stringValue: dev.userPoolClientId, description: 'Cognito dev client ID (localhost only)' });
  new CfnOutput(stack, 'UserPoolId', { value: pool.userPoolId });
  new CfnOutput(stack, 'AdminWebClientId', { value: web.userPoolClientId, description: 'app client ID (no secret; auth code + PKCE)' });
  return templateOf(app, stack);
}
