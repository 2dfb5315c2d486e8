/**
 * `RefreshTokenVault`: the only place a refresh token lives. A Secrets Manager secret with its own KMS key (rotation
 * on, usable only through Secrets Manager), a resource policy that denies the value to every principal but the named
 * readers, the rotator and a break-glass role, denies every configuration change but a deployment's and the
 * break-glass role's, and denies non-TLS requests, a rotation schedule derived from the client's refresh-token lifetime, and the
 * `cdk-token-guard:material = refresh-token` tag. It starts empty (`{"refreshToken":""}`): no token value is ever
 * written into a template; seeding puts the first one in.
 *
 * Rotation: until the token broker attaches its rotator (`attachRotator`), the vault deploys an empty-vault
 * rotator that rotates the placeholder and refuses, loudly (a failed rotation), once a token is present.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { TokenGuardPolicy, TokenGuardPolicyInput } from '../rules/engine/policy';
import type { IRefreshTokenClient } from './delegated-client';
import { EMPTY_VAULT_VALUE } from './handlers/vault-format';
import { GuardedSecret } from './internal/guarded-secret';
import { acknowledgeFunction, ROTATION_FUNCTION } from './internal/nag';
import { checkAgainstPolicy, constructPolicy, knownDuration, TokenGuardValidationError } from './internal/policy';
import { functionRuntime } from './internal/lambda-code';
import { RotationFunction } from './internal/rotation-function';

const KIND = 'RefreshTokenVault';
const MIN_INTERVAL_HOURS = 4; // Secrets Manager's shortest schedule

export { EMPTY_VAULT_VALUE };

export interface RefreshTokenVaultProps {
  /** The client whose grant the vault holds (a `DelegatedClient`, or your own `IRefreshTokenClient`). */
  readonly client: IRefreshTokenClient;
  /**
   * Roles that may read the refresh token. Nobody else can: the resource policy denies `GetSecretValue`,
   * `PutSecretValue` and `UpdateSecretVersionStage` to every principal but these, the rotator and roles added with
   * `grantRead`/`grantReadWrite` (administrators included; changing that takes a reviewed change of the
   * resource policy, which CloudTrail records).
   * @default - none (the token broker admits itself)
   */
  readonly readers?: iam.IRole[];
  /**
   * How often the refresh token is rotated. Each rotation invalidates the previous token (after the client's grace
   * period), so this bounds how long a copy of the vault's content stays usable. Must be at most half the refresh
   * token lifetime, at least 4 hours, whole hours.
   * @default - a quarter of the client's refresh-token lifetime, rounded down to whole hours (7 days → 42 hours),
   * at least 4 hours and at most the policy's `secretRotationDays.warnAbove`
   */
  readonly rotationInterval?: Duration;
  /**
   * The one role outside CloudFormation deployments that may read, write, re-permission, replicate or delete the vault
   * (an emergency role, whose use raises the vault-change alert). Everyone else, administrators included, is denied
   * those actions by the vault's resource policy; its configuration otherwise changes only through a deployment (the
   * stack's CloudFormation execution role).
   * @default - none: the vault's configuration changes only through a CloudFormation deployment
   */
  readonly breakGlassRole?: iam.IRole;
  /**
   * Retention of the log group of the vault's default (empty-vault) rotator.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The Node.js runtime of the vault's default (empty-vault) rotator: Node.js 20 or later.
   * @default - the newest Node.js runtime the installed aws-cdk-lib knows (what cdk-nag's AwsSolutions-L1 asks for),
   * found at synth
   */
  readonly runtime?: lambda.Runtime;
  /**
   * Policy settings layered over the `cdk.json` context key `cdk-token-guard:policy`.
   * @default - the context's settings, else the documented defaults
   */
  readonly policy?: TokenGuardPolicyInput;
}

export class RefreshTokenVault extends Construct {
  public readonly client: IRefreshTokenClient;
  public readonly secret: secretsmanager.ISecret;
  public readonly encryptionKey: kms.IKey;
  public readonly rotationInterval: Duration;
  public readonly policy: TokenGuardPolicy;
  /** Log groups named with this prefix may be encrypted with `encryptionKey` (for the rotator's logs). */
  public readonly logGroupPrefix: string;
  /** The principals that may change the vault's configuration: the deployment role and the break-glass role. */
  public readonly administrators: string[];
  private readonly guarded: GuardedSecret;
  private rotation?: Construct;
  private attached?: lambda.IFunction;

