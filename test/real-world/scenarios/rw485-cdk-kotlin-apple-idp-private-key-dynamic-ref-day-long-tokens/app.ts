/**
 * Written after bkahlert/hello (aws-cdk/app/src/main/kotlin/com/bkahlert/hello/deployment/UserPoolProviderStack.kt), a
 * Kotlin CDK stack rewritten in TypeScript: a self-sign-up pool exported by its provider URL, a Cognito domain, an
 * imported "Sign in with Apple" secret whose team_id, client_id, key_id and private_key feed a UserPoolIdentityProviderApple
 * through secretValueFromJson(...).unsafeUnwrap(), and a public client (COGNITO and Apple, code grant, openid/email,
 * callbacks given by the app, one-day access and ID tokens, 14-day refresh tokens, no authFlows) exported by its id.
 * The names, domain prefix, callback URL and secret ARN are ours (the app passes them). The source's privateKey string
 * (deprecated since) is privateKeyValue here: the same dynamic reference in the template.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const props = {
    name: 'hello-users', domainPrefix: 'hello-bkahlert', callbackUrls: ['https://hello.example.com/auth/callback'],
    signInWithAppleSecretArn: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:sign-in-with-apple-AbCdEf',
  };
  const stack = new Stack(app, 'UserPoolProvider', { env: { account: '111122223333', region: 'eu-central-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: props.name,
    selfSignUpEnabled: true,
    signInAliases: { email: true, username: true },
    standardAttributes: { email: { required: false, mutable: true }, nickname: { required: false, mutable: true }, profilePicture: { required: false, mutable: true } },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new CfnOutput(stack, 'UserPoolProviderUrl', { description: 'URL of the user pool provider', value: userPool.userPoolProviderUrl, exportName: 'UserPoolProviderUrl' });
  new cognito.UserPoolDomain(stack, 'UserPoolDomain', { userPool, cognitoDomain: { domainPrefix: props.domainPrefix } });
  const secret = secretsmanager.Secret.fromSecretAttributes(stack, 'SignInWithAppleSecret', { secretCompleteArn: props.signInWithAppleSecretArn });
  const apple = new cognito.UserPoolIdentityProviderApple(stack, 'SignInWithAppleIdentityProvider', {
    userPool,
    scopes: ['name', 'email'],
    teamId: secret.secretValueFromJson('team_id').unsafeUnwrap(),
    clientId: secret.secretValueFromJson('client_id').unsafeUnwrap(),
    keyId: secret.secretValueFromJson('key_id').unsafeUnwrap(),
    privateKeyValue: secret.secretValueFromJson('private_key'),
  });
  const userPoolClient = new cognito.UserPoolClient(stack, 'UserPoolClient', {
    userPool,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.APPLE],
    oAuth: { callbackUrls: props.callbackUrls, flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL] },
    refreshTokenValidity: Duration.days(14),
    accessTokenValidity: Duration.days(1),
    idTokenValidity: Duration.days(1),
  });
  userPoolClient.node.addDependency(apple);
  new CfnOutput(stack, 'UserPoolClientId', { description: 'ID of the user pool client', value: userPoolClient.userPoolClientId, exportName: 'UserPoolClientId' });
  return templateOf(app, stack);
}
