/**
 * Written after aws-solutions/quota-monitor-for-aws (source/resources/lib/hub-no-ou.stack.ts): a hub stack whose Slack
 * webhook lives in an SSM String parameter created with the placeholder "NOP" (the operator puts the real URL later),
 * parameter names kept in a CfnMapping and given to functions by Fn::FindInMap, Slack resources under a condition
 * applied to every child, a customer-managed key for function environments. Ported to plain aws-cdk-lib; names and
 * values are this project's own.
 */
import { CfnCondition, CfnMapping, CfnParameter, CfnResource, Duration, Fn, IAspect, Aspects, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { IConstruct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class ConditionAspect implements IAspect {
  constructor(private readonly condition: CfnCondition) {}
  visit(node: IConstruct): void {
    if (node instanceof CfnResource) node.cfnOptions.condition = this.condition;
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw167');
  const email = new CfnParameter(stack, 'SNSEmail', { type: 'String', default: '', description: 'To disable email notifications, leave this blank.' });
  const slack = new CfnParameter(stack, 'SlackNotification', { allowedValues: ['Yes', 'No'], default: 'No' });
  const map = new CfnMapping(stack, 'QuotaMonitorMap');
  map.setValue('SSMParameters', 'SlackHook', '/QuotaWatch/SlackHook');
  map.setValue('SSMParameters', 'Accounts', '/QuotaWatch/Accounts');
  map.setValue('SSMParameters', 'NotificationMutingConfig', '/QuotaWatch/NotificationConfiguration');
  map.setValue('Metrics', 'MetricsEndpoint', 'https://metrics.example.org/generic');
  new CfnCondition(stack, 'EmailTrueCondition', { expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')) });
  const slackTrue = new CfnCondition(stack, 'SlackTrueCondition', { expression: Fn.conditionEquals(slack.valueAsString, 'Yes') });

  const bus = new events.EventBus(stack, 'QM-Bus', { eventBusName: 'QuotaWatchBus' });
  const key = new kms.Key(stack, 'KMS-Hub', { enableKeyRotation: true, description: 'CMK for function environments and topics' });
  const slackHook = new ssm.StringParameter(stack, 'QM-SlackHook', {
    parameterName: map.findInMap('SSMParameters', 'SlackHook'),
    stringValue: 'NOP',
    description: 'Slack Hook URL to send quota events',
    simpleName: false,
  });
  Aspects.of(slackHook).add(new ConditionAspect(slackTrue));
  new ssm.StringListParameter(stack, 'QM-Accounts', {
    parameterName: map.findInMap('SSMParameters', 'Accounts'),
    stringListValue: ['NOP'],
    description: 'List of target Accounts',
    simpleName: false,
  });
  const muting = new ssm.StringListParameter(stack, 'QM-NotificationMutingConfig', {
    parameterName: map.findInMap('SSMParameters', 'NotificationMutingConfig'),
    stringListValue: ['NOP'],
    description: 'Muting configuration for services, limits e.g. ec2:L-1216C47A,dynamodb,logs:*',
    simpleName: false,
  });

  const notifier = new lambda.Function(stack, 'QM-SlackNotifier-Lambda', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    timeout: Duration.seconds(60),
    environmentEncryption: key,
    environment: {
      SLACK_HOOK: map.findInMap('SSMParameters', 'SlackHook'),
      QM_NOTIFICATION_MUTING_CONFIG_PARAMETER: muting.parameterName,
      LOG_LEVEL: 'info',
    },
  });
  notifier.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [slackHook.parameterArn, muting.parameterArn] }));
  const rule = new events.Rule(stack, 'QM-SlackNotifier-EventsRule', {
    eventBus: bus,
    eventPattern: { source: ['aws-solutions.quota-watch'], detail: { status: ['WARN', 'ERROR'] } },
  });
  rule.addTarget(new targets.LambdaFunction(notifier));
  Aspects.of(notifier).add(new ConditionAspect(slackTrue));
  Aspects.of(rule).add(new ConditionAspect(slackTrue));

  new lambda.Function(stack, 'QM-Helper-Function', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    environmentEncryption: key,
    environment: { METRICS_ENDPOINT: map.findInMap('Metrics', 'MetricsEndpoint'), SEND_METRIC: 'No', QM_STACK_ID: 'quota-watch-hub' },
  });
  return templateOf(app, stack);
}
