/**
 * Written after bobbyhadz/get-secrets-manager-values-aws-cdk (lib/cdk-starter-stack.ts with bin/cdk-starter.ts), the
 * companion code of a blog post on reading Secrets Manager values in CDK: an existing secret imported by name
 * (Secret.fromSecretNameV2 'databasePassword') whose name and value are both given to a function's environment, the
 * value as `secretValue.toString()`, which CDK renders as a {{resolve:secretsmanager:…}} dynamic reference, so
 * CloudFormation writes the database password into the function's configuration. The NodejsFunction bundle is
 * replaced by inline code (no bundling here). Names are ours.
 */
import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new cdk.Stack(app, 'cdk-stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const dbPasswordSecret = secretsmanager.Secret.fromSecretNameV2(stack, 'db-pwd-id', 'databasePassword');
  new lambda.Function(stack, 'my-function', {
    environment: {
      SECRET_NAME: dbPasswordSecret.secretName,
      SECRET_VALUE: dbPasswordSecret.secretValue.toString(),
    },
    runtime: lambda.Runtime.NODEJS_18_X,
    memorySize: 1024,
    timeout: cdk.Duration.seconds(5),
    handler: 'index.main',
    code: lambda.Code.fromInline('exports.main = async () => ({ statusCode: 200, body: JSON.stringify({ secretName: process.env.SECRET_NAME }) });'),
  });
  return templateOf(app, stack);
}
