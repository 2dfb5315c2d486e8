/**
 * Written after medplum/medplum (packages/cdk/src/backend.ts, the BackEnd construct of Medplum's own CDK app, an
 * open-source FHIR platform), trimmed to what the pack judges: an Aurora PostgreSQL cluster with generated
 * `clusteradmin` credentials, a Redis AUTH password generated into a secret and passed to the replication group as a
 * dynamic reference, a second "RedisSecrets" secret whose SecretStringTemplate carries the cluster endpoint and the
 * password (a dynamic reference again), a Fargate task whose container gets only the SSM path prefix on its command
 * line, and SSM String parameters holding the secrets' ARNs, the region and the bot role ARN. Construct ids are the
 * source's (BackEnd, DatabaseCluster, RedisPassword, RedisCluster, RedisSecrets, …); the VPC, WAF, load balancer and
 * DNS are left out. Config values are ours.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const name = 'prod';

class BackEnd extends Construct {
  constructor(scope: Construct) {
    super(scope, 'BackEnd');
    const vpc = new ec2.Vpc(this, 'VPC', { maxAzs: 2 });
    const botLambdaRole = new iam.Role(this, 'BotLambdaRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
    const rdsCluster = new rds.DatabaseCluster(this, 'DatabaseCluster', {
      engine,
      credentials: rds.Credentials.fromGeneratedSecret('clusteradmin'),
      defaultDatabaseName: 'medplum',
      storageEncrypted: true,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      backup: { retention: Duration.days(7) },
      cloudwatchLogsExports: ['postgresql'],
      writer: rds.ClusterInstance.provisioned('Instance1', { enablePerformanceInsights: true, instanceType: new ec2.InstanceType('r6g.large') }),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const rdsSecretsArn = rdsCluster.secret!.secretArn;

    const redisSubnetGroup = new elasticache.CfnSubnetGroup(this, 'RedisSubnetGroup', {
      description: 'Redis Subnet Group',
      subnetIds: vpc.privateSubnets.map((s) => s.subnetId),
    });
    const redisSecurityGroup = new ec2.SecurityGroup(this, 'RedisSecurityGroup', { vpc, description: 'Redis Security Group', allowAllOutbound: false });
    const redisPassword = new secretsmanager.Secret(this, 'RedisPassword', {
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'password',
        excludeCharacters: '@%*()_+=`~{}|[]\\:";\'?,./',
      },
    });
    const redisCluster = new elasticache.CfnReplicationGroup(this, 'RedisCluster', {
      engine: 'Redis',
      engineVersion: '6.x',
      cacheNodeType: 'cache.t2.medium',
      replicationGroupDescription: 'RedisReplicationGroup',
      authToken: redisPassword.secretValueFromJson('password').toString(),
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      multiAzEnabled: true,
      cacheSubnetGroupName: redisSubnetGroup.ref,
      numNodeGroups: 1,
      replicasPerNodeGroup: 1,
      securityGroupIds: [redisSecurityGroup.securityGroupId],
    });
    redisCluster.node.addDependency(redisPassword);
    const redisSecrets = new secretsmanager.Secret(this, 'RedisSecrets', {
      generateSecretString: {
        secretStringTemplate: JSON.stringify({
          host: redisCluster.attrPrimaryEndPointAddress,
          port: redisCluster.attrPrimaryEndPointPort,
          password: redisPassword.secretValueFromJson('password').toString(),
          tls: {},
        }),
        generateStringKey: 'unused',
      },
    });
    redisSecrets.node.addDependency(redisPassword);

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const taskRole = new iam.Role(this, 'TaskExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Medplum Server Task Execution Role',
    });
    taskRole.addToPolicy(new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [`arn:aws:secretsmanager:${Stack.of(this).region}:${Stack.of(this).account}:secret:*`],
    }));
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', { memoryLimitMiB: 512, cpu: 256, taskRole });
    const logGroup = new logs.LogGroup(this, 'LogGroup', { logGroupName: '/ecs/medplum/' + name, removalPolicy: RemovalPolicy.DESTROY });
    const container = taskDefinition.addContainer('MedplumTaskDefinition', {
      image: ecs.ContainerImage.fromRegistry('medplum/medplum-server:latest'),
      command: [`aws:/medplum/${name}/`],
      logging: new ecs.AwsLogDriver({ logGroup, streamPrefix: 'Medplum' }),
    });
    container.addPortMappings({ containerPort: 8103, hostPort: 8103 });
    const fargateSecurityGroup = new ec2.SecurityGroup(this, 'ServiceSecurityGroup', { allowAllOutbound: true, securityGroupName: 'MedplumSecurityGroup', vpc });
    new ecs.FargateService(this, 'FargateService', {
      cluster,
      taskDefinition,
      assignPublicIp: false,
      desiredCount: 1,
      securityGroups: [fargateSecurityGroup],
    });
    rdsCluster.connections.allowDefaultPortFrom(fargateSecurityGroup);
    redisSecurityGroup.addIngressRule(fargateSecurityGroup, ec2.Port.tcp(6379));

    new ssm.StringParameter(this, 'RegionParameter', { tier: ssm.ParameterTier.STANDARD, parameterName: `/medplum/${name}/awsRegion`, description: 'AWS region', stringValue: 'us-east-1' });
    new ssm.StringParameter(this, 'DatabaseSecretsParameter', { tier: ssm.ParameterTier.STANDARD, parameterName: `/medplum/${name}/DatabaseSecrets`, description: 'Database secrets ARN', stringValue: rdsSecretsArn });
    new ssm.StringParameter(this, 'RedisSecretsParameter', { tier: ssm.ParameterTier.STANDARD, parameterName: `/medplum/${name}/RedisSecrets`, description: 'Redis secrets ARN', stringValue: redisSecrets.secretArn });
    new ssm.StringParameter(this, 'BotLambdaRoleParameter', { tier: ssm.ParameterTier.STANDARD, parameterName: `/medplum/${name}/botLambdaRoleArn`, description: 'Bot lambda execution role ARN', stringValue: botLambdaRole.roleArn });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'MedplumStack', { env: { account: '111122223333', region: 'us-east-1' } });
  new BackEnd(stack);
  return templateOf(app, stack);
}
