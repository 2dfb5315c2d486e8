/**
 * Written after a C# CDK stack found by code search (the index does not name its repository; namespace
 * QueTalMiAfpCognitoCdk, QueTalMiAfpCognitoCdkStack reading APP_NAME, GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET,
 * CALLBACK_URLS and more from the environment), rewritten in TypeScript: a self-sign-up pool with optional TOTP MFA, a
 * Cognito domain with the newer managed login, a Google provider whose secret is the GOOGLE_CLIENT_SECRET environment
 * variable passed through SecretValue.unsafePlainText (so the value is written into the template), a public SRP
 * code-flow client for COGNITO and Google with existence errors on, a colour-only managed-login branding resource, and
 * String parameters of the pool id, client id, region, callback and logout lists and the domain URL. The environment
 * values are ours: the Google client id and secret are fakes of the real shapes.
 */
import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const e = {
    APP_NAME: 'QueTalMiAfp', REGION_AWS: 'us-east-1', COGNITO_DOMAIN: 'quetalmiafp-auth',
    GOOGLE_CLIENT_ID: '210987654321-q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: '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',
    CALLBACK_URLS: 'https://quetalmiafp.example.cl/callback', LOGOUT_URLS: 'https://quetalmiafp.example.cl/',
  };
  const appName = e.APP_NAME;
  const region = e.REGION_AWS;
  const stack = new Stack(app, 'QueTalMiAfpCognitoCdkStack', { env: { account: '111122223333', region } });
  const callbackUrls = e.CALLBACK_URLS.split(',');
  const logoutUrls = e.LOGOUT_URLS.split(',');
  const userPool = new cognito.UserPool(stack, `${appName}UserPool`, {
    userPoolName: `${appName}UserPool`,
    selfSignUpEnabled: true,
    signInCaseSensitive: false,
    userVerification: { emailSubject: 'Verifica tu correo', emailBody: 'Tu codigo es {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
    signInAliases: { username: false, email: true },
    autoVerify: { email: true },
    keepOriginal: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true } },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: false },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const domain = userPool.addDomain(`${appName}CognitoDomain`, { cognitoDomain: { domainPrefix: e.COGNITO_DOMAIN }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN });
  const googleProvider = new cognito.UserPoolIdentityProviderGoogle(stack, `${appName}IdentityProviderGoogle`, {
    userPool,
    clientId: e.GOOGLE_CLIENT_ID,
    clientSecretValue: SecretValue.unsafePlainText(e.GOOGLE_CLIENT_SECRET),
    scopes: ['email', 'profile'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME, familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME },
  });
  const userPoolClient = new cognito.UserPoolClient(stack, `${appName}UserPoolClient`, {
    userPoolClientName: `${appName}UserPoolClient`,
    userPool,
    generateSecret: false,
    preventUserExistenceErrors: true,
    authFlows: { userSrp: true },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
    oAuth: { callbackUrls, logoutUrls, flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE] },
  });
  userPoolClient.node.addDependency(googleProvider);
  new cognito.CfnManagedLoginBranding(stack, `${appName}ManagedLoginBranding`, {
    userPoolId: userPool.userPoolId,
    clientId: userPoolClient.userPoolClientId,
    returnMergedResources: true,
    settings: {
      categories: { form: { languageSelector: { enabled: true } }, global: { colorSchemeMode: 'LIGHT' } },
      componentClasses: { focusState: { lightMode: { borderColor: '0069d9ff' } }, link: { lightMode: { defaults: { textColor: '1b6ec2ff' }, hover: { textColor: '0069d9ff' } } } },
      components: {
        pageBackground: { image: { enabled: false } },
        pageText: { lightMode: { headingColor: '212529ff', bodyColor: '6c757dff', descriptionColor: '6c757dff' } },
        primaryButton: { lightMode: { defaults: { backgroundColor: '1b6ec2ff', textColor: 'ffffffff' }, hover: { backgroundColor: '0069d9ff', textColor: 'ffffffff' } } },
      },
    },
    assets: [],
  });
  const param = (suffix: string, name: string, description: string, value: string) => new ssm.StringParameter(stack, `${appName}StringParameterCognito${suffix}`, { parameterName: `/${appName}/Cognito/${name}`, description, stringValue: value, tier: ssm.ParameterTier.STANDARD });
  param('UserPoolId', 'UserPoolId', `Cognito UserPoolId de la aplicacion ${appName}`, userPool.userPoolId);
  param('UserPoolClientId', 'UserPoolClientId', `User Pool Client ID de la aplicacion ${appName}`, userPoolClient.userPoolClientId);
  param('Region', 'Region', `Cognito Region de la aplicacion ${appName}`, region);
  param('Callbacks', 'Callbacks', `Cognito callbacks de la aplicacion ${appName}`, callbackUrls.join(','));
  param('Logouts', 'Logouts', `Cognito logouts de la aplicacion ${appName}`, logoutUrls.join(','));
  param('BaseUrl', 'BaseUrl', `Cognito base URL de la aplicacion ${appName}`, domain.baseUrl());
  return templateOf(app, stack);
}
