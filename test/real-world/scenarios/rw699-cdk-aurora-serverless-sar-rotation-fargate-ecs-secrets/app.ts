/**
 * Written after michaeltuszynski/secret-ecs-cdk-example (lib/rds-stack.ts and lib/ecs-fargate-stack-sm.ts, the ECS
 * workshop's "secrets" sample; CDK v1, rewritten for aws-cdk-lib), trimmed to what the pack judges: a generated
 * `serverless-credentials` secret given to an Aurora Serverless (v1) PostgreSQL cluster with the Data API, rotated
 * every 30 days by CDK's SecretRotation (POSTGRES_ROTATION_SINGLE_USER SAR app), and a load-balanced Fargate service
 * whose container receives username, password, host, port and dbname as ECS secrets (`ecs.Secret.fromSecretsManager`
 * with JSON fields). The source keeps the two in separate stacks joined by the secret's ARN; here they share one
 * stack and the secret is imported by its full ARN the way the ECS stack does. Construct ids are the source's.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Port, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Cluster, ContainerImage, Secret as ECSSecret } from 'aws-cdk-lib/aws-ecs';
import { ApplicationLoadBalancedFargateService } from 'aws-cdk-lib/aws-ecs-patterns';
import { AuroraCapacityUnit, Credentials, DatabaseClusterEngine, ParameterGroup, ServerlessCluster } from 'aws-cdk-lib/aws-rds';
import { Secret, SecretRotation, SecretRotationApplication } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class SecretEcsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const dbUser = 'postgres';
    const vpc = new Vpc(this, 'ecsWorkshopVPC', { maxAzs: 2 });
    const dbSecret = new Secret(this, 'dbCredentialsSecret', {
      secretName: 'serverless-credentials',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: dbUser }),
        excludePunctuation: true,
        includeSpace: false,
        generateStringKey: 'password',
      },
    });
    const postgresRDSserverless = new ServerlessCluster(this, 'postgresRdsServerless', {
      engine: DatabaseClusterEngine.AURORA_POSTGRESQL,
      parameterGroup: ParameterGroup.fromParameterGroupName(this, 'ParameterGroup', 'default.aurora-postgresql10'),
      vpc,
      enableDataApi: true,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      credentials: Credentials.fromSecret(dbSecret, dbUser),
      scaling: { autoPause: Duration.minutes(10), minCapacity: AuroraCapacityUnit.ACU_8, maxCapacity: AuroraCapacityUnit.ACU_32 },
      defaultDatabaseName: 'tododb',
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    postgresRDSserverless.connections.allowFromAnyIpv4(Port.tcp(5432));
    new SecretRotation(this, 'dbCredentialsRotation', {
      secret: dbSecret,
      application: SecretRotationApplication.POSTGRES_ROTATION_SINGLE_USER,
      vpc,
      target: postgresRDSserverless,
      automaticallyAfter: Duration.days(30),
    });

    const creds = Secret.fromSecretCompleteArn(this, 'pgcreds', dbSecret.secretFullArn!);
    const cluster = new Cluster(this, 'Cluster', { vpc });
    const fargateService = new ApplicationLoadBalancedFargateService(this, 'FargateService', {
      cluster,
      taskImageOptions: {
        image: ContainerImage.fromRegistry('public.ecr.aws/o0u3i9v5/secret-ecs-repo'),
        containerPort: 4000,
        enableLogging: true,
        secrets: {
          POSTGRES_USER: ECSSecret.fromSecretsManager(creds, 'username'),
          POSTGRES_PASS: ECSSecret.fromSecretsManager(creds, 'password'),
          POSTGRES_HOST: ECSSecret.fromSecretsManager(creds, 'host'),
          POSTGRES_PORT: ECSSecret.fromSecretsManager(creds, 'port'),
          POSTGRES_NAME: ECSSecret.fromSecretsManager(creds, 'dbname'),
        },
      },
      desiredCount: 1,
      publicLoadBalancer: true,
    });
    new CfnOutput(this, 'LoadBalancerDNS', { value: fargateService.loadBalancer.loadBalancerDnsName });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new SecretEcsStack(app, 'SecretEcsStack', { env: { account: '111122223333', region: 'us-west-2' } });
  return templateOf(app, stack);
}
