/**
 * Written after the CDK pattern of a Glue ETL job whose default arguments pass database credentials to the script
 * (the aws-mdaa MdaaCfnJob wrapper around CfnJob and Glue job modules whose default_arguments carry connection
 * settings, found by code search; the index does not name a repository with the password argument): the user name
 * and JDBC URL as arguments, the password as secretValueFromJson('password').unsafeUnwrap(), and a second job that
 * gets only the secret's name and reads it at run time. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'WarehouseEtl', { env: { account: '111122223333', region: 'us-east-1' } });
  const role = new iam.Role(stack, 'GlueRole', {
    assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')],
  });
  const dbSecret = secretsmanager.Secret.fromSecretNameV2(stack, 'WarehouseSecret', 'warehouse/etl-user');
  dbSecret.grantRead(role);
  const job = (id: string, name: string, defaultArguments: Record<string, string>) =>
    new glue.CfnJob(stack, id, {
      name,
      role: role.roleArn,
      glueVersion: '4.0',
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: `s3://warehouse-etl-scripts-111122223333/${name.replace('-', '_')}.py` },
      defaultArguments: { '--job-language': 'python', '--jdbc_url': 'jdbc:postgresql://warehouse.cluster-c1a2b3c4d5e6.us-east-1.rds.amazonaws.com:5432/dw', ...defaultArguments },
    });
  job('LoadOrdersJob', 'load-orders', {
    '--enable-metrics': 'true',
    '--db_user': dbSecret.secretValueFromJson('username').unsafeUnwrap(),
    '--db_password': dbSecret.secretValueFromJson('password').unsafeUnwrap(),
  });
  job('LoadCustomersJob', 'load-customers', { '--db_secret_name': 'warehouse/etl-user' });
  return templateOf(app, stack);
}
