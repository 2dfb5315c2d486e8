/**
 * The vault's Secrets Manager operations, each retried on transient errors, each idempotent.
 *
 * - `put` creates a version with a chosen id (`ClientRequestToken`): repeating it with the same value is a no-op, and
 *   a put under an id that holds other data is refused (`exists`), which makes the one child slot of each version a
 *   create-if-absent.
 * - `moveCurrent` is the compare-and-swap: `AWSCURRENT` moves from `from` to `to` only if `from` still holds it.
 * - `addLabel` and `removeLabel` attach and detach the lease labels (docs/broker.md, "The lease").
 */
import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type ListSecretVersionIdsCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import { AWSCURRENT, AWSPENDING } from '../handlers/rotation';
import { type Budget, classify, withRetries } from './errors';
import type { GrantConfig, Runtime } from './runtime';
import { parseVaultRecord, serializeVaultRecord, type VaultRecord, VaultFormatError } from './vault-record';

export { AWSCURRENT, AWSPENDING };

/**
 * The label a writer puts a new version with: `PutSecretValue` needs one, and a label other than `AWSCURRENT` leaves
 * the move to the compare-and-swap. It moves to each new version; it means nothing else.
 */
export const STAGED = 'TOKENGUARD_STAGED';

/** A version id and the record it holds. */
export interface Held {
  readonly versionId: string;
  readonly record: VaultRecord;
}

export interface VersionInfo {
  readonly id: string;
  readonly stages: readonly string[];
  /** Epoch ms. */
  readonly created: number;
}

export interface VersionList {
  readonly versions: readonly VersionInfo[];
  readonly currentId: string;
}

const READ_ATTEMPTS = 3;
const WRITE_ATTEMPTS = 6;

export class VaultStore {
  constructor(
    private readonly rt: Pick<Runtime, 'secrets' | 'sleep' | 'wallNow'>,
    private readonly cfg: Pick<GrantConfig, 'secretId'>,
  ) {}

  /** The `AWSCURRENT` version. */
  async readCurrent(budget: Budget): Promise<Held> {
    const out = await withRetries(this.rt, budget, READ_ATTEMPTS, () => this.rt.secrets.send(new GetSecretValueCommand({ SecretId: this.cfg.secretId, VersionStage: AWSCURRENT })));
    if (!out.VersionId) throw new VaultFormatError('GetSecretValue returned no VersionId');
    return { versionId: out.VersionId, record: parseVaultRecord(out.SecretString) };
  }

  /** One version by id; undefined when it has no value (a rotation's empty version) or no longer exists. */
  async read(versionId: string, budget: Budget): Promise<VaultRecord | undefined> {
    try {
      const out = await withRetries(this.rt, budget, READ_ATTEMPTS, () => this.rt.secrets.send(new GetSecretValueCommand({ SecretId: this.cfg.secretId, VersionId: versionId })));
      return parseVaultRecord(out.SecretString);
    } catch (e) {
      if (classify(e) === 'not-found') return undefined;
      throw e;
    }
  }

  /** Every version, deprecated (label-less) ones included. */
  async list(budget: Budget): Promise<VersionList> {
    const versions: VersionInfo[] = [];
    let next: string | undefined;
    do {
      const token = next;
      const page: ListSecretVersionIdsCommandOutput = await withRetries(this.rt, budget, READ_ATTEMPTS, () =>
        this.rt.secrets.send(new ListSecretVersionIdsCommand({ SecretId: this.cfg.secretId, IncludeDeprecated: true, MaxResults: 100, NextToken: token })),
      );
      for (const v of page.Versions ?? []) {
        if (v.VersionId) versions.push({ id: v.VersionId, stages: v.VersionStages ?? [], created: v.CreatedDate?.getTime() ?? 0 });
      }
      next = page.NextToken;
    } while (next);
    const current = versions.find((v) => v.stages.includes(AWSCURRENT));
    if (!current) throw new VaultFormatError('no version holds AWSCURRENT');
    return { versions, currentId: current.id };
  }

  /**
   * Creates version `versionId` holding `record`, labelled `stage`. Safe to repeat: `stored` when the version holds
   * this record now, `exists` when it holds another (another writer filled the slot first).
   */
  async put(versionId: string, record: VaultRecord, stage: string, budget: Budget, rotationToken?: string): Promise<'stored' | 'exists'> {
    const SecretString = serializeVaultRecord(record);
    try {
      await withRetries(this.rt, budget, WRITE_ATTEMPTS, () =>
        this.rt.secrets.send(
          new PutSecretValueCommand({ SecretId: this.cfg.secretId, ClientRequestToken: versionId, SecretString, VersionStages: [stage], ...(rotationToken ? { RotationToken: rotationToken } : {}) }),
        ),
      );
      return 'stored';
    } catch (e) {
      if (classify(e) === 'exists') return 'exists';
      throw e;
    }
  }

  /** Compare-and-swap of `AWSCURRENT`: `moved`, or `conflict` when `from` no longer holds it (or a version is gone). */
  async moveCurrent(from: string, to: string, budget: Budget): Promise<'moved' | 'conflict'> {
    try {
      await withRetries(this.rt, budget, WRITE_ATTEMPTS, () =>
        this.rt.secrets.send(new UpdateSecretVersionStageCommand({ SecretId: this.cfg.secretId, VersionStage: AWSCURRENT, MoveToVersionId: to, RemoveFromVersionId: from })),
      );
      return 'moved';
    } catch (e) {
      const c = classify(e);
      if (c === 'conflict' || c === 'not-found') return 'conflict';
      throw e;
    }
  }

  /** Attaches `label`, which no version carries, to `versionId`. */
  async addLabel(label: string, versionId: string, budget: Budget): Promise<void> {
    await withRetries(this.rt, budget, WRITE_ATTEMPTS, () =>
      this.rt.secrets.send(new UpdateSecretVersionStageCommand({ SecretId: this.cfg.secretId, VersionStage: label, MoveToVersionId: versionId })),
    );
  }

  /** Removes `label` from `versionId`; already gone is fine. */
  async removeLabel(label: string, versionId: string, budget: Budget): Promise<void> {
    try {
      await withRetries(this.rt, budget, WRITE_ATTEMPTS, () =>
        this.rt.secrets.send(new UpdateSecretVersionStageCommand({ SecretId: this.cfg.secretId, VersionStage: label, RemoveFromVersionId: versionId })),
      );
    } catch (e) {
      const c = classify(e);
      if (c !== 'conflict' && c !== 'not-found') throw e;
    }
  }
}
