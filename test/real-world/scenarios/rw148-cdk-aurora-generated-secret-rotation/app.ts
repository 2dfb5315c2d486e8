/**
 * Written after CDK apps found by code search (rds.DatabaseCluster with credentials
 * Credentials.fromGeneratedSecret('postgres', { encryptionKey }), cluster.addRotationSingleUser(), a function given
 * the secret's ARN and granted read): the RDS-generated-secret pattern of aws-cdk-lib's own aws-rds README, with a
 * customer-managed key. Names and values are this project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw148', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const key = new kms.Key(stack, 'DbSecretKey', { enableKeyRotation: true });
  const cluster = new rds.DatabaseCluster(stack, 'Database', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    credentials: rds.Credentials.fromGeneratedSecret('postgres', { encryptionKey: key }),
    writer: rds.ClusterInstance.serverlessV2('writer'),
    serverlessV2MinCapacity: 0.5,
    serverlessV2MaxCapacity: 2,
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    storageEncrypted: true,
    storageEncryptionKey: key,
  });
  cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  const fn = new lambda.Function(stack, 'ReportsFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    environment: {
      DB_SECRET_ARN: cluster.secret!.secretArn,
      DB_HOST: cluster.clusterEndpoint.hostname,
      DB_PORT: cluster.clusterEndpoint.port.toString(),
    },
  });
  cluster.secret!.grantRead(fn);
  return templateOf(app, stack);
}
