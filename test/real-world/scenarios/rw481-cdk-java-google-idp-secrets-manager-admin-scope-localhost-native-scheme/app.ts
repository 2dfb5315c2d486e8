/**
 * Written after a Java CDK stack found by code search (the index does not name its repository; package
 * institute.hopesoftware, ApplicationStack built with the stratospheric cdk library), rewritten in TypeScript: an
 * admin-created pool with a Cognito domain, a Google provider whose secret is SecretValue.secretsManager
 * ("google/login/clientSecret") and whose client id is written in the code (a fake of the same shape here), and a
 * public client with the code grant, COGNITO_ADMIN/email/profile scopes, callbacks http://localhost:3000/ and
 * myapp://callback, COGNITO and Google, no authFlows or lifetimes. Application name "hope-app" is ours.
 */
import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const applicationName = 'hope-app';
  const stack = new Stack(app, 'ApplicationStack', { stackName: `staging-${applicationName}-Application`, env: { account: '111122223333', region: 'us-east-1' } });
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
    clientId: '123456789012-a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6.apps.googleusercontent.com',
    clientSecretValue: SecretValue.secretsManager('google/login/clientSecret'),
    attributeMapping: {
      email: cognito.ProviderAttribute.GOOGLE_EMAIL,
      familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME,
      givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
      profilePicture: cognito.ProviderAttribute.GOOGLE_PICTURE,
    },
    scopes: ['email', 'profile', 'phone', 'openid'],
  });
  const userPoolClient = new cognito.UserPoolClient(stack, 'userPoolClient', {
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
  userPoolClient.node.addDependency(provider);
  return templateOf(app, stack);
}
