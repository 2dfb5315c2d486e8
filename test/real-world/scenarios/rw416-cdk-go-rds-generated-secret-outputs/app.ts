/**
 * Written after aws-cloudformation/iac-model-evaluation (cdk/go/rds-mysql/rds.go), a Go CDK app rewritten in
 * TypeScript: a new VPC, a generated Secret ({"username":"admin"} with a 20-character password, no key, no rotation),
 * a MySQL 8.0.33 instance whose credentials come from that secret (Credentials.fromSecret), and outputs of the
 * instance's endpoint and the secret's ARN. Environment-agnostic, as the source's env() returns nil.
 */
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'RdsStack');
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const secret = new secretsmanager.Secret(stack, 'RdsSecret', {
    generateSecretString: {
      generateStringKey: 'password',
      passwordLength: 20,
      excludeCharacters: " %+~`#$&*()|[]{}:;<>?!'/@\"\\",
      secretStringTemplate: '{"username":"admin"}',
    },
  });
  const db = new rds.DatabaseInstance(stack, 'Rds', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_33 }),
    vpc,
    credentials: rds.Credentials.fromSecret(secret, 'password'),
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
  });
  new CfnOutput(stack, 'RdsEndpoint', { value: db.instanceEndpoint.hostname, description: 'RDS Endpoint' });
  new CfnOutput(stack, 'RdsSecretArn', { value: secret.secretArn, description: 'RDS Secret Arn' });
  return templateOf(app, stack);
}
