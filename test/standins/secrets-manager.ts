/**
 * Secrets Manager model: secrets, versions and staging labels with the real semantics
 * (AWSCURRENT / AWSPREVIOUS / AWSPENDING moves, ClientRequestToken idempotency), rotation
 * configuration, tags and scheduled deletion.
 *
 * The wire face is `execute(operation, input)`, called by the HTTP server; tests also get a small
 * inspection API (`describe`, `value`, `stages`, `rotationRequests`) that never goes through HTTP
 * and never appears in the call log.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CallRefs } from './calls';
import type { Clock } from './clock';
import { ServiceError, StandInUsageError } from './errors';
import type { LeakDetector } from './leaks';
import { epochSeconds, type ExecResult, type Input, optBool, optNum, optObj, optStr, optStrList, reqStr } from './params';
import { randomAlnum } from './tokens';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';

export interface Tag {
  Key: string;
  Value: string;
}

export interface RotationRules {
  AutomaticallyAfterDays?: number;
  Duration?: string;
  ScheduleExpression?: string;
}

/** A rotation that RotateSecret started; the test plays the rotation Lambda. */
export interface RotationRequest {
  /** The secret's ARN, as Secrets Manager passes it to the rotation Lambda. */
  SecretId: string;
  /** The version id the rotation must create (the Lambda event's ClientRequestToken). */
  ClientRequestToken: string;
  /** Opaque token the Lambda passes back to PutSecretValue (registered with the leak detector). */
  RotationToken: string;
  RotationLambdaARN: string;
  /** false when RotateImmediately was false: Secrets Manager would only run testSecret. */
  rotateImmediately: boolean;
  requestedAt: Date;
}

export interface VersionSnapshot {
  VersionId: string;
  VersionStages: string[];
  CreatedDate: Date;
  LastAccessedDate?: Date;
}

/** Everything about a secret except its values. */
export interface SecretSnapshot {
  ARN: string;
  Name: string;
  Description?: string;
  KmsKeyId?: string;
  RotationEnabled: boolean;
  RotationLambdaARN?: string;
  RotationRules?: RotationRules;
  NextRotationDate?: Date;
  LastRotatedDate?: Date;
  LastChangedDate: Date;
  LastAccessedDate?: Date;
  DeletedDate?: Date;
  DeletionDate?: Date;
  CreatedDate: Date;
  Tags: Tag[];
  /** All versions, deprecated (label-less) ones included, oldest first. */
  Versions: VersionSnapshot[];
  VersionIdsToStages: Record<string, string[]>;
}

interface Version {
  id: string;
  string?: string;
  binary?: Buffer;
  stages: string[];
  createdAt: number;
  lastAccessedAt?: number;
}

interface Secret {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  createdAt: number;
  lastChangedAt: number;
  lastAccessedAt?: number;
  lastRotatedAt?: number;
  deletedAt?: number;
  deletionDate?: number;
  rotationEnabled: boolean;
  rotationLambdaArn?: string;
  rotationRules?: RotationRules;
  nextRotationAt?: number;
  /** Stored and returned, never enforced. */
  resourcePolicy?: string;
  tags: Tag[];
  versions: Map<string, Version>;
}

export interface SecretsManagerOptions {
  region?: string;
  accountId?: string;
  /**
   * The version quota, as AWS describes it: Secrets Manager removes unlabeled versions once a secret has more than
   * 100, but never one created less than 24 hours ago, and "if you update the secret value more than once every 10
   * minutes ... you will reach the quota for secret versions". `perDay` (default 144, one write per 10 minutes): a put
   * that would give the secret more versions created in the last 24 hours is refused. `total` (default none): a put
   * that would leave more versions than this after the clean-up is refused; `{ total: 100 }` is the strictest reading
   * (some report 100 versions as a hard quota). Refusals are `LimitExceededException`.
   */
  versionQuota?: { perDay?: number; total?: number };
}

/** AWS: "Secrets Manager removes unlabeled versions when there are more than 100". */
const CLEANUP_ABOVE = 100;
const DAY_MS = 86_400_000;
/** AWS: 20 staging labels attached across all versions of a secret. */
const MAX_LABELS = 20;

const NOT_FOUND = "Secrets Manager can't find the specified secret.";
const MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion.";

