/**
 * Written after a CDK NestedStack `ApiGatewayLambdaStack` found by code search (the index does not name its
 * repository; a chat front end for Amazon Q Business): the nested stack builds four functions given the Q application
 * id, a REST API "APIProtectedWithAPIKey" whose methods require an API key, a Secrets Manager secret generating an
 * `api_key` field beside {"username":"web_user"}, an API key whose value is
 * `secret.secretValueFromJson('api_key').unsafeUnwrap()` (a {{resolve:secretsmanager:…:SecretString:api_key::}}
 * reference), a usage plan, and an exported URL output; the parent keeps the secret's ARN for the web app. The
 * nested stack's template (as cdk.out writes it) is audited. Function assets are replaced by inline code; the Q
 * application id is a fake of the same shape. Names are ours.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp } from '../../app-helpers';

class ApiGatewayLambdaStack extends cdk.NestedStack {
  readonly apiKeySecretArn: string;
  constructor(scope: Construct, id: string, props: cdk.NestedStackProps & { qApplicationId: string }) {
    super(scope, id, props);
    const fn = (fid: string, pkg: string) => {
      const f = new lambda.Function(this, fid, {
        functionName: fid, runtime: lambda.Runtime.NODEJS_20_X, architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler', code: lambda.Code.fromInline(`exports.handler = async () => ({ statusCode: 200, body: '${pkg}' });`),
        memorySize: 1024, timeout: cdk.Duration.minutes(1), environment: { Q_APPLICATION_ID: props.qApplicationId },
      });
      f.addToRolePolicy(new iam.PolicyStatement({ actions: ['qbusiness:*'], resources: ['*'] }));
      return new apigateway.LambdaIntegration(f);
    };
    const api = new apigateway.RestApi(this, 'ApiGateway', { restApiName: 'APIProtectedWithAPIKey', description: 'This service serves multiple Lambda functions protected with API Keys.' });
    const secret = new secretsmanager.Secret(this, 'Secret', {
      generateSecretString: { generateStringKey: 'api_key', secretStringTemplate: JSON.stringify({ username: 'web_user' }), excludeCharacters: ' %+~`#$&*()|[]{}:;<>?!\'/@"\\' },
    });
    const apiKey = api.addApiKey('ApiKey', { apiKeyName: 'web-app-key', value: secret.secretValueFromJson('api_key').unsafeUnwrap() });
    const plan = new apigateway.UsagePlan(this, 'UsagePlan', { name: 'BasicUsagePlan', throttle: { rateLimit: 10, burstLimit: 2 }, quota: { limit: 1000, period: apigateway.Period.MONTH } });
    plan.addApiStage({ stage: api.deploymentStage, api });
    plan.addApiKey(apiKey);
    const chat = api.root.addResource('chat');
    chat.addMethod('GET', fn('GetChatLambda', 'getChat'), { apiKeyRequired: true });
    chat.addMethod('POST', fn('PostChatLambda', 'postChat'), { apiKeyRequired: true });
    const conv = chat.addResource('conversation').addResource('{id}');
    conv.addMethod('GET', fn('GetConversationLambda', 'getConversation'), { apiKeyRequired: true });
    conv.addMethod('DELETE', fn('DeleteConversationLambda', 'deleteConversation'), { apiKeyRequired: true });
    this.apiKeySecretArn = secret.secretArn;
    new cdk.CfnOutput(this, 'APIGatewayURL', { value: api.url, description: 'URL of the API Gateway', exportName: `${this.stackName}-ApiUrl` });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const parent = new cdk.Stack(app, 'QBusinessChatStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const nested = new ApiGatewayLambdaStack(parent, 'ApiGatewayLambdaStack', { qApplicationId: '3f1c2a9e-7b4d-4e8a-9c21-5d6e7f8a9b0c' });
  new cdk.CfnOutput(parent, 'ApiKeySecretArn', { value: nested.apiKeySecretArn });
  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, nested.templateFile), 'utf8')) as Record<string, unknown>;
}
