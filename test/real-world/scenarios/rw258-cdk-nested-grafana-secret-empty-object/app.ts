/**
 * Written after aws-solutions/centralized-logging-with-opensearch (source/constructs/lib/api/grafana-stack.ts): a
 * Secrets Manager secret created empty (secretObjectValue: {}) on the solution's customer-managed key, to hold
 * Grafana service-account tokens that the API writes later; a Lambda resolver that gets the secret's ARN and read/
 * write grants; an AppSync mutation that accepts the token as an argument. Here the construct lives in a CDK
 * NestedStack and the nested stack's template (as cdk.out writes it) is audited. Names are our own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Aws, Duration, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as ddb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { newApp } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const main = new Stack(app, 'Rw258LogHub');
  const encryptionKey = new kms.Key(main, 'SolutionKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
  const api = new appsync.GraphqlApi(main, 'LogHubApi', {
    name: 'log-hub-api',
    definition: appsync.Definition.fromFile(path.join(__dirname, 'schema.graphql')),
    authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } },
  });

  const nested = new NestedStack(main, 'GrafanaStack');
  const grafanaSecret = new Secret(nested, 'grafana-secret', {
    encryptionKey,
    secretName: 'grafana-secret',
    secretObjectValue: {},
  });
  const table = new ddb.Table(nested, 'Grafana', {
    partitionKey: { name: 'id', type: ddb.AttributeType.STRING },
    billingMode: ddb.BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const handler = new lambda.Function(nested, 'GrafanaHandler', {
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return None\n'),
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.lambda_handler',
    timeout: Duration.seconds(60),
    memorySize: 1024,
    environment: {
      GRAFANA_TABLE: table.tableName,
      GRAFANA_SECRET_ARN: grafanaSecret.secretArn,
      STACK_PREFIX: 'CL',
      SOLUTION_VERSION: 'v2.2.0',
      SOLUTION_ID: 'SO8025',
    },
    description: `${Aws.STACK_NAME} - Grafana APIs Resolver`,
  });
  grafanaSecret.grantRead(handler);
  grafanaSecret.grantWrite(handler);
  table.grantReadWriteData(handler);
  const ds = new appsync.LambdaDataSource(nested, 'GrafanaLambdaDS', { api, lambdaFunction: handler, description: 'Lambda Resolver Datasource' });
  ds.createResolver('createGrafana', {
    typeName: 'Mutation',
    fieldName: 'createGrafana',
    requestMappingTemplate: appsync.MappingTemplate.fromString(
      '{"version": "2017-02-28", "operation": "Invoke", "payload": {"arguments": $util.toJson($ctx.args), "info": {"fieldName": "$ctx.info.fieldName"}}}',
    ),
    responseMappingTemplate: appsync.MappingTemplate.lambdaResult(),
  });
  ds.createResolver('listGrafanas', {
    typeName: 'Query',
    fieldName: 'listGrafanas',
    requestMappingTemplate: appsync.MappingTemplate.lambdaRequest(),
    responseMappingTemplate: appsync.MappingTemplate.lambdaResult(),
  });

  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, nested.templateFile), 'utf8')) as Record<string, unknown>;
}
