/**
 * Written after aws-solutions/instance-scheduler-on-aws (source/instance-scheduler/lib/instance-scheduler-stack.ts,
 * core-scheduler.ts, helpers/kms.ts): a customer-managed key encrypting the config and state tables and the SNS
 * topic, scheduler settings published as SSM String parameters, and scheduler functions whose environment holds
 * table names, the key's ARN, a topic ARN, tag names and intervals. Names and values are this project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw156');
  const key = new kms.Key(stack, 'InstanceSchedulerEncryptionKey', { enableKeyRotation: true, description: 'Key for instance scheduler tables and topic' });
  key.addAlias('alias/instance-scheduler-encryption-key');
  const configTable = new dynamodb.Table(stack, 'ConfigTable', {
    partitionKey: { name: 'type', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'name', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const stateTable = new dynamodb.Table(stack, 'StateTable', {
    partitionKey: { name: 'service', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'account-region', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
  });
  const topic = new sns.Topic(stack, 'InstanceSchedulerSnsTopic', { masterKey: key });
  const settings: Record<string, string> = {
    'schedule-tag-key': 'Schedule',
    'default-timezone': 'UTC',
    'scheduler-frequency-minutes': '5',
    'namespace': 'prod',
    'hub-account-id': '123456789012',
    'uuid': 'd5c5f5bd-8a6e-4a3b-9f1d-2c7e8b4a6f01',
  };
  for (const [name, value] of Object.entries(settings)) {
    new ssm.StringParameter(stack, `Setting-${name}`, { parameterName: `/instance-scheduler/prod/${name}`, stringValue: value });
  }
  const env = {
    CONFIG_TABLE: configTable.tableName,
    STATE_TABLE: stateTable.tableName,
    ISSUES_TOPIC_ARN: topic.topicArn,
    KMS_KEY_ARN: key.keyArn,
    SCHEDULE_TAG_KEY: 'Schedule',
    DEFAULT_TIMEZONE: 'UTC',
    SCHEDULER_FREQUENCY: '5',
    SOLUTION_ID: 'SO0030',
    USER_AGENT_EXTRA: 'AwsSolution/SO0030/v3.0.0',
    METRICS_UUID: 'd5c5f5bd-8a6e-4a3b-9f1d-2c7e8b4a6f01',
  };
  const orchestrator = new lambda.Function(stack, 'SchedulingOrchestrator', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(event, context):\n    return None\n'),
    timeout: Duration.minutes(5),
    environment: env,
  });
  configTable.grantReadData(orchestrator);
  stateTable.grantReadWriteData(orchestrator);
  topic.grantPublish(orchestrator);
  new events.Rule(stack, 'SchedulerEventRule', { schedule: events.Schedule.rate(Duration.minutes(5)), targets: [new targets.LambdaFunction(orchestrator)] });
  return templateOf(app, stack);
}
