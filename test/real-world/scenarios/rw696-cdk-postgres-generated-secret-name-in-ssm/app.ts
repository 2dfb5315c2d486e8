/**
 * Written after AustralianBioCommons/rems-aws-cdk (lib/database-stack.ts, the CDK app deploying REMS, the Resource
 * Entitlement Management System, for the Australian BioCommons), trimmed to what the pack judges: a Multi-AZ
 * PostgreSQL instance with `Credentials.fromGeneratedSecret('rems')`, deletion protection and Performance Insights,
 * an SSM String parameter `/rems/<env>/db-secret-name` holding the generated secret's name for the application, and
 * ingress from each private subnet. Construct ids are the source's; the VPC and config values are ours.
 */
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import { InstanceClass, InstanceSize, InstanceType, Peer, Port, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Credentials, DatabaseInstance, DatabaseInstanceEngine, PostgresEngineVersion } from 'aws-cdk-lib/aws-rds';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class DatabaseStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const deployEnvironment = 'prod';
    const vpc = new Vpc(this, 'RemsVpc', { maxAzs: 2 });
    const db = new DatabaseInstance(this, 'RemsDb', {
      engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_16 }),
      instanceType: InstanceType.of(InstanceClass.T4G, InstanceSize.MEDIUM),
      vpc,
      multiAz: true,
      allocatedStorage: 20,
      publiclyAccessible: false,
      credentials: Credentials.fromGeneratedSecret('rems'),
      databaseName: 'rems',
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      backupRetention: Duration.days(7),
      deletionProtection: true,
      enablePerformanceInsights: true,
      storageEncrypted: true,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
    });
    new ssm.StringParameter(this, 'DbSecretNameParameter', {
      parameterName: `/rems/${deployEnvironment}/db-secret-name`,
      stringValue: db.secret?.secretName || '',
    });
    for (const subnet of vpc.selectSubnets({ subnetType: SubnetType.PRIVATE_WITH_EGRESS }).subnets) {
      db.connections.allowFrom(Peer.ipv4(subnet.ipv4CidrBlock), Port.tcp(5432), 'Allow PostgreSQL access from private subnet');
    }
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new DatabaseStack(app, 'RemsDatabaseStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  return templateOf(app, stack);
}
