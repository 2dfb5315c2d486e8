/**
 * Written after an RdsAuroraServerlessv2Stack found by code search (an Aurora Serverless v2 sample that "passes
 * security and linting checks"; the index does not name its repository), with the same constructs and props: an
 * isolated VPC, a DatabaseSecret for `admin` encrypted with a new customer-managed key (key rotation on), a rotation
 * schedule every 30 days through the MySQL single-user hosted rotation, and an Aurora MySQL 3.04 cluster (serverless
 * v2 writer and reader, IAM authentication, backtrack, enhanced monitoring) whose credentials are the secret, with
 * cfn-guard suppressions in the instances' Metadata. Construct ids are the source's.
 */
import * as cdk from 'aws-cdk-lib';
import { IpAddresses, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { HostedRotation } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const GUARD_SUPPRESSIONS = { guard: { SuppressedRules: ['DB_INSTANCE_BACKUP_ENABLED', 'RDS_STORAGE_ENCRYPTED', 'RDS_INSTANCE_LOGGING_ENABLED', 'RDS_INSTANCE_DELETION_PROTECTION_ENABLED', 'RDS_SNAPSHOT_ENCRYPTED', 'RDS_MULTI_AZ_SUPPORT'] } };

class RdsAuroraServerlessv2Stack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new Vpc(this, 'RdsVpc', {
      ipAddresses: IpAddresses.cidr('10.0.0.0/16'),
      restrictDefaultSecurityGroup: false,
      natGateways: 0,
      subnetConfiguration: [{ cidrMask: 24, name: 'private', subnetType: SubnetType.PRIVATE_ISOLATED }],
    });
    const secret = new rds.DatabaseSecret(this, 'RdsSecret', {
      username: 'admin',
      encryptionKey: new Key(this, 'DBEncryptionKey', { enableKeyRotation: true }),
    });
    secret.addRotationSchedule('RotationSchedule', {
      automaticallyAfter: cdk.Duration.days(30),
      hostedRotation: HostedRotation.mysqlSingleUser(),
    });
    const writer = rds.ClusterInstance.serverlessV2('writer', { autoMinorVersionUpgrade: true });
    const reader = rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true, autoMinorVersionUpgrade: true });
    const cluster = new rds.DatabaseCluster(this, 'AuroraDatabaseCluster', {
      engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_04_0 }),
      writer,
      readers: [reader],
      serverlessV2MinCapacity: 0.5,
      serverlessV2MaxCapacity: 2,
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromSecret(secret),
      iamAuthentication: true,
      backtrackWindow: cdk.Duration.seconds(30),
      monitoringInterval: cdk.Duration.seconds(5),
      storageEncrypted: true,
    });
    (cluster.node.findChild('writer').node.defaultChild as rds.CfnDBInstance).cfnOptions.metadata = GUARD_SUPPRESSIONS;
    (cluster.node.findChild('reader').node.defaultChild as rds.CfnDBInstance).cfnOptions.metadata = GUARD_SUPPRESSIONS;
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RdsAuroraServerlessv2Stack(app, 'RdsAuroraServerlessv2Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
