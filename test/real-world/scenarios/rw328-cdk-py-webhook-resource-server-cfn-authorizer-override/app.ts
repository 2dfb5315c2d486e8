/**
 * Written after yken2257/apigateway-client-credentials-cdk (app.py), a Python CDK v1 app rewritten in TypeScript
 * against aws-cdk-lib 2: a webhook receiver protected by client-credentials tokens - a user pool with a resource server
 * (a full-access scope), a hosted domain whose prefix comes from the shell, an output of the pool id, a Python
 * function, a REST API with an endpoint export, an L1 COGNITO_USER_POOLS authorizer, and a POST method with
 * authorization scopes whose AuthorizerId is set by a property override. The client is made outside CDK. Values are
 * ours.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'EventWebhookStack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', { userPoolName: 'EventWebhookUserPool' });
  const fullAccess = new cognito.ResourceServerScope({ scopeName: '*', scopeDescription: 'Full access' });
  const resourcePath = 'activity';
  userPool.addResourceServer('ResourceServer', { identifier: resourcePath, scopes: [fullAccess] });
  userPool.addDomain('EventWebhookCognitoDomain', { cognitoDomain: { domainPrefix: 'event-webhook-7731' } });
  new CfnOutput(stack, 'CognitoUserPoolId', { value: userPool.userPoolId });
  const fn = new lambda.Function(stack, 'PrintPostFunc', {
    code: lambda.Code.fromInline('def handler(event, context):\n    print(event["body"])\n    return {"statusCode": 200}\n'),
    handler: 'index.handler',
    runtime: lambda.Runtime.PYTHON_3_12,
  });
  const api = new apigw.RestApi(stack, 'PrintPostStackApi', { endpointExportName: 'PrintPostStackApi' });
  const authorizer = new apigw.CfnAuthorizer(stack, 'APIGatewayAuthorizer', {
    identitySource: 'method.request.header.Authorization',
    providerArns: [userPool.userPoolArn],
    restApiId: api.restApiId,
    type: 'COGNITO_USER_POOLS',
    name: 'my_authorizer',
  });
  const method = api.root.addResource(resourcePath).addMethod('POST', new apigw.LambdaIntegration(fn), {
    authorizationType: apigw.AuthorizationType.COGNITO,
    authorizationScopes: [`${resourcePath}/*`],
  });
  (method.node.findChild('Resource') as apigw.CfnMethod).addPropertyOverride('AuthorizerId', { Ref: authorizer.logicalId });
  return templateOf(app, stack);
}
