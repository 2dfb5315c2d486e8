/**
 * Written after a CV Tailor AuthStack found by code search (ADR-0009's user pool and web client; the index does not
 * name its repository), trimmed to what the pack judges: an Essentials pool with deletion protection and a fixed
 * logical id, a pre sign-up trigger that links Google sign-ins, a Google provider whose client secret is
 * SecretValue.secretsManager('cv-tailor/google-client-secret') (stored by hand), a resource server with a `user`
 * scope, a public web client with SRP only, the code grant to each web origin's callback, openid/email and the API
 * scope, 1-hour access and ID tokens, a one-day refresh token with rotation (10-second grace), revocation and
 * user-existence errors prevented; an admin group; and String parameters holding the pool id and the client id.
 * Construct ids are the source's; the origins and Google client id are ours, inline code stands in for the trigger's
 * build output, and the explicit log group is left out.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { AccountRecovery, type CfnUserPool, FeaturePlan, Mfa, OAuthScope, ProviderAttribute, ResourceServerScope, StringAttribute, UserPool, UserPoolClientIdentityProvider, UserPoolEmail, UserPoolIdentityProviderGoogle, UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

const GOOGLE_CLIENT_SECRET_NAME = 'cv-tailor/google-client-secret';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CvTailorAuthProd', { env: { account: '111122223333', region: 'eu-west-2' }, terminationProtection: true });
  const userPoolName = 'cv-tailor-prod';
  const webOrigins = ['https://cvtailor.example.com', 'https://www.cvtailor.example.com'];
  const googleClientId = '731904268175-qv4t8m2n6k0r1s9p3x5z7c8b0d2f4h6j.apps.googleusercontent.com';
  const userPool = new UserPool(stack, 'UserPool', {
    userPoolName,
    featurePlan: FeaturePlan.ESSENTIALS,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    standardAttributes: { email: { required: true, mutable: true } },
    customAttributes: { hd: new StringAttribute({ mutable: true }) },
    selfSignUpEnabled: true,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    passwordPolicy: { minLength: 8, requireLowercase: false, requireUppercase: false, requireDigits: false, requireSymbols: false },
    mfa: Mfa.OFF,
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    email: UserPoolEmail.withCognito(),
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  (userPool.node.defaultChild as CfnUserPool).overrideLogicalId('UserPool');
  const preSignUp = new LambdaFunction(stack, 'PreSignUp', {
    description: 'Links Google sign-ins to local users',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async (event) => event;'),
    timeout: Duration.seconds(5),
    memorySize: 512,
  });
  userPool.addTrigger(UserPoolOperation.PRE_SIGN_UP, preSignUp);
  new Policy(stack, 'PreSignUpCognitoAccess', {
    roles: [preSignUp.role!],
    statements: [new PolicyStatement({ actions: ['cognito-idp:ListUsers', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminLinkProviderForUser', 'cognito-idp:AdminDeleteUser'], resources: [userPool.userPoolArn] })],
  });
  const google = new UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool,
    clientId: googleClientId,
    clientSecretValue: SecretValue.secretsManager(GOOGLE_CLIENT_SECRET_NAME),
    scopes: ['openid', 'email'],
    attributeMapping: { email: ProviderAttribute.GOOGLE_EMAIL, emailVerified: ProviderAttribute.GOOGLE_EMAIL_VERIFIED, custom: { 'custom:hd': ProviderAttribute.other('hd') } },
  });
  const userScope = new ResourceServerScope({ scopeName: 'user', scopeDescription: 'Call the CV Tailor API as the signed-in user' });
  const api = userPool.addResourceServer('ApiResourceServer', { identifier: 'cv-tailor-api', userPoolResourceServerName: 'CV Tailor API', scopes: [userScope] });
  const client = userPool.addClient('WebClient', {
    userPoolClientName: 'cv-tailor-web',
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.resourceServer(api, userScope)],
      callbackUrls: webOrigins.map((origin) => `${origin}/auth/callback`),
      logoutUrls: webOrigins.map((origin) => `${origin}/`),
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO, UserPoolClientIdentityProvider.GOOGLE],
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(1),
    refreshTokenRotationGracePeriod: Duration.seconds(10),
    enableTokenRevocation: true,
  });
  client.node.addDependency(google);
  userPool.addGroup('AdminGroup', { groupName: 'admin', description: 'Admins get the admin quota. Changed by hand only.' });
  new StringParameter(stack, 'UserPoolIdParameter', { parameterName: '/cv-tailor/auth/user-pool-id', description: `ID of the ${userPoolName} user pool`, stringValue: userPool.userPoolId });
  new StringParameter(stack, 'WebClientIdParameter', { parameterName: '/cv-tailor/auth/web-client-id', description: `ID of the web app's client in ${userPoolName}`, stringValue: client.userPoolClientId });
  return templateOf(app, stack);
}
