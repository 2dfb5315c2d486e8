/**
 * Written after umccr/igv (src/main/java/org/umccr/awscdk/IGVAmazonCognitoStack.java), a Java CDK v1 stack for the IGV
 * desktop genome browser rewritten in TypeScript for aws-cdk-lib: an admin-created pool, a confidential client for
 * the desktop app (code grant only, email/openid/profile, callback http://localhost:60151/oauthCallback, no authFlows
 * or lifetimes), an L1 domain, an L1 Google provider whose ProviderDetails hold the placeholders "FOOOO" and
 * "BARSECRET" (the source's TODO says the provider is still to be parametrised), and an identity pool that allows
 * unauthenticated identities. The bucket name printed from context is left out.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'IGVAmazonCognitoStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const userPool = new cognito.UserPool(stack, 'IGV User Pool', { selfSignUpEnabled: false, mfa: cognito.Mfa.OFF });
  new cognito.UserPoolClient(stack, 'IGV User Pool Client', {
    userPool,
    userPoolClientName: 'IGV User Pool Client',
    generateSecret: true,
    oAuth: {
      flows: { authorizationCodeGrant: true, clientCredentials: false, implicitCodeGrant: false },
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
      callbackUrls: ['http://localhost:60151/oauthCallback'],
    },
  });
  new cognito.CfnUserPoolDomain(stack, 'IGV User Pool Domain', { domain: 'igvdomainnameneedsparametrization', userPoolId: userPool.userPoolId });
  new cognito.CfnUserPoolIdentityProvider(stack, 'IGV User Pool IDP', {
    userPoolId: userPool.userPoolId,
    idpIdentifiers: ['Google'],
    providerName: 'Google',
    providerType: 'Google',
    providerDetails: { client_id: 'FOOOO', client_secret: 'BARSECRET', authorize_scopes: '["email","profile"]' },
  });
  new cognito.CfnIdentityPool(stack, 'IGV Identity Pool', { allowUnauthenticatedIdentities: true });
  return templateOf(app, stack);
}
