/**
 * Written after a Python CDK AuthStack found by code search (the index does not name its repository; an
 * "astro-photos" app: "Cognito: User Pool, cliente del frontend, dominio hospedado y grupos"), rewritten in TypeScript
 * for its staging configuration: the feature plan is LITE outside production (PLUS in production), optional TOTP MFA,
 * device tracking, a public SPA client (SRP only, code grant with PKCE, openid/email/profile, existence errors and
 * revocation on, one-hour access and ID tokens, 30-day refresh tokens) whose callbacks add
 * http://localhost:3000/auth/callback outside production, a hosted-UI domain, three groups and outputs of the pool
 * id, client id, domain URL and JWKS URI. The domain name and resource names are ours.
 */
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const cfg = { isProd: false, domainName: 'staging.astro-photos.example.org', resourceName: (n: string) => `astro-photos-staging-${n}` };
  const stack = new cdk.Stack(app, 'AstroPhotosStagingAuth', { env: { account: '111122223333', region: 'eu-south-2' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: cfg.resourceName('users'),
    selfSignUpEnabled: true,
    signInAliases: { email: true, username: false },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    userVerification: { emailSubject: 'Verifica tu cuenta de astro-photos', emailBody: 'Bienvenido a astro-photos. Tu codigo de verificacion es {####}.', emailStyle: cognito.VerificationEmailStyle.CODE },
    standardAttributes: { email: { required: true, mutable: true }, preferredUsername: { required: false, mutable: true }, locale: { required: false, mutable: true } },
    customAttributes: { app_user_id: new cognito.StringAttribute({ maxLen: 36, mutable: true }) },
    passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: cdk.Duration.days(3) },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cfg.isProd ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.LITE,
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    deletionProtection: cfg.isProd,
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  const callbackUrls = [`https://${cfg.domainName}/auth/callback`];
  const logoutUrls = [`https://${cfg.domainName}/`];
  if (!cfg.isProd) {
    callbackUrls.push('http://localhost:3000/auth/callback');
    logoutUrls.push('http://localhost:3000/');
  }
  const userPoolClient = userPool.addClient('WebClient', {
    userPoolClientName: cfg.resourceName('web'),
    generateSecret: false,
    authFlows: { userSrp: true, custom: false, userPassword: false },
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls,
      logoutUrls,
    },
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: cdk.Duration.hours(1),
    idTokenValidity: cdk.Duration.hours(1),
    refreshTokenValidity: cdk.Duration.days(30),
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
  });
  const userPoolDomain = userPool.addDomain('HostedDomain', { cognitoDomain: { domainPrefix: cfg.resourceName('auth') } });
  for (const [name, description, precedence] of [['admin', 'Administracion completa', 1], ['curator', 'Cura el catalogo', 5], ['member', 'Usuario normal', 10]] as const) {
    new cognito.CfnUserPoolGroup(stack, `Group${name[0].toUpperCase()}${name.slice(1)}`, { userPoolId: userPool.userPoolId, groupName: name, description, precedence });
  }
  new cdk.CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  new cdk.CfnOutput(stack, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
  new cdk.CfnOutput(stack, 'UserPoolDomain', { value: userPoolDomain.baseUrl() });
  new cdk.CfnOutput(stack, 'UserPoolJwksUri', { value: `https://cognito-idp.${stack.region}.amazonaws.com/${userPool.userPoolId}/.well-known/jwks.json` });
  return templateOf(app, stack);
}
