/**
 * Written after a multi-stack CDK app found by code search whose CredentialsStack exists "to manage credentials and
 * secrets that would otherwise create circular dependencies between stacks" (secret 'gabi-yoga-db-credentials',
 * generated from {"username":"admin"} with a 16-character password, and an output of its ARN; the index does not name
 * the repository) and whose database stack builds a MySQL instance from that secret. CDK exports the secret's ARN from
 * the credentials stack and the database stack, which refers to the secret by that ARN (Secret.fromSecretCompleteArn, so
 * that the attachment stays in the database stack), imports it into the instance's MasterUsername and MasterUserPassword
 * dynamic references. The database stack is audited. Names besides the secret's are ours.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { CfnOutput } from 'aws-cdk-lib';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const env = { account: '111122223333', region: 'us-west-2' };
  const creds = new Stack(app, 'GabiYogaCredentials', { env });
  const secret = new secretsmanager.Secret(creds, 'DatabaseCredentials', {
    secretName: 'gabi-yoga-db-credentials',
    generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'admin' }), generateStringKey: 'password', excludePunctuation: true, includeSpace: false, passwordLength: 16 },
  });
  new CfnOutput(creds, 'DatabaseSecretArn', { value: secret.secretArn, description: 'Database credentials secret ARN' });
  const network = new Stack(app, 'GabiYogaNetwork', { env });
  const vpc = new ec2.Vpc(network, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const database = new Stack(app, 'GabiYogaDatabase', { env });
  const sg = new ec2.SecurityGroup(database, 'DatabaseSecurityGroup', { vpc, description: 'Allow database connections', allowAllOutbound: true });
  new rds.DatabaseInstance(database, 'Database', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE4_GRAVITON, ec2.InstanceSize.MICRO),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [sg],
    credentials: rds.Credentials.fromSecret(secretsmanager.Secret.fromSecretCompleteArn(database, 'DatabaseSecret', secret.secretArn)),
    databaseName: 'gabi_yoga',
    allocatedStorage: 20,
    removalPolicy: RemovalPolicy.SNAPSHOT,
  });
  return templateOf(app, database);
}
