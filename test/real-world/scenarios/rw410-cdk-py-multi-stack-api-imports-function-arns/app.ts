/**
 * Written after casey-sayre/lambda-demo (app.py with src/lambda_demo/cdk/api_gateway_stack.py, cognito_stack.py and
 * lambda_stack.py), a Python CDK app rewritten in TypeScript: a Cognito stack, three Lambda stacks (customers, orders,
 * products) and an API Gateway stack in the same app whose REST API proxies to the functions of the other stacks, so CDK
 * writes exports in the Lambda stacks and Fn::ImportValue of the functions' ARNs and names in the API stack, with an
 * L1 deployment and stage. The API stack's template is audited. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const env = { account: '111122223333', region: 'us-east-2' };
  const cognitoStack = new Stack(app, 'CognitoStack', { env });
  new cognito.UserPool(cognitoStack, 'MyUserPool', { userPoolName: 'MyFastAPIUserPool' }).addClient('MyUserPoolClient');
  const specs = ['customers', 'orders', 'products'].map((key) => {
    const s = new Stack(app, `LambdaStack-${key}`, { env });
    const fn = new lambda.Function(s, `${key}LambdaFunction`, {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'handler.lambda_handler',
      code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return {"statusCode": 200}\n'),
      environment: { POWERTOOLS_SERVICE_NAME: key, LOG_LEVEL: 'INFO' },
    });
    return { key, fn };
  });
  const api = new Stack(app, 'ApiGatewayStack', { env });
  const restApi = new apigateway.RestApi(api, 'DemoRestApi', {
    restApiName: 'RedirectedLambdaAPI',
    description: 'API Gateway redirecting to Lambda functions in other stacks',
    deploy: false,
    defaultCorsPreflightOptions: { allowOrigins: apigateway.Cors.ALL_ORIGINS, allowMethods: apigateway.Cors.ALL_METHODS, allowHeaders: ['*'] },
  });
  const deployment = new apigateway.CfnDeployment(api, 'LambdaDemoDeployment', { restApiId: restApi.restApiId });
  for (const spec of specs) {
    const resource = restApi.root.addResource(spec.key);
    resource.addMethod('ANY', new apigateway.LambdaIntegration(spec.fn, { proxy: true }));
    deployment.node.addDependency(resource);
  }
  new apigateway.CfnStage(api, 'LambdaDemoStage', { restApiId: restApi.restApiId, deploymentId: deployment.ref, stageName: 'dev' });
  return templateOf(app, api);
}
