/**
 * Written after Renatmf5/aws-cdk-ml-infra-pipelines (lib/redshift-stack.ts, an ML infrastructure course project),
 * trimmed to what the pack judges: the Redshift master user name and password are read from a `.env` file at synth
 * (`process.env.MASTERUSERNAME_REDSHIFT`, `process.env.MASTERPASSWORD_REDSHIFT`), so they land in the template as
 * literals: in the L1 cluster's MasterUsername/MasterUserPassword and in SSM String parameters
 * `/techchallenge_fase1/redshift/{user,password}` next to the endpoint, database, port and role parameters. The
 * `.env` values here are fakes of ours (the source's file is not in the repository). Construct ids are the source's.
 */
import { CfnOutput, Stack, StackProps, aws_ssm as ssm } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

/** What dotenv.config() would have loaded (fake values). */
const env: Record<string, string> = {
  MASTERUSERNAME_REDSHIFT: 'techadmin',
  MASTERPASSWORD_REDSHIFT: 'Rf5q8Lw2Tz9xKa3B',
  DATABASENAME_REDSHIFT: 'techchallenge',
  NODETYPE_REDSHIFT: 'dc2.large',
  NUMBEROFNODES_REDSHIFT: 'single-node',
  PORT_REDSHIFT: '5439',
};

class RedshiftStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const masterUsername = env.MASTERUSERNAME_REDSHIFT;
    const masterUserPassword = env.MASTERPASSWORD_REDSHIFT;
    const dbName = env.DATABASENAME_REDSHIFT;
    const vpc = new ec2.Vpc(this, 'RedshiftVPC', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ cidrMask: 24, name: 'public-subnet', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: true }],
    });
    const securityGroup = new ec2.SecurityGroup(this, 'RedshiftSG', { vpc, allowAllOutbound: true });
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5439), 'Allow Redshift access');
    const redshiftRole = new iam.Role(this, 'RedshiftRole', { assumedBy: new iam.ServicePrincipal('redshift.amazonaws.com') });
    redshiftRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess'));
    const cluster = new redshift.CfnCluster(this, 'RedshiftCluster', {
      masterUsername,
      masterUserPassword,
      nodeType: env.NODETYPE_REDSHIFT,
      clusterType: env.NUMBEROFNODES_REDSHIFT === 'multi-node' ? 'multi-node' : 'single-node',
      dbName,
      iamRoles: [redshiftRole.roleArn],
      vpcSecurityGroupIds: [securityGroup.securityGroupId],
      clusterSubnetGroupName: new redshift.CfnClusterSubnetGroup(this, 'RedshiftSubnetGroup', {
        description: 'Subnet group for Redshift cluster',
        subnetIds: vpc.publicSubnets.map((subnet) => subnet.subnetId),
      }).ref,
    });
    new CfnOutput(this, 'RedshiftClusterEndpointOutput', { value: cluster.attrEndpointAddress });
    new CfnOutput(this, 'RedshiftClusterNameOutput', { value: cluster.ref });
    new CfnOutput(this, 'RedshiftRoleArnOutput', { value: redshiftRole.roleArn });
    new ssm.StringParameter(this, 'RedshiftClusterEndpointParam', { parameterName: '/techchallenge_fase1/redshift/cluster-endpoint', stringValue: cluster.attrEndpointAddress });
    new ssm.StringParameter(this, 'RedshiftDatabaseParam', { parameterName: '/techchallenge_fase1/redshift/database', stringValue: dbName });
    new ssm.StringParameter(this, 'RedshiftUserParam', { parameterName: '/techchallenge_fase1/redshift/user', stringValue: masterUsername });
    new ssm.StringParameter(this, 'RedshiftPasswordParam', { parameterName: '/techchallenge_fase1/redshift/password', stringValue: masterUserPassword });
    new ssm.StringParameter(this, 'RedshiftPortParam', { parameterName: '/techchallenge_fase1/redshift/port', stringValue: env.PORT_REDSHIFT });
    new ssm.StringParameter(this, 'RedshiftRoleParam', { parameterName: '/techchallenge_fase1/redshift/role', stringValue: redshiftRole.roleArn });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RedshiftStack(app, 'RedshiftStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
