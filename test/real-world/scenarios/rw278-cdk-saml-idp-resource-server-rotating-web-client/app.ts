/**
 * Written after a CDK app found by code search (a `samlSettings` module: "To enable SAML, set this to true and
 * provide the SAML settings below" with a metadata URL, a Cognito domain prefix and an attribute mapping; the index
 * does not name its repository): a user pool federated with a corporate SAML IdP by metadata URL, a hosted-UI domain,
 * a resource server with read/write scopes, a pre-token-generation trigger (V2 event, access-token customisation), a
 * web client for the SPA (code grant, SAML and Cognito, short tokens, rotated refresh tokens), a REST API with a
 * Cognito authorizer requiring the read scope, and outputs a front end needs. Names are ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

const saml = {
  name: 'CorpSAML',
  cognitoDomainPrefix: 'corp-portal-auth',
  metadataUrl: 'https://login.corp.example.com/federationmetadata/2007-06/federationmetadata.xml',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw278Portal', { env: { account: '111122223333', region: 'eu-west-1' } });
  const preToken = new lambda.Function(stack, 'PreTokenGeneration', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => { event.response = { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { tenant: "corp" } } } }; return event; };'),
    environment: { TENANT_CLAIM: 'tenant', DEFAULT_TENANT: 'corp' },
  });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, preToken, cognito.LambdaVersion.V2_0);
  const idp = new cognito.UserPoolIdentityProviderSaml(stack, 'CorpSamlIdp', {
    userPool,
    name: saml.name,
    metadata: cognito.UserPoolIdentityProviderSamlMetadata.url(saml.metadataUrl),
    attributeMapping: { email: cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress') },
  });
  userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: saml.cognitoDomainPrefix } });
  const read = new cognito.ResourceServerScope({ scopeName: 'orders.read', scopeDescription: 'read orders' });
  const write = new cognito.ResourceServerScope({ scopeName: 'orders.write', scopeDescription: 'write orders' });
  const server = userPool.addResourceServer('OrdersApi', { identifier: 'https://api.portal.example.com', scopes: [read, write] });
  const client = userPool.addClient('SpaClient', {
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.resourceServer(server, read), cognito.OAuthScope.resourceServer(server, write)],
      callbackUrls: ['https://portal.example.com/auth/callback'],
      logoutUrls: ['https://portal.example.com/'],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom(saml.name), cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.minutes(10),
    idTokenValidity: Duration.minutes(10),
    refreshTokenValidity: Duration.days(1),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    authSessionValidity: Duration.minutes(3),
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
  });
  client.node.addDependency(idp);
  const api = new apigw.RestApi(stack, 'OrdersRestApi', { deployOptions: { stageName: 'prod' } });
  const authorizer = new apigw.CognitoUserPoolsAuthorizer(stack, 'OrdersAuthorizer', { cognitoUserPools: [userPool] });
  const handler = new lambda.Function(stack, 'OrdersHandler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "[]" });'),
    environment: { USER_POOL_ID: userPool.userPoolId, REQUIRED_SCOPE: 'https://api.portal.example.com/orders.read' },
  });
  api.root.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(handler), {
    authorizer,
    authorizationType: apigw.AuthorizationType.COGNITO,
    authorizationScopes: ['https://api.portal.example.com/orders.read'],
  });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  new CfnOutput(stack, 'SpaClientId', { value: client.userPoolClientId });
  new CfnOutput(stack, 'SamlAcsUrl', { value: `https://${saml.cognitoDomainPrefix}.auth.${stack.region}.amazoncognito.com/saml2/idpresponse` });
  new CfnOutput(stack, 'SpEntityId', { value: `urn:amazon:cognito:sp:${userPool.userPoolId}` });
  return templateOf(app, stack);
}
