/**
 * Written after go-to-k/go-cdk-go-managed-apprunner (cdk/go-cdk-go-managed-apprunner.go), a Go CDK app rewritten in
 * TypeScript: a Lambda-backed custom resource that creates an App Runner auto-scaling configuration, an instance role,
 * two VPC connectors (the alpha L2's shape and an L1), and two App Runner services built from a GitHub repository
 * through a GitHub connection whose ARN the app looks up with the SDK at synth time - one as the alpha L2 renders it
 * (with an escape-hatch auto-deployment override and health check) and one written as an L1 - each with one
 * runtime environment variable. The alpha package is not a dependency here, so the L2 service and connector are
 * written as the L1s it renders; the VPC is imported by attributes instead of looked up; the Go custom-resource code
 * is an S3 object. Ids and values are ours.
 */
import { CustomResource, Stack } from 'aws-cdk-lib';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

const input = {
  repositoryUrl: 'https://github.com/example-org/apprunner-go-app',
  branchName: 'main',
  port: 8080,
  startCommand: './main',
  buildCommand: 'go build -o main main.go',
  cpu: '1024',
  memory: '2048',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnets: ['subnet-0aa11bb22cc33dd44', 'subnet-0ee55ff66aa77bb88'],
  connectionArn: 'arn:aws:apprunner:ap-northeast-1:111122223333:connection/github-apprunner/9f8e7d6c5b4a39281706f5e4d3c2b1a0',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'AppRunnerStack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const customResourceLambda = new lambda.Function(stack, 'CustomResourceLambda', {
    runtime: lambda.Runtime.PROVIDED_AL2023,
    handler: 'bootstrap',
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'Artifacts', 'apprunner-artifacts-111122223333'), 'custom/custom.zip'),
    initialPolicy: [new iam.PolicyStatement({ actions: ['apprunner:*AutoScalingConfiguration*'], resources: ['*'] })],
  });
  const autoScaling = new CustomResource(stack, 'AutoScalingConfiguration', {
    resourceType: 'Custom::AutoScalingConfiguration',
    serviceToken: customResourceLambda.functionArn,
    properties: { AutoScalingConfigurationName: stack.stackName, MaxConcurrency: '50', MaxSize: '3', MinSize: '1' },
  });
  const autoScalingArn = autoScaling.getAttString('AutoScalingConfigurationArn');
  const instanceRole = new iam.Role(stack, 'AppRunnerInstanceRole', { assumedBy: new iam.ServicePrincipal('tasks.apprunner.amazonaws.com') });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: input.vpcId, availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], privateSubnetIds: input.subnets });
  const sgL2 = new ec2.SecurityGroup(stack, 'SecurityGroupForVpcConnectorL2', { vpc, description: 'for AppRunner VPC Connector L2' });
  const connectorL2 = new apprunner.CfnVpcConnector(stack, 'VpcConnectorL2', { securityGroups: [sgL2.securityGroupId], subnets: input.subnets });
  const sgL1 = new ec2.SecurityGroup(stack, 'SecurityGroupForVpcConnectorL1', { vpc, description: 'for AppRunner VPC Connector L1' });
  const connectorL1 = new apprunner.CfnVpcConnector(stack, 'VpcConnectorL1', { securityGroups: [sgL1.securityGroupId], subnets: input.subnets });
  const source = (env: string): apprunner.CfnService.SourceConfigurationProperty => ({
    autoDeploymentsEnabled: true,
    authenticationConfiguration: { connectionArn: input.connectionArn },
    codeRepository: {
      repositoryUrl: input.repositoryUrl,
      sourceCodeVersion: { type: 'BRANCH', value: input.branchName },
      codeConfiguration: {
        configurationSource: 'API',
        codeConfigurationValues: {
          runtime: 'GO_1',
          port: String(input.port),
          startCommand: input.startCommand,
          buildCommand: input.buildCommand,
          runtimeEnvironmentVariables: [{ name: 'ENV1', value: env }],
        },
      },
    },
  });
  new apprunner.CfnService(stack, 'AppRunnerServiceL2', {
    sourceConfiguration: source('L2'),
    instanceConfiguration: { cpu: input.cpu, memory: input.memory, instanceRoleArn: instanceRole.roleArn },
    networkConfiguration: { egressConfiguration: { egressType: 'VPC', vpcConnectorArn: connectorL2.attrVpcConnectorArn } },
    autoScalingConfigurationArn: autoScalingArn,
    healthCheckConfiguration: { path: '/', protocol: 'HTTP' },
  });
  new apprunner.CfnService(stack, 'AppRunnerServiceL1', {
    sourceConfiguration: source('L1'),
    healthCheckConfiguration: { path: '/', protocol: 'HTTP' },
    instanceConfiguration: { cpu: input.cpu, memory: input.memory, instanceRoleArn: instanceRole.roleArn },
    networkConfiguration: { egressConfiguration: { egressType: 'VPC', vpcConnectorArn: connectorL1.attrVpcConnectorArn } },
    autoScalingConfigurationArn: autoScalingArn,
  });
  return templateOf(app, stack);
}