export class SecretsManagerModel {
  readonly region: string;
  readonly accountId: string;
  private secrets: Secret[] = [];
  private readonly requests: RotationRequest[] = [];
  private readonly quota: { perDay: number; total: number };
  private rotationListeners: Array<(request: RotationRequest) => void | Promise<void>> = [];

  constructor(
    private readonly clock: Clock,
    private readonly leaks: LeakDetector,
    options: SecretsManagerOptions = {},
  ) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.quota = { perDay: options.versionQuota?.perDay ?? 144, total: options.versionQuota?.total ?? Infinity };
  }

  // ---------------------------------------------------------------------------------------------
  // Test-side API
  // ---------------------------------------------------------------------------------------------

  /** Creates a secret directly (same input and output as the CreateSecret operation). */
  createSecret(input: { Name: string; SecretString?: string; SecretBinary?: Uint8Array; Description?: string; KmsKeyId?: string; Tags?: Tag[] }): {
    ARN: string;
    Name: string;
    VersionId?: string;
  } {
    const wire: Input = { ...input, SecretBinary: input.SecretBinary ? Buffer.from(input.SecretBinary).toString('base64') : undefined };
    return this.create(wire, {}) as { ARN: string; Name: string; VersionId?: string };
  }

  /** Everything about a secret except its values; throws if it does not exist. */
  describe(secretId: string): SecretSnapshot {
    const s = this.find(secretId);
    if (!s) throw new StandInUsageError(`no secret matches ${secretId}`);
    const d = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      ARN: s.arn,
      Name: s.name,
      Description: s.description,
      KmsKeyId: s.kmsKeyId,
      RotationEnabled: s.rotationEnabled,
      RotationLambdaARN: s.rotationLambdaArn,
      RotationRules: s.rotationRules && { ...s.rotationRules },
      NextRotationDate: d(s.nextRotationAt),
      LastRotatedDate: d(s.lastRotatedAt),
      LastChangedDate: new Date(s.lastChangedAt),
      LastAccessedDate: d(s.lastAccessedAt),
      DeletedDate: d(s.deletedAt),
      DeletionDate: d(s.deletionDate),
      CreatedDate: new Date(s.createdAt),
      Tags: s.tags.map((t) => ({ ...t })),
      Versions: [...s.versions.values()].map((v) => ({
        VersionId: v.id,
        VersionStages: [...v.stages],
        CreatedDate: new Date(v.createdAt),
        LastAccessedDate: d(v.lastAccessedAt),
      })),
      VersionIdsToStages: stagesMap(s),
    };
  }

  /** `{ versionId: [labels] }` for versions that have labels. */
  stages(secretId: string): Record<string, string[]> {
    return this.describe(secretId).VersionIdsToStages;
  }

  /** Whether a secret with this name or ARN exists (including one scheduled for deletion). */
  exists(secretId: string): boolean {
    return this.find(secretId) !== undefined;
  }

  /**
   * A version's value (test-side read: no call-log entry, no LastAccessedDate). Defaults to
   * AWSCURRENT; returns undefined when there is no such version.
   */
  value(secretId: string, select: { versionId?: string; versionStage?: string } = {}): string | Uint8Array | undefined {
    const s = this.find(secretId);
    if (!s) throw new StandInUsageError(`no secret matches ${secretId}`);
    const v = select.versionId ? s.versions.get(select.versionId) : versionWithStage(s, select.versionStage ?? AWSCURRENT);
    if (!v || (select.versionStage && !v.stages.includes(select.versionStage))) return undefined;
    return v.string ?? (v.binary ? new Uint8Array(v.binary) : undefined);
  }

  /** Rotations started by RotateSecret, oldest first. */
  rotationRequests(secretId?: string): RotationRequest[] {
    const arn = secretId === undefined ? undefined : this.find(secretId)?.arn;
    return this.requests.filter((r) => arn === undefined || r.SecretId === arn).map((r) => ({ ...r }));
  }

  /**
   * Registers a listener called (asynchronously, after RotateSecret has answered) for each rotation
   * RotateSecret starts: the place to invoke a rotation handler under test. Returns an unsubscribe.
   */
  onRotation(listener: (request: RotationRequest) => void | Promise<void>): () => void {
    this.rotationListeners.push(listener);
    return () => {
      this.rotationListeners = this.rotationListeners.filter((l) => l !== listener);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Wire operations
  // ---------------------------------------------------------------------------------------------

  static readonly operations = [
    'CreateSecret',
    'DescribeSecret',
    'GetSecretValue',
    'PutSecretValue',
    'UpdateSecretVersionStage',
    'ListSecretVersionIds',
    'RotateSecret',
    'CancelRotateSecret',
    'TagResource',
    'UntagResource',
    'DeleteSecret',
    'RestoreSecret',
    'PutResourcePolicy',
    'GetResourcePolicy',
    'DeleteResourcePolicy',
  ] as const;

  /** @internal */
  execute(operation: string, input: Input, refs: CallRefs): ExecResult {
    switch (operation) {
      case 'CreateSecret':
        return { output: this.create(input, refs) };
      case 'DescribeSecret':
        return { output: this.describeSecret(input, refs) };
      case 'GetSecretValue':
        return { output: this.getSecretValue(input, refs) };
      case 'PutSecretValue':
        return this.putSecretValue(input, refs);
      case 'UpdateSecretVersionStage':
        return { output: this.updateSecretVersionStage(input, refs) };
      case 'ListSecretVersionIds':
        return { output: this.listSecretVersionIds(input, refs) };
      case 'RotateSecret':
        return this.rotateSecret(input, refs);
      case 'CancelRotateSecret':
        return { output: this.cancelRotateSecret(input, refs) };
      case 'TagResource':
        return { output: this.tagResource(input, refs) };
      case 'UntagResource':
        return { output: this.untagResource(input, refs) };
      case 'DeleteSecret':
        return { output: this.deleteSecret(input, refs) };
      case 'RestoreSecret':
        return { output: this.restoreSecret(input, refs) };
      case 'PutResourcePolicy': {
        const s = this.resolve(input, refs);
        s.resourcePolicy = reqStr(input, 'ResourcePolicy');
        return { output: { ARN: s.arn, Name: s.name } };
      }
      case 'GetResourcePolicy': {
        const s = this.resolve(input, refs);
        return { output: { ARN: s.arn, Name: s.name, ...(s.resourcePolicy ? { ResourcePolicy: s.resourcePolicy } : {}) } };
      }
      case 'DeleteResourcePolicy': {
        const s = this.resolve(input, refs);
        s.resourcePolicy = undefined;
        return { output: { ARN: s.arn, Name: s.name } };
      }
      default:
        throw new ServiceError('StandInNotImplemented', `The Secrets Manager stand-in does not implement ${operation}`);
    }
  }

  private create(input: Input, refs: CallRefs): unknown {
    const name = reqStr(input, 'Name');
    refs.secretId = name;
    if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) throw new ServiceError('InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
    const token = optStr(input, 'ClientRequestToken') ?? randomUUID();
    validateToken(token);
    refs.clientRequestToken = token;
    const value = readValue(input);
    const existing = this.find(name);
    if (existing) {
      if (existing.deletedAt !== undefined) {
        throw new ServiceError('InvalidRequestException', `You can't create this secret because a secret with this name is already scheduled for deletion.`);
      }
      // ASSUMPTION: a retried CreateSecret with the same ClientRequestToken and value is an
      // idempotent success, like PutSecretValue.
      const v = existing.versions.get(token);
      if (v && value && sameValue(v, value)) return { ARN: existing.arn, Name: existing.name, VersionId: v.id };
      throw new ServiceError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    }
    const now = this.clock.now();
    const secret: Secret = {
      arn: `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${name}-${randomAlnum(6)}`,
      name,
      description: optStr(input, 'Description'),
      kmsKeyId: optStr(input, 'KmsKeyId'),
      createdAt: now,
      lastChangedAt: now,
      rotationEnabled: false,
      tags: readTags(input, 'Tags') ?? [],
      versions: new Map(),
    };
    this.secrets.push(secret);
    if (value) {
      this.addVersion(secret, token, value, [AWSCURRENT]);
      refs.versionId = token;
    }
    return { ARN: secret.arn, Name: secret.name, ...(value ? { VersionId: token } : {}) };
  }

  private describeSecret(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs, { allowDeleted: true });
    return {
      ARN: s.arn,
      Name: s.name,
      Description: s.description,
      KmsKeyId: s.kmsKeyId,
      RotationEnabled: s.rotationEnabled,
      RotationLambdaARN: s.rotationLambdaArn,
      RotationRules: s.rotationRules,
      LastRotatedDate: sec(s.lastRotatedAt),
      LastChangedDate: sec(s.lastChangedAt),
      LastAccessedDate: sec(s.lastAccessedAt),
      DeletedDate: sec(s.deletedAt),
      NextRotationDate: sec(s.nextRotationAt),
      Tags: s.tags,
      VersionIdsToStages: stagesMap(s),
      CreatedDate: sec(s.createdAt),
    };
  }

  private getSecretValue(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs);
    const versionId = optStr(input, 'VersionId');
    const stage = optStr(input, 'VersionStage');
    refs.versionId = versionId;
    refs.versionStage = stage;
    let v: Version | undefined;
    if (versionId) {
      v = s.versions.get(versionId);
      if (!v || (stage && !v.stages.includes(stage)) || isEmpty(v)) {
        throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
      }
    } else {
      v = versionWithStage(s, stage ?? AWSCURRENT);
      if (!v || isEmpty(v)) throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage ?? AWSCURRENT}`);
    }
    refs.versionId = v.id;
    const day = startOfDay(this.clock.now());
    v.lastAccessedAt = day;
    s.lastAccessedAt = day;
    return {
      ARN: s.arn,
      Name: s.name,
      VersionId: v.id,
      ...(v.string !== undefined ? { SecretString: v.string } : {}),
      ...(v.binary !== undefined ? { SecretBinary: v.binary.toString('base64') } : {}),
      VersionStages: [...v.stages],
      CreatedDate: sec(v.createdAt),
    };
  }

  private putSecretValue(input: Input, refs: CallRefs): ExecResult {
    const s = this.resolve(input, refs);
    const token = optStr(input, 'ClientRequestToken') ?? randomUUID();
    validateToken(token);
    refs.clientRequestToken = token;
    refs.versionId = token;
    const value = readValue(input);
    if (!value) throw new ServiceError('InvalidParameterException', 'You must provide either SecretString or SecretBinary.');
    const stages = optStrList(input, 'VersionStages') ?? [AWSCURRENT];
    const rotationToken = optStr(input, 'RotationToken');
    const detail = rotationToken === undefined ? undefined : this.requests.some((r) => r.RotationToken === rotationToken) ? 'RotationToken of a started rotation' : 'RotationToken not issued by a rotation';
    const existing = s.versions.get(token);
    if (existing && isEmpty(existing)) {
      // The empty version RotateSecret created for this rotation: the put gives it its value.
      existing.string = value.string;
      existing.binary = value.binary;
      for (const stage of new Set(stages)) this.moveStage(s, stage, token);
      s.lastChangedAt = this.clock.now();
      this.registerValue(s, existing);
      return { output: { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...existing.stages] }, detail };
    }
    if (existing) {
      if (!sameValue(existing, value)) {
        throw new ServiceError('ResourceExistsException', `You can't modify an existing version, you can only create new versions. A version with ClientRequestToken ${token} already exists with different secret data.`);
      }
      // Same token, same value: the request is ignored (idempotent retry).
      return { output: { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...existing.stages] }, detail: joinDetail('idempotent retry: nothing changed', detail) };
    }
    checkLabelRoom(s, stages);
    const v = this.addVersion(s, token, value, stages);
    return { output: { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...v.stages] }, detail };
  }

  private updateSecretVersionStage(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs);
    const stage = reqStr(input, 'VersionStage');
    const moveTo = optStr(input, 'MoveToVersionId');
    const removeFrom = optStr(input, 'RemoveFromVersionId');
    refs.versionStage = stage;
    refs.moveToVersionId = moveTo;
    refs.removeFromVersionId = removeFrom;
    if (moveTo === undefined && removeFrom === undefined) {
      throw new ServiceError('InvalidParameterException', 'You must specify MoveToVersionId, RemoveFromVersionId, or both.');
    }
    if (moveTo !== undefined && !s.versions.has(moveTo)) {
      throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret version: ${moveTo}`);
    }
    if (removeFrom !== undefined && !s.versions.has(removeFrom)) {
      throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret version: ${removeFrom}`);
    }
    const holder = versionWithStage(s, stage);
    if (moveTo === undefined) {
      if (stage === AWSCURRENT) {
        throw new ServiceError('InvalidParameterException', `You can only move staging label ${AWSCURRENT} to a different secret version. It can't be completely removed.`);
      }
      if (!holder || holder.id !== removeFrom) {
        throw new ServiceError('InvalidParameterException', `The staging label ${stage} is not attached to version ${removeFrom}.`);
      }
      removeStage(holder, stage);
    } else if (holder && holder.id !== moveTo) {
      if (removeFrom === undefined) {
        throw new ServiceError(
          'InvalidParameterException',
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      if (removeFrom !== holder.id) {
        throw new ServiceError(
          'InvalidParameterException',
          `When you move staging label ${stage}, if you specify RemoveFromVersionId, it must be set to the version that currently has the staging label ${stage}.`,
        );
      }
      this.moveStage(s, stage, moveTo);
    } else if (!holder) {
      if (removeFrom !== undefined) {
        throw new ServiceError('InvalidParameterException', `The staging label ${stage} is not attached to version ${removeFrom}.`);
      }
      checkLabelRoom(s, [stage]);
      this.moveStage(s, stage, moveTo);
    }
    // holder === moveTo: already there, nothing to do.
    s.lastChangedAt = this.clock.now();
    return { ARN: s.arn, Name: s.name };
  }

  private listSecretVersionIds(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs, { allowDeleted: true });
    const includeDeprecated = optBool(input, 'IncludeDeprecated') ?? false;
    const max = optNum(input, 'MaxResults') ?? 100;
    if (max < 1 || max > 100) throw new ServiceError('InvalidParameterException', 'MaxResults must be between 1 and 100.');
    const next = optStr(input, 'NextToken');
    const start = next === undefined ? 0 : Number(Buffer.from(next, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new ServiceError('InvalidNextTokenException', 'The NextToken value is not valid.');
    const all = [...s.versions.values()].filter((v) => includeDeprecated || v.stages.length > 0);
    const page = all.slice(start, start + max);
    return {
      Versions: page.map((v) => ({ VersionId: v.id, VersionStages: [...v.stages], CreatedDate: sec(v.createdAt), LastAccessedDate: sec(v.lastAccessedAt) })),
      ...(start + max < all.length ? { NextToken: Buffer.from(String(start + max)).toString('base64') } : {}),
      ARN: s.arn,
      Name: s.name,
    };
  }

  private rotateSecret(input: Input, refs: CallRefs): ExecResult {
    const s = this.resolve(input, refs);
    const token = optStr(input, 'ClientRequestToken') ?? randomUUID();
    validateToken(token);
    refs.clientRequestToken = token;
    const lambda = optStr(input, 'RotationLambdaARN') ?? s.rotationLambdaArn;
    if (!lambda) throw new ServiceError('InvalidRequestException', 'No Lambda rotation function ARN is associated with this secret.');
    const rules = readRules(optObj(input, 'RotationRules'));
    const pending = versionWithStage(s, AWSPENDING);
    if (pending && !pending.stages.includes(AWSCURRENT)) {
      throw new ServiceError('InvalidRequestException', "A previous rotation isn't complete. That rotation will be reattempted.");
    }
    if ((optBool(input, 'RotateImmediately') ?? true) && !s.versions.has(token)) this.admitVersion(s);
    const now = this.clock.now();
    s.rotationEnabled = true;
    s.rotationLambdaArn = lambda;
    if (rules) s.rotationRules = rules;
    s.nextRotationAt = nextRotation(now, s.rotationRules);
    s.lastChangedAt = now;
    const request: RotationRequest = {
      SecretId: s.arn,
      ClientRequestToken: token,
      RotationToken: randomBytes(32).toString('hex'),
      RotationLambdaARN: lambda,
      rotateImmediately: optBool(input, 'RotateImmediately') ?? true,
      requestedAt: new Date(now),
    };
    this.leaks.register(request.RotationToken, 'rotation_token', `rotation-token:${token}`);
    this.requests.push(request);
    // Like Secrets Manager, stage AWSPENDING on a new, empty version with the request's id: the rotation
    // function finds it in DescribeSecret and gives it its value in createSecret. Without an immediate
    // rotation (RotateImmediately: false) Secrets Manager runs only testSecret, on the current version.
    if (request.rotateImmediately && !s.versions.has(token)) {
      s.versions.set(token, { id: token, stages: [], createdAt: now });
      this.moveStage(s, AWSPENDING, token);
    }
    const listeners = [...this.rotationListeners];
    return {
      output: { ARN: s.arn, Name: s.name, VersionId: token },
      after: () => {
        for (const l of listeners) setImmediate(() => void Promise.resolve(l({ ...request })).catch(() => undefined));
      },
    };
  }

  private cancelRotateSecret(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs);
    s.rotationEnabled = false;
    s.nextRotationAt = undefined;
    s.lastChangedAt = this.clock.now();
    const pending = versionWithStage(s, AWSPENDING);
    const inProgress = pending && !pending.stages.includes(AWSCURRENT) ? pending.id : undefined;
    return { ARN: s.arn, Name: s.name, ...(inProgress ? { VersionId: inProgress } : {}) };
  }

  private tagResource(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs);
    const tags = readTags(input, 'Tags');
    if (!tags) throw new ServiceError('InvalidParameterException', 'Tags must not be null');
    for (const t of tags) {
      const i = s.tags.findIndex((x) => x.Key === t.Key);
      if (i >= 0) s.tags[i] = t;
      else s.tags.push(t);
    }
    if (s.tags.length > 50) throw new ServiceError('InvalidParameterException', 'A secret can have at most 50 tags.');
    s.lastChangedAt = this.clock.now();
    return {};
  }

  private untagResource(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs);
    const keys = optStrList(input, 'TagKeys');
    if (!keys) throw new ServiceError('InvalidParameterException', 'TagKeys must not be null');
    s.tags = s.tags.filter((t) => !keys.includes(t.Key));
    s.lastChangedAt = this.clock.now();
    return {};
  }

  private deleteSecret(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs);
    const force = optBool(input, 'ForceDeleteWithoutRecovery') ?? false;
    const window = optNum(input, 'RecoveryWindowInDays');
    if (force && window !== undefined) {
      throw new ServiceError('InvalidParameterException', "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    const days = window ?? 30;
    if (!force && (days < 7 || days > 30)) throw new ServiceError('InvalidParameterException', 'RecoveryWindowInDays must be between 7 and 30.');
    const now = this.clock.now();
    if (force) {
      this.secrets = this.secrets.filter((x) => x !== s);
      return { ARN: s.arn, Name: s.name, DeletionDate: sec(now) };
    }
    // ASSUMPTION: DescribeSecret's DeletedDate is when deletion was requested; DeletionDate
    // (DeleteSecret's answer) is when the secret will be purged.
    s.deletedAt = now;
    s.deletionDate = now + days * 86400_000;
    s.rotationEnabled = false;
    s.nextRotationAt = undefined;
    return { ARN: s.arn, Name: s.name, DeletionDate: sec(s.deletionDate) };
  }

  private restoreSecret(input: Input, refs: CallRefs): unknown {
    const s = this.resolve(input, refs, { allowDeleted: true });
    s.deletedAt = undefined;
    s.deletionDate = undefined;
    s.lastChangedAt = this.clock.now();
    return { ARN: s.arn, Name: s.name };
  }

  // ---------------------------------------------------------------------------------------------
  // Internals
  // ---------------------------------------------------------------------------------------------

  private purge(): void {
    const now = this.clock.now();
    this.secrets = this.secrets.filter((s) => s.deletionDate === undefined || s.deletionDate > now);
  }

  /** Finds a secret by name, full ARN or partial ARN (the ARN without its random suffix). */
  private find(secretId: string): Secret | undefined {
    this.purge();
    return (
      this.secrets.find((s) => s.arn === secretId) ??
      this.secrets.find((s) => s.name === secretId) ??
      this.secrets.find((s) => s.arn.slice(0, -7) === secretId)
    );
  }

  private resolve(input: Input, refs: CallRefs, opts: { allowDeleted?: boolean } = {}): Secret {
    const id = reqStr(input, 'SecretId');
    refs.secretId = id;
    const s = this.find(id);
    if (!s) throw new ServiceError('ResourceNotFoundException', NOT_FOUND);
    if (s.deletedAt !== undefined && !opts.allowDeleted) throw new ServiceError('InvalidRequestException', MARKED_FOR_DELETION);
    return s;
  }

  /**
   * Makes room for one more version the way AWS describes it, or refuses: unlabeled versions created 24 hours ago or
   * more are removed (oldest first) while the secret has more than 100; a version beyond the quota is refused.
   */
  private admitVersion(s: Secret): void {
    const now = this.clock.now();
    const removable = [...s.versions.values()].filter((v) => v.stages.length === 0 && now - v.createdAt >= DAY_MS).sort((a, b) => a.createdAt - b.createdAt);
    while (s.versions.size + 1 > CLEANUP_ABOVE && removable.length > 0) s.versions.delete((removable.shift() as Version).id);
    const young = [...s.versions.values()].filter((v) => now - v.createdAt < DAY_MS).length;
    if (young + 1 > this.quota.perDay || s.versions.size + 1 > this.quota.total) {
      throw new ServiceError('LimitExceededException', 'You have exceeded the quota for versions of this secret; versions created less than 24 hours ago are not removed.');
    }
  }

  private addVersion(s: Secret, id: string, value: { string?: string; binary?: Buffer }, stages: string[]): Version {
    this.admitVersion(s);
    const now = this.clock.now();
    const v: Version = { id, string: value.string, binary: value.binary, stages: [], createdAt: now };
    s.versions.set(id, v);
    for (const stage of new Set(stages)) this.moveStage(s, stage, id);
    s.lastChangedAt = now;
    this.registerValue(s, v);
    return v;
  }

  /** Attaches `stage` to version `to`, removing it from its holder; AWSCURRENT drags AWSPREVIOUS. */
  private moveStage(s: Secret, stage: string, to: string): void {
    const target = s.versions.get(to);
    if (!target) return;
    const holder = versionWithStage(s, stage);
    if (holder === target) return;
    if (holder) removeStage(holder, stage);
    target.stages.push(stage);
    if (stage === AWSCURRENT && holder) {
      const prev = versionWithStage(s, AWSPREVIOUS);
      if (prev) removeStage(prev, AWSPREVIOUS);
      holder.stages.push(AWSPREVIOUS);
      if (this.requests.some((r) => r.SecretId === s.arn && r.ClientRequestToken === to)) s.lastRotatedAt = this.clock.now();
    }
  }

  private registerValue(s: Secret, v: Version): void {
    const ref = `secret-value:${s.name}:${v.id.slice(0, 8)}`;
    if (v.binary) {
      this.leaks.register(v.binary.toString('base64'), 'secret_value', ref);
      return;
    }
    const text = v.string ?? '';
    const leaves = jsonStringLeaves(text);
    if (leaves) {
      // JSON: key names are not secret, so match the whole string exactly and each value as text.
      this.leaks.register(text, 'secret_value', ref, { partialSources: [] });
      leaves.forEach((leaf, i) => this.leaks.register(leaf, 'secret_value', `${ref}#${i}`));
    } else {
      this.leaks.register(text, 'secret_value', ref);
    }
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers
// -----------------------------------------------------------------------------------------------

function versionWithStage(s: Secret, stage: string): Version | undefined {
  for (const v of s.versions.values()) if (v.stages.includes(stage)) return v;
  return undefined;
}

/** Refuses labels that would take the secret past 20 distinct staging labels. */
function checkLabelRoom(s: Secret, stages: readonly string[]): void {
  const attached = new Set([...s.versions.values()].flatMap((v) => v.stages));
  const added = new Set(stages.filter((x) => !attached.has(x)));
  if (attached.size + added.size > MAX_LABELS) {
    throw new ServiceError('LimitExceededException', `A secret can have at most ${MAX_LABELS} staging labels attached across its versions.`);
  }
}

function removeStage(v: Version, stage: string): void {
  v.stages = v.stages.filter((x) => x !== stage);
}

function stagesMap(s: Secret): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of s.versions.values()) if (v.stages.length > 0) out[v.id] = [...v.stages];
  return out;
}

