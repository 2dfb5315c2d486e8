/**
 * Written after a CDK NestedStack `CognitoService` found by code search (the index does not name its repository): the
 * parent stack nests a Cognito service stack holding a pool with self sign-up, a Cognito domain and a web API client
 * added through addNewClient (code grant, openid, one HTTPS callback, no authFlows, no lifetimes), and exports the pool
 * id, ARN, hosted-UI domain URL, JWKS URL and client id. The nested stack's template (as cdk.out writes it) is audited.
 * Names and URLs are ours.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp } from '../../app-helpers';

const CONFIG = { USERPOOL_NAME: 'OrderServiceUserPool', DOMAIN_PREFIX: 'order-service-auth', CALLBACK_URL: 'https://orders.example.net/callback', LOGOUT_URL: 'https://orders.example.net/logout' };
const REGION = 'ap-southeast-2';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const parent = new Stack(app, 'OrderServiceStack', { env: { account: '111122223333', region: REGION } });
  const nested = new NestedStack(parent, 'CognitoService');
  const userPool = new cognito.UserPool(nested, 'UserPool', { userPoolName: CONFIG.USERPOOL_NAME, removalPolicy: RemovalPolicy.DESTROY, selfSignUpEnabled: true });
  const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: CONFIG.DOMAIN_PREFIX } });
  const client = userPool.addClient('WebApiClient', {
    userPoolClientName: 'OrderTeamWebApiClient',
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: [CONFIG.CALLBACK_URL], logoutUrls: [CONFIG.LOGOUT_URL] },
  });
  new CfnOutput(nested, 'UserPoolId', { value: userPool.userPoolId, description: 'User Pool Id', exportName: `${CONFIG.USERPOOL_NAME}Id` });
  new CfnOutput(nested, 'UserPoolArn', { value: userPool.userPoolArn, description: 'User Pool ARN', exportName: `${CONFIG.USERPOOL_NAME}Arn` });
  new CfnOutput(nested, 'UserPoolDomain', { value: `https://${domain.domainName}.auth.${REGION}.amazoncognito.com`, description: 'User Pool Domain', exportName: `${CONFIG.USERPOOL_NAME}Domain` });
  new CfnOutput(nested, 'UserPoolJWKSUrl', { value: `https://cognito-idp.${REGION}.amazonaws.com/${userPool.userPoolId}/.well-known/jwks.json`, description: 'User Pool JWKS URL', exportName: `${CONFIG.USERPOOL_NAME}JWKSUrl` });
  new CfnOutput(nested, 'WebApiPoolClientId', { value: client.userPoolClientId, description: 'Order REST API User Pool Client Id', exportName: `${CONFIG.USERPOOL_NAME}ClientId` });
  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, nested.templateFile), 'utf8')) as Record<string, unknown>;
}
