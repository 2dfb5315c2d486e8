/**
 * Reproduces aws-solutions/distributed-load-testing-on-aws source/infrastructure/lib/front-end/auth.ts (commit
 * 06502b9a5e6263846cc3fdc9a8dc6f5c7f0db139): a console client with a one-day refresh token, rotation (a grace
 * period), revocation, SRP and the code grant, whose callback URLs add localhost addresses for local development
 * and a CLI; a Provider-backed custom resource that uploads the hosted UI's CSS and a base64 logo; an identity pool
 * whose roles' trust policies choose the federated principal with nested Fn::If. Names and values are this
 * project's own.
 */
import { Aws, CfnCondition, CustomResource, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

// A 1x1 transparent PNG, base64: the shape of the logo the source uploads.
const LOGO_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw112');
  const webAppUrl = 'https://d3example1cdn.cloudfront.net';
  const pool = new cognito.UserPool(stack, 'LoadTestPool', {
    selfSignUpEnabled: false,
    signInAliases: { email: true, username: true },
    passwordPolicy: { minLength: 12, requireDigits: true, requireSymbols: true },
    userInvitation: { emailSubject: 'Welcome', emailBody: 'User {username}, temporary password {####}', smsMessage: 'User {username}, password {####}' },
  });
  const domain = new cognito.CfnUserPoolDomain(stack, 'LoadTestDomain', { domain: Fn.join('', ['loadtest-', Aws.ACCOUNT_ID]), userPoolId: pool.userPoolId });
  const local = 'http://localhost:3000';
  const urls = [webAppUrl, `${webAppUrl}/`, local, `${local}/`, 'http://localhost:7521/callback', `${local}/callback`];
  const client = new cognito.UserPoolClient(stack, 'ConsoleClient', {
    userPool: pool,
    generateSecret: false,
    refreshTokenValidity: Duration.days(1),
    enableTokenRevocation: true,
    refreshTokenRotationGracePeriod: Duration.seconds(60),
    authFlows: { userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE], callbackUrls: urls, logoutUrls: urls },
  });

  const uiFunction = new lambda.Function(stack, 'HostedUiFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ PhysicalResourceId: "ui" });'),
    timeout: Duration.minutes(5),
  });
  uiFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:SetUICustomization'], resources: [pool.userPoolArn] }));
  const provider = new cr.Provider(stack, 'HostedUiProvider', { onEventHandler: uiFunction });
  const ui = new CustomResource(stack, 'HostedUiCustomization', {
    serviceToken: provider.serviceToken,
    properties: { UserPoolId: pool.userPoolId, CSS: '.banner-customizable { background-color: #232f3e; }', ImageFileBase64: LOGO_BASE64 },
  });
  ui.node.addDependency(domain, client);

  const identityPool = new cognito.CfnIdentityPool(stack, 'LoadTestIdentityPool', {
    allowUnauthenticatedIdentities: false,
    cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: pool.userPoolProviderName }],
  });
  const isGov = new CfnCondition(stack, 'IsGovCloud', { expression: Fn.conditionEquals(Aws.PARTITION, 'aws-us-gov') });
  const isGovEast = new CfnCondition(stack, 'IsGovCloudEast', { expression: Fn.conditionEquals(Aws.REGION, 'us-gov-east-1') });
  const trust = (principal: string) => ({
    Effect: 'Allow',
    Principal: { Federated: principal },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${principal}:aud`]: identityPool.ref }, 'ForAnyValue:StringLike': { [`${principal}:amr`]: 'authenticated' } },
  });
  const role = new iam.Role(stack, 'ConsoleUserRole', {
    assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity'),
    description: 'Console users (authenticated identities)',
  });
  (role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = {
    Version: '2012-10-17',
    Statement: [Fn.conditionIf(isGov.logicalId, Fn.conditionIf(isGovEast.logicalId, trust('cognito-identity.us-gov-east-1.amazonaws.com'), trust('cognito-identity-us-gov.amazonaws.com')), trust('cognito-identity.amazonaws.com'))],
  };
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'RoleAttachment', { identityPoolId: identityPool.ref, roles: { authenticated: role.roleArn } });
  return templateOf(app, stack);
}
