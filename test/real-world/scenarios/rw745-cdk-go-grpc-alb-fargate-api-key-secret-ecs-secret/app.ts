/**
 * Go CDK app rewritten in TypeScript, after grntlrduck-cloud/go-grpc-geohasing-service-sample's NewAppStack (infra
 * stacks package; found by code search, which gives the module path but not the file's), with the same constructs
 * and props: a generated `APIKeySecret` (no key, no rotation; the source's comment says to rotate it at least every 30
 * days) handed to an ALB-fronted gRPC Fargate service as the ECS secret API_KEY_SECRET_VALUE, beside an environment of
 * the app name, profile and account id; the ECR repository named by an SSM parameter; HTTPS listener with a 404
 * default and a REST proxy target group. Construct ids are the source's; the landing-zone VPC and hosted zone are made
 * here (the hosted zone as a public zone), and the DynamoDB grant is left out.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const appName = 'poi-service';
  const stack = new cdk.Stack(app, 'GeoHashingAppStack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const ecrArn = ssm.StringParameter.fromStringParameterName(stack, 'EcrArnParam', `/config/${appName}/ecr/name`);
  const ecrRepo = ecr.Repository.fromRepositoryName(stack, 'ECR', ecrArn.stringValue);
  const vpc = new ec2.Vpc(stack, 'LandingZoneDefaultVPC', { maxAzs: 2 });
  const hostedZone = new route53.PublicHostedZone(stack, 'LandingZoneHosetedZone', { zoneName: 'sample.example.cloud' });
  const apiKeySecret = new secretsmanager.Secret(stack, 'APIKeySecret', { generateSecretString: { excludeCharacters: `"'\\@/\\\\` } });
  const containerName = `${appName}-container`;
  const logGroup = new logs.LogGroup(stack, 'ServiceLogGroup', { removalPolicy: cdk.RemovalPolicy.DESTROY, retention: logs.RetentionDays.TWO_WEEKS });
  const service = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, `ALBFargateService-${appName}`, {
    serviceName: appName,
    taskImageOptions: {
      containerName,
      image: ecs.ContainerImage.fromEcrRepository(ecrRepo, 'no-tag'),
      secrets: { API_KEY_SECRET_VALUE: ecs.Secret.fromSecretsManager(apiKeySecret) },
      environment: { APP_NAME: appName, APP_ENV: 'prod', BOOT_PROFILE_ACTIVE: 'prod', ACCOUNT_ID: '111122223333' },
      containerPort: 443,
      logDriver: ecs.AwsLogDriver.awsLogs({ logGroup, streamPrefix: `FargateService-${containerName}` }),
    },
    desiredCount: 1,
    cpu: 512,
    memoryLimitMiB: 1024,
    listenerPort: 443,
    targetProtocol: elbv2.ApplicationProtocol.HTTPS,
    protocolVersion: elbv2.ApplicationProtocolVersion.GRPC,
    redirectHTTP: true,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    sslPolicy: elbv2.SslPolicy.FORWARD_SECRECY_TLS12_RES_GCM,
    minHealthyPercent: 100,
    maxHealthyPercent: 200,
    circuitBreaker: { enable: true, rollback: true },
    domainName: `${appName}.sample.example.cloud`,
    domainZone: hostedZone,
    vpc,
    taskSubnets: { subnets: vpc.privateSubnets },
  });
  service.listener.addAction('DefaultAction', { action: elbv2.ListenerAction.fixedResponse(404) });
  const restProxyTargetGroup = new elbv2.ApplicationTargetGroup(stack, 'RestProxytargetGroup', {
    port: 8443, protocol: elbv2.ApplicationProtocol.HTTPS, protocolVersion: elbv2.ApplicationProtocolVersion.HTTP1, vpc, targetType: elbv2.TargetType.IP,
    healthCheck: { enabled: true, path: '/api/v1/health/liveness', healthyHttpCodes: '200' },
  });
  service.listener.addTargetGroups('RestProxyTargetGroup', { targetGroups: [restProxyTargetGroup], conditions: [elbv2.ListenerCondition.pathPatterns(['/api/v1/pois/*'])], priority: 20 });
  return templateOf(app, stack);
}
