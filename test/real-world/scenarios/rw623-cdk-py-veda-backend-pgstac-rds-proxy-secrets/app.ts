/**
 * Written after NASA-IMPACT/veda-backend (database/infrastructure/construct.py), the Python CDK database construct of
 * NASA's VEDA backend, rewritten in TypeScript: a PostgreSQL RDS instance with CDK's default generated master secret,
 * a BootstrapPgStac construct (a function plus a custom resource given the master secret's ARN and a new pgSTAC user
 * secret generated from a template of dbname/engine/port/host/username), and, with use_rds_proxy on, an RDS Proxy over
 * both secrets and an "RDSProxySecret" built with secret_object_value from plain-text identifiers and the pgSTAC
 * password as a dynamic reference; an output gives the secret's ARN. The Docker-built bootstrap handler is inline
 * code here; settings are ours. Construct ids are the source's.
 */
import { CfnOutput, CustomResource, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class BootstrapPgStac extends Construct {
  secret: secretsmanager.ISecret;
  constructor(scope: Construct, id: string, props: { database: rds.DatabaseInstance; newDbname: string; newUsername: string; secretsPrefix: string; host: string }) {
    super(scope, id);
    const handler = new lambda.Function(this, 'lambda', {
      handler: 'handler.handler',
      runtime: lambda.Runtime.PYTHON_3_12,
      code: lambda.Code.fromInline('def handler(event, context):\n    pass\n'),
      timeout: Duration.minutes(5),
      vpc: props.database.vpc,
    });
    const secret = new secretsmanager.Secret(this, 'secret', {
      secretName: `${props.secretsPrefix}/${id}/${this.node.addr.slice(-8)}`,
      generateSecretString: {
        secretStringTemplate: Stack.of(this).toJsonString({ dbname: props.newDbname, engine: 'postgres', port: 5432, host: props.host, username: props.newUsername }),
        generateStringKey: 'password',
        excludePunctuation: true,
      },
      description: `Pgstac database bootsrapped by ${Stack.of(this).stackName} stack`,
    });
    this.secret = secret;
    secret.grantRead(handler);
    props.database.secret!.grantRead(handler);
    props.database.connections.allowFrom(handler, ec2.Port.tcp(5432));
    new CustomResource(scope, 'bootstrapper', {
      serviceToken: handler.functionArn,
      properties: {
        pgstac_version: '0.9.5',
        conn_secret_arn: props.database.secret!.secretArn,
        new_user_secret_arn: secret.secretArn,
        veda_schema_version: '0.1.6',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

class RdsConstruct extends Construct {
  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc }) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 });
    const parameterGroup = new rds.ParameterGroup(this, 'parameter-group', {
      engine,
      parameters: { max_locks_per_transaction: '1024', work_mem: '64000', temp_buffers: '32000' },
    });
    const database = new rds.DatabaseInstance(this, 'rds', {
      instanceIdentifier: `${stackName}-postgres`,
      vpc: props.vpc,
      engine,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE3, ec2.InstanceSize.SMALL),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      publiclyAccessible: false,
      parameterGroup,
      storageEncrypted: true,
    });
    const pgstac = new BootstrapPgStac(this, 'pgstac', {
      database,
      newDbname: 'postgis',
      newUsername: 'pgstac_user',
      secretsPrefix: stackName,
      host: database.instanceEndpoint.hostname,
    });
    const proxySecret = pgstac.secret;
    const proxyRole = new iam.Role(this, 'RDSProxyRole', { assumedBy: new iam.ServicePrincipal('rds.amazonaws.com') });
    const proxy = new rds.DatabaseProxy(this, 'RdsProxy', {
      proxyTarget: rds.ProxyTarget.fromInstance(database),
      vpc: props.vpc,
      secrets: [database.secret!, proxySecret],
      dbProxyName: `${stackName}-proxy`,
      role: proxyRole,
      requireTLS: false,
      debugLogging: false,
    });
    pgstac.secret = new secretsmanager.Secret(this, 'RDSProxySecret', {
      secretName: `${stackName}/rds-proxy-${id}/${this.node.addr.slice(-8)}`,
      description: 'RDS Proxy secret manager',
      secretObjectValue: {
        dbname: SecretValue.unsafePlainText('postgis'),
        engine: SecretValue.unsafePlainText('postgres'),
        port: SecretValue.unsafePlainText('5432'),
        host: SecretValue.unsafePlainText(proxy.endpoint),
        username: SecretValue.unsafePlainText('pgstac_user'),
        password: proxySecret.secretValueFromJson('password'),
      },
    });
    new CfnOutput(this, 'pgstac-secret-name', {
      value: pgstac.secret.secretArn,
      exportName: `${stackName}-stac-db-secret-name`,
      description: `Name of the Secrets Manager instance holding the connection info for the ${id} postgres database`,
    });
    new CfnOutput(this, 'rds-proxy-endpoint', { value: proxy.endpoint });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'veda-backend-dev', { env: { account: '111122223333', region: 'us-west-2' } });
  const vpc = new ec2.Vpc(stack, 'network', { maxAzs: 2 });
  new RdsConstruct(stack, 'database', { vpc });
  return templateOf(app, stack);
}
