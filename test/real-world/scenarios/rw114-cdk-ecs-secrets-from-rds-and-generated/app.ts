/**
 * Reproduces a pattern found by code search in CDK apps (a "hyperlocal" Fargate API: an RDS instance with
 * generated credentials, a generated API signing key, and a container whose environment holds the database
 * endpoint, port and name while SECRET_KEY, DB_USER and DB_PASSWORD come through ecs.Secret.fromSecretsManager,
 * two of them selecting JSON fields of the database secret). Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw114');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  const database = new rds.DatabaseInstance(stack, 'Database', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromGeneratedSecret('neighbourhood'),
    databaseName: 'neighbourhood',
    storageEncrypted: true,
  });
  const signingKey = new secretsmanager.Secret(stack, 'ApiSigningKey', {
    description: 'API session signing key',
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
  });
  const task = new ecs.FargateTaskDefinition(stack, 'ApiTask', { cpu: 512, memoryLimitMiB: 1024 });
  task.addContainer('Api', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12-slim'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'api' }),
    environment: {
      ENVIRONMENT: 'production',
      COOKIE_SECURE: 'true',
      DB_HOST: database.dbInstanceEndpointAddress,
      DB_PORT: database.dbInstanceEndpointPort,
      DB_NAME: 'neighbourhood',
      CORS_ORIGINS: JSON.stringify(['https://neighbourhood.example.com']),
    },
    secrets: {
      SECRET_KEY: ecs.Secret.fromSecretsManager(signingKey),
      DB_USER: ecs.Secret.fromSecretsManager(database.secret!, 'username'),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(database.secret!, 'password'),
    },
    portMappings: [{ containerPort: 8000 }],
  });
  return templateOf(app, stack);
}
