/**
 * Written after aws-solutions/discovering-hot-topics-using-machine-learning (source/lib/ingestion/reddit-ingestion.ts,
 * youtube-comments-stacks.ts, twitter-search-stack.ts): ingestion stacks whose parameters are named RedditAPIKey,
 * YoutubeAPIKey and SSMPathForCredentials but hold the NAME of an SSM SecureString parameter (their defaults are
 * parameter paths; their descriptions say so), passed to functions as REDDIT_API_KEY / SSM_API_KEY and into the
 * ssm:GetParameter policy. Ported from NestedStacks to one Stack; names and values are this project's own.
 */
import { CfnParameter, Duration, Fn, Aws, Stack, Token } from 'aws-cdk-lib';
import * as ddb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw168');
  const reddit = new CfnParameter(stack, 'RedditAPIKey', {
    type: 'String',
    description: 'Required: The SSM parameter key name where the Reddit API credentials are stored. See the implementation guide for how to store them',
    default: '/hot-topics/reddit/comments',
    constraintDescription: 'Please provide the SSM key for Reddit API',
  });
  const youtube = new CfnParameter(stack, 'YoutubeAPIKey', {
    type: 'String',
    description: 'Required: The SSM parameter key name where Youtube API credentials are stored',
    allowedPattern: '^(?!\\s*$).+',
    default: '/hot-topics/youtube/comments',
    constraintDescription: 'Please provide the SSM Key for Youtube API',
  });
  const twitterPath = new CfnParameter(stack, 'SSMPathForCredentials', {
    type: 'String',
    default: '/hot-topics/twitter/bearer-token',
    allowedPattern: '^(?!\\s*$).+',
    description: 'The SSM parameter store path of key where the credentials are stored as encrypted string',
    constraintDescription: 'The SSM parameter store path cannot be empty',
  });
  const busArn = new CfnParameter(stack, 'EventBus', { type: 'String', allowedPattern: '^arn:\\S+:events:\\S+:\\d{12}:event-bus/\\S+$' });
  const window = new CfnParameter(stack, 'VideoSearchIngestionWindow', { type: 'Number', default: 7, minValue: 1, maxValue: 30 });
  const bus = events.EventBus.fromEventBusArn(stack, 'Bus', busArn.valueAsString);

  const table = new ddb.Table(stack, 'SubRedditTable', { partitionKey: { name: 'SUB_REDDIT', type: ddb.AttributeType.STRING }, billingMode: ddb.BillingMode.PAY_PER_REQUEST });
  const code = lambda.Code.fromInline('def handler(event, context):\n    return None\n');
  const redditFn = new lambda.Function(stack, 'RedditCommentsIngestion', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code,
    timeout: Duration.minutes(15),
    reservedConcurrentExecutions: 1,
    environment: { REDDIT_API_KEY: reddit.valueAsString, STACK_NAME: Aws.STACK_NAME, DDB_TABLE: table.tableName, EVENT_BUS_NAME: bus.eventBusName },
  });
  const youtubeFn = new lambda.Function(stack, 'YoutubeCommentsIngestion', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code,
    timeout: Duration.minutes(15),
    environment: { SSM_API_KEY: youtube.valueAsString, VIDEO_SEARCH_INGESTION_WINDOW: Token.asString(window.valueAsNumber) },
  });
  const twitterFn = new lambda.Function(stack, 'TwitterSearchIngestion', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    environment: { TWITTER_CREDENTIAL_KEY_PATH: twitterPath.valueAsString, SOLUTION_ID: 'SO9999' },
  });
  for (const [fn, p] of [[redditFn, reddit], [youtubeFn, youtube], [twitterFn, twitterPath]] as const) {
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: [Fn.sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${Path}', { Path: p.valueAsString })],
    }));
  }
  table.grantReadWriteData(redditFn);
  return templateOf(app, stack);
}
