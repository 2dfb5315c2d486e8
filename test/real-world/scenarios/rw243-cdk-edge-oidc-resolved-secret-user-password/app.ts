/**
 * Written after aws-samples/cognito-at-edge-federated-ui-sample (infrastructure/lib/constructs/app-user-pool.ts and
 * user-pool-identity-provider-oidc.ts, CDK v1): a user pool whose OIDC identity provider takes its client id, client
 * secret and issuer from one Secrets Manager secret through SecretValue.secretsManager(...).toString() (dynamic
 * references), and a web client with code grant only, https callbacks, and the userPassword and userSrp flows on.
 * Rewritten on aws-cdk-lib with an L1 provider as the source does; names are our own.
 */
import { SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw243EdgeAuth');
  const secretName = 'my-app/oidc-provider';
  const userPool = new cognito.UserPool(stack, 'WebUserPool', {
    userPoolName: 'aws-sample-edge-app-user-pool',
    standardAttributes: { email: { required: true, mutable: true } },
    signInAliases: { username: false, email: true },
    autoVerify: { email: true },
  });
  (userPool.node.defaultChild as cognito.CfnUserPool).userPoolAddOns = { advancedSecurityMode: 'ENFORCED' };
  userPool.addDomain('AppCognitoDomain', { cognitoDomain: { domainPrefix: 'edge-app-login' } });
  const provider = new cognito.CfnUserPoolIdentityProvider(stack, 'OidcProvider', {
    userPoolId: userPool.userPoolId,
    providerName: 'MyCorpOIDC',
    providerType: 'OIDC',
    attributeMapping: { email: 'email' },
    providerDetails: {
      client_id: SecretValue.secretsManager(secretName, { jsonField: 'ClientID' }).unsafeUnwrap(),
      client_secret: SecretValue.secretsManager(secretName, { jsonField: 'ClientSecret' }).unsafeUnwrap(),
      attributes_request_method: 'GET',
      oidc_issuer: SecretValue.secretsManager(secretName, { jsonField: 'Issuer' }).unsafeUnwrap(),
      authorize_scopes: 'openid email',
    },
  });
  const callbackUrls = ['https://d111111abcdef8.cloudfront.net', 'https://app.example.org'];
  const client = userPool.addClient('WebClient', {
    userPoolClientName: 'edge-app-web-client',
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('MyCorpOIDC')],
    authFlows: { adminUserPassword: false, custom: false, userPassword: true, userSrp: true },
    disableOAuth: false,
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls,
      logoutUrls: callbackUrls,
    },
  });
  client.node.addDependency(provider);
  return templateOf(app, stack);
}
