/**
 * Written after cloudcomponents/cdk-constructs (examples/github-webhook-example/src/github-webhook-stack.ts with
 * packages/cdk-github-webhook/src/github-webhook.ts and packages/cdk-secret-key/src/secret-key.ts): a REST API
 * endpoint and a GithubWebhook construct, a Custom::GithubWebhook resource (pascal-cased properties) whose singleton
 * handler registers the endpoint as a webhook of a repository. The example passes
 * `SecretKey.fromPlainText(process.env.API_TOKEN)`, serialised as {"secretKeyType":"PLAIN_TEXT","value":"<token>"}
 * into GithubApiTokenString, beside the repository URL, the payload URL and events ["*"]. The token is a fake of the
 * shape of a GitHub personal access token; the handler's asset is replaced by inline code. Names are ours.
 */
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'GithubWebhookStack', { env: { account: '111122223333', region: 'eu-central-1' } });
  const api = new apigateway.RestApi(stack, 'github-webhook');
  api.root.addMethod('POST');
  const githubApiToken = JSON.stringify({ secretKeyType: 'PLAIN_TEXT', value: 'ghp_mfWTmifz291YCreeueINup1dNSOF3iBsLkPU' });
  const handler = new lambda.SingletonFunction(stack, 'GithubWebhookCustomResourceHandler', {
    uuid: '83CBF3EB-7B62-44F2-8C67-8441E4C1232E',
    runtime: lambda.Runtime.NODEJS_20_X,
    code: lambda.Code.fromInline('exports.handler = async () => ({ PhysicalResourceId: "hook" });'),
    handler: 'index.handler',
    lambdaPurpose: 'Custom::GithubWebhook',
    timeout: Duration.minutes(15),
  });
  new CustomResource(stack, 'GithubWebhookCustomResource', {
    serviceToken: handler.functionArn,
    resourceType: 'Custom::GithubWebhook',
    pascalCaseProperties: true,
    properties: { githubApiTokenString: githubApiToken, githubRepoUrl: 'https://github.com/cloudcomponents/cdk-constructs', payloadUrl: api.url, events: ['*'], logLevel: 'debug' },
  });
  return templateOf(app, stack);
}
