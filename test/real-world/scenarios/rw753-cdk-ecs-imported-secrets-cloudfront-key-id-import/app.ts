/**
 * Written after a SaaS boilerplate's ApiStack found by code search (a Django backend on Fargate with chamber and
 * infra-shared export names; the index does not name its repository), trimmed to what the pack judges: the backend
 * container's environment holds names, hosts, an https WebSocket URL built on an imported API id, the RDS proxy
 * endpoint and the CloudFront signing public key's id as Fn::ImportValue, and a redis:// URL joined around an
 * imported cluster address; its secrets are ECS secrets: DB_CONNECTION from the database secret imported by ARN
 * (Fn::ImportValue, fromSecretCompleteArn) and AWS_CLOUDFRONT_KEY from the `<signing key>/private` secret looked up
 * by name; an X-Ray sidecar; a task role with scoped grants. Construct ids are the source's; the load-balancer
 * plumbing of the source's multi-target-group service is left out (a plain Fargate service here), export names are
 * written as its helpers give them for project `saas`, stage `qa`.
 */
import { Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'saas-qa-ApiStack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const env = { projectName: 'saas', envStage: 'qa', projectEnvName: 'saas-qa', domains: { api: 'api.qa.saas.example.com', adminPanel: 'admin.qa.saas.example.com', webApp: 'app.qa.saas.example.com', cdn: 'cdn.qa.saas.example.com' } };
  const dbSecretArn = Fn.importValue(`${env.projectEnvName}-databaseSecretArn`);
  const webSocketApiId = Fn.importValue(`${env.projectEnvName}-webSocketApiId`);
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'MainVpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a', 'eu-west-1b'], privateSubnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'] });
  const cluster = new ecs.Cluster(stack, 'MainCluster', { vpc });
  const taskRole = new iam.Role(stack, 'ApiTaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks') });
  taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameters*'], resources: [`arn:aws:ssm:${stack.region}:${stack.account}:parameter/env-${env.projectEnvName}-backend/*`] }));
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'ApiServiceTaskDef', { cpu: 512, memoryLimitMiB: 1024, taskRole });
  taskDefinition.addContainer('backend', {
    image: ecs.ContainerImage.fromRegistry('111122223333.dkr.ecr.eu-west-1.amazonaws.com/saas-qa-backend:1.42.0'),
    command: ['sh', '-c', '/bin/chamber exec $CHAMBER_SERVICE_NAME -- ./scripts/runtime/run.sh'],
    portMappings: [{ containerPort: 80 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'backend' }),
    environment: {
      PROJECT_NAME: env.projectName,
      ENVIRONMENT_NAME: env.envStage,
      CHAMBER_SERVICE_NAME: `env-${env.projectEnvName}-backend`,
      CHAMBER_KMS_KEY_ALIAS: `${env.projectEnvName}-main`,
      DJANGO_ALLOWED_HOSTS: [env.domains.api, env.domains.adminPanel, env.domains.webApp].join(','),
      CSRF_TRUSTED_ORIGINS: `https://${env.domains.adminPanel}`,
      OTP_AUTH_ISSUER_NAME: env.domains.webApp,
      WORKERS_EVENT_BUS_NAME: `${env.projectEnvName}-workers`,
      WEB_SOCKET_API_ENDPOINT_URL: `https://${webSocketApiId}.execute-api.${stack.region}.amazonaws.com/${env.envStage}`,
      AWS_STORAGE_BUCKET_NAME: `${env.projectEnvName}-file-uploads`,
      AWS_S3_CUSTOM_DOMAIN: env.domains.cdn,
      DB_PROXY_ENDPOINT: Fn.importValue(`${env.projectEnvName}-databaseProxyEndpoint`),
      AWS_CLOUDFRONT_KEY_ID: Fn.importValue(`${env.projectEnvName}-cdnSigningPublicKeyId`),
      REDIS_CONNECTION: Fn.join('', ['redis://', Fn.importValue(`${env.projectEnvName}-redisClusterAddress`), ':6379']),
    },
    secrets: {
      DB_CONNECTION: ecs.Secret.fromSecretsManager(sm.Secret.fromSecretCompleteArn(stack, 'DbSecret', dbSecretArn)),
      AWS_CLOUDFRONT_KEY: ecs.Secret.fromSecretsManager(sm.Secret.fromSecretNameV2(stack, 'CloudfrontPrivateKey', `${env.projectEnvName}-cdn-signing-key/private`)),
    },
  });
  taskDefinition.addContainer('xray-daemon', { image: ecs.ContainerImage.fromRegistry('amazon/aws-xray-daemon'), portMappings: [{ containerPort: 2000, protocol: ecs.Protocol.UDP }] });
  new ecs.FargateService(stack, 'ApiService', { cluster, taskDefinition, desiredCount: 1, serviceName: `${env.projectEnvName}-api` });
  return templateOf(app, stack);
}
