/**
 * Written after a Java CDK ApplicationStack found by code search (package institute.hopesoftware, built on the
 * Stratospheric CDK constructs' ApplicationEnvironment; the index does not name its repository), rewritten in
 * TypeScript: a user pool without self sign-up, a Cognito domain named after the application, a Google identity
 * provider whose client secret is `SecretValue.secretsManager("google/login/clientSecret")`, and one client with the
 * code grant, scopes COGNITO_ADMIN, EMAIL and PROFILE, callbacks http://localhost:3000/ and myapp://callback, signing
 * in through Cognito and Google. The Google client id is a fake of the same shape; names are ours where the source
 * reads them from the environment.
 */
import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const applicationName = 'hopetracker';
  const stack = new Stack(app, 'ApplicationStack', { stackName: 'staging-hopetracker-Application', env: { account: '111122223333', region: 'us-east-2' } });
  const userPoolName = `${applicationName}-user-pool`;
  const userPool = new cognito.UserPool(stack, 'userPool', {
    userPoolName,
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    mfa: cognito.Mfa.OFF,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  userPool.addDomain(applicationName, { cognitoDomain: { domainPrefix: applicationName } });
  const provider = new cognito.UserPoolIdentityProviderGoogle(stack, 'UserPoolIdentityProviderGoogle', {
    userPool,
    clientId: '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com',
    clientSecretValue: SecretValue.secretsManager('google/login/clientSecret'),
    attributeMapping: {
      email: cognito.ProviderAttribute.GOOGLE_EMAIL,
      familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME,
      givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
      profilePicture: cognito.ProviderAttribute.GOOGLE_PICTURE,
    },
    scopes: ['email', 'profile', 'phone', 'openid'],
  });
  const client = new cognito.UserPoolClient(stack, 'userPoolClient', {
    userPoolClientName: `${userPoolName}-client`,
    generateSecret: false,
    userPool,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: ['http://localhost:3000/', 'myapp://callback'],
      logoutUrls: ['http://localhost:3000/', 'myapp://logout'],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
  });
  client.node.addDependency(provider);
  return templateOf(app, stack);
}
