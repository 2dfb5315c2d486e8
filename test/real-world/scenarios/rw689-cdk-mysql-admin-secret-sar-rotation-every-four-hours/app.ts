/**
 * Written after non-97/rotate-db-admin-secret-every-minutes (lib/rds-stack.ts, a CDK app that rotates an RDS MySQL
 * admin secret from an EventBridge Scheduler schedule), trimmed to what the pack judges: a generated admin secret
 * (`/rds/rds-db-instance/admin`) given to a MySQL instance with Credentials.fromSecret, rotated by CDK's
 * SecretRotation (the MYSQL_ROTATION_SINGLE_USER Serverless Application Repository app) whose schedule is overridden
 * to `cron(0 /4 * * ? *)`, and a Scheduler schedule whose target input names the secret's ARN for
 * secretsmanager:RotateSecret. Construct ids are the source's; the EC2 bastion is left out.
 */
import * as cdk from 'aws-cdk-lib';
import { newApp, templateOf } from '../../app-helpers';

class RdsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new cdk.aws_ec2.Vpc(this, 'VPC', {
      ipAddresses: cdk.aws_ec2.IpAddresses.cidr('10.0.1.0/24'),
      natGateways: 0,
      maxAzs: 2,
      subnetConfiguration: [
        { name: 'Public', subnetType: cdk.aws_ec2.SubnetType.PUBLIC, cidrMask: 27 },
        { name: 'Isolated', subnetType: cdk.aws_ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 27 },
      ],
    });
    new cdk.aws_ec2.InterfaceVpcEndpoint(this, 'Secrets Manager VPC Endpoint', {
      vpc,
      service: cdk.aws_ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      subnets: vpc.selectSubnets({ subnetType: cdk.aws_ec2.SubnetType.PRIVATE_ISOLATED }),
    });
    const dbSG = new cdk.aws_ec2.SecurityGroup(this, 'Security Group of DB', { vpc });
    dbSG.addIngressRule(cdk.aws_ec2.Peer.ipv4(vpc.vpcCidrBlock), cdk.aws_ec2.Port.tcp(3306));
    const subnetGroup = new cdk.aws_rds.SubnetGroup(this, 'RDS Subnet Group', {
      vpc,
      description: 'RDS Subnet Group',
      subnetGroupName: 'rds-subgrp',
      vpcSubnets: { subnetType: cdk.aws_ec2.SubnetType.PRIVATE_ISOLATED },
    });

    const instanceIdentifier = 'rds-db-instance';
    const dbAdminSecret = new cdk.aws_secretsmanager.Secret(this, 'DB Admin Secret', {
      secretName: `/rds/${instanceIdentifier}/admin`,
      generateSecretString: {
        excludeCharacters: " %+~`#$&*()|[]{}:;<>?!'/@\"\\",
        generateStringKey: 'password',
        passwordLength: 32,
        requireEachIncludedType: true,
        secretStringTemplate: '{"username": "admin"}',
      },
    });
    const dbInstance = new cdk.aws_rds.DatabaseInstance(this, 'RDS DB Instance', {
      engine: cdk.aws_rds.DatabaseInstanceEngine.mysql({ version: cdk.aws_rds.MysqlEngineVersion.VER_8_0_30 }),
      vpc,
      allocatedStorage: 20,
      backupRetention: cdk.Duration.days(0),
      credentials: cdk.aws_rds.Credentials.fromSecret(dbAdminSecret),
      instanceIdentifier,
      instanceType: cdk.aws_ec2.InstanceType.of(cdk.aws_ec2.InstanceClass.T3, cdk.aws_ec2.InstanceSize.MICRO),
      multiAz: false,
      publiclyAccessible: false,
      storageEncrypted: true,
      subnetGroup,
      securityGroups: [dbSG],
    });
    (dbInstance.node.defaultChild as cdk.aws_rds.CfnDBInstance).addPropertyOverride('StorageType', 'gp3');

    new cdk.aws_secretsmanager.SecretRotation(this, 'Rotation DB Admin Secret', {
      application: cdk.aws_secretsmanager.SecretRotationApplication.MYSQL_ROTATION_SINGLE_USER,
      secret: dbAdminSecret,
      target: dbInstance,
      vpc,
      excludeCharacters: dbAdminSecret.excludeCharacters,
      vpcSubnets: vpc.selectSubnets({ subnetType: cdk.aws_ec2.SubnetType.PRIVATE_ISOLATED }),
    });
    const schedule = dbAdminSecret.node.tryFindChild('RotationSchedule')?.node.defaultChild as cdk.aws_secretsmanager.CfnRotationSchedule;
    schedule.rotationRules = { scheduleExpression: 'cron(0 /4 * * ? *)' };

    const schedulerIamRole = new cdk.aws_iam.Role(this, 'Scheduler IAM Role', {
      assumedBy: new cdk.aws_iam.ServicePrincipal('scheduler.amazonaws.com'),
      managedPolicies: [
        new cdk.aws_iam.ManagedPolicy(this, 'Rotate DB Admin Secret IAM Policy', {
          statements: [new cdk.aws_iam.PolicyStatement({ actions: ['secretsmanager:RotateSecret'], resources: [dbAdminSecret.secretArn] })],
        }),
      ],
    });
    new cdk.aws_scheduler.CfnSchedule(this, 'Rotate DB Admin Secret Every Minutes', {
      flexibleTimeWindow: { mode: 'OFF' },
      scheduleExpression: 'cron(* * * * ? *)',
      target: {
        arn: 'arn:aws:scheduler:::aws-sdk:secretsmanager:rotateSecret',
        roleArn: schedulerIamRole.roleArn,
        input: `{ "SecretId": "${dbAdminSecret.secretArn}" }`,
        retryPolicy: { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 0 },
      },
      description: 'Rotate DB Admin Secret Every Minutes',
      name: 'rotate-db-admin-secret-every-minutes',
      scheduleExpressionTimezone: 'Asia/Tokyo',
      state: 'ENABLED',
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RdsStack(app, 'RdsStack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  return templateOf(app, stack);
}
