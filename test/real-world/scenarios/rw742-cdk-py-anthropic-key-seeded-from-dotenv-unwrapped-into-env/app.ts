/**
 * Python CDK app rewritten in TypeScript, after a TailfStack found by code search (a personal site whose hourly Lambda
 * summarises feeds with the Anthropic API; the index does not name its repository), trimmed to what the pack judges:
 * the stack CREATES the `tailf/anthropic-api-key` secret with secret_string_value =
 * SecretValue.unsafe_plain_text(anthropic_api_key), the key loaded from the local .env at synth time (the source's
 * comment calls this a trade-off: the key is plaintext in the synthesised template), and the pipeline function's
 * environment gets ANTHROPIC_API_KEY = anthropic_secret.secret_value.unsafe_unwrap() (a dynamic reference that
 * CloudFormation resolves into the function's configuration) beside the bucket, the model id and the secret's name;
 * an hourly schedule. Construct ids are the source's; the key value is a stand-in of the real shape (not a live key),
 * the Docker image function is an inline function, and the site (bucket deployment, CloudFront, DNS) is left out.
 */
import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

const ANTHROPIC_SECRET_NAME = 'tailf/anthropic-api-key';
const ANTHROPIC_MODEL = 'claude-haiku-4-5';
// What app.py reads from .env at synth time (a random stand-in shaped like an Anthropic API key, split so scanners do not match the source file).
const anthropicApiKey = ['sk-ant-api03-', 'A9ti8LhU4M3OdBlrBOf8OwVYWnMfjrA', 'ttFdkIU1qb7xavto6IFwcYHfoNjjeIO', 'sFKyezYB8YdsSAkiaYmVNjktIp3kWw5AA'].join('');

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'TailfStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const siteBucket = new s3.Bucket(stack, 'SiteBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const anthropicSecret = new secretsmanager.Secret(stack, 'AnthropicApiKey', {
    secretName: ANTHROPIC_SECRET_NAME,
    secretStringValue: SecretValue.unsafePlainText(anthropicApiKey),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const pipelineFn = new lambda.Function(stack, 'PipelineFunction', {
    architecture: lambda.Architecture.ARM_64,
    runtime: lambda.Runtime.PYTHON_3_13,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(event, context):\n    return None\n'),
    memorySize: 2048,
    timeout: Duration.seconds(300),
    environment: {
      TAILF_BUCKET: siteBucket.bucketName,
      TAILF_MODEL: ANTHROPIC_MODEL,
      ANTHROPIC_API_KEY: anthropicSecret.secretValue.unsafeUnwrap(),
      ANTHROPIC_SECRET_NAME: ANTHROPIC_SECRET_NAME,
    },
  });
  siteBucket.grantReadWrite(pipelineFn);
  anthropicSecret.grantRead(pipelineFn);
  new events.Rule(stack, 'PipelineSchedule', { schedule: events.Schedule.cron({ minute: '0' }), targets: [new eventsTargets.LambdaFunction(pipelineFn)] });
  new CfnOutput(stack, 'BucketName', { value: siteBucket.bucketName });
  return templateOf(app, stack);
}
