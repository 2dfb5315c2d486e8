/**
 * Written after botpress/botpress-aws-cdk (lib/database-stack.ts, Botpress's CDK deployment; CDK v1, rewritten for
 * aws-cdk-lib), trimmed to what the pack judges: a `MasterPassword` secret generated as a plain string (no JSON
 * template), given whole to an Aurora PostgreSQL cluster (the source's `{ username: 'master', password:
 * dbPassword.secretValue }` is Credentials.fromPassword in aws-cdk-lib), the cluster encrypted with its own key, and a bastion instance
 * for SSM sessions. Construct ids are the source's (its instanceProps become a writer); the VPC (passed in by the source) is created here.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class DatabaseStack extends cdk.Stack {
  public readonly masterUsername = 'master';
  constructor(scope: Construct, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const dbPassword = new secretsmanager.Secret(this, 'MasterPassword', {
      generateSecretString: { excludePunctuation: true, includeSpace: false },
    });
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc });
    const clusterKey = new kms.Key(this, 'ClusterKey', { enableKeyRotation: true });
    const cluster = new rds.DatabaseCluster(this, 'DbCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_12_4 }),
      credentials: rds.Credentials.fromPassword(this.masterUsername, dbPassword.secretValue),
      writer: rds.ClusterInstance.provisioned('Instance1', { instanceType: new ec2.InstanceType('r5.large') }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      preferredMaintenanceWindow: 'Mon:04:45-Mon:05:15',
      defaultDatabaseName: 'default_db',
      storageEncryptionKey: clusterKey,
      port: 3306,
      backup: { retention: cdk.Duration.days(14) },
    });
    const bastionRole = new iam.Role(this, 'BastionRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    bastionRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'));
    const bastionSecurityGroup = new ec2.SecurityGroup(this, 'BastionSecurityGroup', { vpc });
    securityGroup.connections.allowFrom(bastionSecurityGroup, ec2.Port.tcp(cluster.clusterEndpoint.port));
    const userData = ec2.UserData.forLinux();
    userData.addCommands('yum -y install ec2-instance-connect');
    const bastionInstance = new ec2.Instance(this, 'BastionInstance', {
      vpc,
      instanceType: new ec2.InstanceType('t2.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2(),
      securityGroup: bastionSecurityGroup,
      userData,
      role: bastionRole,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    cdk.Tags.of(bastionInstance).add('InstanceRole', 'bastion', { applyToLaunchedInstances: true });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new DatabaseStack(app, 'BotpressDatabaseStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
