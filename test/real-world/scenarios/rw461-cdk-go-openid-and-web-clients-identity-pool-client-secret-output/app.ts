/**
 * Written after a Go CDK package found by code search (the index does not name its repository; package cognito of an
 * "NFTM" app: SetPool and PrintClientSecret), rewritten in TypeScript: a customer pool with a PostConfirmation
 * trigger, an "openId" client (SRP, a generated secret, 30-day refresh tokens, code grant with openid, COGNITO_ADMIN
 * and profile scopes, no callback URLs, so the L2 puts https://example.com), a "web-front" client (AuthFlow{UserSrp:
 * false}, no secret, OAuth left to the L2's defaults), a Cognito domain, an identity pool over both clients with
 * unauthenticated identities and its role attachment, outputs of ids (helper.AWSPrint is a CfnOutput), and
 * PrintClientSecret: an AwsCustomResource calling describeUserPoolClient with the default logging whose
 * UserPoolClient.ClientSecret response field is printed as an output. Stage "dev"; the trigger (a Go binary in the
 * source) is inline Node code here, and its environment is ours.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stage = 'dev';
  const region = 'eu-central-1';
  const stack = new Stack(app, 'NftmCustomerStack', { env: { account: '111122223333', region } });
  const print = (name: string, value: string) => new CfnOutput(stack, name, { value });
  const postConfirmation = new lambda.Function(stack, 'PostConfirmationLambda', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
    environment: { STAGE: stage, TABLE_NAME: `${stage}-customers` },
  });
  const userPool = new cognito.UserPool(stack, 'customer', {
    userPoolName: `${stage}-customer`,
    signInAliases: { email: true },
    passwordPolicy: { minLength: 6, requireDigits: true, requireLowercase: false, requireSymbols: false, requireUppercase: false },
    userVerification: { emailStyle: cognito.VerificationEmailStyle.CODE },
    selfSignUpEnabled: true,
    lambdaTriggers: { postConfirmation },
  });
  const openIdUserPoolClient = new cognito.UserPoolClient(stack, 'openId', {
    userPool,
    userPoolClientName: `${stage}-openId`,
    authFlows: { userSrp: true },
    generateSecret: true,
    refreshTokenValidity: Duration.days(30),
    oAuth: {
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.PROFILE],
      flows: { authorizationCodeGrant: true },
    },
  });
  const webFrontUserPoolClient = new cognito.UserPoolClient(stack, 'web-front', {
    userPool,
    userPoolClientName: `${stage}-web`,
    authFlows: { userSrp: false },
    generateSecret: false,
  });
  userPool.addDomain('customer-domain', { cognitoDomain: { domainPrefix: 'nftm-customer-dev' } });
  const userPoolIdentity = new cognito.CfnIdentityPool(stack, 'customer-identity', {
    identityPoolName: `${stage}-customer`,
    allowUnauthenticatedIdentities: true,
    cognitoIdentityProviders: [
      { clientId: openIdUserPoolClient.userPoolClientId, providerName: userPool.userPoolProviderName },
      { clientId: webFrontUserPoolClient.userPoolClientId, providerName: userPool.userPoolProviderName },
    ],
  });
  const role = (id: string, amr: string) => new iam.Role(stack, id, {
    assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': userPoolIdentity.ref },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
    }, 'sts:AssumeRoleWithWebIdentity'),
  });
  const authRole = role('CognitoAuthRole', 'authenticated');
  const unAuthRole = role('CognitoUnauthRole', 'unauthenticated');
  new cognito.CfnIdentityPoolRoleAttachment(stack, `${stage}-customer-identity-roles`, {
    identityPoolId: userPoolIdentity.ref,
    roles: { authenticated: authRole.roleArn, unauthenticated: unAuthRole.roleArn },
  });
  print('cognio-user-pool', userPool.userPoolId);
  print('cognio-user-pool-arn', userPool.userPoolArn);
  print('cognio-user-pool-web-client', webFrontUserPoolClient.userPoolClientId);
  print('cognio-user-pool-openid-client', openIdUserPoolClient.userPoolClientId);
  print('cognio-user-pool-identity', userPoolIdentity.ref);
  // PrintClientSecret
  const describeCognitoUserPoolClient = new cr.AwsCustomResource(stack, 'userpool-description', {
    resourceType: 'Custom::DescribeCognitoUserPoolClient',
    onCreate: {
      region,
      service: 'CognitoIdentityServiceProvider',
      action: 'describeUserPoolClient',
      parameters: { ClientId: openIdUserPoolClient.userPoolClientId, UserPoolId: userPool.userPoolId },
      physicalResourceId: cr.PhysicalResourceId.of(openIdUserPoolClient.userPoolClientId),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  print('cognio-user-client-secret', describeCognitoUserPoolClient.getResponseField('UserPoolClient.ClientSecret'));
  return templateOf(app, stack);
}
