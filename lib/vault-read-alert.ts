/**
 * `VaultReadAlert`: an EventBridge rule that notifies a topic when any principal but the expected ones (the token
 * broker's, rotation's and revocation's roles) calls `GetSecretValue` on a refresh-token vault, whether Secrets
 * Manager served the value or the vault's resource policy denied it.
 *
 * How the event gets there (the AWS documentation): Secrets Manager writes a CloudTrail entry for every
 * `GetSecretValue` (and one per secret for `BatchGetSecretValue`); CloudTrail delivers API calls to the default
 * event bus as "AWS API Call via CloudTrail", which needs a trail with logging on in the account and Region; and
 * `GetSecretValue` is a read-only management event, which EventBridge matches only against rules whose state is
 * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` (CloudFormation `AWS::Events::Rule` `State`; the CDK L2 only
 * writes `ENABLED`/`DISABLED`, so the L1 property is set). Delivery from CloudTrail is best effort.
 */
import { Fn, Stack, ArnFormat } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The rule state that lets EventBridge match read-only management events delivered by CloudTrail. */
export const ALL_MANAGEMENT_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface VaultReadAlertProps {
  /** The vault's secret. Its name must be the one CloudFormation generated (`<LogicalId>-<random>`), as the constructs create it. */
  readonly secret: secretsmanager.ISecret;
  /** Roles whose reads are expected: nothing is sent for them. */
  readonly expectedReaders: iam.IRole[];
  /**
   * Where the alert goes. A topic created in this stack gets a policy statement letting EventBridge publish for this
   * rule only; a topic given by ARN must allow `events.amazonaws.com` to publish (and its KMS key, if any, to
   * decrypt and generate data keys).
   */
  readonly topic: sns.ITopic;
  /** Names the vault in the notification. */
  readonly vaultName: string;
}

export class VaultReadAlert extends Construct {
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: VaultReadAlertProps) {
    super(scope, id);
    const pattern = vaultReadPattern(this, props.secret, props.expectedReaders);
    this.rule = new events.Rule(this, 'Rule', {
      description: `cdk-token-guard: a principal other than the token broker, rotation and revocation read the refresh-token vault ${props.vaultName}`,
      eventPattern: pattern,
    });
    // Read-only management events reach a rule only in this state (the L2 has no such option).
    (this.rule.node.defaultChild as events.CfnRule).state = ALL_MANAGEMENT_EVENTS;

    const field = (path: string) => events.EventField.fromPath(path);
    const message = events.RuleTargetInput.fromText(
      `Unexpected ${field('$.detail.eventName')} on the refresh-token vault ${props.vaultName} by ${field('$.detail.userIdentity.arn')} ` +
        `(${field('$.detail.userIdentity.type')}) from ${field('$.detail.sourceIPAddress')} at ${field('$.detail.eventTime')}. ` +
        `Look the event up in CloudTrail (event id ${field('$.detail.eventID')}); if the read was not expected, revoke the grant (README section Incident: revoke a grant).`,
    );
    this.rule.addTarget({ bind: () => ({ arn: props.topic.topicArn, input: message, targetResource: props.topic }) });
    // EventBridge may publish to the topic for this rule only (no role, no statement open to other rules).
    props.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `EventBridgePublish${this.node.addr.slice(0, 8)}`,
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.rule.ruleArn } },
      }),
    );
  }
}

/**
 * The event pattern: `GetSecretValue` through CloudTrail on this secret, named by ARN, by name or by partial ARN (a
 * caller may use any; CloudTrail records what the caller sent), by anyone but the expected roles. A role session is
 * identified by its issuer (`sessionContext.sessionIssuer.arn`, the role's ARN); any other identity type (an IAM user,
 * the root user, a federated user) always matches.
 */
export function vaultReadPattern(scope: Construct, secret: secretsmanager.ISecret, expectedReaders: iam.IRole[]): events.EventPattern {
  // CloudFormation names a secret without a Name `<LogicalId>-<random>`; the ARN adds `-<6 characters>`.
  const resourceName = Fn.select(6, Fn.split(':', secret.secretArn));
  const name = Fn.join('-', [Fn.select(0, Fn.split('-', resourceName)), Fn.select(1, Fn.split('-', resourceName))]);
  const partialArn = Stack.of(scope).formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return {
    source: ['aws.secretsmanager'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['secretsmanager.amazonaws.com'],
      eventName: ['GetSecretValue'],
      requestParameters: { secretId: [secret.secretArn, name, partialArn] },
      $or: [
        { userIdentity: { type: ['AssumedRole'], sessionContext: { sessionIssuer: { arn: [{ 'anything-but': expectedReaders.map((r) => r.roleArn) }] } } } },
        { userIdentity: { type: [{ 'anything-but': ['AssumedRole'] }] } },
      ],
    },
  };
}
