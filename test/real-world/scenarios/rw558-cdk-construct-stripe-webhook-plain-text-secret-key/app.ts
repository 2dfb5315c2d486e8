/**
 * Written after cloudcomponents/cdk-constructs (examples/stripe-webhook-example/src/stripe-webhook-stack.ts with
 * packages/cdk-stripe-webhook/src/stripe-webhook.ts and packages/cdk-secret-key/src/secret-key.ts), a Construct Hub
 * library and its example: a REST API endpoint and a StripeWebhook construct, a custom resource
 * (Custom::StripeWebhook, pascal-cased properties) whose singleton handler registers the endpoint with Stripe. The
 * example passes `SecretKey.fromPlainText(process.env.SECRET_KEY)`, which the construct serialises as
 * {"secretKeyType":"PLAIN_TEXT","value":"<key>"} into the SecretKeyString property (the library's other choices,
 * fromSecretsManager and fromSSMParameter, serialise an ARN or a parameter name). The key here is a fake of the shape
 * of a Stripe live secret key; the handler's asset is replaced by inline code. Names are ours.
 */
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

/** The library's SecretKey.fromPlainText(...).serialize(). */
const plainTextSecretKey = (value: string) => JSON.stringify({ secretKeyType: 'PLAIN_TEXT', value });

class StripeWebhook extends Construct {
  constructor(scope: Construct, id: string, props: { secretKeyString: string; url: string; events: string[]; logLevel: string }) {
    super(scope, id);
    const handler = new lambda.SingletonFunction(this, 'CustomResourceHandler', {
      uuid: 'e9db3870-d793-4cd2-96a9-efe2e318ebbc',
      runtime: lambda.Runtime.NODEJS_20_X,
      code: lambda.Code.fromInline('exports.handler = async () => ({ PhysicalResourceId: "webhook" });'),
      handler: 'index.handler',
      lambdaPurpose: 'Custom::StripeWebhook',
      timeout: Duration.minutes(15),
    });
    new CustomResource(this, 'CustomResource', {
      serviceToken: handler.functionArn,
      resourceType: 'Custom::StripeWebhook',
      pascalCaseProperties: true,
      properties: { url: props.url, events: props.events, logLevel: props.logLevel, secretKeyString: props.secretKeyString },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'StripeWebhookStack', { env: { account: '111122223333', region: 'eu-central-1' } });
  const api = new apigateway.RestApi(stack, 'Endpoint');
  api.root.addMethod('POST');
  const secretKey = plainTextSecretKey('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');
  new StripeWebhook(stack, 'StripeWebhook', { secretKeyString: secretKey, url: api.url, events: ['charge.failed', 'charge.succeeded'], logLevel: 'debug' });
  return templateOf(app, stack);
}
