/**
 * Written after a Python CDK app found by code search (the index does not name its repository; a "private-rag" app
 * with FoundationStack, AuthStack, DataStack, ApiIngestionStack and FrontendStack), rewritten in TypeScript: the
 * AuthStack, run with no context values, so its fallbacks apply: a Google provider whose client id is the
 * placeholder "configure-in-context" and whose secret is the whole value of an imported secret
 * (Secret.fromSecretNameV2 "private-rag/dev/google-oidc"), a public SPA client (SRP, code grant, openid/email/profile,
 * COGNITO and Google) with callbacks and logout URLs on http://localhost:5173, and a hosted-UI domain. Stage "dev".
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stage = 'dev';
  const stack = new Stack(app, `PrivateRag-${stage}-Auth`, { env: { account: '111122223333', region: 'us-east-1' } });
  const ctx = (key: string): unknown => stack.node.tryGetContext(key);
  const googleSecret = secretsmanager.Secret.fromSecretNameV2(stack, 'GoogleOidcSecret', (ctx('googleSecretName') as string | undefined) ?? `private-rag/${stage}/google-oidc`);
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool,
    clientId: (ctx('googleClientId') as string | undefined) ?? 'configure-in-context',
    clientSecretValue: googleSecret.secretValue,
    scopes: ['openid', 'email', 'profile'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  const callbackUrls = (ctx('callbackUrls') as string[] | undefined) ?? ['http://localhost:5173'];
  const logoutUrls = (ctx('logoutUrls') as string[] | undefined) ?? ['http://localhost:5173'];
  userPool.addClient('WebClient', {
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls,
      logoutUrls,
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
  });
  userPool.addDomain('HostedUiDomain', { cognitoDomain: { domainPrefix: (ctx('cognitoDomainPrefix') as string | undefined) ?? `private-rag-${stage}` } });
  return templateOf(app, stack);
}
