/**
 * Written after sdhuang32/pingfederate-demo-cdk (lib/rds-stack.ts, a PingFederate demo on AWS), trimmed to what the
 * pack judges: an Aurora PostgreSQL cluster for PingFederate's database whose credentials are
 * `{ username: 'postgres', password: SecretValue.unsafePlainText('rdspassword') }` ("Demo purposes", the source says,
 * with the Secrets Manager alternative left in a comment), a customer-managed storage key, and an exported output
 * of the cluster endpoint. Construct ids are the source's (its instanceProps become a writer and two readers); the VPC
 * (passed in by the source) is created here.
 */
import * as cdk from 'aws-cdk-lib';
import { aws_ec2 as ec2, aws_kms as kms, aws_rds as rds } from 'aws-cdk-lib';
import { newApp, templateOf } from '../../app-helpers';

class RdsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const rdsSubnetGroup = new rds.SubnetGroup(this, 'rdsSubnetGroup', { description: 'rdsSubnetGroup', vpc, vpcSubnets: { subnets: vpc.privateSubnets } });
    const sgRds = new ec2.SecurityGroup(this, 'sgRds', { vpc });
    const rdsKey = new kms.Key(this, 'rdsKey');
    const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R5, ec2.InstanceSize.LARGE);
    const cluster = new rds.DatabaseCluster(this, 'Database', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_13_9 }),
      writer: rds.ClusterInstance.provisioned('Instance1', { instanceType }),
      readers: [rds.ClusterInstance.provisioned('Instance2', { instanceType }), rds.ClusterInstance.provisioned('Instance3', { instanceType })],
      vpc,
      securityGroups: [sgRds],
      subnetGroup: rdsSubnetGroup,
      defaultDatabaseName: 'pingfed',
      monitoringInterval: cdk.Duration.seconds(60),
      cloudwatchLogsExports: ['postgresql'],
      storageEncryptionKey: rdsKey,
      removalPolicy: cdk.RemovalPolicy.DESTROY,
      credentials: rds.Credentials.fromPassword('postgres', cdk.SecretValue.unsafePlainText('rdspassword')),
    });
    new cdk.CfnOutput(this, 'RdsEndpointOutput', {
      value: cluster.clusterEndpoint.hostname,
      description: 'The read/write endpoint to the RDS cluster',
      exportName: 'RdsEndpoint-' + this.stackName,
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RdsStack(app, 'PingFedRdsStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  return templateOf(app, stack);
}