  constructor(scope: Construct, id: string, props: RefreshTokenVaultProps) {
    super(scope, id);
    this.client = props.client;
    this.policy = constructPolicy(this, KIND, props.policy);
    this.rotationInterval = this.deriveInterval(props.rotationInterval);

    this.guarded = new GuardedSecret(this, 'Vault', {
      description: `Refresh-token vault ${this.node.path} (cdk-token-guard): the grant of one Cognito app client`,
      placeholder: EMPTY_VAULT_VALUE,
      material: 'refresh-token',
      breakGlassRole: props.breakGlassRole,
    });
    this.secret = this.guarded.secret;
    this.encryptionKey = this.guarded.key;
    this.logGroupPrefix = this.guarded.logGroupPrefix;
    this.administrators = this.guarded.administrators;

    const fallback = new RotationFunction(this, 'DefaultRotator', {
      handler: 'refresh-token-vault/rotation.handler',
      runtime: functionRuntime(this, KIND, props.runtime),
      description: 'Rotates an empty refresh-token vault; refuses once it holds a token (attach the broker rotator)',
      environment: { SECRET_ARN: this.secret.secretArn },
      logGroupName: `${this.logGroupPrefix}default-rotator`,
      logKey: this.guarded.key,
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    });
    acknowledgeFunction(fallback.function, ROTATION_FUNCTION);
    this.attach(fallback.function);

    for (const role of props.readers ?? []) this.grantRead(role);
  }

  /** The rotation function in use: the default empty-vault rotator until `attachRotator` replaces it. */
  public get rotator(): lambda.IFunction {
    return this.attached!;
  }

  /**
   * Replaces the default rotator with `fn` (the token broker's). `fn` gets a managed policy for this secret and key
   * only, the resource policy admits its role, Secrets Manager may invoke it from this account only, and the
   * schedule keeps the vault's interval. Only one rotator can be attached.
   */
  public attachRotator(fn: lambda.IFunction): void {
    if (this.node.tryFindChild('DefaultRotator') === undefined) {
      throw new TokenGuardValidationError(`${KIND} attachRotator: a rotator is already attached (${this.attached?.node.path})`, this);
    }
    this.guarded.revokeAdmissions(this.rotation!);
    this.node.tryRemoveChild(this.rotation!.node.id);
    this.node.tryRemoveChild('DefaultRotator');
    this.attach(fn);
  }

  /** Lets `role` read the refresh token (the identity policy, and an exception in the resource policy's deny). */
  public grantRead(role: iam.IRole): void {
    this.guarded.admit(role, 'read');
  }

  /** Lets `role` read and write the refresh token (`PutSecretValue`, `UpdateSecretVersionStage`): the broker. */
  public grantReadWrite(role: iam.IRole): void {
    this.guarded.admit(role, 'readWrite');
  }

  private attach(fn: lambda.IFunction): void {
    this.rotation = new Construct(this, 'Rotation');
    this.guarded.attachRotation(this.rotation, fn, this.rotationInterval);
    this.attached = fn;
  }

  private deriveInterval(given: Duration | undefined): Duration {
    const lifetimeHours = this.client.refreshTokenValidity.toHours({ integral: false });
    const maxHours = lifetimeHours / 2;
    const policyHours = this.policy.secretRotationDays.warnAbove * 24;
    if (given === undefined) {
      const hours = Math.min(Math.floor(lifetimeHours / 4), Math.floor(policyHours));
      if (Math.max(hours, MIN_INTERVAL_HOURS) > maxHours) {
        throw new TokenGuardValidationError(
          `${KIND} rotationInterval: the client's refresh-token lifetime of ${this.client.refreshTokenValidity.toHumanString()} is too short to rotate well before expiry (Secrets Manager rotates at most every ${MIN_INTERVAL_HOURS} hours; the lifetime must be at least ${MIN_INTERVAL_HOURS * 2} hours)`,
          this,
        );
      }
      return Duration.hours(Math.max(hours, MIN_INTERVAL_HOURS));
    }
    knownDuration(this, KIND, 'rotationInterval', given);
    const hours = given.toHours({ integral: false });
    if (!Number.isInteger(hours) || hours < MIN_INTERVAL_HOURS) {
      throw new TokenGuardValidationError(`${KIND} rotationInterval: must be a whole number of hours, at least ${MIN_INTERVAL_HOURS}; received ${given.toHumanString()}`, this);
    }
    if (hours > maxHours) {
      throw new TokenGuardValidationError(
        `${KIND} rotationInterval: ${given.toHumanString()} is not well before the refresh-token lifetime of ${this.client.refreshTokenValidity.toHumanString()} (at most half: ${Duration.hours(Math.floor(maxHours)).toHumanString()})`,
        this,
      );
    }
    checkAgainstPolicy({ scope: this, kind: KIND, prop: 'rotationInterval', value: given, setting: 'secretRotationDays', unit: 'days', warnAbove: this.policy.secretRotationDays.warnAbove });
    return given;
  }
}
