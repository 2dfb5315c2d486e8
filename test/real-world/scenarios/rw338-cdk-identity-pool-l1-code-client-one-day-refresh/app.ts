/**
 * Written after kbarber09/amazon-cognito-cdk-example-for-getting-aws-credentials (cdk/lib/cognito.ts, itself "modified
 * and extended" from aws-samples/amazon-cognito-example-for-external-idp), a CDK v1 app rewritten against
 * aws-cdk-lib 2: a UI bucket behind CloudFront, an SNS topic and a post-confirmation function that publishes new
 * users, a user pool, an L1 app client (code grant, phone/email/openid/profile scopes, no secret, a one-day refresh
 * token, an empty provider list, the CloudFront URL as callback and logout URL), an L1 domain, functions for groups,
 * sign-in and a setup message (given the pool id, CORS origin, support contact and the Authorization header's name),
 * a REST API with an L1 Cognito authorizer and a request validator, and an identity pool (server-side token check)
 * with default and per-group roles mapped by token. CloudFrontWebDistribution is replaced by Distribution with an
 * origin access control; function code is inline; environment values are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const env = { PROJECT_NAME: 'Data Portal', SUPPORT_GROUP_NAME: 'Cloud Platform Team', SUPPORT_GROUP_CONTACT: 'cloud-platform@example.edu', COGNITO_DOMAIN_NAME: 'dataportal-auth-2231' };

class CognitoService extends Construct {
  constructor(scope: Stack, id: string) {
    super(scope, id);
    const fn = (fid: string, environment: Record<string, string>) => new lambda.Function(this, fid, {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => ({ statusCode: 200, body: "{}" });'),
      timeout: Duration.seconds(5),
      memorySize: 128,
      environment,
    });
    const uiBucket = new s3.Bucket(this, 'UIBucket', { encryption: s3.BucketEncryption.S3_MANAGED });
    const distribution = new cloudfront.Distribution(this, 'Distribution', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(uiBucket) }, defaultRootObject: 'index.html' });
    const appUrl = 'https://' + distribution.domainName;
    const corsOrigin = appUrl;
    const topic = new sns.Topic(this, 'NewUserSNSTopic', { displayName: 'NewUserSNS' });
    const newUser = fn('NewUser_SNS', { TOPIC_ARN: topic.topicArn });
    newUser.addToRolePolicy(new iam.PolicyStatement({ resources: [topic.topicArn], actions: ['sns:Publish'] }));
    const userPool = new cognito.UserPool(this, 'CogUP', { signInAliases: { email: true }, lambdaTriggers: { postConfirmation: newUser } });
    const client = new cognito.CfnUserPoolClient(this, 'CogAppClient', {
      supportedIdentityProviders: [],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['phone', 'email', 'openid', 'profile'],
      generateSecret: false,
      refreshTokenValidity: 1,
      callbackUrLs: [appUrl],
      logoutUrLs: [appUrl],
      userPoolId: userPool.userPoolId,
    });
    new cognito.CfnUserPoolDomain(this, 'CogDom', { domain: env.COGNITO_DOMAIN_NAME, userPoolId: userPool.userPoolId });
    const listGroups = fn('ListGrps', { ALLOWED_ORIGIN: corsOrigin, COGNITO_USER_POOL_ID: userPool.userPoolId, AUTHORIZATION_HEADER_NAME: 'Authorization' });
    const setup = fn('SetupMessage', { ALLOWED_ORIGIN: corsOrigin, PROJECT_NAME: env.PROJECT_NAME, SUPPORT_GROUP_NAME: env.SUPPORT_GROUP_NAME, SUPPORT_GROUP_CONTACT: env.SUPPORT_GROUP_CONTACT, AUTHORIZATION_HEADER_NAME: 'Authorization' });
    const signIn = fn('SignIn', { ALLOWED_ORIGIN: corsOrigin });
    listGroups.addToRolePolicy(new iam.PolicyStatement({ resources: [userPool.userPoolArn], actions: ['cognito-idp:ListUsers', 'cognito-idp:AdminListGroupsForUser'] }));
    const api = new apigw.RestApi(this, id + 'API');
    const authorizer = new apigw.CfnAuthorizer(this, id, { name: 'CognitoAuthorizer', type: apigw.AuthorizationType.COGNITO, identitySource: 'method.request.header.Authorization', restApiId: api.restApiId, providerArns: [userPool.userPoolArn] });
    const validator = new apigw.RequestValidator(this, 'ValidateQuery-Headers', { restApi: api, requestValidatorName: 'ValidateQuery-Headers', validateRequestParameters: true });
    const opts = { authorizer: { authorizerId: authorizer.ref }, authorizationType: apigw.AuthorizationType.COGNITO, requestValidator: validator };
    api.root.addResource('groups').addMethod('GET', new apigw.LambdaIntegration(listGroups, { proxy: true }), opts);
    api.root.addResource('signin').addMethod('POST', new apigw.LambdaIntegration(signIn, { proxy: true }), opts);
    api.root.addResource('info').addMethod('GET', new apigw.LambdaIntegration(setup, { proxy: true }), opts);
    const identityPool = new cognito.CfnIdentityPool(this, 'CogIDPool', {
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      cognitoIdentityProviders: [{ providerName: userPool.userPoolProviderName, clientId: client.ref, serverSideTokenCheck: true }],
    });
    const federated = (amr: string) => new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
    }, 'sts:AssumeRoleWithWebIdentity');
    const unauth = new iam.Role(this, 'CognitoDefaultUnauthenticatedRole', { assumedBy: federated('unauthenticated') });
    unauth.addToPolicy(new iam.PolicyStatement({ actions: ['mobileanalytics:PutEvents', 'cognito-sync:*'], resources: ['*'] }));
    const auth = new iam.Role(this, 'CognitoDefaultAuthenticatedRole', { assumedBy: federated('authenticated') });
    auth.addToPolicy(new iam.PolicyStatement({ actions: ['mobileanalytics:PutEvents', 'cognito-sync:*', 'cognito-identity:*'], resources: ['*'] }));
    for (const group of ['TestGrp1', 'TestGrp2']) {
      const role = new iam.Role(this, `${group}Role`, { assumedBy: federated('authenticated'), description: `This is description for ${group}.` });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['mobileanalytics:PutEvents', 'cognito-sync:*', 'cognito-identity:*'], resources: ['*'] }));
      new cognito.CfnUserPoolGroup(this, group, { groupName: group, userPoolId: userPool.userPoolId, roleArn: role.roleArn });
    }
    new cognito.CfnIdentityPoolRoleAttachment(this, 'Default', {
      identityPoolId: identityPool.ref,
      roles: { unauthenticated: unauth.roleArn, authenticated: auth.roleArn },
      roleMappings: { cognitoProvider: { identityProvider: `${userPool.userPoolProviderName}:${client.ref}`, type: 'Token', ambiguousRoleResolution: 'AuthenticatedRole' } },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CdkcogStack', { env: { account: '111122223333', region: 'us-west-2' } });
  new CognitoService(stack, 'Cognito');
  return templateOf(app, stack);
}
