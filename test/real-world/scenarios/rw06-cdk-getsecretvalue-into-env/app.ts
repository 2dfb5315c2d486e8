/**
 * Reproduces the pattern shown in aws/aws-cdk issue #16207 ("SecretString from AwsCustomResource in usable form")
 * and in the workaround of aws-cloudformation/cloudformation-coverage-roadmap issue #341: an AwsCustomResource calls
 * Secrets Manager getSecretValue (default logging) and getResponseField('SecretString') is passed on, here into a
 * function's environment. Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw06');
  const lookup = new cr.AwsCustomResource(stack, 'CentralSecretLookup', {
    onUpdate: {
      service: 'SecretsManager',
      action: 'getSecretValue',
      parameters: { SecretId: 'central/reporting-db' },
      region: 'eu-west-1',
      physicalResourceId: cr.PhysicalResourceId.of('central-reporting-db'),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ['arn:aws:secretsmanager:eu-west-1:444455556666:secret:central/reporting-db-*'] }),
  });
  new lambda.Function(stack, 'ReportBuilder', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    environment: { REPORTING_DB: lookup.getResponseField('SecretString') },
  });
  return templateOf(app, stack);
}
