/**
 * Reproduces how aws-samples/bedrock-claude-chat (cdk/lib/constructs/auth.ts, commit
 * 0d5b12c13d11beeb572ae5fe0e318f1b880f6705) federates Google and a custom OIDC provider: the provider's client id,
 * client secret and issuer are read from one Secrets Manager secret (fromSecretNameV2 + secretValueFromJson), the
 * Google secret passed as clientSecretValue and the OIDC one unwrapped; the app client keeps the L2 OAuth defaults
 * with a one-day ID token and user-password sign-in, and its callback is the CloudFront origin. Names and values
 * are this project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw33');
  const site = new cloudfront.Distribution(stack, 'Site', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Assets')) },
  });
  const origin = `https://${site.distributionDomainName}`;
  const pool = new cognito.UserPool(stack, 'UserPool', { selfSignUpEnabled: false, signInAliases: { email: true } });
  const client = pool.addClient('Client', {
    idTokenValidity: Duration.days(1),
    authFlows: { userPassword: true, userSrp: true },
    oAuth: { callbackUrls: [origin], logoutUrls: [origin] },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE, cognito.UserPoolClientIdentityProvider.custom('WorkforceIdp')],
  });
  const credentials = secretsmanager.Secret.fromSecretNameV2(stack, 'IdpCredentials', 'chat/idp-credentials');
  const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'GoogleProvider', {
    userPool: pool,
    clientId: credentials.secretValueFromJson('clientId').unsafeUnwrap().toString(),
    clientSecretValue: credentials.secretValueFromJson('clientSecret'),
    scopes: ['openid', 'email'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  const oidc = new cognito.UserPoolIdentityProviderOidc(stack, 'OidcProvider', {
    userPool: pool,
    name: 'WorkforceIdp',
    clientId: credentials.secretValueFromJson('clientId').unsafeUnwrap().toString(),
    clientSecret: credentials.secretValueFromJson('clientSecret').unsafeUnwrap().toString(),
    issuerUrl: credentials.secretValueFromJson('issuerUrl').unsafeUnwrap().toString(),
    scopes: ['openid', 'email'],
    attributeMapping: { email: cognito.ProviderAttribute.other('EMAIL') },
  });
  client.node.addDependency(google, oidc);
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'chat-rw33-login' } });
  return templateOf(app, stack);
}
