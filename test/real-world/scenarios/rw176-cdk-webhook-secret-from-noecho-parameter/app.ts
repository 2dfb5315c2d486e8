/**
 * Written after aws-solutions/aws-devops-monitoring-dashboard (source/lib/aws_devops_monitoring_dashboard_stack.ts and
 * source/lib/github/github_construct.ts): a GitHub webhook secret taken from a NoEcho parameter (Default ''), written
 * into a Secrets Manager secret with SecretValue.unsafePlainText under a condition (the secret exists only when the
 * parameter is not empty), the aws/secretsmanager key and no rotation; the parser function gets a condition-dependent
 * flag and the read policy carries the same condition; allowed source IPs come from a CIDR-list parameter.
 * Names and values are this project's own.
 */
import { CfnCondition, CfnParameter, CfnResource, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw176');
  new CfnParameter(stack, 'UseGitHub', { type: 'String', default: 'No', allowedValues: ['Yes', 'No'], description: 'Select Yes if GitHub is used as code repository.' });
  const token = new CfnParameter(stack, 'WebhookSecretToken', {
    description: 'Enter a random string with high entropy to authenticate access to webhooks in GitHub. To turn off secret authentication, leave it blank.',
    type: 'String',
    default: '',
    noEcho: true,
  });
  const allowed = new CfnParameter(stack, 'AllowedIPs', {
    type: 'String',
    default: '192.30.252.0/22,185.199.108.0/22,140.82.112.0/20,143.55.64.0/20',
    description: 'Comma-separated list of allowed IPv4 CIDR blocks.',
  });
  const gh = new Construct(stack, 'GitHubStack');
  const cond = new CfnCondition(gh, 'WebhookSecretTokenCondition', { expression: Fn.conditionNot(Fn.conditionEquals(token.valueAsString, '')) });
  const secret = new Secret(gh, 'WebhookSecretToken', {
    secretName: 'SO0143/GitHubWebhookSecretToken',
    secretStringValue: SecretValue.unsafePlainText(token.valueAsString),
  });
  (secret.node.defaultChild as CfnResource).cfnOptions.condition = cond;

  const parser = new lambda.Function(gh, 'GitHubEventParser', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    environment: {
      UseWebhookSecret: Fn.conditionIf(cond.logicalId, 'yes', 'no').toString(),
      AllowedIPs: allowed.valueAsString,
    },
  });
  const policy = new iam.Policy(gh, 'SecretsManagerPolicy', {
    statements: [new iam.PolicyStatement({ sid: 'GetSecretFromSecretsManager', actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] })],
  });
  (policy.node.defaultChild as iam.CfnPolicy).cfnOptions.condition = cond;
  policy.attachToRole(parser.role!);
  return templateOf(app, stack);
}
