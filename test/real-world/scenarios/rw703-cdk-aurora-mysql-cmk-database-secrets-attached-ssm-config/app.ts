/**
 * Written after damnhandy/springcloud-aws-example (lib/database-stack.ts, a Spring Cloud AWS sample; CDK v1,
 * rewritten for aws-cdk-lib), trimmed to what the pack judges: two rds.DatabaseSecret (the `admin` master
 * credentials and an `appuser`) under the foundation stack's customer-managed key, an Aurora MySQL cluster given the
 * admin secret with Credentials.fromSecret, the app user's secret attached to the cluster, and SSM String parameters
 * `/config/<app>/spring/data/jdbc/{hostname,port,url}` and `/config/shared/admin/username` that Spring Cloud reads.
 * Construct ids are the source's (its instanceProps become a writer); the key and VPC of the source's foundation stack
 * are created here, and the Flyway CodeBuild project is left out.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class DatabaseStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps & { appName: string }) {
    super(scope, id, props);
    const prefix = 'DemoAppDB';
    const dbUsername = 'admin';
    const kmsKey = new kms.Key(this, 'FoundationKey', { enableKeyRotation: true });
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const dbAdminCreds = new rds.DatabaseSecret(this, `${prefix}AdminCreds`, { secretName: '/secret/mysql/admin', username: dbUsername, encryptionKey: kmsKey });
    const appUserCreds = new rds.DatabaseSecret(this, `${prefix}AppuserAdminCreds`, { secretName: `/secret/${props.appName}/appuser`, username: 'appuser', encryptionKey: kmsKey });
    const engine = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_05_2 });
    const parameterGroup = new rds.ParameterGroup(this, `${prefix}ParameterGroup`, {
      engine,
      parameters: { require_secure_transport: 'ON', tls_version: 'TLSv1.2' },
    });
    const mysqlCluster = new rds.DatabaseCluster(this, `${prefix}Cluster`, {
      defaultDatabaseName: prefix,
      parameterGroup,
      storageEncryptionKey: kmsKey,
      credentials: rds.Credentials.fromSecret(dbAdminCreds),
      engine,
      writer: rds.ClusterInstance.provisioned('Instance1', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM) }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
    appUserCreds.attach(mysqlCluster);
    new ssm.StringParameter(this, `${prefix}HostNameSSMParam`, { parameterName: `/config/${props.appName}/spring/data/jdbc/hostname`, stringValue: mysqlCluster.clusterEndpoint.hostname });
    new ssm.StringParameter(this, `${prefix}PortSSMParam`, { parameterName: `/config/${props.appName}/spring/data/jdbc/port`, stringValue: '3306' });
    new ssm.StringParameter(this, `${prefix}DBAdminUsername`, { parameterName: '/config/shared/admin/username', stringValue: dbUsername });
    new ssm.StringParameter(this, `${prefix}JdbcUrlSSMParam`, {
      parameterName: `/config/${props.appName}/spring/data/jdbc/url`,
      stringValue: `jdbc:mysql://${mysqlCluster.clusterEndpoint.hostname}:3306/demoapp`,
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new DatabaseStack(app, 'DemoAppDatabase', { appName: 'demoapp', env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
