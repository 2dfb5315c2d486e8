/**
 * Reproduces the pattern of aws-samples/serverless-patterns, waf-cloudfront-websocket-apigw-cdk-python/
 * my_websocket_api/my_websocket_api_stack.py (commit 90694649ad38f236aa205293764a538872828357): the value of an API
 * Gateway API key is read with an AwsCustomResource (getApiKey, includeValue, default logging) and set as a custom
 * origin header of a CloudFront distribution. Written in TypeScript with this project's own names.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw04');
  const key = new apigateway.CfnApiKey(stack, 'EdgeKey', { enabled: true, name: 'edge-origin-key' });
  const call: cr.AwsSdkCall = {
    service: 'APIGateway',
    action: 'getApiKey',
    parameters: { apiKey: key.ref, includeValue: true },
    physicalResourceId: cr.PhysicalResourceId.of(`edge-key-${key.ref}`),
  };
  const keyValue = new cr.AwsCustomResource(stack, 'EdgeKeyValue', {
    onCreate: call,
    onUpdate: call,
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  new cloudfront.Distribution(stack, 'Distribution', {
    defaultBehavior: {
      origin: new origins.HttpOrigin('wss-origin.execute-api.eu-west-1.amazonaws.com', {
        originPath: '/live',
        customHeaders: { 'x-api-key': keyValue.getResponseField('value') },
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    },
  });
  return templateOf(app, stack);
}
