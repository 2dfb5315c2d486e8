/**
 * Written after aws-samples/multitenancy-app-with-keycloak-closed-network (lib/database-stack.ts and
 * lib/constructs/auroraServerlessV2.ts), trimmed to what the pack judges: the Keycloak database: an Aurora
 * PostgreSQL Serverless v2 cluster with `Credentials.fromGeneratedSecret('dbadmin')` and IAM authentication, the
 * generated secret rotated every 7 days by a hosted rotation (`HostedRotation.postgreSqlSingleUser`), an RDS Proxy
 * (IAM auth, TLS required) over the same secret, capacity alarms, and an SSM String parameter holding
 * `{"proxy": <proxy endpoint>, "secretArn": <secret full ARN>}` for the application. The source's DatabaseStack is a
 * NestedStack; here it is the stack itself (its resources keep their ids). Config values are ours.
 */
import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Port, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { AuroraPostgresEngineVersion, ClusterInstance, Credentials, DatabaseCluster, DatabaseClusterEngine, DatabaseProxy, ProxyTarget } from 'aws-cdk-lib/aws-rds';
import { HostedRotation } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class AuroraServerlessV2 extends Construct {
  public readonly cluster: DatabaseCluster;
  public readonly dbProxy: DatabaseProxy;
  constructor(scope: Construct, id: string, props: { vpc: Vpc; port: number }) {
    super(scope, id);
    const dbCredentials = Credentials.fromGeneratedSecret('dbadmin');
    const dbSg = new SecurityGroup(this, 'Security group for AuroraServerlessV2', { vpc: props.vpc });
    dbSg.addIngressRule(dbSg, Port.tcp(props.port));
    this.cluster = new DatabaseCluster(this, 'serverlessV2Cluster', {
      engine: DatabaseClusterEngine.auroraPostgres({ version: AuroraPostgresEngineVersion.VER_15_4 }),
      defaultDatabaseName: 'keycloak',
      serverlessV2MinCapacity: 0.5,
      serverlessV2MaxCapacity: 4,
      writer: ClusterInstance.provisioned('writer'),
      readers: [ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
      securityGroups: [dbSg],
      vpc: props.vpc,
      vpcSubnets: { subnets: props.vpc.isolatedSubnets },
      port: props.port,
      removalPolicy: RemovalPolicy.DESTROY,
      storageEncrypted: true,
      iamAuthentication: true,
      credentials: dbCredentials,
    });
    this.cluster.secret!.addRotationSchedule(id, {
      automaticallyAfter: Duration.days(7),
      hostedRotation: HostedRotation.postgreSqlSingleUser({ functionName: `${id}-credentialRotateFn`.slice(0, 64) }),
    });
    this.cluster.metricServerlessDatabaseCapacity({ period: Duration.minutes(5) }).createAlarm(this, 'capacity', { threshold: 3.5, evaluationPeriods: 3 });
    this.cluster.metricACUUtilization({ period: Duration.minutes(5) }).createAlarm(this, 'alarm', { threshold: 90, evaluationPeriods: 3 });
    const dbProxySg = new SecurityGroup(this, 'Security group for DBProxy', { vpc: props.vpc });
    dbSg.addIngressRule(dbProxySg, Port.tcp(props.port));
    this.dbProxy = new DatabaseProxy(this, 'DBProxy', {
      proxyTarget: ProxyTarget.fromCluster(this.cluster),
      vpc: props.vpc,
      secrets: [this.cluster.secret!],
      securityGroups: [dbProxySg],
      iamAuth: true,
      requireTLS: true,
      debugLogging: true,
    });
  }
}

class DatabaseStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const vpc = new Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: SubnetType.PRIVATE_ISOLATED }] });
    const aurora = new AuroraServerlessV2(this, `${id}-aurorav2`, { vpc, port: 5432 });
    new StringParameter(this, `${id}-stringParam`, {
      parameterName: '/keycloak/database',
      stringValue: JSON.stringify({ proxy: aurora.dbProxy.endpoint, secretArn: aurora.cluster.secret!.secretFullArn }),
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new DatabaseStack(app, 'KeycloakDatabase', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  return templateOf(app, stack);
}
