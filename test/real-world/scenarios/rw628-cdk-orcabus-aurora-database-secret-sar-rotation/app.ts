/**
 * Written after umccr/orcabus (lib/workload/stateful/stacks/shared/constructs/database/index.ts), OrcaBus's shared
 * Database construct: an rds.DatabaseSecret for the admin user, an Aurora PostgreSQL Serverless v2 cluster using it
 * (IAM authentication on, storage encrypted), a SecretRotation with the POSTGRES_ROTATION_SINGLE_USER application
 * from the Serverless Application Repository rotating it on the configured schedule, and two SSM String parameters
 * with the cluster resource id and endpoint host for the stateless stacks. The VPC is ours; props are ours where the
 * source reads them from config (7-day rotation, as OrcaBus configures it).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class Database extends Construct {
  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc; allowedInboundSG: ec2.SecurityGroup }) {
    super(scope, id);
    const dbSecret = new rds.DatabaseSecret(this, 'DbSecret', { username: 'orcabus', secretName: 'orcabus/master-rds' });
    const securityGroup = new ec2.SecurityGroup(this, 'DbSecurityGroup', { vpc: props.vpc, allowAllOutbound: false, allowAllIpv6Outbound: false, description: 'security group for OrcaBus RDS' });
    securityGroup.addIngressRule(props.allowedInboundSG, ec2.Port.tcp(5432), 'allow the OrcaBus compute sg to access db');
    const cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      clusterIdentifier: 'orcabus-db',
      credentials: rds.Credentials.fromSecret(dbSecret),
      defaultDatabaseName: 'orcabus',
      parameterGroup: rds.ParameterGroup.fromParameterGroupName(this, 'ParameterGroup', 'orcabus-postgres16'),
      port: 5432,
      storageEncrypted: true,
      iamAuthentication: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      securityGroups: [securityGroup],
      serverlessV2MaxCapacity: 16,
      serverlessV2MinCapacity: 0.5,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.serverlessV2('WriterClusterInstance', { enablePerformanceInsights: true }),
    });
    new sm.SecretRotation(this, 'MasterDbSecretRotation', {
      application: sm.SecretRotationApplication.POSTGRES_ROTATION_SINGLE_USER,
      excludeCharacters: '" %+~`#$&()|[]{}:;' + `<>?!'/@"\\")*`,
      secret: dbSecret,
      target: cluster,
      automaticallyAfter: Duration.days(7),
      securityGroup: props.allowedInboundSG,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
    new ssm.StringParameter(this, 'DbClusterResourceIdSSM', { stringValue: cluster.clusterResourceIdentifier, description: 'cluster resource id at the orcabus rds cluster', parameterName: '/orcabus/db-cluster-resource-id' });
    new ssm.StringParameter(this, 'DbClusterEndpointHostSSM', { stringValue: cluster.clusterEndpoint.hostname, description: 'orcabus rds writer cluster endpoint host', parameterName: '/orcabus/db-cluster-endpoint-host' });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OrcaBusStatefulSharedStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const vpc = new ec2.Vpc(stack, 'MainVpc', {
    maxAzs: 2,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  const computeSg = new ec2.SecurityGroup(stack, 'OrcaBusSharedComputeSecurityGroup', { vpc });
  new Database(stack, 'OrcaBusDatabaseConstruct', { vpc, allowedInboundSG: computeSg });
  return templateOf(app, stack);
}
