/**
 * Written after suzushin54/my-slack-watcher (lib/my-slack-watcher-stack.ts with bin/my-slack-watcher.ts and README.md),
 * a CDK v1 app rewritten for aws-cdk-lib: a Slack bot function (Go in the source) whose environment holds the Slack
 * bot token, channel id and signing secret as committed placeholders ("xo...", "XXXXXXXXX", "aaa...": the README says
 * the real values are filled in there before `cdk deploy`), allowed ec2:DescribeInstances, behind a REST API with
 * POST /event. The template is the one the committed code synthesises. The Go asset is replaced by inline code on a
 * current runtime (go1.x is retired). Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'MySlackWatcherStack');
  const fn = new lambda.Function(stack, 'MySlackWatcher', {
    functionName: 'my-slack-watcher',
    runtime: lambda.Runtime.NODEJS_20_X,
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
    memorySize: 256,
    timeout: Duration.seconds(10),
    environment: { BOT_TOKEN: 'xo...', CHANNEL_ID: 'XXXXXXXXX', SIGNING_SECRETS: 'aaa...' },
  });
  fn.addToRolePolicy(new iam.PolicyStatement({ resources: ['*'], actions: ['ec2:DescribeInstances'] }));
  const api = new apigateway.RestApi(stack, 'my-slack-watcher', { restApiName: 'My-Slack-Watcher', description: 'Deployed by AWS CDK' });
  api.root.addResource('event').addMethod('POST', new apigateway.LambdaIntegration(fn));
  return templateOf(app, stack);
}
