/**
 * Written after Cloudmancermedia/cdk-secrets-rotation (lib/cdk-secrets-rotation-stack.ts with services/index.ts and
 * bin/cdk-secrets-rotation.ts), the code of a video on rotating database secrets: an Aurora PostgreSQL cluster (a
 * writer and a reader in private subnets) whose master credentials are a generated secret named
 * postgres-db-credential-secret, and a hand-written rotation function (a pg layer, in the VPC, given the secret's ARN,
 * granted read and write on it) attached with addRotationSchedule every 4 hours, rotating immediately on update. No
 * KMS key is given to the secret. The function and layer assets are replaced by inline code and a layer zip in a
 * named bucket (no bundling here). Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CdkSecretsRotationStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    subnetConfiguration: [{ cidrMask: 24, name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { cidrMask: 24, name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
  });
  const dbSg = new ec2.SecurityGroup(stack, 'AuroraSecurityGroup', { vpc, allowAllOutbound: true });
  const fnSg = new ec2.SecurityGroup(stack, 'LambdaSecurityGroup', { vpc, allowAllOutbound: true });
  dbSg.addIngressRule(fnSg, ec2.Port.tcp(5432), 'Allow Lambda access');
  const cluster = new rds.DatabaseCluster(stack, 'AuroraCluster', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 }),
    securityGroups: [dbSg],
    defaultDatabaseName: 'postgres',
    credentials: rds.Credentials.fromGeneratedSecret('postgresadmin', { secretName: 'postgres-db-credential-secret' }),
    readers: [rds.ClusterInstance.provisioned('reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) })],
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  });
  const pgLayer = new lambda.LayerVersion(stack, 'PgLayer', {
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'LayerBucket', 'cdk-secrets-rotation-layers'), 'pg-layer.zip'),
    compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
    description: 'Layer for PostgreSQL client (pg) and AWS SDK',
  });
  const rotationLambda = new lambda.Function(stack, 'RotationLambda', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => { /* createSecret, setSecret, testSecret, finishSecret */ };'),
    timeout: Duration.minutes(2),
    layers: [pgLayer],
    vpc,
    securityGroups: [fnSg],
    environment: { SECRET_ARN: cluster.secret?.secretArn ?? '' },
  });
  cluster.secret?.grantRead(rotationLambda);
  cluster.secret?.grantWrite(rotationLambda);
  cluster.secret?.addRotationSchedule('RotationSchedule', { rotationLambda, automaticallyAfter: Duration.hours(4), rotateImmediatelyOnUpdate: true });
  return templateOf(app, stack);
}
