/**
 * Written after seitamuro/prisma-vs-drizzle (lib/db-stack.ts, with its secrets and VPC stacks): a PostgreSQL server
 * on EC2 whose user data installs PostgreSQL, opens it to the network, reads the database user name and password from
 * Secrets Manager at boot (`aws secretsmanager get-secret-value --secret-id <name> | jq -r '.password'`) and sets the
 * password with psql; the secret (a generated password under a postgres user name) and the VPC live in other stacks
 * and reach this one through cross-stack references; the instance role is granted read on the secret, the user data
 * signals on exit, and the public IP is an output. This scenario is the database stack.
 */
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class DbStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { vpc: ec2.Vpc; dbSecret: secretsmanager.Secret }) {
    super(scope, id, props);
    const userData = ec2.UserData.forLinux({ shebang: '#!/bin/bash -xe' });
    userData.addCommands(
      'sudo yum install -y postgresql15-server',
      'sudo postgresql-setup initdb',
      'cd /var/lib/pgsql/data',
      "sudo sed -i -e \"s/^#listen_addresses = 'localhost'/listen_addresses = '*'/g\" ./postgresql.conf",
      'sudo echo "host all all 0.0.0.0/0 md5" >> ./pg_hba.conf',
      'sudo service postgresql start',
      `DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${props.dbSecret.secretName} --query SecretString --output text | jq -r '.password')`,
      `DB_USERNAME=$(aws secretsmanager get-secret-value --secret-id ${props.dbSecret.secretName} --query SecretString --output text | jq -r '.username')`,
      'sleep 10',
      `sudo -u postgres psql -c "ALTER USER $DB_USERNAME WITH PASSWORD '$DB_PASSWORD';"`,
    );
    const securityGroup = new ec2.SecurityGroup(this, 'DbSecurityGroup', { vpc: props.vpc, allowAllOutbound: true });
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432), 'Allow inbound traffic to PostgreSQL');
    const role = new iam.Role(this, 'EC2SSMManagedRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEC2RoleforSSM')],
    });
    const instance = new ec2.Instance(this, 'DbInstance', {
      vpc: props.vpc,
      instanceType: new ec2.InstanceType('t2.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      vpcSubnets: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PUBLIC }),
      role,
      userData,
      securityGroup,
      associatePublicIpAddress: true,
    });
    instance.userData.addSignalOnExitCommand(instance);
    props.dbSecret.grantRead(instance);
    new CfnOutput(this, 'PublicIp', { value: instance.instancePublicIp });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const network = new Stack(app, 'VpcStack');
  const vpc = new ec2.Vpc(network, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const secrets = new Stack(app, 'SecretsStack');
  const dbSecret = new secretsmanager.Secret(secrets, 'dbSecret', {
    generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'postgres' }), generateStringKey: 'password', excludeCharacters: '"@/\\\'"#$[]{}()^;:%!' },
  });
  const db = new DbStack(app, 'DbStack', { vpc, dbSecret });
  return templateOf(app, db);
}
