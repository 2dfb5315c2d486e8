/**
 * `TokenBroker`: the one component that uses a vault's refresh token. Consumers (the IAM principals in `consumers`,
 * nobody else) invoke its function and get a short-lived access token; they never see the refresh token. The broker
 * refreshes through `GetTokensFromRefreshToken` with rotation on and commits each rotated token to the vault with a
 * compare-and-swap; its rotation function, attached to the vault's schedule, keeps an idle grant exercised by the same
 * protocol; its revocation function ends the grant in one step (invoked by the `revokers`); alarms and an alert on
 * unexpected reads of the vault notify one encrypted topic. Design, failure behaviour and limits: docs/broker.md.
 */
import { Duration, Names, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledgeFunction, ROTATION_FUNCTION } from './internal/nag';
import { checkRange, knownDuration, TokenGuardValidationError } from './internal/policy';
import { functionRuntime } from './internal/lambda-code';
import { RotationFunction } from './internal/rotation-function';
import type { RefreshTokenVault } from './refresh-token-vault';
import { dailyVersionBound, DEFAULT_MAX_VERSIONS_PER_DAY, VERSION_RESERVE } from './token-broker/runtime';
import { METRIC_DIMENSION, METRIC_NAMESPACE, METRICS } from './token-broker/telemetry';
import { VaultChangeAlert, VaultReadAlert } from './vault-read-alert';

const KIND = 'TokenBroker';
/** Below this, a crash between Cognito's answer and the put leaves too little time for a retry to recover. */
const MIN_GRACE = Duration.seconds(30);

export interface TokenBrokerProps {
  /** The vault whose grant the broker serves. The broker attaches its rotation function to the vault's schedule. */
  readonly vault: RefreshTokenVault;
  /**
   * Roles that may invoke the broker: each gets a customer-managed policy allowing `lambda:InvokeFunction` on the
   * broker function and nothing else. The function has no resource-based permission, trigger or URL, so nobody else
   * can invoke it. Add more with `grantInvoke`.
   */
  readonly consumers: iam.IRole[];
  /**
   * The least time a served access token has left. The broker refreshes once the stored token has less, so a refresh
   * (one secret version) happens at most every `accessTokenValidity - minValidity`. The versions this allows in a day,
   * with the vault's rotations and an operator's seed, must stay below `maxVersionsPerDay` less a reserve of 3 (with
   * 15-minute access tokens and a 2-minute margin: 115 at the vault's default schedule, 120 at a 4-hour one).
   * @default Duration.minutes(2)
   */
  readonly minValidity?: Duration;
  /**
   * The most secret versions the vault may gain in any 24 hours. AWS advises no more than one `PutSecretValue` per 10
   * minutes sustained (versions younger than 24 hours are never removed, and past the quota writes are refused): 144.
   * The broker starts no refresh that could go past it (it counts the vault's versions), and the settings are checked
   * against it here. Lower it if `scripts/check-aws-behaviour.ts` finds a smaller quota in your account.
   * @default 144
   */
  readonly maxVersionsPerDay?: number;
  /**
   * The client's access-token lifetime, when the vault's client does not say (a `DelegatedClient` does).
   * @default - the client's `accessTokenValidity`
   */
  readonly accessTokenValidity?: Duration;
  /**
   * Roles that may revoke the grant: each gets a customer-managed policy allowing `lambda:InvokeFunction` on the
   * revocation function and nothing else (the function does the rest). Add more with `grantRevoke`.
   * @default - none: grant it to your incident-response role
   */
  readonly revokers?: iam.IRole[];
  /**
   * The user the grant belongs to, when it is a dedicated service user: revocation then also ends every session of
   * that user (`AdminUserGlobalSignOut`), which reaches refresh tokens the vault never held (a refresh whose answer
   * never arrived). Do not name a person's account: they would be signed out everywhere.
   * @default - no sign-out
   */
  readonly serviceUser?: ServiceUser;
  /**
   * Notify the alarm topic when a principal other than the broker, rotation and revocation functions reads the vault
   * (`GetSecretValue`, served or denied). Needs a CloudTrail trail with logging on in this account and Region (see
   * `VaultReadAlert`).
   * @default true
   */
  readonly unexpectedReadAlert?: boolean;
  /**
   * Notify the alarm topic when anyone changes what protects the vault (its resource policy, its value key,
   * replication, rotation, deletion or tags, or its KMS key's policy, deletion or state), or a principal other than
   * the broker, rotation and revocation functions writes to it. A deployment that changes these notifies too. Needs a
   * CloudTrail trail with logging on in this account and Region.
   * @default true
   */
  readonly vaultChangeAlert?: boolean;
  /**
   * Where the alarms and the unexpected-read alert send their notifications.
   * @default - a new SNS topic encrypted with its own KMS key, TLS only
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Retention of the broker's and the rotation function's log groups.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The Node.js runtime of the broker, rotation and revocation functions: Node.js 20 or later.
   * @default - the newest Node.js runtime the installed aws-cdk-lib knows (what cdk-nag's AwsSolutions-L1 asks for),
   * found at synth
   */
  readonly runtime?: lambda.Runtime;
  /**
   * Concurrent executions reserved for (and the most allowed to) the broker function. A cache hit costs about a
   * microsecond, so a few environments serve many consumers; fewer environments also mean fewer refreshes racing.
   * @default 2
   */
  readonly reservedConcurrentExecutions?: number;
}

