/**
 * Written after aws-samples/ddl-deployment-for-amazon-rds (lib/rds-stack.ts, a sample that deploys DDL to RDS from
 * a pipeline), trimmed to what the pack judges: an Aurora Serverless (v1) PostgreSQL cluster with the Data API on and
 * no `credentials` prop, so CDK generates the `postgres` admin secret and attaches it, a security group opened to the
 * VPC's default security group. Construct ids are the source's; the VPC (passed in by the source) is created here.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class RDSStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const vpcDefaultSecGroupId = ec2.SecurityGroup.fromSecurityGroupId(this, 'defaultSG', vpc.vpcDefaultSecurityGroup);
    const rdsSecurityGroup = new ec2.SecurityGroup(this, 'rds-security-group', { securityGroupName: 'rds-security-group', vpc, allowAllOutbound: true });
    rdsSecurityGroup.connections.allowFrom(vpcDefaultSecGroupId, ec2.Port.tcp(5432));
    new rds.ServerlessCluster(this, 'rdsSource', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_11_16 }),
      vpc,
      defaultDatabaseName: 'postgres',
      enableDataApi: true,
      securityGroups: [rdsSecurityGroup],
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RDSStack(app, 'RDSStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
