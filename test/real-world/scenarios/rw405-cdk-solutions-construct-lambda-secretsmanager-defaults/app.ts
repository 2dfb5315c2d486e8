/**
 * Written after awslabs/aws-solutions-constructs (source/patterns/@aws-solutions-constructs/core/lib/
 * secretsmanager-helper.ts with secretsmanager-defaults.ts, as aws-lambda-secretsmanager uses them):
 * LambdaToSecretsmanager with default props makes a Secret with removalPolicy RETAIN and no key (the helper adds a
 * cfn_nag W77 suppression saying the account's aws/secretsmanager key is allowed), grants the function read access
 * and gives it the secret's ARN in SECRET_ARN. Reproduced with aws-cdk-lib resources as the library emits them (no new
 * dependency). Names are ours.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class LambdaToSecretsmanager extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'LambdaFunction', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      environment: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' },
      tracing: lambda.Tracing.ACTIVE,
    });
    const secret = new secretsmanager.Secret(this, 'secret', { removalPolicy: RemovalPolicy.RETAIN });
    (secret.node.defaultChild as secretsmanager.CfnSecret).addMetadata('cfn_nag', {
      rules_to_suppress: [{ id: 'W77', reason: 'We allow the use of the AWS account default key aws/secretsmanager for secret encryption.' }],
    });
    secret.grantRead(fn);
    fn.addEnvironment('SECRET_ARN', secret.secretArn);
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'TestLambdaSecretsmanager', { env: { account: '111122223333', region: 'us-east-1' } });
  new LambdaToSecretsmanager(stack, 'test-lambda-secretsmanager-stack');
  return templateOf(app, stack);
}
