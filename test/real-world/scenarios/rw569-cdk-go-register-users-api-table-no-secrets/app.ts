/**
 * Written after pfellow/aws-cdk-go-register-users (gocdk.go), a Go CDK app rewritten in TypeScript: a users table, one
 * Go function (provided.al2023, a zip built beside the app) granted read/write on it, and a REST API with CORS, a
 * CloudWatch role, INFO logging and POST /register, POST /login and GET /protected routes all proxied to the function
 * (the function issues and checks its own JWTs with a key kept in its code, not in the template). The stack is
 * environment-agnostic, as in the source. The zip asset (a Go binary on provided.al2023) is replaced by inline
 * Node.js code. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'GocdkStack');
  const table = new dynamodb.Table(stack, 'userTable', { partitionKey: { name: 'username', type: dynamodb.AttributeType.STRING }, tableName: 'userTable' });
  const fn = new lambda.Function(stack, 'goLambdaFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
  });
  table.grantReadWriteData(fn);
  const api = new apigateway.RestApi(stack, 'ApiGateway', {
    defaultCorsPreflightOptions: { allowHeaders: ['Content-Type', 'Authorization'], allowMethods: ['GET', 'POST', 'DELETE', 'PUT', 'OPTIONS'], allowOrigins: ['*'] },
    cloudWatchRole: true,
    deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.INFO },
  });
  const integration = new apigateway.LambdaIntegration(fn);
  api.root.addResource('register').addMethod('POST', integration);
  api.root.addResource('login').addMethod('POST', integration);
  api.root.addResource('protected').addMethod('GET', integration);
  return templateOf(app, stack);
}
