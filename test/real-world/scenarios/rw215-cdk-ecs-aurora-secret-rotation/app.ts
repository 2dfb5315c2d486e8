/**
 * Written after brentley/ecsworkshop (content/secrets/04-code-review/cdk.md: lib/rds-stack.ts and
 * lib/ecs-fargate-stack.ts): a generated database secret (username from context, password generated), an Aurora
 * PostgreSQL cluster using it, a SecretRotation with the single-user rotation application every 30 days, and a
 * load-balanced Fargate service that receives username, password, host, port and dbname as ECS secrets. One stack here
 * (the source splits VPC, RDS and ECS stacks); Aurora Serverless v2 instead of v1. Names are this project's own.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw215');
  const dbUser = 'postgres';
  const vpc = new ec2.Vpc(stack, 'WorkshopVpc', { maxAzs: 2, natGateways: 1 });
  const dbSecret = new secretsmanager.Secret(stack, 'dbCredentialsSecret', {
    secretName: 'serverless-credentials',
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: dbUser }),
      excludePunctuation: true,
      includeSpace: false,
      generateStringKey: 'password',
    },
  });
  const cluster = new rds.DatabaseCluster(stack, 'postgresRds', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_15_4 }),
    writer: rds.ClusterInstance.serverlessV2('writer'),
    serverlessV2MinCapacity: 0.5,
    serverlessV2MaxCapacity: 8,
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    credentials: rds.Credentials.fromSecret(dbSecret, dbUser),
    defaultDatabaseName: 'tododb',
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new secretsmanager.SecretRotation(stack, 'dbCredentialsRotation', {
    secret: dbSecret,
    application: secretsmanager.SecretRotationApplication.POSTGRES_ROTATION_SINGLE_USER,
    vpc,
    target: cluster,
    automaticallyAfter: Duration.days(30),
  });
  const ecsCluster = new ecs.Cluster(stack, 'Cluster', { vpc, clusterName: 'fargateClusterDemo' });
  new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'fargateService', {
    cluster: ecsCluster,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-alpine'),
      containerPort: 4000,
      enableLogging: true,
      environment: { NODE_ENV: 'production', POSTGRES_SSL: 'true' },
      secrets: {
        POSTGRES_USER: ecs.Secret.fromSecretsManager(dbSecret, 'username'),
        POSTGRES_PASS: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
        POSTGRES_HOST: ecs.Secret.fromSecretsManager(dbSecret, 'host'),
        POSTGRES_PORT: ecs.Secret.fromSecretsManager(dbSecret, 'port'),
        POSTGRES_NAME: ecs.Secret.fromSecretsManager(dbSecret, 'dbname'),
      },
    },
    desiredCount: 1,
    publicLoadBalancer: true,
    serviceName: 'fargateServiceDemo',
  });
  return templateOf(app, stack);
}