function sec(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : epochSeconds(ms);
}

function startOfDay(ms: number): number {
  return ms - (ms % 86400_000);
}

function validateToken(token: string): void {
  if (token.length < 32 || token.length > 64) {
    throw new ServiceError('InvalidParameterException', 'ClientRequestToken must be between 32 and 64 characters.');
  }
}

function readValue(input: Input): { string?: string; binary?: Buffer } | undefined {
  const str = optStr(input, 'SecretString');
  const bin = optStr(input, 'SecretBinary');
  if (str !== undefined && bin !== undefined) {
    throw new ServiceError('InvalidParameterException', 'You can provide SecretString or SecretBinary, but not both.');
  }
  if (str !== undefined) return { string: str };
  if (bin !== undefined) return { binary: Buffer.from(bin, 'base64') };
  return undefined;
}

/** The version RotateSecret creates before the rotation function has put a value into it. */
function isEmpty(v: Version): boolean {
  return v.string === undefined && v.binary === undefined;
}

function sameValue(v: Version, value: { string?: string; binary?: Buffer }): boolean {
  if (value.string !== undefined) return v.string === value.string;
  return v.binary !== undefined && value.binary !== undefined && v.binary.equals(value.binary);
}

function readTags(input: Input, name: string): Tag[] | undefined {
  const raw = input[name];
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new ServiceError('InvalidParameterException', `Invalid type for parameter ${name}`);
  return raw.map((t: unknown) => {
    const o = t as Record<string, unknown>;
    if (typeof o?.Key !== 'string') throw new ServiceError('InvalidParameterException', 'Tag keys must be strings');
    return { Key: o.Key, Value: typeof o.Value === 'string' ? o.Value : '' };
  });
}

