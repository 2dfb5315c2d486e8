/**
 * Written after openaq/openaq-api-v2 (cdk/stacks/lambda_api_stack.py with cdk/app.py, cdk/stacks/utils.py and
 * openaq_api/openaq_api/settings.py), a Python CDK app rewritten in TypeScript: the OpenAQ API function whose
 * environment is the API's pydantic settings model dumped to strings (`stringify_settings(lambda_env)`), so the
 * database read and write users and passwords, the SMTP password, the explorer API key and the computed
 * DATABASE_READ_URL / DATABASE_WRITE_URL (postgresql://user:password@host:port/db) all land in the function's
 * environment as written in the deployer's .env; behind an HTTP API with an Endpoint output. The values are fakes of
 * the same shape (the .env is not committed); the dependencies layer and the CloudFront/WAF branch are left out.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

// The settings as pydantic dumps them (computed fields included), values from a deployer's .env (fakes).
const settings = {
  DATABASE_READ_USER: 'apiuser',
  DATABASE_WRITE_USER: 'rwuser',
  DATABASE_READ_PASSWORD: 'Vq7rTz2mKp9wLx4N',
  DATABASE_WRITE_PASSWORD: 'Hd3sFw8jRb6nYc1Q',
  DATABASE_DB: 'openaq',
  DATABASE_HOST: 'openaq-db.cluster-c1a2b3c4d5e6.us-east-1.rds.amazonaws.com',
  DATABASE_PORT: 5432,
  API_CACHE_TIMEOUT: 900,
  LOG_LEVEL: 'INFO',
  REDIS_HOST: 'openaq-cache.abc123.ng.0001.use1.cache.amazonaws.com',
  REDIS_PORT: 6379,
  RATE_LIMITING: true,
  RATE_AMOUNT_KEY: 60,
  RATE_TIME: 1,
  EMAIL_SENDER: 'notifications@openaq.org',
  SMTP_EMAIL_HOST: 'email-smtp.us-east-1.amazonaws.com',
  SMTP_EMAIL_USER: 'AKIAZ3EXAMPLESMTP7QX',
  SMTP_EMAIL_PASSWORD: 'BNc8qL2vWx5tHk9rPz3mYd7sFg1jAe6uKo4iTb0wQn2X',
  EXPLORER_API_KEY: '9f3c2a7e5b1d4086a3e7c2f9b5d1e8a4',
};
const computed = {
  DATABASE_READ_URL: `postgresql://${settings.DATABASE_READ_USER}:${settings.DATABASE_READ_PASSWORD}@${settings.DATABASE_HOST}:${settings.DATABASE_PORT}/${settings.DATABASE_DB}`,
  DATABASE_WRITE_URL: `postgresql://${settings.DATABASE_WRITE_USER}:${settings.DATABASE_WRITE_PASSWORD}@${settings.DATABASE_HOST}:${settings.DATABASE_PORT}/${settings.DATABASE_DB}`,
  USE_SMTP_EMAIL: true,
};
const stringifySettings = (data: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v === true ? 'True' : v === false ? 'False' : String(v)]));

export function synth(): Record<string, unknown> {
  const app = newApp();
  const id = 'openaq-api-staging';
  const envName = 'staging';
  const stack = new Stack(app, id, { env: { account: '111122223333', region: 'us-east-1' } });
  const openaqApi = new lambda.Function(stack, `openaq-api-${envName}-lambda`, {
    code: lambda.Code.fromInline('def handler(event, context):\n    return {"statusCode": 200}\n'),
    handler: 'openaq_api.main.handler',
    runtime: lambda.Runtime.PYTHON_3_11,
    architecture: lambda.Architecture.X86_64,
    memorySize: 1536,
    environment: stringifySettings({ ...settings, ...computed }),
    timeout: Duration.seconds(30),
  });
  openaqApi.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'SES:SendRawEmail'], resources: ['*'], effect: iam.Effect.ALLOW }));
  const api = new HttpApi(stack, `${id}-endpoint`, {
    createDefaultStage: true,
    defaultIntegration: new HttpLambdaIntegration(`openaq-api-integration-${envName}`, openaqApi),
  });
  new CfnOutput(stack, 'Endpoint', { value: `https://${api.httpApiId}.execute-api.${stack.region}.amazonaws.com` });
  return templateOf(app, stack);
}
