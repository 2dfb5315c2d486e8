/**
 * Written after cdk-patterns/serverless (the-simple-graphql-service/typescript/lib/the-simple-graphql-service-stack.ts):
 * an AppSync API (API-key auth by default), a CfnApiKey for it, a DynamoDB and a Lambda data source, and stack
 * outputs of the GraphQL URL and of the key itself (apiKey.attrApiKey). Ported to aws-cdk-lib v2; names and values are
 * this project's own.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw155');
  const api = new appsync.GraphqlApi(stack, 'Api', {
    name: 'demoapi',
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR },
    definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/schema.graphql`)),
  });
  const apiKey = new appsync.CfnApiKey(stack, 'the-simple-graphql-service-api-key', { apiId: api.apiId });
  const table = new dynamodb.Table(stack, 'CustomerTable', { billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  api.addDynamoDbDataSource('Customer', table);
  const loyalty = new lambda.Function(stack, 'LoyaltyLambdaHandler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => "GOLD";'),
    environment: { CUSTOMER_TABLE: table.tableName },
  });
  api.addLambdaDataSource('Loyalty', loyalty).createResolver('GetLoyaltyLevel', {
    typeName: 'Query',
    fieldName: 'getLoyaltyLevel',
    requestMappingTemplate: appsync.MappingTemplate.lambdaRequest(),
    responseMappingTemplate: appsync.MappingTemplate.lambdaResult(),
  });
  new CfnOutput(stack, 'Endpoint', { value: api.graphqlUrl });
  new CfnOutput(stack, 'API_Key', { value: apiKey.attrApiKey });
  return templateOf(app, stack);
}
