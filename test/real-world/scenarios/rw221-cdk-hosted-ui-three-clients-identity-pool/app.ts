/**
 * Written after reapit/ts-cdk-constructs (packages/constructs/userpool-domain: a hosted-UI domain on a pool) and the
 * multi-client setups of yennanliu/yennj12_blog_V4 (content/posts/centralized-user-access-control-aws-cognito-cdk.md: one
 * pool, a web client, a mobile client and a machine-to-machine client with resource-server scopes, an identity pool
 * with role mapping): every client set up as a careful team would (code grant only, SRP, 15-minute tokens, 7-day rotated
 * refresh tokens, HTTPS and app-scheme callbacks, a client-credentials client with a secret and short access tokens).
 * Names and values are this project's own.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw221');
  const pool = new cognito.UserPool(stack, 'CentralUserPool', {
    signInAliases: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    passwordPolicy: { minLength: 12, requireSymbols: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  const domain = pool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: 'acme-central-auth' } });
  const ordersScope = new cognito.ResourceServerScope({ scopeName: 'orders.read', scopeDescription: 'Read orders' });
  const server = pool.addResourceServer('OrdersApi', { identifier: 'https://api.acme.example.com/orders', scopes: [ordersScope] });
  const userClientDefaults = {
    authFlows: { userSrp: true },
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.minutes(15),
    idTokenValidity: Duration.minutes(15),
    refreshTokenValidity: Duration.days(7),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    enableTokenRevocation: true,
  };
  const web = pool.addClient('WebClient', {
    ...userClientDefaults,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.resourceServer(server, ordersScope)],
      callbackUrls: ['https://app.acme.example.com/auth/callback'],
      logoutUrls: ['https://app.acme.example.com/'],
    },
  });
  const mobile = pool.addClient('MobileClient', {
    ...userClientDefaults,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
      callbackUrls: ['com.acme.orders:/oauth2redirect'],
      logoutUrls: ['com.acme.orders:/signout'],
    },
  });
  const m2m = pool.addClient('ReportingServiceClient', {
    generateSecret: true,
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.minutes(15),
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, ordersScope)] },
  });
  new identitypool.IdentityPool(stack, 'CentralIdentityPool', {
    allowUnauthenticatedIdentities: false,
    authenticationProviders: {
      userPools: [
        new identitypool.UserPoolAuthenticationProvider({ userPool: pool, userPoolClient: web }),
        new identitypool.UserPoolAuthenticationProvider({ userPool: pool, userPoolClient: mobile }),
      ],
    },
  });
  new CfnOutput(stack, 'HostedUiSignInUrl', { value: domain.signInUrl(web, { redirectUri: 'https://app.acme.example.com/auth/callback' }) });
  new CfnOutput(stack, 'TokenEndpoint', { value: `${domain.baseUrl()}/oauth2/token` });
  new CfnOutput(stack, 'JwksUri', { value: `https://cognito-idp.${stack.region}.amazonaws.com/${pool.userPoolId}/.well-known/jwks.json` });
  new CfnOutput(stack, 'ReportingClientId', { value: m2m.userPoolClientId });
  return templateOf(app, stack);
}
