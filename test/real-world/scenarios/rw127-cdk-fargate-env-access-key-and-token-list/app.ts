/**
 * Reproduces a pattern found by code search in CDK apps (an ApplicationLoadBalancedFargateService whose
 * taskImageOptions.environment carries an IAM user's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from a new
 * iam.AccessKey, accessKey.secretAccessKey.toString(), and a TOKEN_LIST read from an existing secret with
 * Secret.fromSecretNameV2(...).secretValue.unsafeUnwrap()). Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw127');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
  const uploader = new iam.User(stack, 'UploaderUser');
  const accessKey = new iam.AccessKey(stack, 'UploaderKey', { user: uploader });
  new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'RelayService', {
    vpc,
    assignPublicIp: true,
    publicLoadBalancer: true,
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-slim'),
      containerPort: 8080,
      environment: {
        AWS_ACCESS_KEY_ID: accessKey.accessKeyId,
        AWS_SECRET_ACCESS_KEY: accessKey.secretAccessKey.toString(),
        AWS_REGION: stack.region,
        TOKEN_LIST: secretsmanager.Secret.fromSecretNameV2(stack, 'Tokens', 'relay/allowed-tokens').secretValue.unsafeUnwrap(),
      },
    },
  });
  return templateOf(app, stack);
}
