/**
 * Written after xjiaqing/serverless-dify (lib/redis-stack.ts, Dify on serverless AWS services), trimmed to what the
 * pack judges: an ElastiCache Serverless Redis cache with no user group (no AUTH), whose endpoint address and port
 * the app's ECS task definitions receive as plain environment values (the source's `exportProps()`; here a Fargate
 * task with REDIS_HOST/REDIS_PORT/REDIS_USE_SSL, as the Dify API container is configured). Construct ids are the
 * source's; the VPC and security group (passed in by the source) are created here, and the container image is ours.
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import { SecurityGroup, Vpc } from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class RedisStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const vpc = new Vpc(this, 'Vpc', { maxAzs: 2 });
    const sg = new SecurityGroup(this, 'RedisSg', { vpc });
    const cluster = new CfnServerlessCache(this, 'RedisCluster', {
      engine: 'redis',
      serverlessCacheName: 'serverless-dify-redis',
      description: 'serverless redis cluster using for dify redis',
      securityGroupIds: [sg.securityGroupId],
      subnetIds: vpc.privateSubnets.map((subnet) => subnet.subnetId),
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'DifyApiTaskDefinition', { cpu: 1024, memoryLimitMiB: 2048 });
    taskDefinition.addContainer('dify-api', {
      image: ecs.ContainerImage.fromRegistry('langgenius/dify-api:latest'),
      environment: {
        MODE: 'api',
        REDIS_HOST: cluster.attrEndpointAddress,
        REDIS_PORT: cluster.attrEndpointPort,
        REDIS_USE_SSL: 'true',
        REDIS_DB: '0',
      },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RedisStack(app, 'DifyRedisStack', { env: { account: '111122223333', region: 'us-west-2' } });
  return templateOf(app, stack);
}
