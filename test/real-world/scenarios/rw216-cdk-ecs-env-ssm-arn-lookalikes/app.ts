/**
 * Written after mikehopskin0512/sema (terraform/modules/ecs-cluster/templates/app.json.tpl: environment entries whose
 * values are SSM parameter ARNs, among them AUTH_JWT) and pagopa/b2b-portals (.infrastructure/task-definitions/
 * cms_app.json.tpl: DATABASE_HOST/USERNAME/SSL in the environment; DATABASE_PASSWORD, GITHUB_TOKEN and
 * ADMIN_JWT_SECRET as secrets from ARNs): a Fargate task whose environment names where secrets live and whose secrets
 * come from an imported Secrets Manager secret and SSM SecureString parameters. Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw216', { env: { account: '111122223333', region: 'eu-south-1' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0a1b2c3d4e5f67890',
    availabilityZones: ['eu-south-1a', 'eu-south-1b'],
    privateSubnetIds: ['subnet-0aa11bb22cc33dd44', 'subnet-0ee55ff66aa77bb88'],
  });
  const cluster = new ecs.Cluster(stack, 'CmsCluster', { vpc });
  const dbPassword = secretsmanager.Secret.fromSecretNameV2(stack, 'DbPassword', 'cms/database/password');
  const adminJwt = secretsmanager.Secret.fromSecretCompleteArn(stack, 'AdminJwtSecret', 'arn:aws:secretsmanager:eu-south-1:111122223333:secret:cms/admin-jwt-secret-Xy7Qp2');
  const githubToken = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'GithubToken', { parameterName: '/cms/github/token' });
  const taskDef = new ecs.FargateTaskDefinition(stack, 'CmsTaskDef', { cpu: 512, memoryLimitMiB: 1024 });
  taskDef.addContainer('cms', {
    image: ecs.ContainerImage.fromRegistry('111122223333.dkr.ecr.eu-south-1.amazonaws.com/cms:3f2a9c1'),
    portMappings: [{ containerPort: 1337 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'cms' }),
    environment: {
      NODE_ENV: 'production',
      DATABASE_HOST: 'cms-db.cluster-c1a2b3c4d5e6.eu-south-1.rds.amazonaws.com',
      DATABASE_USERNAME: 'cms',
      DATABASE_SSL: 'false',
      DATABASE_PORT: '5432',
      BASE_URL: 'arn:aws:ssm:eu-south-1:111122223333:parameter/qa/cms/web/api-base-url',
      AUTH_JWT: 'arn:aws:ssm:eu-south-1:111122223333:parameter/qa/cms/web/auth-jwt',
      ADMIN_JWT_SECRET_ARN: adminJwt.secretArn,
      GITHUB_TOKEN_PARAMETER: '/cms/github/token',
      JWT_EXPIRES_IN: '15m',
      REFRESH_TOKEN_TTL_DAYS: '7',
    },
    secrets: {
      DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(dbPassword),
      ADMIN_JWT_SECRET: ecs.Secret.fromSecretsManager(adminJwt),
      GITHUB_TOKEN: ecs.Secret.fromSsmParameter(githubToken),
    },
  });
  new ecs.FargateService(stack, 'CmsService', { cluster, taskDefinition: taskDef, desiredCount: 1 });
  return templateOf(app, stack);
}
