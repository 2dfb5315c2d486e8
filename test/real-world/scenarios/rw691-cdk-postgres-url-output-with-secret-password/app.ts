/**
 * Written after camharris/chainlink-infra-cdk (lib/rds-stack.ts, infrastructure for a Chainlink node; CDK v1,
 * rewritten for aws-cdk-lib), trimmed to what the pack judges: a generated `db-credentials` secret given to a
 * PostgreSQL instance with Credentials.fromSecret, and a `dbUrl` output joined from `postgresql://`, the secret's
 * username and password (both as `secretValueFromJson(...).toString()`, i.e. dynamic references), `@`, the instance's
 * socket address and `/chainlink?sslmode=disable`: the connection string the node reads. Construct ids are the
 * source's; the VPC (imported by the source) is created here.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class RdsStack extends cdk.Stack {
  public readonly dbSecrets: secretsmanager.Secret;
  constructor(scope: Construct, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    this.dbSecrets = new secretsmanager.Secret(this, 'dbSecrets', {
      secretName: 'db-credentials',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'postgres' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        includeSpace: false,
      },
    });
    const dbSecurityGroup = new ec2.SecurityGroup(this, 'dbSecurityGroup', { vpc });
    dbSecurityGroup.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432));
    const dbinstance = new rds.DatabaseInstance(this, 'Instance', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_12 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE3, ec2.InstanceSize.SMALL),
      credentials: rds.Credentials.fromSecret(this.dbSecrets),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [dbSecurityGroup],
      databaseName: 'chainlink',
    });
    const dbUrl = cdk.Fn.join('', [
      'postgresql://', this.dbSecrets.secretValueFromJson('username').toString(), ':',
      this.dbSecrets.secretValueFromJson('password').toString(), '@',
      dbinstance.instanceEndpoint.socketAddress.toString(), '/chainlink?sslmode=disable',
    ]);
    new cdk.CfnOutput(this, 'dbUrl', { value: dbUrl });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RdsStack(app, 'ChainlinkRdsStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
