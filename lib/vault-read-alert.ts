/**
 * Alerts on a refresh-token vault, through CloudTrail and EventBridge to a topic:
 *
 * - `VaultReadAlert`: any principal but the expected ones (the token broker's, rotation's and revocation's roles)
 *   calls `GetSecretValue` on the vault, whether Secrets Manager served the value or the vault's resource policy
 *   denied it.
 * - `VaultChangeAlert`: anyone changes what protects the vault (its resource policy, its value key, replication,
 *   rotation, deletion, tags), an unexpected principal writes a value or moves a stage, or anyone loosens or destroys
 *   the vault's KMS key (its policy, deletion, disabling). A deployment that changes these alerts too: it is the only
 *   way besides the break-glass role to change them, and it should be seen.
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
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { MANAGEMENT_ACTIONS } from './internal/guarded-secret';

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

const SOURCE = { source: ['aws.secretsmanager'], detailType: ['AWS API Call via CloudTrail'] };

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
        `Look the event up in CloudTrail (event id ${field('$.detail.eventID')}); if the read was not expected, revoke the grant (docs/runbook.md).`,
    );
    notify(this.rule, props.topic, message, this.node.addr);
  }
}

/** Sends what `rule` matches to `topic`: EventBridge may publish to it for this rule only (no role, no statement open to other rules). */
function notify(rule: events.Rule, topic: sns.ITopic, message: events.RuleTargetInput, addr: string): void {
  rule.addTarget({ bind: () => ({ arn: topic.topicArn, input: message, targetResource: topic }) });
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: `EventBridgePublish${addr.slice(0, 8)}`,
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
    }),
  );
}

/**
 * The event pattern: `GetSecretValue` through CloudTrail on this secret, named by ARN, by name or by partial ARN (a
 * caller may use any; CloudTrail records what the caller sent), by anyone but the expected roles. A role session is
 * identified by its issuer (`sessionContext.sessionIssuer.arn`, the role's ARN); any other identity type (an IAM user,
 * the root user, a federated user) always matches.
 */
export function vaultReadPattern(scope: Construct, secret: secretsmanager.ISecret, expectedReaders: iam.IRole[]): events.EventPattern {
  return {
    ...SOURCE,
    detail: { eventSource: ['secretsmanager.amazonaws.com'], eventName: ['GetSecretValue'], requestParameters: { secretId: secretIdentifiers(scope, secret) }, ...unexpected(expectedReaders) },
  };
}

/**
 * The configuration changes of a vault's secret that alert, whoever makes them: the actions its resource policy denies
 * to all but the deployment and break-glass roles.
 */
export const VAULT_CHANGE_EVENTS = MANAGEMENT_ACTIONS.map((action) => action.replace(/^secretsmanager:/, ''));

/** Value writes that alert when a principal other than the expected writers makes them. */
export const VAULT_WRITE_EVENTS = ['PutSecretValue', 'UpdateSecretVersionStage'];

/**
 * Changes to the vault's key that alert, whoever makes them: each could loosen who decrypts, or destroy the vault.
 * (`CreateGrant` is not among them: Secrets Manager may create grants on the key itself, and the key policy allows a
 * grant only through Secrets Manager.)
 */
export const KEY_CHANGE_EVENTS = ['PutKeyPolicy', 'ScheduleKeyDeletion', 'DisableKey', 'DisableKeyRotation'];

export interface VaultChangeAlertProps {
  /** The vault's secret. Its name must be the one CloudFormation generated (`<LogicalId>-<random>`), as the constructs create it. */
  readonly secret: secretsmanager.ISecret;
  /** The vault's key. */
  readonly key: kms.IKey;
  /** Roles whose value writes (`PutSecretValue`, `UpdateSecretVersionStage`) are expected: nothing is sent for them. */
  readonly expectedWriters: iam.IRole[];
  /** Where the alert goes (see `VaultReadAlertProps.topic`). */
  readonly topic: sns.ITopic;
  /** Names the vault in the notification. */
  readonly vaultName: string;
}

/** Alerts on changes to what protects a vault (see the file's comment). Three EventBridge rules, one topic. */
export class VaultChangeAlert extends Construct {
  /** Configuration changes of the secret, by anyone. */
  public readonly configurationRule: events.Rule;
  /** Value writes and stage moves by unexpected principals. */
  public readonly writeRule: events.Rule;
  /** Changes to the key, by anyone. */
  public readonly keyRule: events.Rule;

  constructor(scope: Construct, id: string, props: VaultChangeAlertProps) {
    super(scope, id);
    const secretIds = secretIdentifiers(this, props.secret);
    this.configurationRule = this.rule('ConfigurationRule', props, `a configuration change of the refresh-token vault ${props.vaultName}`, {
      ...SOURCE,
      detail: { eventSource: ['secretsmanager.amazonaws.com'], eventName: VAULT_CHANGE_EVENTS, requestParameters: { secretId: secretIds } },
    });
    this.writeRule = this.rule('WriteRule', props, `a write to the refresh-token vault ${props.vaultName} by a principal other than its broker, rotation and revocation`, {
      ...SOURCE,
      detail: { eventSource: ['secretsmanager.amazonaws.com'], eventName: VAULT_WRITE_EVENTS, requestParameters: { secretId: secretIds }, ...unexpected(props.expectedWriters) },
    });
    this.keyRule = this.rule('KeyRule', props, `a change to the key of the refresh-token vault ${props.vaultName}`, {
      source: ['aws.kms'],
      detailType: ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: KEY_CHANGE_EVENTS, resources: { ARN: [props.key.keyArn] } },
    });
  }

  private rule(id: string, props: VaultChangeAlertProps, what: string, eventPattern: events.EventPattern): events.Rule {
    const rule = new events.Rule(this, id, { description: `cdk-token-guard: ${what}`.slice(0, 512), eventPattern });
    const field = (path: string) => events.EventField.fromPath(path);
    const message = events.RuleTargetInput.fromText(
      `${field('$.detail.eventName')} on the refresh-token vault ${props.vaultName} (or its key) by ${field('$.detail.userIdentity.arn')} ` +
        `from ${field('$.detail.sourceIPAddress')} at ${field('$.detail.eventTime')}. ` +
        `Look the event up in CloudTrail (event id ${field('$.detail.eventID')}). If the change was not planned, treat the vault as exposed: revoke the grant (docs/runbook.md).`,
    );
    notify(rule, props.topic, message, rule.node.addr);
    return rule;
  }
}

/** A principal other than `expected`: a role session by its issuer, any other identity type always. */
function unexpected(expected: iam.IRole[]): Record<string, unknown> {
  return {
    $or: [
      { userIdentity: { type: ['AssumedRole'], sessionContext: { sessionIssuer: { arn: [{ 'anything-but': expected.map((r) => r.roleArn) }] } } } },
      { userIdentity: { type: [{ 'anything-but': ['AssumedRole'] }] } },
    ],
  };
}

/**
 * The ways a caller may name the secret (CloudTrail records what the caller sent): its ARN, its name, its partial
 * ARN. CloudFormation names a secret without a Name `<LogicalId>-<random>`; the ARN adds `-<6 characters>`.
 */
function secretIdentifiers(scope: Construct, secret: secretsmanager.ISecret): string[] {
  const resourceName = Fn.select(6, Fn.split(':', secret.secretArn));
  const name = Fn.join('-', [Fn.select(0, Fn.split('-', resourceName)), Fn.select(1, Fn.split('-', resourceName))]);
  const partialArn = Stack.of(scope).formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return [secret.secretArn, name, partialArn];
}
