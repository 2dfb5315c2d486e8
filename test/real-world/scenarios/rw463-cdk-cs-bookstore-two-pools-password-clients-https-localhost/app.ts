/**
 * Written after aws-samples/bobs-used-bookstore-sample
 * (infrastructure/IntegratedTest/src/IntegratedTestInfrastructure/IntegratedTestStack.cs), a C# CDK stack rewritten in
 * TypeScript: a cover-image bucket behind a CloudFront distribution with an origin access identity, a customer pool
 * (self sign-up, custom address attributes) and an admin pool (admin-created users), each with a public hosted-UI
 * client (USER_PASSWORD_AUTH, code grant, openid/email/phone/profile/COGNITO_ADMIN scopes, callbacks on
 * https://localhost:4001 and https://localhost:5000, existence errors on), a Cognito domain per pool, String
 * parameters read by the ASP.NET Core configuration provider (client ids, metadata addresses, domain URLs, bucket
 * name, distribution domain) and two log groups. Names follow the source; the source's CloudFrontWebDistribution
 * (deprecated) is a Distribution here, with the same origin access identity.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'BobsBookstoreIntegratedTest', { env: { account: '111122223333', region: 'us-west-2' } });
  const customerRoot = 'BobsUsedBooks-Test-CustomerSite';
  const adminRoot = 'BobsUsedBooks-Test-AdminSite';
  const customerCallbackRoot = 'https://localhost:4001';
  const adminCallbackRoot = 'https://localhost:5000';
  const param = (id: string, name: string, value: string) => new ssm.StringParameter(stack, id, { parameterName: name, stringValue: value });

  const bucket = new s3.Bucket(stack, 'CoverImages-Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  param('CoverImages-BucketName', `/${adminRoot}/AWS/BucketName`, bucket.bucketName);
  const oai = new cloudfront.OriginAccessIdentity(stack, 'cloudfront-OAI');
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['s3:GetObject'],
    resources: [bucket.arnForObjects('*')],
    principals: [new iam.CanonicalUserPrincipal(oai.cloudFrontOriginAccessIdentityS3CanonicalUserId)],
  }));
  const distribution = new cloudfront.Distribution(stack, 'SiteDistribution', {
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessIdentity(bucket, { originAccessIdentity: oai }),
      compress: true,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    },
  });
  param('CoverImages-Distribution', `/${adminRoot}/AWS/CloudFrontDomain`, `https://${distribution.distributionDomainName}`);

  const customerPool = new cognito.UserPool(stack, 'CustomerSiteUserPool', {
    userPoolName: 'BobsUsedBooks-Test-CustomerPool',
    selfSignUpEnabled: true,
    standardAttributes: { email: { required: true }, familyName: { required: true }, givenName: { required: true } },
    autoVerify: { email: true },
    customAttributes: Object.fromEntries(['AddressLine1', 'AddressLine2', 'City', 'State', 'Country', 'ZipCode'].map((n) => [n, new cognito.StringAttribute()])),
  });
  const customerClient = customerPool.addClient('CustomerSiteUserPoolClient', {
    preventUserExistenceErrors: true,
    generateSecret: false,
    readAttributes: new cognito.ClientAttributes()
      .withCustomAttributes('AddressLine1', 'AddressLine2', 'City', 'State', 'Country', 'ZipCode')
      .withStandardAttributes({ givenName: true, familyName: true, address: true, phoneNumber: true, email: true }),
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    authFlows: { userPassword: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PHONE, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN],
      callbackUrls: [`${customerCallbackRoot}/signin-oidc`],
      logoutUrls: [`${customerCallbackRoot}/`],
    },
  });
  const customerDomain = customerPool.addDomain('CustomerSiteUserPoolDomain', { cognitoDomain: { domainPrefix: `bobs-bookstore-test-${stack.account}` } });
  customerDomain.signInUrl(customerClient, { redirectUri: `${customerCallbackRoot}/signin-oidc` });
  param('CustomerSiteUserPoolClientId', `/${customerRoot}/Authentication/Cognito/ClientId`, customerClient.userPoolClientId);
  param('CustomerSiteUserPoolMetadataAddress', `/${customerRoot}/Authentication/Cognito/MetadataAddress`, `https://cognito-idp.${stack.region}.amazonaws.com/${customerPool.userPoolId}/.well-known/openid-configuration`);
  param('CustomerSiteUserPoolCognitoDomain', `/${customerRoot}/Authentication/Cognito/CognitoDomain`, customerDomain.baseUrl());

  const adminPool = new cognito.UserPool(stack, 'AdminSiteUserPool', {
    userPoolName: 'BobsBooks-Test-AdminPool',
    selfSignUpEnabled: false,
    standardAttributes: { email: { required: true } },
    autoVerify: { email: true },
  });
  const adminClient = adminPool.addClient('AdminSiteUserPoolClient', {
    generateSecret: false,
    preventUserExistenceErrors: true,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    authFlows: { userPassword: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.PROFILE],
      callbackUrls: [`${adminCallbackRoot}/signin-oidc`],
      logoutUrls: [`${adminCallbackRoot}/`],
    },
  });
  const adminDomain = adminPool.addDomain('AdminSiteUserPoolDomain', { cognitoDomain: { domainPrefix: `bobs-bookstore-admin-test-${stack.account}` } });
  adminDomain.signInUrl(adminClient, { redirectUri: `${adminCallbackRoot}/signin-oidc` });
  param('AdminSiteUserPoolClientId', `/${adminRoot}/Authentication/Cognito/ClientId`, adminClient.userPoolClientId);
  param('AdminSiteUserPoolMetadataAddress', `/${adminRoot}/Authentication/Cognito/MetadataAddress`, `https://cognito-idp.${stack.region}.amazonaws.com/${adminPool.userPoolId}/.well-known/openid-configuration`);
  param('AdminSiteUserPoolCognitoDomain', `/${adminRoot}/Authentication/Cognito/CognitoDomain`, adminDomain.baseUrl());

  new logs.CfnLogGroup(stack, 'AdminSiteLogGroup', { logGroupName: 'BobsBooks-Test-AdminSiteLogs' });
  new logs.CfnLogGroup(stack, 'CustomerSiteLogGroup', { logGroupName: 'BobsBooks-Test-CustomerSiteLogs' });
  return templateOf(app, stack);
}
