/**
 * Reproduces the widely copied "SSMParameterReader" pattern (AWS blog "Read parameters across AWS Regions with AWS
 * CloudFormation custom resources", aws.amazon.com/blogs/infrastructure-and-automation; copies found by code search
 * under names such as SSMParameterReader and CrossRegionGetParameter): an AwsCustomResource reads a plain String
 * parameter (a WAF web ACL ARN) from us-east-1 without decryption, for a CloudFront distribution and a function.
 * Nothing secret is read, so nothing should be reported.
 */
import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw05', { env: { account: '111122223333', region: 'eu-central-1' } });
  const reader = new cr.AwsCustomResource(stack, 'WebAclArnReader', {
    onUpdate: {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: '/edge/waf/web-acl-arn' },
      region: 'us-east-1',
      physicalResourceId: cr.PhysicalResourceId.of('edge-waf-web-acl-arn'),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ['arn:aws:ssm:us-east-1:111122223333:parameter/edge/waf/web-acl-arn'] }),
  });
  const webAclArn = reader.getResponseField('Parameter.Value');
  new cloudfront.Distribution(stack, 'Site', {
    defaultBehavior: { origin: new origins.HttpOrigin('origin.example.org') },
    webAclId: webAclArn,
  });
  new lambda.Function(stack, 'Auditor', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    environment: { WEB_ACL_ARN: webAclArn },
  });
  return templateOf(app, stack);
}
