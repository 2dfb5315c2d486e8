/**
 * Written after NASA-IMPACT/veda-backend (ingest_api/infrastructure/construct.py), the Python CDK construct of the
 * VEDA STAC ingestion API, rewritten in TypeScript: a DynamoDB ingestions table, an API function and a stream-driven
 * ingestor function whose environments hold the pgSTAC database secret's ARN (imported by name), the Keycloak client
 * id, the OpenID configuration URL, the name of the Keycloak UMA resource-server client secret and a data-access role
 * ARN; the functions are granted read on both imported secrets (and decrypt on the Keycloak secret's key), behind an
 * HTTP API with an exported URL and an SSM String parameter with the table name. Docker-built handlers are inline
 * code here; settings are ours. Construct ids are the source's.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as events from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const config = {
  stage: 'dev',
  vedaStacApiCfUrl: 'https://dev.openveda.cloud/api/stac',
  vedaRasterApiCfUrl: 'https://dev.openveda.cloud/api/raster',
  ingestRootPath: '/api/ingest',
  keycloakIngestApiClientId: 'veda-ingest-api',
  openidConfigurationUrl: 'https://auth.openveda.cloud/realms/veda/.well-known/openid-configuration',
  keycloakUmaResourceServerClientSecretName: 'veda-keycloak-dev/uma-resource-server-client',
  keycloakSecretKmsKeyArn: 'arn:aws:kms:us-west-2:111122223333:key/3f9a1c2e-7b4d-4e8a-9c6f-1d2e3f4a5b6c',
  rasterDataAccessRoleArn: 'arn:aws:iam::111122223333:role/veda-data-access',
  gitSha: '4b1e6d0c9a8f7e6d5c4b3a2918f7e6d5c4b3a291',
  stacDbSecurityGroupId: 'sg-0a1b2c3d4e5f60718',
  buckets: ['veda-data-store-staging'],
};

function keycloakSecret(ctx: Construct, nameOrArn: string): secretsmanager.ISecret {
  return nameOrArn.startsWith('arn:')
    ? secretsmanager.Secret.fromSecretCompleteArn(ctx, 'veda-keycloak-client-uma-resource-server', nameOrArn)
    : secretsmanager.Secret.fromSecretNameV2(ctx, 'veda-keycloak-client-uma-resource-server', nameOrArn);
}

function baseEnv(tableName: string): Record<string, string> {
  return {
    DYNAMODB_TABLE: tableName,
    NO_PYDANTIC_SSM_SETTINGS: '1',
    STAC_URL: config.vedaStacApiCfUrl,
    RASTER_URL: config.vedaRasterApiCfUrl,
    CLIENT_ID: config.keycloakIngestApiClientId,
    OPENID_CONFIGURATION_URL: config.openidConfigurationUrl,
    GIT_SHA: config.gitSha,
    KEYCLOAK_UMA_RESOURCE_SERVER_CLIENT_SECRET_NAME: config.keycloakUmaResourceServerClientSecretName,
    DATA_ACCESS_ROLE_ARN: config.rasterDataAccessRoleArn,
  };
}

class ApiConstruct extends Construct {
  readonly table: dynamodb.Table;
  constructor(scope: Construct, id: string, props: { dbSecret: secretsmanager.ISecret; dbVpc: ec2.IVpc }) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'ingestions-table', {
      partitionKey: { name: 'created_by', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    const dbSecurityGroup = ec2.SecurityGroup.fromSecurityGroupId(this, 'db-security-group', config.stacDbSecurityGroupId);
    const kcSecret = keycloakSecret(this, config.keycloakUmaResourceServerClientSecretName);
    const stackName = Stack.of(this).stackName;
    const role = new iam.Role(this, 'execution-role', {
      description: 'Role used by STAC Ingestor. Manually defined so that we can choose a name that is supported by the data access roles trust policy',
      roleName: `stac-ingestion-api-${stackName}-role`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')],
    });
    const handler = new lambda.Function(this, 'api-handler', {
      code: lambda.Code.fromInline('def handler(event, context):\n    pass\n'),
      runtime: lambda.Runtime.PYTHON_3_12,
      timeout: Duration.seconds(30),
      handler: 'handler.handler',
      role,
      environment: { DB_SECRET_ARN: props.dbSecret.secretArn, ...baseEnv(this.table.tableName), ROOT_PATH: config.ingestRootPath, STAGE: config.stage },
      vpc: props.dbVpc,
      memorySize: 2048,
    });
    this.table.grantReadWriteData(handler);
    iam.Role.fromRoleArn(this, 'data-access-role', config.rasterDataAccessRoleArn).grant(handler.grantPrincipal, 'sts:AssumeRole');
    props.dbSecret.grantRead(handler);
    kcSecret.grantRead(handler);
    kms.Key.fromKeyArn(this, 'keycloak-secret-kms-key', config.keycloakSecretKmsKeyArn).grant(handler, 'kms:Decrypt', 'kms:GenerateDataKey');
    dbSecurityGroup.addIngressRule(handler.connections.securityGroups[0], ec2.Port.tcp(5432), 'Allow connections from STAC Ingestor');
    handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: config.buckets.map((b) => `arn:aws:s3:::${b}/*`) }));
    const api = new apigwv2.HttpApi(this, `${stackName}-${id}`, { defaultIntegration: new integrations.HttpLambdaIntegration(id, handler) });
    const out = new CfnOutput(this, 'stac-ingestor-api-url', { exportName: `${stackName}-stac-ingestor-api-url`, value: api.url! });
    out.overrideLogicalId('ingestapiurl');
    new ssm.StringParameter(this, 'dynamodb-table-parameter', { description: 'Name of table used to store ingestions', parameterName: `/${stackName}/dynamodb_table`, stringValue: this.table.tableName });
  }
}

class IngestorConstruct extends Construct {
  constructor(scope: Construct, id: string, props: { table: dynamodb.ITable; dbSecret: secretsmanager.ISecret; dbVpc: ec2.IVpc }) {
    super(scope, id);
    const kcSecret = keycloakSecret(this, config.keycloakUmaResourceServerClientSecretName);
    const handler = new lambda.Function(this, 'stac-ingestor', {
      code: lambda.Code.fromInline('def handler(event, context):\n    pass\n'),
      handler: 'ingestor.handler',
      runtime: lambda.Runtime.PYTHON_3_12,
      timeout: Duration.seconds(180),
      environment: { DB_SECRET_ARN: props.dbSecret.secretArn, ...baseEnv(props.table.tableName) },
      vpc: props.dbVpc,
      memorySize: 2048,
    });
    props.dbSecret.grantRead(handler);
    kcSecret.grantRead(handler);
    props.table.grantWriteData(handler);
    handler.addEventSource(new events.DynamoEventSource(props.table, { batchSize: 1000, maxBatchingWindow: Duration.seconds(10), startingPosition: lambda.StartingPosition.TRIM_HORIZON, retryAttempts: 1 }));
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'veda-backend-ingest-dev', { env: { account: '111122223333', region: 'us-west-2' } });
  const vpc = new ec2.Vpc(stack, 'vpc', { maxAzs: 2 });
  const dbSecret = secretsmanager.Secret.fromSecretNameV2(stack, 'pgstac-db-secret-dev', 'veda-backend-dev/pgstac/5d4eee7f');
  const api = new ApiConstruct(stack, 'ingest-api', { dbSecret, dbVpc: vpc });
  new IngestorConstruct(stack, 'IngestorConstruct', { table: api.table, dbSecret, dbVpc: vpc });
  return templateOf(app, stack);
}
