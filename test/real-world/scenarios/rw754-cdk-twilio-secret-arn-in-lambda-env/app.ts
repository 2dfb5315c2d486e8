/**
 * Written after klawil's FireWatcherAwsStack (a volunteer fire department's radio-traffic site, found by code search;
 * the index does not name the repository), trimmed to what the pack judges: DynamoDB tables for phone numbers and
 * traffic, an SQS queue with a dead-letter queue, an S3 handler, a queue handler whose environment holds the table
 * names and `TWILIO_SECRET`, the ARN of the Twilio credentials secret (created outside the CDK), with read access
 * through Secret.fromSecretCompleteArn, and an API handler behind a REST API. The source's literals are redacted in
 * its repository; the bucket name and secret ARN here are ours, and its API handler's shared code variable is left
 * out. Inline code stands in for the bundled handlers; the CloudFront distribution is left out.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3Notifications from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsManager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newApp, templateOf } from '../../app-helpers';

const bucketName = 'cvfd-radio-site';
const secretArn = 'arn:aws:secretsmanager:us-east-2:111122223333:secret:cvfd-twilio-Xy7Qw2';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'FireWatcherAwsStack', { env: { account: '111122223333', region: 'us-east-2' } });
  const bucket = s3.Bucket.fromBucketName(stack, bucketName, bucketName);
  const phoneNumberTable = new dynamodb.Table(stack, 'cvfd-phone', { billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, partitionKey: { name: 'phone', type: dynamodb.AttributeType.NUMBER } });
  const trafficTable = new dynamodb.Table(stack, 'cvfd-traffic', {
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    partitionKey: { name: 'Key', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'Datetime', type: dynamodb.AttributeType.NUMBER },
  });
  trafficTable.addGlobalSecondaryIndex({ indexName: 'ToneIndex', partitionKey: { name: 'ToneIndex', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'Datetime', type: dynamodb.AttributeType.NUMBER } });
  const deadLetterQueue = new sqs.Queue(stack, 'cvfd-error-queue');
  const queue = new sqs.Queue(stack, 'cvfd-queue', { deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 3 } });
  const code = (name: string) => lambda.Code.fromInline(`exports.main = async () => ({}); // ${name}`);
  const s3Handler = new lambda.Function(stack, 'cvfd-s3-lambda', {
    runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.main', code: code('s3'),
    environment: { TABLE_TRAFFIC: trafficTable.tableName, SQS_QUEUE: queue.queueUrl },
  });
  bucket.grantRead(s3Handler);
  trafficTable.grantReadWriteData(s3Handler);
  queue.grantSendMessages(s3Handler);
  const queueHandler = new lambda.Function(stack, 'cvfd-queue-lambda', {
    runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.main', code: code('queue'),
    environment: { TABLE_PHONE: phoneNumberTable.tableName, TABLE_TRAFFIC: trafficTable.tableName, TWILIO_SECRET: secretArn },
    timeout: Duration.minutes(1),
  });
  queueHandler.addEventSource(new lambdaEventSources.SqsEventSource(queue));
  phoneNumberTable.grantReadWriteData(queueHandler);
  trafficTable.grantReadData(queueHandler);
  secretsManager.Secret.fromSecretCompleteArn(stack, 'cvfd-twilio-secret', secretArn).grantRead(queueHandler);
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3Notifications.LambdaDestination(s3Handler), { prefix: 'audio/' });
  const apiHandler = new lambda.Function(stack, 'cvfd-api-lambda', {
    runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.main', code: code('api'),
    environment: { TABLE_PHONE: phoneNumberTable.tableName, TABLE_TRAFFIC: trafficTable.tableName, SQS_QUEUE: queue.queueUrl },
  });
  phoneNumberTable.grantReadData(apiHandler);
  trafficTable.grantReadData(apiHandler);
  queue.grantSendMessages(apiHandler);
  const api = new apigateway.RestApi(stack, 'cvfd-api-gateway', { restApiName: 'CVFD API Gateway', description: 'Allow interaction from the CVFD radio website' });
  const apiIntegration = new apigateway.LambdaIntegration(apiHandler, { requestTemplates: { 'application/json': '{"statusCode":"200"}', 'application/xml': '<Response></Response>' } });
  const apiResource = api.root.addResource('api');
  apiResource.addMethod('GET', apiIntegration);
  apiResource.addMethod('POST', apiIntegration);
  return templateOf(app, stack);
}
