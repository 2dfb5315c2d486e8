/**
 * Reproduces a pattern found by code search in CDK apps (a retail demo that creates an IAM access key for a
 * Firehose writer, stores its secret access key in a Secrets Manager secret with secretStringValue, and hands it to
 * a Fargate container as SMARTRETAIL_FIREHOSE_ACCESSKEY through ecs.Secret.fromSecretsManager, the key id going into
 * the plain environment). Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw128');
  const writer = new iam.User(stack, 'FirehoseWriter');
  writer.addToPolicy(new iam.PolicyStatement({ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: ['*'] }));
  const key = new iam.AccessKey(stack, 'FirehoseWriterKey', { user: writer });
  const keySecret = new secretsmanager.Secret(stack, 'FirehoseWriterKeySecret', {
    description: 'Secret access key of the Firehose writer',
    secretStringValue: key.secretAccessKey,
  });
  const task = new ecs.FargateTaskDefinition(stack, 'StorefrontTask', { cpu: 256, memoryLimitMiB: 512 });
  task.addContainer('Storefront', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-slim'),
    environment: {
      SMARTRETAIL_FIREHOSE_ACCESSKEYID: key.accessKeyId,
      SMARTRETAIL_DB_USER: 'smartretail_admin',
    },
    secrets: { SMARTRETAIL_FIREHOSE_ACCESSKEY: ecs.Secret.fromSecretsManager(keySecret) },
  });
  return templateOf(app, stack);
}
