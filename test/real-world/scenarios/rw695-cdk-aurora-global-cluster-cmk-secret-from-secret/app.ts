/**
 * Written after InfraTales/aws-cdk-multi-region-disaster-recovery-aurora-global-db (lib/database-stack.ts), trimmed
 * to what the pack judges: the primary region's DatabaseStack construct: a `DbCredentials` secret generated under the
 * stack's customer-managed key, an Aurora MySQL cluster given it with Credentials.fromSecret and encrypted with the
 * same key, joined to a CfnGlobalCluster through an override, and two L1 read replicas with enhanced monitoring.
 * Construct ids are the source's (its deprecated instanceProps become writer/readers); the VPC and KMS key (passed in
 * by the source) are created here.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

interface Config { environmentSuffix: string; regionName: string }

class DatabaseStack extends Construct {
  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc; config: Config; kmsKey: kms.IKey }) {
    super(scope, id);
    const { vpc, config, kmsKey } = props;
    const credentials = new secretsmanager.Secret(this, 'DbCredentials', {
      description: 'Aurora database credentials',
      secretName: `tap-db-credentials-${config.environmentSuffix}-${config.regionName}`,
      encryptionKey: kmsKey,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'admin' }),
        generateStringKey: 'password',
        excludeCharacters: ' %+~`#$&*()|[]{}:;<>?!\'/@"\\',
        passwordLength: 32,
      },
    });
    const securityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', { vpc, description: 'Security group for Aurora database', allowAllOutbound: true });
    const subnetGroup = new rds.SubnetGroup(this, 'SubnetGroup', { description: 'Subnet group for Aurora database', vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
    const engine = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_04_0 });
    const parameterGroup = new rds.ParameterGroup(this, 'DbParameterGroup', {
      engine,
      description: 'Custom parameter group for Aurora MySQL',
      parameters: { slow_query_log: '1', general_log: '1', log_output: 'FILE', max_connections: '1000' },
    });
    const globalCluster = new rds.CfnGlobalCluster(this, 'GlobalCluster', {
      globalClusterIdentifier: `tap-global-cluster-${config.environmentSuffix}`,
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.04.0',
      storageEncrypted: true,
    });
    const cluster = new rds.DatabaseCluster(this, 'AuroraCluster', {
      engine,
      credentials: rds.Credentials.fromSecret(credentials),
      clusterIdentifier: `tap-aurora-${config.environmentSuffix}-${config.regionName}`,
      defaultDatabaseName: 'tapdb',
      writer: rds.ClusterInstance.provisioned('Instance1', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.XLARGE), parameterGroup }),
      readers: [rds.ClusterInstance.provisioned('Instance2', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.XLARGE), parameterGroup })],
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      backup: { retention: cdk.Duration.days(7), preferredWindow: '03:00-04:00' },
      cloudwatchLogsExports: ['error', 'general', 'slowquery', 'audit'],
      cloudwatchLogsRetention: logs.RetentionDays.ONE_MONTH,
      storageEncrypted: true,
      storageEncryptionKey: kmsKey,
      subnetGroup,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    (cluster.node.defaultChild as rds.CfnDBCluster).addPropertyOverride('GlobalClusterIdentifier', globalCluster.ref);
    const monitoringRole = new cdk.aws_iam.Role(this, 'RDSMonitoringRole', {
      assumedBy: new cdk.aws_iam.ServicePrincipal('monitoring.rds.amazonaws.com'),
      managedPolicies: [cdk.aws_iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonRDSEnhancedMonitoringRole')],
    });
    for (let i = 0; i < 2; i++) {
      new rds.CfnDBInstance(this, `ReadReplica${i}`, {
        dbInstanceIdentifier: `tap-read-replica-${config.environmentSuffix}-${config.regionName}-${i}`,
        dbClusterIdentifier: cluster.clusterIdentifier,
        dbInstanceClass: 'db.r6g.large',
        engine: 'aurora-mysql',
        monitoringInterval: 60,
        monitoringRoleArn: monitoringRole.roleArn,
        publiclyAccessible: false,
      });
    }
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new cdk.Stack(app, 'TapStackPrimary', { env: { account: '111122223333', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  const kmsKey = new kms.Key(stack, 'KmsKey', { enableKeyRotation: true });
  new DatabaseStack(stack, 'Database', { vpc, config: { environmentSuffix: 'prod', regionName: 'primary' }, kmsKey });
  return templateOf(app, stack);
}
