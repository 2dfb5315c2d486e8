/**
 * Written after cloudcomponents/cdk-constructs (examples/codepipeline-slack-approval-example/src/
 * codepipeline-slack-approval-stack.ts with packages/cdk-codepipeline-slack/src/slack-approval-action.ts and
 * slack-notifier.ts), a Construct Hub library for CodePipeline approvals in Slack: a CodeCommit-sourced pipeline whose
 * Approval stage is a SlackApprovalAction (a manual approval whose notification topic feeds an approval-requester
 * function, and a REST API proxy to an approval-handler function allowed PutApprovalResult) and a SlackNotifier (a
 * function on the pipeline's state-change and stage-change rules). The example reads the Slack bot token, signing
 * secret and channel from process.env at synth, and the library writes them into each function's environment
 * (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_CHANNEL, SLACK_CHANNEL_TYPES). The token and signing secret are fakes
 * of the same shape (xoxb-…, 32 hex); handler assets are replaced by inline code; the custom Action subclass is
 * written as the ManualApprovalAction it configures. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const SLACK = { slackBotToken: 'xoxb-2811839739715-4866914770175-MjmIxSgYfO7K0QbIgpuxSY4a', slackSigningSecret: 'a179ed56fe0bf0f20d687d0eeb653d3f', slackChannel: 'deployments' };

const handler = (scope: Construct, id: string, environment: Record<string, string>) => new lambda.Function(scope, id, {
  runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', environment,
  code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
});

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CodePipelineSlackApprovalStack', { env: { account: '111122223333', region: 'eu-central-1' } });
  const repository = new codecommit.Repository(stack, 'Repository', { repositoryName: 'MyRepositoryName' });
  const sourceArtifact = new codepipeline.Artifact();
  const environment = { SLACK_BOT_TOKEN: SLACK.slackBotToken, SLACK_SIGNING_SECRET: SLACK.slackSigningSecret, SLACK_CHANNEL_TYPES: 'public', SLACK_CHANNEL: SLACK.slackChannel };

  // SlackApprovalAction.bound(): requester on the notification topic, handler behind a REST API proxy.
  const requester = handler(stack, 'SlackApprovalRequesterFunction', environment);
  const topic = new sns.Topic(stack, 'SlackApprovalTopic');
  topic.addSubscription(new subs.LambdaSubscription(requester));
  const approvalHandler = handler(stack, 'SlackApprovalHandlerFunction', environment);
  new apigateway.RestApi(stack, 'SlackApprovalApi').root.addProxy({ defaultIntegration: new apigateway.LambdaIntegration(approvalHandler) });

  const pipeline = new codepipeline.Pipeline(stack, 'MyPipeline', {
    pipelineName: 'MyPipeline',
    stages: [
      { stageName: 'Source', actions: [new cpactions.CodeCommitSourceAction({ actionName: 'CodeCommit', repository, output: sourceArtifact })] },
      { stageName: 'Approval', actions: [new cpactions.ManualApprovalAction({ actionName: 'SlackApproval', notificationTopic: topic, additionalInformation: 'Would you like to promote the build to production?', externalEntityLink: 'http://cloudcomponents.org' })] },
    ],
  });
  approvalHandler.addToRolePolicy(new iam.PolicyStatement({ actions: ['codepipeline:PutApprovalResult'], resources: [`${pipeline.pipelineArn}/Approval/SlackApproval`] }));

  // SlackNotifier
  const notifier = handler(stack, 'SlackNotifierFunction', { SLACK_BOT_TOKEN: SLACK.slackBotToken, SLACK_SIGNING_SECRET: SLACK.slackSigningSecret, SLACK_CHANNEL: SLACK.slackChannel, SLACK_CHANNEL_ID: '', SLACK_CHANNEL_TYPES: 'public' });
  notifier.addToRolePolicy(new iam.PolicyStatement({ resources: [pipeline.pipelineArn], actions: ['codepipeline:GetPipelineState', 'codepipeline:GetPipelineExecution'] }));
  pipeline.onStateChange('SlackPipelineNotifierRule', { target: new targets.LambdaFunction(notifier) });
  const stageRule = new events.Rule(stack, 'SlackStageNotifierRule');
  stageRule.addTarget(new targets.LambdaFunction(notifier));
  stageRule.addEventPattern({ source: ['aws.codepipeline'], resources: [pipeline.pipelineArn], detailType: ['CodePipeline Stage Execution State Change'] });
  return templateOf(app, stack);
}
