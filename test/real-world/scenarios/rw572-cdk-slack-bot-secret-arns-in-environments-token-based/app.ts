/**
 * Written after DarkChocolater/DarkChocolater-Slack-Bot (src/infrastructure/cdk/main.ts with slack-resources.ts,
 * custom-nodejs-function.ts and src/config.ts), a Slack GPT bot: one Secrets Manager secret imported by its complete ARN
 * (config.aws.secretArn) holds the Slack and OpenAI credentials; the functions get its ARN (SLACK_SECRET_ARN,
 * OPENAI_SECRET_ARN) and read grants, never its value; FIFO queues and tables carry the conversation; a Slack adapter
 * function behind a live alias is fed by an EventBridge rule on the Slack event bus and by a queue. With the
 * TOKEN_BASED auth type the adapter's OAUTH_TABLE_NAME is the literal "not-configured-for-oAuth". The third-party
 * SlackEventBus construct (@wisegpt/awscdk-slack-event-bus) is replaced by a plain event bus; NodejsFunction bundles
 * by inline code; the account in the secret ARN is a fake. Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const fn = (scope: Construct, id: string, description: string, timeout: Duration, environment: Record<string, string>) =>
  new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_20_X, architecture: lambda.Architecture.ARM_64, handler: 'index.handler', description, timeout, environment,
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'wisegpt-slack-bot', { env: { account: '111122223333', region: 'eu-west-1' } });
  const secret = Secret.fromSecretCompleteArn(stack, 'WiseGPTSecrets', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:wisegpt-slack-app-AbCdEf');
  new apigwv2.HttpApi(stack, 'HttpApi', { description: 'Slack Bot Http Api' });
  const aggregate = new dynamodb.Table(stack, 'ConversationAggregateTable', { partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'SK', type: dynamodb.AttributeType.NUMBER }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  const commands = new sqs.Queue(stack, 'ConversationCommandSQS', { fifo: true, deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP, contentBasedDeduplication: true, visibilityTimeout: Duration.seconds(15) });
  const eventsQueue = new sqs.Queue(stack, 'ConversationEventSQS', { fifo: true, deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP, contentBasedDeduplication: true });

  const slack = new Construct(stack, 'SlackResources');
  const bus = new events.EventBus(slack, 'SlackEventBus');
  const view = new dynamodb.Table(slack, 'SlackConversationViewTable', { partitionKey: { name: 'threadId', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
  view.addGlobalSecondaryIndex({ indexName: 'CONVERSATION_ID_INDEX', projectionType: dynamodb.ProjectionType.ALL, partitionKey: { name: 'conversationId', type: dynamodb.AttributeType.STRING } });
  const adapter = fn(slack, 'SlackAdapterLambda', 'Listens and processes Slack Events, Slack oAuth calls and Conversation API events', Duration.seconds(15), {
    SLACK_SECRET_ARN: secret.secretArn,
    COMMAND_BUS_SQS: commands.queueUrl,
    DYNAMODB_TABLE_SLACK_CONVERSATION_VIEW: view.tableName,
    DYNAMODB_INDEX_VIEW_CONVERSATION_ID: 'CONVERSATION_ID_INDEX',
  });
  const alias = new lambda.Alias(slack, 'SlackHandlerLambdaLiveAlias', { aliasName: 'latest', version: adapter.currentVersion });
  secret.grantRead(alias);
  view.grantReadWriteData(alias);
  commands.grantSendMessages(alias);
  new events.Rule(slack, 'SlackEventRule', { enabled: true, eventPattern: { source: ['com.slack'], detailType: ['EventCallback.message'] }, targets: [new targets.LambdaFunction(alias)], eventBus: bus });
  alias.addEventSource(new SqsEventSource(eventsQueue, { enabled: true, batchSize: 1 }));
  adapter.addEnvironment('OAUTH_TABLE_NAME', 'not-configured-for-oAuth');

  const openAI = fn(stack, 'OpenAILambda', 'Listens and processes all OpenAI Commands like Completion and Summary', Duration.seconds(30), {
    OPENAI_SECRET_ARN: secret.secretArn,
    COMMAND_BUS_SQS: commands.queueUrl,
  });
  const conversation = fn(stack, 'ConversationLambda', 'Listens and processes Conversation API Commands', Duration.seconds(15), {
    EVENT_BUS_SQS: eventsQueue.queueUrl,
    DYNAMODB_TABLE_CONVERSATION_AGGREGATE: aggregate.tableName,
    OPENAI_LAMBDA_ARN: openAI.functionArn,
  });
  secret.grantRead(openAI);
  commands.grantSendMessages(openAI);
  aggregate.grantReadWriteData(conversation);
  eventsQueue.grantSendMessages(conversation);
  openAI.grantInvoke(conversation);
  conversation.addEventSource(new SqsEventSource(commands, { enabled: true, batchSize: 1 }));
  return templateOf(app, stack);
}