/** A dedicated service user: the user whose grant the vault holds, used for nothing else. */
export interface ServiceUser {
  readonly userPool: cognito.IUserPool;
  readonly username: string;
}

export class TokenBroker extends Construct {
  /** The function consumers invoke. */
  public readonly function: lambda.IFunction;
  /** The vault's rotation function. */
  public readonly rotationFunction: lambda.IFunction;
  /** The value of the `Grant` dimension of the broker's metrics. */
  public readonly grantName: string;
  public readonly minValidity: Duration;
  public readonly alarmTopic: sns.ITopic;
  /** The broker could not serve a token (an outage, a store failure, a misconfiguration). */
  public readonly brokerFailureAlarm: cloudwatch.Alarm;
  /** A rotation step failed. */
  public readonly rotationFailureAlarm: cloudwatch.Alarm;
  /** The grant is unusable (lost, revoked, expired, not seeded): an operator must seed a new refresh token. */
  public readonly grantUnusableAlarm: cloudwatch.Alarm;
  /** Invoking it revokes the grant (`RevocationReport` back); see README, "Incident: revoke a grant". */
  public readonly revocationFunction: lambda.IFunction;
  /** A revocation could not revoke every stored token (or failed): run it again. */
  public readonly revocationFailureAlarm: cloudwatch.Alarm;
  /** The alert on reads of the vault by unexpected principals (unless `unexpectedReadAlert` is false). */
  public readonly unexpectedReadAlert?: VaultReadAlert;
  /** The alert on changes to what protects the vault (unless `vaultChangeAlert` is false). */
  public readonly vaultChangeAlert?: VaultChangeAlert;
  /** The most versions the vault can gain in 24 hours at these settings (docs/broker.md, "Writes and the version quota"). */
  public readonly dailyVersionBound: number;
  private readonly broker: RotationFunction;
  private readonly vault: RefreshTokenVault;
  private invokers = 0;

