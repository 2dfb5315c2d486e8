/**
 * Written after bbc/cdp-cdk-python (cdp_cdk_python/stacks/cdp_delete_account_stack.py with
 * loaders/cfn_param_loader.py and params/int/cdp-delete-account.json), the BBC customer data platform's
 * account-deletion stack, a Python CDK app rewritten in TypeScript: a function run daily by an EventBridge rule whose
 * environment holds queue URLs, an external endpoint URL, a callback URL and the ARN of the mParticle API secret
 * (values read from the params JSON as plain strings), a role with a GetSecretValue policy on that ARN, an SQS queue
 * with a DLQ subscribed to a topic of another account, a MemorySize CfnParameter, and outputs of ARNs. Account ids,
 * URLs and the secret ARN are ours; the bundled handler is inline code.
 */
import { CfnOutput, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newApp, templateOf } from '../../app-helpers';

const params = {
  QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/int-cdp-account-delete',
  DLQUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/int-cdp-account-delete-dlq',
  ExternalEndpointPostUrl: 'https://s2s.mparticle.example.com/v1/dsr',
  mParticleAPISecretARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:int/cdp/mparticle-api-Ab12Cd',
  CallbackUrl: 'https://cdp-int.example.co.uk/dsr/callback',
  MonitoringTopicArn: 'arn:aws:sns:eu-west-1:444455556666:SCVMonitoringTopic-int',
  SNSAccountId: '444455556666',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const envName = 'int';
  const stack = new Stack(app, 'CDPDeleteAccountStack-int', { env: { account: '111122223333', region: 'eu-west-1' } });
  const role = new iam.Role(stack, 'LambdaCDPAccountRemovalRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });
  role.attachInlinePolicy(new iam.Policy(stack, 'CloudwatchMetricPolicy', { document: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: '*' }] }) }));
  role.attachInlinePolicy(new iam.Policy(stack, 'GetSecretValuePolicy', { document: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: params.mParticleAPISecretARN }] }) }));
  const dlq = new sqs.Queue(stack, `${envName}-cdp-account-delete-dlq`, { queueName: `${envName}-cdp-account-delete-dlq`, retentionPeriod: Duration.days(14) });
  const queue = new sqs.Queue(stack, `${envName}-cdp-account-delete`, {
    queueName: `${envName}-cdp-account-delete`,
    visibilityTimeout: Duration.seconds(30),
    deadLetterQueue: { maxReceiveCount: 5, queue: dlq },
  });
  queue.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['sqs:SendMessage'],
    effect: iam.Effect.ALLOW,
    resources: [queue.queueArn],
    principals: [new iam.AccountPrincipal(params.SNSAccountId)],
    conditions: { ArnEquals: { 'aws:SourceArn': params.MonitoringTopicArn } },
  }));
  const topic = sns.Topic.fromTopicArn(stack, 'RemoteImportedAccountDeletionSNSTopic', params.MonitoringTopicArn);
  topic.addSubscription(new subs.SqsSubscription(queue));
  new CfnOutput(stack, 'QueueArn', { value: queue.queueArn });
  new CfnOutput(stack, 'DLQArn', { value: dlq.queueArn });
  const memory = new CfnParameter(stack, 'MemorySize', { type: 'Number', description: 'Memory size for the Lambda function in MB', default: 128, minValue: 128, maxValue: 10240 });
  const fn = new lambda.Function(stack, 'MyFunction', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'cdp_delete_account.lambda_handler',
    environment: {
      queue_url: params.QueueUrl,
      dead_letter_queue_url: params.DLQUrl,
      external_endpoint_post_url: params.ExternalEndpointPostUrl,
      mParticle_api_secret_arn: params.mParticleAPISecretARN,
      callback_url: params.CallbackUrl,
    },
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    pass\n'),
    timeout: Duration.seconds(30),
    memorySize: memory.valueAsNumber,
    role,
  });
  new events.Rule(stack, 'MyEventRule', { schedule: events.Schedule.cron({ minute: '0', hour: '9', day: '*', month: '*', year: '*' }) }).addTarget(new targets.LambdaFunction(fn));
  new CfnOutput(stack, 'RoleArn', { value: role.roleArn });
  new CfnOutput(stack, 'FunctionArn', { value: fn.functionArn });
  new CfnOutput(stack, 'ImportedTopicArn', { value: topic.topicArn });
  return templateOf(app, stack);
}
