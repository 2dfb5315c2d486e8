/**
 * Written after iam326/cognito-client-credentials-by-cdk (lib/cognito-client-credentials-by-cdk-stack.ts), a CDK v1
 * app rewritten against aws-cdk-lib 2: a user pool for machine-to-machine access with a resource server (a read scope
 * and a full-access scope) and a hosted domain, a REST API whose methods use an L1 Cognito authorizer with scopes, a
 * CORS mock integration, and an exported pool id. The app client itself is created by a shell script outside CDK,
 * so the template has none. Names are ours.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw314MachineApi');
  const project = 'partner-feed';
  const userPool = new cognito.UserPool(stack, 'UserPool', { userPoolName: `${project}-user-pool` });
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read-only access' });
  const all = new cognito.ResourceServerScope({ scopeName: '*', scopeDescription: 'Full access' });
  userPool.addResourceServer('ResourceServer', { identifier: 'feeds', scopes: [read, all] });
  userPool.addDomain('CognitoDomain', { cognitoDomain: { domainPrefix: 'partner-feed-m2m' } });
  const fn = new lambda.Function(stack, 'FeedFunction', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "[]" });'),
    functionName: `${project}-feed`,
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_20_X,
    timeout: Duration.seconds(10),
    memorySize: 128,
  });
  const api = new apigw.RestApi(stack, 'RestApi', { restApiName: `${project}-api`, deployOptions: { stageName: 'v1' } });
  const authorizer = new apigw.CfnAuthorizer(stack, 'APIGatewayAuthorizer', {
    name: 'authorizer',
    identitySource: 'method.request.header.Authorization',
    providerArns: [userPool.userPoolArn],
    restApiId: api.restApiId,
    type: apigw.AuthorizationType.COGNITO,
  });
  const withAuth = { authorizationType: apigw.AuthorizationType.COGNITO, authorizer: { authorizerId: authorizer.ref } };
  const feeds = api.root.addResource('feeds');
  feeds.addMethod('GET', new apigw.LambdaIntegration(fn), { ...withAuth, authorizationScopes: ['feeds/read', 'feeds/*'] });
  feeds.addMethod('POST', new apigw.LambdaIntegration(fn), { ...withAuth, authorizationScopes: ['feeds/*'] });
  feeds.addMethod(
    'OPTIONS',
    new apigw.MockIntegration({
      integrationResponses: [{
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Headers': "'Content-Type,Authorization'",
          'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,POST,GET'",
          'method.response.header.Access-Control-Allow-Origin': "'*'",
        },
        responseTemplates: { 'application/json': '{}' },
      }],
      passthroughBehavior: apigw.PassthroughBehavior.WHEN_NO_MATCH,
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }),
    {
      methodResponses: [{
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Methods': false,
          'method.response.header.Access-Control-Allow-Headers': false,
          'method.response.header.Access-Control-Allow-Origin': false,
        },
      }],
    },
  );
  new CfnOutput(stack, 'CognitoUserPoolId', { value: userPool.userPoolId, exportName: 'PartnerFeedUserPoolId' });
  return templateOf(app, stack);
}
