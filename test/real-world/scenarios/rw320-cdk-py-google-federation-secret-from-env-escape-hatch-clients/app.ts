/**
 * Written after jozuo/sandbox-cdk-cognito-google-federation (stack/cognito_stack.py), a Python CDK v1 app rewritten in
 * TypeScript against aws-cdk-lib 2: a user pool with a hosted domain, a Google identity provider whose client id and
 * client secret are read from the shell (os.environ) at synth time, so the secret lands in the template as a literal,
 * a web and a mobile client (SRP and custom auth, 60-minute tokens, 30-day refresh tokens) turned into code-grant
 * OAuth clients through the L1 escape hatch with the admin scope among their scopes, and an identity pool that allows
 * unauthenticated identities with its two roles. The values below stand for what the shell held (a made-up Google
 * secret in its GOCSPX- format); callback URLs are ours.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { newApp, templateOf } from '../../app-helpers';

const shell = {
  google_client_id: '381902455761-4u8kq2c9d0nq3f7t1m5e6v2s8r0p4a1b.apps.googleusercontent.com',
  google_client_secret: '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',
  web_client_callback_urls: 'https://sandbox.example.org/callback',
  web_client_logout_urls: 'https://sandbox.example.org/',
  mobile_client_callback_urls: 'sandboxapp://callback',
  mobile_client_logout_urls: 'sandboxapp://signout',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  app.node.setContext('project', 'fedsandbox');
  app.node.setContext('stage', 'dev');
  const stack = new Stack(app, 'CognitoStack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const project = stack.node.tryGetContext('project') as string;
  const stage = stack.node.tryGetContext('stage') as string;
  const userPool = new cognito.UserPool(stack, 'user_pool', {
    userPoolName: `${project}-${stage}`,
    selfSignUpEnabled: true,
    signInCaseSensitive: false,
    autoVerify: { email: true },
    standardAttributes: { email: { required: true } },
    passwordPolicy: { minLength: 6, requireLowercase: false, requireUppercase: false, requireSymbols: false, requireDigits: false },
    removalPolicy: RemovalPolicy.DESTROY,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  userPool.addDomain('domain', { cognitoDomain: { domainPrefix: `${project}-${stage}` } });
  new cognito.UserPoolIdentityProviderGoogle(stack, 'google', {
    clientId: shell.google_client_id,
    clientSecretValue: SecretValue.unsafePlainText(shell.google_client_secret),
    userPool,
    scopes: ['openid', 'email', 'profile'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  const clients = (['web_client', 'mobile_client'] as const).map((name) => {
    const prefix = name.split('_')[0] as 'web' | 'mobile';
    const client = new cognito.UserPoolClient(stack, name, {
      userPoolClientName: name,
      userPool,
      generateSecret: false,
      refreshTokenValidity: Duration.days(30),
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      authFlows: { adminUserPassword: false, custom: true, userPassword: false, userSrp: true },
    });
    const cfn = client.node.defaultChild as cognito.CfnUserPoolClient;
    cfn.callbackUrLs = shell[`${prefix}_client_callback_urls`].split(',');
    cfn.logoutUrLs = shell[`${prefix}_client_logout_urls`].split(',');
    cfn.allowedOAuthFlowsUserPoolClient = true;
    cfn.allowedOAuthFlows = ['code'];
    cfn.allowedOAuthScopes = ['phone', 'email', 'openid', 'aws.cognito.signin.user.admin', 'profile'];
    return client;
  });
  const identityPool = new cognito.CfnIdentityPool(stack, 'identity_pool', {
    identityPoolName: `${project}-${stage}`,
    allowUnauthenticatedIdentities: true,
    cognitoIdentityProviders: clients.map((c) => ({ clientId: c.userPoolClientId, providerName: `cognito-idp.${stack.region}.amazonaws.com/${userPool.userPoolId}` })),
  });
  const principal = (amr: string) => new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
    StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
    'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
  }, 'sts:AssumeRoleWithWebIdentity');
  const auth = new iam.Role(stack, 'auth_role', {
    roleName: `${project}-${stage}-cognito-auth-role`,
    assumedBy: principal('authenticated'),
    inlinePolicies: { policy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['cognito-sync:*', 'cognito-identity:*'], resources: ['*'] })] }) },
  });
  const unauth = new iam.Role(stack, 'unauth_role', {
    roleName: `${project}-${stage}-cognito-unauth-role`,
    assumedBy: principal('unauthenticated'),
    inlinePolicies: { policy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['cognito-sync:*'], resources: ['*'] })] }) },
  });
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'role_attachment', {
    identityPoolId: identityPool.ref,
    roles: { authenticated: auth.roleArn, unauthenticated: unauth.roleArn },
  });
  return templateOf(app, stack);
}
