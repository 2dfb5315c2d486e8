/**
 * The SecureString variant of the cross-region parameter reader (same public pattern as rw05: AWS blog "Read
 * parameters across AWS Regions with AWS CloudFormation custom resources" and its SSMParameterReader copies, which
 * also pass WithDecryption): getParameter with WithDecryption: true returns the decrypted value, which the custom
 * resource logs by default and which here lands in a function's environment.
 */
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw29');
  const reader = new cr.AwsCustomResource(stack, 'WebhookKeyReader', {
    onUpdate: {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: '/hooks/partner/signing-key', WithDecryption: true },
      region: 'us-east-1',
      physicalResourceId: cr.PhysicalResourceId.of('hooks-partner-signing-key'),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  new lambda.Function(stack, 'HookVerifier', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    environment: { PARTNER_HOOK_KEY: reader.getResponseField('Parameter.Value') },
  });
  return templateOf(app, stack);
}
