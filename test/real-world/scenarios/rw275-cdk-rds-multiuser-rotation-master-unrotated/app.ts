/**
 * Written after mbonig/rds-tools (README.md, "DatabaseUser": a DatabaseSecret for an application user whose
 * masterSecret is the instance's secret, attached to the instance, rotated with addRotationMultiUser). The instance's
 * own master secret gets no rotation of its own, as in the README. A small MySQL instance in an isolated VPC; names ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw275RdsUsers', { env: { account: '111122223333', region: 'us-east-2' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  vpc.addInterfaceEndpoint('SecretsManagerEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
  const instance = new rds.DatabaseInstance(stack, 'Instance', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE3, ec2.InstanceSize.MICRO),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    storageEncrypted: true,
  });
  const myUserSecret = new rds.DatabaseSecret(stack, 'MyUserSecret', {
    username: 'myuser',
    masterSecret: instance.secret,
    excludeCharacters: '{}[]()\'"/\\',
  });
  const myUserSecretAttached = myUserSecret.attach(instance);
  instance.addRotationMultiUser('MyUser', { secret: myUserSecretAttached });
  return templateOf(app, stack);
}
