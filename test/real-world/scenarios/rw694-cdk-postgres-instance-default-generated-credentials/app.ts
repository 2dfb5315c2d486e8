/**
 * Written after codeforjapan/decidim-cfj-cdk (lib/rds-stack.ts, the CDK app of Code for Japan's Decidim deployment),
 * trimmed to what the pack judges: a PostgreSQL DatabaseInstance given no `credentials` at all, so CDK generates the
 * `postgres` master secret itself and attaches it; the source restores from a snapshot on request, and the
 * non-snapshot branch is the one here. Construct ids are the source's; the VPC and security group (passed in by the
 * source) are created here, and config values are ours.
 */
import { aws_ec2 as ec2, aws_rds as rds, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class RdsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const securityGroup = new ec2.SecurityGroup(this, 'RdsSecurityGroup', { vpc });
    const rdsProps: rds.DatabaseInstanceProps = {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_14 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM),
      databaseName: 'decidim',
      vpc,
      vpcSubnets: { subnets: vpc.isolatedSubnets },
      securityGroups: [securityGroup],
    };
    new rds.DatabaseInstance(this, 'createRds', rdsProps);
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RdsStack(app, 'prd-decidim-rds', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  return templateOf(app, stack);
}