  constructor(scope: Construct, id: string, props: TokenBrokerProps) {
    super(scope, id);
    const { vault } = props;
    this.vault = vault;
    const client = vault.client;
    if (props.consumers.length === 0) throw new TokenGuardValidationError(`${KIND} consumers: name at least one principal that may invoke the broker`, this);

    const grace = knownDuration(this, KIND, 'vault.client.refreshTokenRotationGracePeriod', client.refreshTokenRotationGracePeriod);
    if (grace.toSeconds() < MIN_GRACE.toSeconds()) {
      throw new TokenGuardValidationError(
        `${KIND} vault: the client's refreshTokenRotationGracePeriod of ${grace.toHumanString()} is below ${MIN_GRACE.toHumanString()}: a broker that crashes between Cognito's answer and storing the rotated token recovers only by retrying within it (60 seconds recommended)`,
        this,
      );
    }
    this.minValidity = knownDuration(this, KIND, 'minValidity', props.minValidity ?? Duration.minutes(2));
    checkRange(this, KIND, 'minValidity', this.minValidity, Duration.seconds(30), Duration.hours(1), 'a served token must be usable for a while, and refreshed before it expires');
    const access = props.accessTokenValidity ?? (client as { accessTokenValidity?: Duration }).accessTokenValidity;
    if (!access) throw new TokenGuardValidationError(`${KIND} accessTokenValidity: required when the vault's client does not declare its access-token lifetime`, this);
    knownDuration(this, KIND, 'accessTokenValidity', access);
    const maxVersionsPerDay = props.maxVersionsPerDay ?? DEFAULT_MAX_VERSIONS_PER_DAY;
    if (!Number.isInteger(maxVersionsPerDay) || maxVersionsPerDay < 10 || maxVersionsPerDay > 10_000) {
      throw new TokenGuardValidationError(`${KIND} maxVersionsPerDay: must be a whole number from 10 to 10000; received ${maxVersionsPerDay}`, this);
    }
    const interval = access.toSeconds() - this.minValidity.toSeconds();
    const bound = dailyVersionBound({ accessTokenSeconds: access.toSeconds(), minValiditySeconds: this.minValidity.toSeconds(), rotationHours: vault.rotationInterval.toHours() });
    const allowed = maxVersionsPerDay - VERSION_RESERVE;
    if (interval <= 0 || bound.total > allowed) {
      const refreshesAllowed = allowed - bound.rotations - bound.operator;
      const minAccess = refreshesAllowed > 0 ? Math.ceil(86_400 / refreshesAllowed + this.minValidity.toSeconds()) : undefined;
      throw new TokenGuardValidationError(
        `${KIND} minValidity: with access tokens of ${access.toHumanString()} and minValidity ${this.minValidity.toHumanString()} the broker may refresh (and write a secret version) every ${Duration.seconds(Math.max(interval, 0)).toHumanString()}: ` +
          `${interval > 0 ? bound.total : 'unbounded'} versions a day with the vault's rotations and an operator's seed, more than the ${allowed} a budget of maxVersionsPerDay ${maxVersionsPerDay} leaves (Secrets Manager advises one write per 10 minutes sustained)` +
          (minAccess ? `; access tokens must live at least ${Duration.seconds(minAccess).toHumanString()} (15 minutes is the policy's target)` : ''),
        this,
      );
    }
    this.dailyVersionBound = bound.total;

    this.grantName = Names.uniqueResourceName(vault, { maxLength: 128, separator: '-' });
    const environment = {
      VAULT_SECRET_ARN: vault.secret.secretArn,
      CLIENT_ID: client.userPoolClient.userPoolClientId,
      GRANT_NAME: this.grantName,
      GRACE_SECONDS: String(grace.toSeconds()),
      MIN_VALIDITY_SECONDS: String(this.minValidity.toSeconds()),
      MAX_VERSIONS_PER_DAY: String(maxVersionsPerDay),
    };
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    const runtime = functionRuntime(this, KIND, props.runtime);

    this.broker = new RotationFunction(this, 'Broker', {
      handler: 'token-broker/broker.handler',
      runtime,
      description: 'Token broker: serves short-lived access tokens for one refresh-token vault',
      environment,
      logGroupName: `${vault.logGroupPrefix}broker`,
      logKey: vault.encryptionKey,
      logRetention,
      timeout: Duration.seconds(30),
      memorySize: 512,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 2,
    });
    acknowledgeFunction(this.broker.function, { noVpc: NO_VPC, noDlq: NO_DLQ });
    this.function = this.broker.function;
    vault.grantReadWrite(this.broker.role);
    this.broker.policy.addStatements(listVersions(vault));
    for (const consumer of props.consumers) this.grantInvoke(consumer);

    const rotation = new RotationFunction(this, 'Rotation', {
      handler: 'token-broker/rotation.handler',
      runtime,
      description: 'Rotates one refresh-token vault through the broker protocol',
      environment,
      logGroupName: `${vault.logGroupPrefix}broker-rotation`,
      logKey: vault.encryptionKey,
      logRetention,
      timeout: Duration.seconds(60),
    });
    acknowledgeFunction(rotation.function, ROTATION_FUNCTION);
    rotation.policy.addStatements(listVersions(vault));
    this.rotationFunction = rotation.function;
    vault.attachRotator(rotation.function);

    const revocation = new RotationFunction(this, 'Revocation', {
      handler: 'token-broker/revocation.handler',
      runtime,
      description: 'Revokes the grant of one refresh-token vault: every stored token, then a revoked tombstone',
      environment: {
        VAULT_SECRET_ARN: environment.VAULT_SECRET_ARN,
        CLIENT_ID: environment.CLIENT_ID,
        GRANT_NAME: environment.GRANT_NAME,
        ACCESS_TOKEN_VALIDITY_SECONDS: String(access.toSeconds()),
        ...(props.serviceUser ? { SIGN_OUT_USER_POOL_ID: props.serviceUser.userPool.userPoolId, SIGN_OUT_USERNAME: props.serviceUser.username } : {}),
      },
      logGroupName: `${vault.logGroupPrefix}revocation`,
      logKey: vault.encryptionKey,
      logRetention,
      timeout: Duration.minutes(2),
    });
    acknowledgeFunction(revocation.function, { noVpc: REVOCATION_NO_VPC, noDlq: REVOCATION_NO_DLQ });
    vault.grantReadWrite(revocation.role);
    revocation.policy.addStatements(listVersions(vault));
    if (props.serviceUser) {
      revocation.policy.addStatements(
        new iam.PolicyStatement({ sid: 'SignOutTheServiceUser', actions: ['cognito-idp:AdminUserGlobalSignOut'], resources: [props.serviceUser.userPool.userPoolArn] }),
      );
    }
    this.revocationFunction = revocation.function;
    for (const role of props.revokers ?? []) this.grantRevoke(role);

    this.alarmTopic = props.alarmTopic ?? this.createTopic();
    const alarm = (alarmId: string, metric: cloudwatch.Metric, description: string) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new actions.SnsAction(this.alarmTopic));
      return a;
    };
    this.brokerFailureAlarm = alarm('BrokerFailureAlarm', this.metricBrokerFailure(), `Token broker for ${this.grantName} could not serve a token (see its log group for the event)`);
    this.rotationFailureAlarm = alarm('RotationFailureAlarm', this.metricRotationFailure(), `Rotation of the refresh-token vault ${this.grantName} failed (Secrets Manager retries it)`);
    this.grantUnusableAlarm = alarm('GrantUnusableAlarm', this.metricGrantUnusable(), `The grant in ${this.grantName} is unusable (lost, revoked, expired or not seeded): seed a new refresh token`);
    this.revocationFailureAlarm = alarm(
      'RevocationFailureAlarm',
      this.metricRevocationFailure(),
      `A revocation of the grant in ${this.grantName} could not revoke every stored refresh token (or failed): run it again (see its log group)`,
    );
    if (props.vaultChangeAlert ?? true) {
      this.vaultChangeAlert = new VaultChangeAlert(this, 'VaultChangeAlert', {
        secret: vault.secret,
        key: vault.encryptionKey,
        expectedWriters: [this.broker.role, rotation.role, revocation.role],
        topic: this.alarmTopic,
        vaultName: this.grantName,
      });
    }
    if (props.unexpectedReadAlert ?? true) {
      this.unexpectedReadAlert = new VaultReadAlert(this, 'UnexpectedReadAlert', {
        secret: vault.secret,
        expectedReaders: [this.broker.role, rotation.role, revocation.role],
        topic: this.alarmTopic,
        vaultName: this.grantName,
      });
    }
  }

  /** Lets `role` revoke the grant: `lambda:InvokeFunction` on the revocation function, nothing else. */
  public grantRevoke(role: iam.IRole): iam.ManagedPolicy {
    return this.invokePolicy('Revoke', `Revoke the grant of token broker ${this.node.path} (invoke its revocation function)`, role, this.revocationFunction);
  }

  /**
   * Lets an operator role run `token-guard seed` and `token-guard revoke` against the vault: it is admitted to the
   * vault's value (read, write, stage moves, decrypt through Secrets Manager) and may list its versions. Its reads
   * raise the unexpected-read alert, on purpose.
   */
  public grantOperator(role: iam.IRole): iam.ManagedPolicy {
    this.vault.grantReadWrite(role);
    return new iam.ManagedPolicy(this, `Operator${++this.invokers}`, {
      description: `List the versions of the refresh-token vault of token broker ${this.node.path}`,
      roles: [role],
      statements: [listVersions(this.vault)],
    });
  }

  /** Lets `role` invoke the broker: a customer-managed policy on the role (no inline policy on somebody else's role). */
  public grantInvoke(role: iam.IRole): iam.ManagedPolicy {
    return this.invokePolicy('Invoke', `Invoke the token broker ${this.node.path} (short-lived access tokens; never the refresh token)`, role, this.function);
  }

  /** A customer-managed policy on `role` (no inline policy on somebody else's role) allowing it to invoke `fn` only. */
  private invokePolicy(prefix: string, description: string, role: iam.IRole, fn: lambda.IFunction): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, `${prefix}${++this.invokers}`, {
      description,
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] })],
    });
  }

  public metricBrokerFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRICS.brokerFailure, props);
  }

  public metricRotationFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRICS.rotationFailure, props);
  }

  public metricGrantUnusable(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRICS.grantUnusable, props);
  }

  public metricRevocationFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(METRICS.revocationFailure, props);
  }

  private metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName,
      dimensionsMap: { [METRIC_DIMENSION]: this.grantName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
    });
  }

  private createTopic(): sns.Topic {
    const key = new kms.Key(this, 'AlarmTopicKey', { description: `Encrypts the alarm topic of token broker ${this.node.path}`, enableKeyRotation: true });
    // CloudWatch publishes alarm notifications, and EventBridge the unexpected-read alert, to the encrypted topic, for
    // alarms and rules of this account only.
    for (const [sid, service] of [
      ['CloudWatchAlarmsPublish', 'cloudwatch.amazonaws.com'],
      ['EventBridgeRulesPublish', 'events.amazonaws.com'],
    ]) {
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service as string)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
      );
    }
    return new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true, displayName: `cdk-token-guard alarms: ${this.grantName}` });
  }
}

