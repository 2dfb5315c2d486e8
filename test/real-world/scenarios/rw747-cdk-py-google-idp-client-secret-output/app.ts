/**
 * Python CDK app rewritten in TypeScript, after a CognitoStack found by code search (an app hosted on Amplify with a
 * Next.js frontend; the index does not name its repository), with the same constructs and props: a self-sign-up pool
 * with SES email and a Cognito domain; a Google provider whose client id is written out and whose client secret is
 * the `google-oauth-token` secret looked up with from_secret_name_v2 and unwrapped (a dynamic reference); a Google-only
 * client with a generated secret, SRP, custom, user-password and admin-user-password flows, the code grant with the
 * admin scope, and callbacks on http://localhost:3000 and the Amplify domain; outputs of ids, the domain, the ARN and
 * the client secret (user_pool_client_secret.unsafe_unwrap()). Construct ids are the source's (environment `dev`,
 * SES address ours); the Google client id is a stand-in of the same shape.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const id = 'lmd-cognito';
  const targetEnvironment = 'dev';
  const stack = new Stack(app, id, { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, `${id}-user-pool`, {
    userPoolName: `${targetEnvironment}-user-pool`,
    selfSignUpEnabled: true,
    signInAliases: { email: true, username: true },
    standardAttributes: { email: { required: true, mutable: true } },
    autoVerify: { email: true },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    email: cognito.UserPoolEmail.withSES({ fromEmail: 'admin@lmd.example.com', replyTo: 'admin@lmd.example.com' }),
  });
  const domain = userPool.addDomain('cognito-domain', { cognitoDomain: { domainPrefix: `lmd-app-${targetEnvironment.toLowerCase()}` } });
  const googleClientSecret = secretsmanager.Secret.fromSecretNameV2(stack, 'GoogleClientSecret', 'google-oauth-token').secretValue.unsafeUnwrap();
  const googleProvider = new cognito.UserPoolIdentityProviderGoogle(stack, 'GoogleProvider', {
    userPool,
    clientId: '480215776390-h3q8c1mv7kd02sl9ewz5ga6yt4pjbn7r.apps.googleusercontent.com',
    clientSecret: googleClientSecret,
    scopes: ['email', 'openid', 'phone', 'profile', 'aws.cognito.signin.user.admin'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  const userPoolClient = userPool.addClient(`${id}-user-pool-client`, {
    userPoolClientName: `${targetEnvironment}-app-client`,
    preventUserExistenceErrors: true,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE],
    generateSecret: true,
    authFlows: { userSrp: true, custom: true, userPassword: true, adminUserPassword: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PHONE, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN],
      callbackUrls: ['http://localhost:3000/api/auth/callback/cognito', 'https://main.d2hx0example.amplifyapp.com/api/auth/callback/cognito'],
      logoutUrls: ['http://localhost:3000', 'https://main.d2hx0example.amplifyapp.com'],
    },
  });
  userPoolClient.node.addDependency(googleProvider);
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito User Pool ID' });
  new CfnOutput(stack, 'UserPoolClientId', { value: userPoolClient.userPoolClientId, description: 'Cognito User Pool Client ID' });
  new CfnOutput(stack, 'CognitoDomain', { value: domain.domainName, description: 'Cognito Domain' });
  new CfnOutput(stack, 'UserPoolArn', { value: userPool.userPoolArn, description: 'Cognito User Pool ARN' });
  new CfnOutput(stack, 'UserPoolClientSecret', { value: userPoolClient.userPoolClientSecret.unsafeUnwrap(), description: 'Cognito User Pool Client Secret' });
  return templateOf(app, stack);
}
