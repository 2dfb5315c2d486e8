/**
 * Reproduces a pattern found by code search in CDK apps (an ElastiCache Redis replication group whose authToken is
 * a Secrets Manager secret's secretValue.unsafeUnwrap(), "an unsafe unwrap of the secret value which may be
 * exposed", with transit encryption on), here with the secret under its own key and no rotation. Names and values
 * are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw118');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'cache', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const subnets = new elasticache.CfnSubnetGroup(stack, 'CacheSubnets', { description: 'cache subnets', subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId) });
  const authToken = new secretsmanager.Secret(stack, 'RedisAuthToken', {
    encryptionKey: new kms.Key(stack, 'CacheSecretKey', { enableKeyRotation: true }),
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
  });
  new elasticache.CfnReplicationGroup(stack, 'SessionCache', {
    replicationGroupDescription: 'session cache',
    cacheNodeType: 'cache.t4g.micro',
    engine: 'redis',
    transitEncryptionEnabled: true,
    atRestEncryptionEnabled: true,
    // this is an unsafe unwrap of the secret value which may be exposed
    authToken: authToken.secretValue.unsafeUnwrap(),
    multiAzEnabled: true,
    numNodeGroups: 1,
    replicasPerNodeGroup: 1,
    cacheSubnetGroupName: subnets.ref,
  });
  return templateOf(app, stack);
}
