/**
 * Go CDK app rewritten in TypeScript, after a tech-challenge app's NewAppStack found by code search (servian's
 * techchallengeapp on ECS; the index does not name its repository), with the same constructs and props: the RDS
 * secret looked up by name with Secret_FromSecretNameV2, and an ApplicationLoadBalancedEc2Service whose container
 * gets VTT_DBUSER, VTT_DBPASSWORD, VTT_DBHOST and VTT_DBPORT as ECS secrets from that secret's JSON fields, with a
 * circuit breaker and listener port 80. Construct ids are the source's; the VPC stack's cluster (passed in by the
 * source) is made here with one EC2 instance, and the secret's name is ours.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

const rdsSecretName = 'techchallenge/rds-credentials';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new cdk.Stack(app, 'AppStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, capacity: { instanceType: new ec2.InstanceType('t3.small'), desiredCapacity: 1 } });
  const rdsSecret = secretsmanager.Secret.fromSecretNameV2(stack, 'rdsSecret', rdsSecretName);
  new ecsPatterns.ApplicationLoadBalancedEc2Service(stack, 'Service', {
    cluster,
    memoryLimitMiB: 1024,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('servian/techchallengeapp'),
      secrets: {
        VTT_DBUSER: ecs.Secret.fromSecretsManager(rdsSecret, 'username'),
        VTT_DBPASSWORD: ecs.Secret.fromSecretsManager(rdsSecret, 'password'),
        VTT_DBHOST: ecs.Secret.fromSecretsManager(rdsSecret, 'host'),
        VTT_DBPORT: ecs.Secret.fromSecretsManager(rdsSecret, 'port'),
      },
    },
    desiredCount: 1,
    circuitBreaker: { rollback: true },
    listenerPort: 80,
  });
  return templateOf(app, stack);
}
