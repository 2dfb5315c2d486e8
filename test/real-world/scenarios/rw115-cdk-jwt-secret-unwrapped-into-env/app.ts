/**
 * Reproduces a pattern found by code search in CDK apps (a serverless app template: a generated "JWT signing
 * secret" whose secretValue.unsafeUnwrap() goes into a shared environment object given to every function, and a
 * seed function, run by a Provider custom resource, that gets the first admin's user name and password from the
 * app's config file through addEnvironment). Names and values are this project's own; the password is made up for
 * this fixture.
 */
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

const config = { appName: 'tasklist', adminUsername: 'admin', adminPassword: 'Xk4#rT9vQm2!Lp7z' };

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw115');
  const users = new dynamodb.Table(stack, 'Users', { partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const jwtSecret = new secretsmanager.Secret(stack, 'JwtSecret', {
    description: `${config.appName} JWT signing secret`,
    generateSecretString: { passwordLength: 48, excludePunctuation: true },
  });
  const commonEnv: Record<string, string> = {
    USERS_TABLE: users.tableName,
    JWT_SECRET: jwtSecret.secretValue.unsafeUnwrap(),
    NODE_OPTIONS: '--enable-source-maps',
  };
  const makeFn = (id: string) => {
    const fn = new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      timeout: Duration.seconds(15),
      environment: commonEnv,
    });
    users.grantReadWriteData(fn);
    return fn;
  };
  makeFn('LoginFn');
  makeFn('MeFn');
  const seed = makeFn('SeedAdminFn');
  seed.addEnvironment('ADMIN_USERNAME', config.adminUsername);
  seed.addEnvironment('ADMIN_PASSWORD', config.adminPassword);
  const provider = new cr.Provider(stack, 'SeedProvider', { onEventHandler: seed });
  new CustomResource(stack, 'SeedAdmin', { serviceToken: provider.serviceToken, properties: { username: config.adminUsername } });
  return templateOf(app, stack);
}
