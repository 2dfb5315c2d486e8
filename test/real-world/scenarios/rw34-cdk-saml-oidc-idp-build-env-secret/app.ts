/**
 * Reproduces aws-samples/amazon-cognito-example-for-external-idp (cdk/src/cdk.ts, commit
 * 1cdb2a76a938da4382bd229930469d884ccc9151): the OIDC provider's client secret comes from an environment variable
 * read at synth time (so it is written into the template as text), a SAML provider from a metadata URL, a
 * CfnUserPoolClient with the code flow, refresh tokens for one day, only ALLOW_REFRESH_TOKEN_AUTH, user existence
 * errors prevented and the CloudFront URL as callback, and an API Gateway Cognito authorizer. Names and values are
 * this project's own (the secret is made up).
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

/** What `Utils.getEnv('OIDC_CLIENT_SECRET')` returned on the build machine. */
const BUILD_ENV = { OIDC_CLIENT_ID: 'petstore-web', OIDC_CLIENT_SECRET: 'q7Rk2vXw9LmT4zNc8bHd3sFg6yJp1aQe5uVo0iKt', OIDC_ISSUER_URL: 'https://login.example-idp.com/oauth2/default' };

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw34');
  const ui = new cloudfront.Distribution(stack, 'Ui', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'UiBucket')) },
  });
  const appUrl = `https://${ui.distributionDomainName}`;
  const pool = new cognito.UserPool(stack, 'PetsPool', { signInAliases: { email: true } });
  const fn = new lambda.Function(stack, 'ApiFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { ALLOWED_ORIGIN: appUrl, ADMINS_GROUP_NAME: 'pet-app-admins' },
  });
  const api = new apigateway.RestApi(stack, 'PetsApi');
  const authorizer = new apigateway.CfnAuthorizer(stack, 'CognitoAuthorizer', {
    name: 'CognitoAuthorizer',
    type: apigateway.AuthorizationType.COGNITO,
    identitySource: 'method.request.header.Authorization',
    restApiId: api.restApiId,
    providerArns: [pool.userPoolArn],
  });
  api.root.addResource('{proxy+}').addMethod('ANY', new apigateway.LambdaIntegration(fn), {
    authorizer: { authorizerId: authorizer.ref },
    authorizationType: apigateway.AuthorizationType.COGNITO,
  });
  const saml = new cognito.CfnUserPoolIdentityProvider(stack, 'CorporateIdp', {
    providerName: 'CorporateIdp',
    providerType: 'SAML',
    providerDetails: { MetadataURL: 'https://idp.example-corp.com/app/metadata.xml' },
    attributeMapping: { email: 'email', given_name: 'firstName' },
    userPoolId: pool.userPoolId,
  });
  new cognito.UserPoolIdentityProviderOidc(stack, 'OidcProvider', {
    userPool: pool,
    name: 'PartnerOidc',
    clientId: BUILD_ENV.OIDC_CLIENT_ID,
    clientSecret: BUILD_ENV.OIDC_CLIENT_SECRET,
    issuerUrl: BUILD_ENV.OIDC_ISSUER_URL,
    attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
    scopes: ['openid', 'profile', 'email'],
  });
  const client = new cognito.CfnUserPoolClient(stack, 'WebClient', {
    supportedIdentityProviders: ['COGNITO', 'CorporateIdp', 'PartnerOidc'],
    clientName: 'Web',
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: ['code'],
    allowedOAuthScopes: ['phone', 'email', 'openid', 'profile'],
    explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    preventUserExistenceErrors: 'ENABLED',
    generateSecret: false,
    refreshTokenValidity: 1,
    callbackUrLs: [appUrl],
    logoutUrLs: [appUrl],
    userPoolId: pool.userPoolId,
  });
  client.node.addDependency(saml);
  new cognito.CfnUserPoolDomain(stack, 'Domain', { domain: 'pets-rw34-auth', userPoolId: pool.userPoolId });
  return templateOf(app, stack);
}
