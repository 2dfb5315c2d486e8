/**
 * The commit protocol shared by the broker and the scheduled rotation (docs/broker.md).
 *
 * Every vault version names the version it was derived from (`parentVersionId`) and remembers its committed
 * ancestors (`lineage`). A refresh presents the current version's token to Cognito, puts the answer as a new version,
 * and moves `AWSCURRENT` to it only if the version it read still holds it (compare-and-swap). From those two facts
 * any writer can tell, for any version, whether it is the current one, a committed ancestor, the next one (a
 * successor whose writer has not finished: commit it), or a loser of a race (revoke its token).
 */
import { GetTokensFromRefreshTokenCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { type Budget, BrokerMisconfiguredError, classify, StoreFailedError, withRetries } from './errors';
import type { GrantConfig, Runtime } from './runtime';
import { describeError, type MetricName, METRICS, type Telemetry } from './telemetry';
import { childLineage, type InvalidReason, VAULT_SCHEMA, VaultFormatError, type VaultRecord, type VaultWriter } from './vault-record';
import { type Held, STAGED, VaultStore } from './vault-store';

/** How one version stands against the current one. */
export type Relation =
  /** It is the current version. */
  | 'current'
  /** It was current once; a later version replaced it. */
  | 'committed'
  /** Derived from the current version, not yet committed: committing it is the writer's unfinished business. */
  | 'successor'
  /** Derived from the same version as an `invalid` marker written for lack of it: it revives the grant. */
  | 'revives'
  /** Derived from a committed version that another child replaced: it can never become current. */
  | 'lost'
  /** No known relation (written outside the protocol, or older than the lineage remembers). */
  | 'unrelated';

export function relation(versionId: string, record: VaultRecord, currentId: string, current: VaultRecord): Relation {
  if (versionId === currentId) return 'current';
  if (current.lineage?.includes(versionId)) return 'committed';
  if (record.parentVersionId === currentId) return 'successor';
  if (revives(current, record)) return 'revives';
  if (record.parentVersionId !== undefined && current.lineage?.includes(record.parentVersionId)) return 'lost';
  return 'unrelated';
}

/**
 * An `invalid` marker for a rotated-out token says "the successor of the parent was never stored". A version that
 * holds such a successor (a slow writer stored it after all) takes the marker's place.
 */
function revives(current: VaultRecord, record: VaultRecord): boolean {
  return (
    current.state === 'invalid' &&
    current.reason === 'refresh-token-reused' &&
    record.state === 'active' &&
    record.parentVersionId !== undefined &&
    record.parentVersionId === current.parentVersionId
  );
}

export type CommitOutcome =
  /** The version is current. */
  | 'committed'
  /** The version was committed (by us or by a reconciling writer) and another has replaced it since. */
  | 'superseded'
  /** Another version won; this one will never be current. */
  | 'lost';

/** What Cognito answered to a refresh. */
export interface Minted {
  readonly refreshToken: string;
  readonly accessToken: string;
  /** Epoch ms. */
  readonly accessTokenExpiresAt: number;
}

/** Cognito refused the stored token. */
export class DeadGrant extends Error {
  constructor(readonly reason: InvalidReason) {
    super(`Cognito refused the stored refresh token (${reason})`);
    this.name = 'DeadGrant';
  }
}

/** How far back (before the current version's parent was created) reconcile looks for unfinished versions. */
const RECONCILE_MARGIN_MS = 5 * 60_000;
const MAX_ROUNDS = 5;
const COGNITO_ATTEMPTS = 3;
const REVOKE_ATTEMPTS = 4;

export class GrantKeeper {
  readonly store: VaultStore;
  /** Versions reconcile has already dealt with (revoked or left alone), so that it does not repeat itself. */
  private readonly settled = new Set<string>();

  constructor(
    private readonly rt: Runtime,
    readonly cfg: GrantConfig,
    readonly tel: Telemetry,
    private readonly writer: VaultWriter,
    private readonly failureMetric: MetricName,
  ) {
    this.store = new VaultStore(rt, cfg);
  }

  /** Fails loudly: one log line and the component's failure metric. */
  fail(event: string, message: string, fields: Record<string, string | number | boolean | undefined> = {}): void {
    this.tel.error(event, message, fields);
    this.tel.metric(this.failureMetric, 1, { reason: event });
  }

  /** Refuses a record of another client: a vault must never feed one client's grant to another. */
  checkClient(held: Held): void {
    if (held.record.clientId !== undefined && held.record.clientId !== this.cfg.clientId) {
      this.fail('client-mismatch', 'the vault holds a grant of another app client than this function is configured for', { versionId: held.versionId });
      throw new BrokerMisconfiguredError("the vault holds another app client's grant");
    }
  }

  /**
   * Brings the vault to a settled state and returns its current version: commits a successor a crashed writer left
   * behind (so its newer token is used rather than lost), and revokes the tokens of versions that lost a race.
   */
  async reconcile(budget: Budget): Promise<Held> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const list = await this.store.list(budget);
      const currentId = list.currentId;
      const current = await this.store.read(currentId, budget);
      if (!current) throw new VaultFormatError('the AWSCURRENT version has no value');
      const known = new Set([currentId, ...(current.lineage ?? [])]);
      const created = (id: string | undefined) => list.versions.find((v) => v.id === id)?.created;
      const since = Math.min(created(currentId) ?? 0, created(current.parentVersionId) ?? Infinity) - RECONCILE_MARGIN_MS;
      const candidates = list.versions.filter((v) => !known.has(v.id) && !this.settled.has(v.id) && v.created >= since).sort((a, b) => a.created - b.created);
      let moved = false;
      for (const c of candidates) {
        let record: VaultRecord | undefined;
        try {
          record = await this.store.read(c.id, budget);
        } catch (e) {
          if (!(e instanceof VaultFormatError)) throw e;
          this.tel.warn('foreign-version', 'a vault version is not a vault record; left alone', { versionId: c.id });
          this.settled.add(c.id);
          continue;
        }
        if (!record) continue; // a rotation's empty version (or one already deleted)
        const rel = relation(c.id, record, currentId, current);
        if (rel === 'successor' || rel === 'revives') {
          const r = await this.store.moveCurrent(currentId, c.id, budget);
          this.tel.info('rolled-forward', r === 'moved' ? 'committed a version its writer stored but did not commit' : 'another writer moved AWSCURRENT first', {
            versionId: c.id,
            from: currentId,
            relation: rel,
            writer: record.writer,
          });
          moved = true;
          break;
        }
        if (rel === 'lost') {
          // Settled once revoked (revoke() records it); a failed revocation is tried again by the next reconcile.
          if (record.refreshToken) await this.revoke(record.refreshToken, budget, c.id);
          else this.settled.add(c.id);
          continue;
        }
        if (rel === 'unrelated' && record.refreshToken) {
          this.tel.warn('unrelated-version', 'a vault version is not derived from a known committed version; left alone', { versionId: c.id });
        }
        this.settled.add(c.id);
      }
      if (!moved) {
        const held = { versionId: currentId, record: current };
        this.checkClient(held);
        return held;
      }
    }
    throw new VaultFormatError('the vault kept changing while it was being reconciled');
  }

  /**
   * Stores `record` as version `versionId` (derived from `parentId`) and commits it with the compare-and-swap.
   * Throws StoreFailedError when the put cannot be done before the deadline.
   */
  async commit(parentId: string, versionId: string, record: VaultRecord, budget: Budget): Promise<CommitOutcome> {
    try {
      await this.store.put(versionId, record, STAGED, budget);
    } catch (e) {
      // An outage, or a refusal by the service (a quota, a key or permission problem): either way the token is not
      // stored, and the caller keeps it. Anything else (a crash) propagates.
      if (classify(e) === 'transient' || (e as { $metadata?: unknown }).$metadata !== undefined) {
        this.tel.warn('put-failed', 'PutSecretValue failed', { versionId, ...describeError(e) });
        throw new StoreFailedError(versionId);
      }
      throw e;
    }
    return this.settle(parentId, versionId, record, budget);
  }

  /** Moves `AWSCURRENT` to a stored version if it can still become current, and says how it ended. */
  async settle(parentId: string, versionId: string, record: VaultRecord, budget: Budget): Promise<CommitOutcome> {
    let from = parentId;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if ((await this.store.moveCurrent(from, versionId, budget)) === 'moved') return 'committed';
      const list = await this.store.list(budget);
      if (list.currentId === versionId) return 'committed';
      if (list.currentId === from) continue;
      const current = await this.store.read(list.currentId, budget);
      if (!current) throw new VaultFormatError('the AWSCURRENT version has no value');
      const rel = relation(versionId, record, list.currentId, current);
      if (rel === 'committed') return 'superseded';
      if (rel === 'successor' || rel === 'revives') {
        if (rel === 'revives') this.tel.info('revived', 'the vault was marked invalid for want of this version; committing it revives the grant', { versionId, marker: list.currentId });
        from = list.currentId;
        continue;
      }
      return 'lost';
    }
    return 'lost';
  }

  /** Presents the current token to Cognito. Throws DeadGrant when Cognito refuses the token itself. */
  async refresh(held: Held, budget: Budget): Promise<Minted> {
    const token = held.record.refreshToken;
    if (!token) throw new VaultFormatError('an active record without a refresh token');
    try {
      const out = await withRetries(this.rt, budget, COGNITO_ATTEMPTS, () =>
        this.rt.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: this.cfg.clientId, RefreshToken: token })),
      );
      const result = out.AuthenticationResult;
      if (!result?.AccessToken || !result.ExpiresIn) throw new VaultFormatError('Cognito answered without an access token');
      if (!result.RefreshToken) {
        this.tel.warn('rotation-off', 'Cognito returned no new refresh token: refresh token rotation is off for this client; the stored token stays', {
          versionId: held.versionId,
        });
      }
      return { refreshToken: result.RefreshToken ?? token, accessToken: result.AccessToken, accessTokenExpiresAt: this.rt.now() + result.ExpiresIn * 1000 };
    } catch (e) {
      if (classify(e) === 'dead-grant') {
        throw new DeadGrant((e as Error).name === 'RefreshTokenReuseException' ? 'refresh-token-reused' : 'not-authorized');
      }
      throw e;
    }
  }

  /** The record for tokens minted from `parent`. */
  childRecord(parent: Held, minted: Minted): VaultRecord {
    return {
      schema: VAULT_SCHEMA,
      state: 'active',
      clientId: this.cfg.clientId,
      refreshToken: minted.refreshToken,
      accessToken: minted.accessToken,
      accessTokenExpiresAt: new Date(minted.accessTokenExpiresAt).toISOString(),
      obtainedAt: new Date(this.rt.now()).toISOString(),
      parentVersionId: parent.versionId,
      lineage: childLineage(parent.versionId, parent.record),
      writer: this.writer,
    };
  }

  /**
   * Cognito refused the stored token: unless the vault has moved on meanwhile (then the caller retries with the newer
   * version), commit an `invalid` marker, raise the alarm metric and say so once. Returns `moved` or `marked`.
   */
  async markDead(held: Held, dead: DeadGrant, budget: Budget): Promise<'moved' | 'marked'> {
    const again = await this.reconcile(budget);
    if (again.versionId !== held.versionId) return 'moved';
    const marker: VaultRecord = {
      schema: VAULT_SCHEMA,
      state: 'invalid',
      reason: dead.reason,
      clientId: this.cfg.clientId,
      obtainedAt: new Date(this.rt.now()).toISOString(),
      parentVersionId: held.versionId,
      lineage: childLineage(held.versionId, held.record),
      writer: this.writer,
    };
    const outcome = await this.commit(held.versionId, this.rt.newVersionId(), marker, budget);
    if (outcome === 'lost') return 'moved';
    this.tel.error(
      'grant-unusable',
      dead.reason === 'refresh-token-reused'
        ? `Cognito says the stored refresh token was already rotated and its ${this.cfg.graceSeconds}s grace period is over, and no successor is stored: the grant is lost. The vault is marked invalid; seed a new refresh token.`
        : 'Cognito refused the stored refresh token (revoked, expired or not this client\'s): the vault is marked invalid; seed a new refresh token.',
      { reason: dead.reason, versionId: held.versionId },
    );
    this.tel.metric(METRICS.grantUnusable, 1, { reason: dead.reason });
    return 'marked';
  }

  /** Revokes a refresh token that must not stay usable. A failure is loud; the next reconcile tries again. */
  async revoke(token: string, budget: Budget, versionId: string): Promise<boolean> {
    try {
      await withRetries(this.rt, budget, REVOKE_ATTEMPTS, () => this.rt.cognito.send(new RevokeTokenCommand({ ClientId: this.cfg.clientId, Token: token })));
      this.tel.info('orphan-revoked', 'revoked the refresh token of a vault version that can never become current', { versionId });
      this.settled.add(versionId);
      return true;
    } catch (e) {
      // A service's refusal or an outage is reported and survived; anything else (a crash) propagates.
      if (classify(e) !== 'transient' && (e as { $metadata?: unknown }).$metadata === undefined) throw e;
      this.fail('revoke-failed', 'could not revoke the refresh token of a version that lost a race; the next reconcile retries', { versionId, ...describeError(e) });
      return false;
    }
  }
}
