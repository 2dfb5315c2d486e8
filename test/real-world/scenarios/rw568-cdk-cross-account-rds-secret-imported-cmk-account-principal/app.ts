/**
 * Written after rayjanwilson/cdk-cross-account-secret-sharing (lib/cdk-cross-account-secret-sharing-stack.ts with
 * lib/key-stack.ts and bin/cdk-cross-account-secret-sharing.ts): sharing an RDS credential with a data-lake account.
 * A key stack creates customer-managed KMS keys (rotation on) and exports the Secrets Manager key's ARN as SmKeyArndev,
 * granting decrypt to the data-lake account; the sharing stack imports that ARN, builds an Aurora MySQL cluster in a
 * looked-up VPC's isolated subnets whose generated credential secret (generate_rds_credential) is encrypted with the
 * imported key, and grants the data-lake account (an AccountPrincipal) read on the secret, which CDK writes as the
 * secret's resource policy. The sharing stack is audited. The cluster uses today's CDK API (writer instance, a current
 * engine version) where the source's instanceProps and 2.08.1 are deprecated; the looked-up VPC is given by its attributes; the
 * account ids are fakes. Names are ours.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const env = { account: '111122223333', region: 'us-east-1' };
  const datalakeAccount = '444455556666';
  const stack = new cdk.Stack(app, 'CdkCrossAccountSecretSharingStack', { env });
  const smKey = kms.Key.fromKeyArn(stack, 'smkeyimport', cdk.Fn.importValue('SmKeyArndev'));
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0a1b2c3d4e5f60718', availabilityZones: ['us-east-1a', 'us-east-1b'],
    isolatedSubnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
  });
  const cluster = new rds.DatabaseCluster(stack, 'Database', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_05_2 }),
    defaultDatabaseName: 'sampledev',
    credentials: { username: 'admin', encryptionKey: smKey, secretName: 'generate_rds_credential' },
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE3, ec2.InstanceSize.MEDIUM) }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  cluster.secret?.grantRead(new iam.AccountPrincipal(datalakeAccount));
  return templateOf(app, stack);
}
