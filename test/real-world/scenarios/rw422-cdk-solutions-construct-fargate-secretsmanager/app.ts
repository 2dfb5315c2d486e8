/**
 * Written after awslabs/aws-solutions-constructs (source/patterns/@aws-solutions-constructs/aws-fargate-secretsmanager/
 * lib/index.ts, with core's fargate and secretsmanager helpers): FargateToSecretsmanager with a public image and
 * default props builds a VPC, a cluster, a Fargate service whose container gets the secret's ARN in SECRET_ARN, a
 * retained Secret (generated, on the account's aws/secretsmanager key, cfn_nag W77 suppression) and read access for the
 * task role. Reproduced with aws-cdk-lib resources as the library emits them (no new dependency). Names are ours.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class FargateToSecretsmanager extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'cluster', { vpc });
    const secret = new secretsmanager.Secret(this, 'secret', { removalPolicy: RemovalPolicy.RETAIN });
    (secret.node.defaultChild as secretsmanager.CfnSecret).addMetadata('cfn_nag', {
      rules_to_suppress: [{ id: 'W77', reason: 'We allow the use of the AWS account default key aws/secretsmanager for secret encryption.' }],
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'taskdef', { cpu: 512, memoryLimitMiB: 1024 });
    taskDefinition.addContainer('container', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest'),
      portMappings: [{ containerPort: 8080 }],
      environment: { SECRET_ARN: secret.secretArn },
    });
    secret.grantRead(taskDefinition.taskRole);
    new ecs.FargateService(this, 'service', { cluster, taskDefinition, desiredCount: 2, platformVersion: ecs.FargatePlatformVersion.LATEST });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'FargateSecretsStack', { env: { account: '111122223333', region: 'us-east-1' } });
  new FargateToSecretsmanager(stack, 'test-construct');
  return templateOf(app, stack);
}
