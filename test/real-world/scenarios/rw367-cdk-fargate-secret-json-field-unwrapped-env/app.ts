/**
 * Written after the CDK pattern of a Fargate service that takes most credentials through ecs.Secret but unwraps one
 * JSON field of a Secrets Manager secret into a plain environment variable (secretValueFromJson(...).unsafeUnwrap()
 * in a container's environment, found by code search; the index does not name the repository): a task definition
 * whose container gets the database password through Secrets, and the partner API's OAuth client secret through
 * environment. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OrdersService', { env: { account: '111122223333', region: 'eu-central-1' } });
  const key = kms.Key.fromKeyArn(stack, 'AppKey', 'arn:aws:kms:eu-central-1:111122223333:key/4f7a2c0e-1b3d-4e5f-8a9b-0c1d2e3f4a5b');
  const dbSecret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'DbSecret', 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:orders/db-AbCdEf');
  const partnerSecret = secretsmanager.Secret.fromSecretAttributes(stack, 'PartnerSecret', {
    secretCompleteArn: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:orders/partner-oauth-GhIjKl',
    encryptionKey: key,
  });
  const task = new ecs.FargateTaskDefinition(stack, 'OrdersTask', { cpu: 512, memoryLimitMiB: 1024 });
  task.addContainer('api', {
    image: ecs.ContainerImage.fromRegistry('111122223333.dkr.ecr.eu-central-1.amazonaws.com/orders:1.8.2'),
    portMappings: [{ containerPort: 8080 }],
    environment: {
      PARTNER_TOKEN_URL: 'https://auth.partner.example.com/oauth2/token',
      PARTNER_CLIENT_ID: 'orders-service',
      PARTNER_CLIENT_SECRET: partnerSecret.secretValueFromJson('client_secret').unsafeUnwrap(),
      PARTNER_SECRET_ARN: partnerSecret.secretArn,
    },
    secrets: {
      DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
      DB_USER: ecs.Secret.fromSecretsManager(dbSecret, 'username'),
    },
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'orders' }),
  });
  return templateOf(app, stack);
}
