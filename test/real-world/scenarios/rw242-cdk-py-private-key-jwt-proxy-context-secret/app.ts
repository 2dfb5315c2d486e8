/**
 * Written after aws-samples/cognito-external-idp-proxy (cdk/pjwt_stack.py, a Python CDK app, and its
 * cdk.context.template): an HTTP API that proxies Cognito's token request to a third-party IdP using private key JWT;
 * the IdP's client id and client secret come from CDK context and are written into the token function's environment
 * and into the user pool's OIDC identity provider; an empty Secrets Manager secret holds the private key; the app
 * client allows the code grant with the callback from context ("https://localhost" in the template file). Rewritten in
 * TypeScript with the context values a user fills in (fabricated, not real credentials); names are our own.
 */
import { Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

const CONTEXT: Record<string, string> = {
  api_version: 'v1',
  api_token_route: '/token',
  idp_attributes_path: '/userinfo',
  idp_auth_path: '/authorize',
  idp_keys_path: '/keys',
  idp_token_path: '/token',
  idp_client_id: '0oa9k2vx7rTqL4mWd5d7',
  idp_client_secret: 'qY7vK2pX9mN4sT8wL3zR6bH1cJ5fD0gAeU-iOtWx',
  idp_issuer_url: 'https://dev-31415926.okta.com/oauth2/default',
  idp_name: 'CorpOkta',
  idp_scopes: 'openid email profile',
  pkce: 'false',
  userpool_allowed_callback_url: 'https://localhost',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  for (const [k, v] of Object.entries(CONTEXT)) app.node.setContext(k, v);
  const stack = new Stack(app, 'Rw242PjwtProxy');
  const ctx = (k: string): string => stack.node.tryGetContext(k) as string;

  const api = new apigw.CfnApi(stack, 'ApiGwProxyApi', {
    description: 'Handles requests and responses between Cognito and 3rd party IdP',
    name: 'PjwtProxyApi',
    protocolType: 'HTTP',
    corsConfiguration: { allowMethods: ['POST'], allowOrigins: ['*'] },
  });
  const privateKey = new secretsmanager.Secret(stack, 'PrivateKey');
  const tokenRole = new iam.Role(stack, 'TokenRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    inlinePolicies: {
      SecretsManagerPolicy: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [privateKey.secretFullArn ?? privateKey.secretArn] })],
      }),
    },
  });
  const token = new lambda.Function(stack, 'Token', {
    runtime: lambda.Runtime.PYTHON_3_12,
    code: lambda.Code.fromInline('def handler(event, context):\n    return {"statusCode": 200}'),
    handler: 'index.handler',
    timeout: Duration.seconds(30),
    role: tokenRole,
    environment: {
      ClientId: ctx('idp_client_id'),
      ClientSecret: ctx('idp_client_secret'),
      IdpIssuerUrl: ctx('idp_issuer_url'),
      IdpTokenPath: ctx('idp_token_path'),
      ResponseUri: `https://${api.attrApiId}.auth.${Aws.REGION}.amazoncognito.com/oauth2/idpresponse`,
      Pkce: ctx('pkce'),
      Region: Aws.REGION,
      SecretsManagerPrivateKey: privateKey.secretName,
    },
  });
  const integration = new apigw.CfnIntegration(stack, 'ApiGwProxyIntegrationToken', {
    apiId: api.attrApiId,
    integrationType: 'AWS_PROXY',
    integrationUri: token.functionArn,
    integrationMethod: 'POST',
    payloadFormatVersion: '2.0',
  });
  const stage = new apigw.CfnStage(stack, 'ApiGwProxyStage', { apiId: api.attrApiId, stageName: ctx('api_version'), autoDeploy: true });
  new apigw.CfnRoute(stack, 'ApiGwProxyRouteToken', {
    apiId: api.attrApiId,
    routeKey: `POST ${ctx('api_token_route')}`,
    target: `integrations/${integration.ref}`,
  });
  const tokenUri = `${api.attrApiEndpoint}/${stage.stageName}${ctx('api_token_route')}`;
  token.addPermission('ApiGwTokenRoutePermission', {
    principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    sourceArn: `arn:aws:execute-api:${Aws.REGION}:${Aws.ACCOUNT_ID}:${api.ref}/*/*${ctx('api_token_route')}`,
  });

  const userPool = new cognito.UserPool(stack, 'UserPool');
  const issuer = ctx('idp_issuer_url');
  const idp = new cognito.UserPoolIdentityProviderOidc(stack, 'IdentityProvider', {
    clientId: ctx('idp_client_id'),
    clientSecret: ctx('idp_client_secret'),
    issuerUrl: issuer,
    userPool,
    attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
    endpoints: {
      authorization: issuer + ctx('idp_auth_path'),
      jwksUri: issuer + ctx('idp_keys_path'),
      token: tokenUri,
      userInfo: issuer + ctx('idp_attributes_path'),
    },
    name: ctx('idp_name'),
    scopes: ctx('idp_scopes').split(' '),
  });
  userPool.addClient('AppClient', {
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: [ctx('userpool_allowed_callback_url')],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom(idp.providerName)],
  });
  const domain = userPool.addDomain('CognitoDomain', { cognitoDomain: { domainPrefix: 'pjwt-proxy-demo' } });

  new CfnOutput(stack, 'ApiGwTokenEndpoint', { value: tokenUri });
  new CfnOutput(stack, 'SecretsManagerPrivateKeyArn', { value: privateKey.secretArn });
  new CfnOutput(stack, 'SecretsManagerPrivateKeyName', { value: privateKey.secretName });
  new CfnOutput(stack, 'CognitoIdpResponseUri', { value: domain.baseUrl() + '/oauth2/idpresponse' });
  return templateOf(app, stack);
}
