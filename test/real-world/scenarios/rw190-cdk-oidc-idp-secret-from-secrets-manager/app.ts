/**
 * Written after aws-solutions/research-service-workbench-on-aws (workbench-core/infrastructure/src/workbenchCognito.ts,
 * its oidcIdentityProviders: UserPoolIdentityProviderOidc registered on the pool) and the aws-cdk-lib aws-cognito
 * README: an enterprise OIDC provider whose client secret comes from Secrets Manager
 * (SecretValue.secretsManager(..., { jsonField })), a Google provider given clientSecretValue the same way, and a web
 * client that does it right (code grant only, SRP only, 10-minute tokens, 7-day refresh token with rotation and a
 * grace period, revocation, existence errors prevented, explicit scopes, HTTPS callbacks). Names and values are this
 * project's own.
 */
import { CfnOutput, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw190');
  const pool = new cognito.UserPool(stack, 'WorkbenchUserPool', { selfSignUpEnabled: false, signInAliases: { email: true } });
  const okta = new cognito.UserPoolIdentityProviderOidc(stack, 'WorkbenchUserPoolIdentityProviderOidc0', {
    userPool: pool,
    name: 'CorpOkta',
    clientId: '0oa8xq2zv1LkR3c7e5d7',
    clientSecret: SecretValue.secretsManager('idp/corp-okta', { jsonField: 'client_secret' }).unsafeUnwrap(),
    issuerUrl: 'https://corp.okta.example.org',
    scopes: ['openid', 'profile', 'email'],
    attributeMapping: { email: cognito.ProviderAttribute.other('email') },
  });
  const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'GoogleProvider', {
    userPool: pool,
    clientId: '123456789012-abcdefghijklmnopqrstuvwxyzab.apps.googleusercontent.com',
    clientSecretValue: SecretValue.secretsManager('idp/google', { jsonField: 'client_secret' }),
    scopes: ['openid', 'email', 'profile'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  pool.registerIdentityProvider(okta);
  pool.registerIdentityProvider(google);
  const client = pool.addClient('WebClient', {
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: ['https://workbench.example.org/callback'],
      logoutUrls: ['https://workbench.example.org'],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('CorpOkta'), cognito.UserPoolClientIdentityProvider.GOOGLE],
    accessTokenValidity: Duration.minutes(10),
    idTokenValidity: Duration.minutes(10),
    refreshTokenValidity: Duration.days(7),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
  });
  client.node.addDependency(okta, google);
  new CfnOutput(stack, 'WebClientId', { value: client.userPoolClientId });
  return templateOf(app, stack);
}
