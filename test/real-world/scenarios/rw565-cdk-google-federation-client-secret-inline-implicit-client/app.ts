/**
 * Written after lalitghimire/aws-cdk-cognito-federated-stack (lib/learnit2022-ks-coach-app-backend-stack.ts at its
 * first commit, before the follow-up "remove credentials" emptied the two strings): a pool with self sign-up, a Cognito
 * domain, a Google identity provider given the Google OAuth client id and client secret as string literals in the
 * code, and a client with a secret, Google and Cognito sign-in, the implicit grant only and one HTTPS callback. The
 * client id and secret here are fakes of the same shape (a GOCSPX- secret). Names are ours.
 */
import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Learnit2022KsCoachAppBackendStack', { env: { account: '111122223333', region: 'eu-north-1' } });
  const googleClientId = '705426679745-b71122lp5etmad4c1tr7olu1nptvzojl.apps.googleusercontent.com';
  const googleClientSecret = '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';
  const userPool = new cognito.UserPool(stack, 'MyNewUserPool', {
    selfSignUpEnabled: true, autoVerify: { email: true }, signInAliases: { email: true }, removalPolicy: RemovalPolicy.DESTROY,
  });
  userPool.addDomain('default', { cognitoDomain: { domainPrefix: 'userpooltestlalit' } });
  new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool,
    clientId: googleClientId,
    clientSecretValue: SecretValue.unsafePlainText(googleClientSecret), // the source's (deprecated) clientSecret string, same template
    scopes: ['email'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  new cognito.UserPoolClient(stack, 'MyNewUserPoolClient', {
    userPool,
    generateSecret: true,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE, cognito.UserPoolClientIdentityProvider.COGNITO],
    oAuth: { callbackUrls: ['https://aws-cdk.com/cognito-google/'], flows: { implicitCodeGrant: true } },
  });
  return templateOf(app, stack);
}