function readRules(raw: Input | undefined): RotationRules | undefined {
  if (!raw) return undefined;
  const bad = (m: string) => new ServiceError('InvalidParameterException', m);
  const rules: RotationRules = {};
  if (raw.AutomaticallyAfterDays !== undefined) {
    const d = raw.AutomaticallyAfterDays;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 1000) throw bad('RotationRules.AutomaticallyAfterDays must be within 1-1000.');
    rules.AutomaticallyAfterDays = d;
  }
  if (raw.ScheduleExpression !== undefined) {
    const e = raw.ScheduleExpression;
    if (typeof e !== 'string') throw bad('Invalid ScheduleExpression');
    const rate = /^rate\((\d+) (hour|hours|day|days)\)$/.exec(e);
    if (rate) {
      const hours = Number(rate[1]) * (rate[2]?.startsWith('day') ? 24 : 1);
      if (hours < 4) throw bad('The schedule expression must be at least 4 hours.');
      if (hours > 1000 * 24) throw bad('The schedule expression must be at most 1000 days.');
    } else if (!/^cron\(.+\)$/.test(e)) {
      throw bad(`Invalid ScheduleExpression: ${e}`);
    }
    rules.ScheduleExpression = e;
  }
  if (rules.AutomaticallyAfterDays !== undefined && rules.ScheduleExpression !== undefined) {
    throw bad("You can't specify both AutomaticallyAfterDays and ScheduleExpression.");
  }
  if (raw.Duration !== undefined) {
    const d = raw.Duration;
    const m = typeof d === 'string' ? /^(\d+)h$/.exec(d) : null;
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 24) throw bad('RotationRules.Duration must be between 1h and 24h.');
    rules.Duration = d as string;
  }
  return rules;
}

function nextRotation(now: number, rules: RotationRules | undefined): number | undefined {
  if (!rules) return undefined;
  if (rules.AutomaticallyAfterDays !== undefined) return now + rules.AutomaticallyAfterDays * 86400_000;
  const rate = rules.ScheduleExpression ? /^rate\((\d+) (hour|hours|day|days)\)$/.exec(rules.ScheduleExpression) : null;
  if (rate) return now + Number(rate[1]) * (rate[2]?.startsWith('day') ? 86400_000 : 3600_000);
  return undefined;
}

function jsonStringLeaves(text: string): string[] | undefined {
  if (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === 'string') out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(parsed);
  return out;
}

function joinDetail(a: string, b: string | undefined): string {
  return b ? `${a}; ${b}` : a;
}