/** The commit protocol lists every version, deprecated ones included (no value is returned). */
function listVersions(vault: RefreshTokenVault): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid: 'ListVaultVersions', actions: ['secretsmanager:ListSecretVersionIds'], resources: [vault.secret.secretArn] });
}

const NO_VPC =
  'The broker has no inbound surface but IAM-authorised lambda:InvokeFunction, and its only traffic is TLS to the ' +
  'regional Secrets Manager (SigV4) and Cognito endpoints; a VPC would add isolation only with interface endpoints for ' +
  'both services, which these constructs do not create yet (follow-up).';
const NO_DLQ =
  'Consumers invoke the broker synchronously and get its answer or error directly; a dead-letter queue applies only ' +
  'to asynchronous invocations, and a failed request holds nothing to replay (the consumer retries). Failures raise the ' +
  'BrokerFailure metric and its alarm.';

const REVOCATION_NO_VPC =
  'The revocation function has no inbound surface but IAM-authorised lambda:InvokeFunction by the named revokers, and ' +
  'its only traffic is TLS to the regional Secrets Manager (SigV4) and Cognito endpoints; a VPC would add isolation only ' +
  'with interface endpoints for both services, which these constructs do not create yet (follow-up).';
const REVOCATION_NO_DLQ =
  'Revokers invoke the revocation function synchronously and read its report or error directly; a dead-letter queue ' +
  'applies only to asynchronous invocations, and a failed revocation is simply run again (it is idempotent). Failures ' +
  'raise the RevocationFailure metric and its alarm.';
