/**
 * Written after the aws-cdk-lib aws-cognito and aws-apigateway README patterns used by public CDK apps found by code
 * search (a UserPoolResourceServer with custom scopes, a client-credentials client with generateSecret and
 * OAuthScope.resourceServer scopes, a hosted domain, and a REST API method protected by a CognitoUserPoolsAuthorizer
 * with authorizationScopes). The secret is never read in the template. Names and values are this project's own.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw160');
  const pool = new cognito.UserPool(stack, 'ServicePool', { selfSignUpEnabled: false });
  const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'inventory-m2m-7f3a' } });
  const writeScope = new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write inventory' });
  const server = pool.addResourceServer('InventoryServer', { identifier: 'inventory', scopes: [writeScope] });
  const client = pool.addClient('WarehouseSyncClient', {
    generateSecret: true,
    accessTokenValidity: Duration.minutes(5),
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, writeScope)] },
  });
  const fn = new lambda.Function(stack, 'InventoryFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const api = new apigateway.RestApi(stack, 'InventoryApi');
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'M2mAuthorizer', { cognitoUserPools: [pool] });
  api.root.addResource('items').addMethod('POST', new apigateway.LambdaIntegration(fn), {
    authorizer,
    authorizationType: apigateway.AuthorizationType.COGNITO,
    authorizationScopes: ['inventory/write'],
  });
  new CfnOutput(stack, 'TokenEndpoint', { value: `${domain.baseUrl()}/oauth2/token` });
  new CfnOutput(stack, 'WarehouseSyncClientId', { value: client.userPoolClientId });
  return templateOf(app, stack);
}
