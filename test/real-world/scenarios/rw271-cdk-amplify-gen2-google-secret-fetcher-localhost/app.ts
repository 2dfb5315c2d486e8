/**
 * Written after offlineprogrammer/gen2-samples (car-rental-service/amplify/auth/resource.ts, an Amplify Gen 2
 * backend): defineAuth with e-mail sign-in and Google as external provider, whose client id and secret are Amplify
 * backend secrets (secret('GOOGLE_CLIENT_ID'), secret('GOOGLE_CLIENT_SECRET')), callback and logout URLs on
 * http://localhost:3000/ and a production domain. Amplify resolves backend secrets at deploy time through one
 * Lambda-backed custom resource (Custom::SecretFetcherResource, aws-amplify/amplify-backend
 * backend_secret_fetcher_factory.ts) whose attributes, named after the secrets, feed the identity provider. Rewritten
 * with aws-cdk-lib L2 constructs the way the auth construct composes them (SRP and custom auth, code grant, Amplify's
 * default scopes); names are ours.
 */
import { CustomResource, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'amplify-carrental-main-branch-auth', { env: { account: '111122223333', region: 'us-east-1' } });
  const fetcherFn = new lambda.Function(stack, 'SecretFetcherResourceProviderLambda', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    timeout: Duration.minutes(1),
  });
  fetcherFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameters'], resources: ['arn:aws:ssm:us-east-1:111122223333:parameter/amplify/*'] }));
  const fetcher = new CustomResource(stack, 'SecretFetcherResource', {
    serviceToken: fetcherFn.functionArn,
    resourceType: 'Custom::SecretFetcherResource',
    properties: { namespace: 'carrental', name: 'main', type: 'branch', secretNames: ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'], secretLastUpdated: 1717000000000 },
  });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    signInAliases: { email: true },
    selfSignUpEnabled: true,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    passwordPolicy: { minLength: 8, requireDigits: true, requireLowercase: true, requireSymbols: true, requireUppercase: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'GoogleIdP', {
    userPool,
    clientId: fetcher.getAttString('GOOGLE_CLIENT_ID'),
    clientSecretValue: SecretValue.unsafePlainText(fetcher.getAttString('GOOGLE_CLIENT_SECRET')),
    scopes: ['profile', 'email', 'openid'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  userPool.addDomain('UserPoolDomain', { cognitoDomain: { domainPrefix: 'carrental-3f9a1c' } });
  const client = userPool.addClient('UserPoolAppClient', {
    authFlows: { userSrp: true, custom: true },
    preventUserExistenceErrors: true,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PHONE, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN],
      callbackUrls: ['http://localhost:3000/', 'https://yourdomain.com/'],
      logoutUrls: ['http://localhost:3000/', 'https://yourdomain.com/'],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
  });
  client.node.addDependency(google);
  return templateOf(app, stack);
}
