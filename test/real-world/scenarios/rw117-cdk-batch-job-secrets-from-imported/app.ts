/**
 * Reproduces a pattern found by code search in CDK apps (AWS Batch Fargate jobs for an AI pipeline whose
 * ANTHROPIC_API_KEY and GOOGLE_AI_API_KEY come from batch.Secret.fromSecretsManager(apiSecrets, '<field>') of an
 * imported secret, with model names, a bucket and a queue prefix in the plain environment). Names and values are
 * this project's own.
 */
import { Size, Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw117');
  const bucket = new s3.Bucket(stack, 'Transcripts');
  const apiSecrets = secretsmanager.Secret.fromSecretNameV2(stack, 'ApiSecrets', 'pipeline/model-api-keys');
  new batch.EcsJobDefinition(stack, 'SummariseJob', {
    container: new batch.EcsFargateContainerDefinition(stack, 'SummariseContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'),
      cpu: 1,
      memory: Size.gibibytes(2),
      environment: {
        TRANSCRIPTS_BUCKET: bucket.bucketName,
        SQS_QUEUE_PREFIX: 'pipeline-',
        SUMMARY_MODEL: 'claude-sonnet-4-5',
        EMBEDDING_MODEL: 'gemini-embedding-001',
        API_KEYS_SECRET: apiSecrets.secretName,
      },
      secrets: {
        ANTHROPIC_API_KEY: batch.Secret.fromSecretsManager(apiSecrets, 'ANTHROPIC_API_KEY'),
        GOOGLE_AI_API_KEY: batch.Secret.fromSecretsManager(apiSecrets, 'GOOGLE_AI_API_KEY'),
      },
    }),
  });
  return templateOf(app, stack);
}
