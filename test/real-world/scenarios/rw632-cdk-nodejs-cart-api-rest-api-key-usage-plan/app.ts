/**
 * Written after rolling-scopes-school/nodejs-aws-cart-api (deployment/lib/deployment-stack.ts), the RS School
 * Node.js-in-AWS course's cart service: a function with an empty environment behind a REST API whose methods
 * require an API key, a generated API key (`api.addApiKey('ApiKey')`, value chosen by API Gateway) and a usage plan
 * on the deployment stage. The NestJS bundle is inline code here. Construct ids are the source's.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'DeploymentStack');
  const cartApiLambda = new lambda.Function(stack, 'CartApiLambda', {
    runtime: lambda.Runtime.NODEJS_20_X,
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "[]" });'),
    handler: 'main.handler',
    environment: {},
  });
  const api = new apigateway.RestApi(stack, 'Api', { deploy: true, defaultMethodOptions: { apiKeyRequired: true } });
  api.root.addProxy({ defaultIntegration: new apigateway.LambdaIntegration(cartApiLambda, { proxy: true }) });
  const apiKey = api.addApiKey('ApiKey');
  const usagePlan = api.addUsagePlan('UsagePlan', { name: 'UsagePlan', apiStages: [{ api, stage: api.deploymentStage }] });
  usagePlan.addApiKey(apiKey);
  return templateOf(app, stack);
}
