/**
 * Written after the aws-cdk-lib aws-ecs and aws-secretsmanager README patterns as used in public CDK apps found by
 * code search (ecs.Secret.fromSecretsManager(dbSecret, 'password'), ecs.Secret.fromSsmParameter(...), a secret with
 * its own key and secret.addRotationSchedule with HostedRotation.mysqlSingleUser()). Names and values are this
 * project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw157', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new kms.Key(stack, 'AppSecretsKey', { enableKeyRotation: true });
  const dbSecret = new secretsmanager.Secret(stack, 'DbSecret', {
    encryptionKey: key,
    generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'app' }), generateStringKey: 'password', excludePunctuation: true },
  });
  dbSecret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(), automaticallyAfter: Duration.days(14) });
  const stripeKey = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'StripeKey', { parameterName: '/shop/prod/stripe-secret-key' });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] }) });
  const task = new ecs.FargateTaskDefinition(stack, 'ShopTask', { cpu: 512, memoryLimitMiB: 1024 });
  task.addContainer('web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-slim'),
    portMappings: [{ containerPort: 3000 }],
    environment: {
      DB_SECRET_ARN: dbSecret.secretArn,
      STRIPE_KEY_PARAMETER: stripeKey.parameterName,
      SESSION_COOKIE: 'shop_sid',
      CSRF_HEADER: 'x-csrf-token',
    },
    secrets: {
      DB_USER: ecs.Secret.fromSecretsManager(dbSecret, 'username'),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
      STRIPE_SECRET_KEY: ecs.Secret.fromSsmParameter(stripeKey),
    },
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web' }),
  });
  new ecs.FargateService(stack, 'ShopService', { cluster, taskDefinition: task, assignPublicIp: true });
  return templateOf(app, stack);
}
