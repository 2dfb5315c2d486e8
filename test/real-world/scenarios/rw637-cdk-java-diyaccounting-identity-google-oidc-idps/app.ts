/**
 * Written after antonycc/submit.diyaccounting.co.uk (infra/main/java/co/uk/diyaccounting/submit/constructs/
 * CognitoAuth.java and the identity stack that builds it), the Java CDK infrastructure of DIY Accounting's
 * "submit" product (UK VAT returns), rewritten in TypeScript: a user pool with a custom `bundles` attribute and, on the
 * PLUS plan, advanced security ENFORCED; a Google identity provider whose client secret comes from an imported secret
 * (Secret.fromSecretPartialArn(...).getSecretValue()); an OIDC provider (L1) with a client id and issuer and no client
 * secret; and one client with the code grant, EMAIL/OPENID/PROFILE scopes and three https callbacks, signing in only
 * through the two providers. The Google client id, ARNs and domain are ours; construct ids are the source's.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'ci-env-IdentityStack', { env: { account: '111122223333', region: 'eu-west-2' } });
  const domainName = 'ci.submit.diyaccounting.example.co.uk';
  const dashedDomainName = domainName.replace(/\./g, '-');
  const googleSecret = secretsmanager.Secret.fromSecretPartialArn(stack, 'GoogleClientSecret', 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:ci/submit/google/client_secret');
  const up = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: `${dashedDomainName}-user-pool`,
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: false, mutable: true }, familyName: { required: false, mutable: true } },
    customAttributes: { bundles: new cognito.StringAttribute({ maxLen: 2048, mutable: true }) },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  (up.node.defaultChild as cognito.CfnUserPool).userPoolAddOns = { advancedSecurityMode: 'ENFORCED' };
  const googleIdp = new cognito.UserPoolIdentityProviderGoogle(stack, 'GoogleIdentityProvider', {
    userPool: up,
    clientId: '987654321098-zyxwvutsrqponmlkjihgfedcba987654.apps.googleusercontent.com',
    clientSecretValue: googleSecret.secretValue,
    scopes: ['email', 'openid', 'profile'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME, familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME },
  });
  const acCogIdp = new cognito.CfnUserPoolIdentityProvider(stack, 'AcCogIdentityProvider', {
    providerName: 'ac-cog',
    providerType: 'OIDC',
    userPoolId: up.userPoolId,
    providerDetails: { client_id: '5ujb2kqv0m8c1nl7ge3r9f4t6h', issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbCdEf123', authorize_scopes: 'email openid profile' },
    attributeMapping: { email: 'email', given_name: 'given_name', family_name: 'family_name' },
  });
  const client = new cognito.UserPoolClient(stack, 'UserPoolClient', {
    userPool: up,
    userPoolClientName: `${dashedDomainName}-client`,
    generateSecret: false,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
      callbackUrls: [`https://${domainName}/`, `https://${domainName}/auth/loginWithGoogleCallback.html`, `https://${domainName}/auth/loginWithAcCogCallback.html`],
      logoutUrls: [`https://${domainName}/`],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE, cognito.UserPoolClientIdentityProvider.custom('ac-cog')],
  });
  client.node.addDependency(googleIdp);
  client.node.addDependency(acCogIdp);
  return templateOf(app, stack);
}
