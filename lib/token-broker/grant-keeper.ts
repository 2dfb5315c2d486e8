/**
 * The commit protocol every writer of the vault follows: the broker, its scheduled rotation, seeding and revocation
 * (docs/broker.md, "How a refresh is committed").
 *
 * - One child per version. Whatever a writer derives from the current version (a refresh, an `invalid` marker, a
 *   `revoked` tombstone, a seed) goes under one version id computed from the current one (`childVersionId`), and
 *   `PutSecretValue` refuses an existing id with other data: the first writer wins, the vault's history is a chain.
 *   Then `AWSCURRENT` moves to the child with a compare-and-swap.
 * - No revoking outside revocation. A writer whose refresh lost the slot drops its token: it is stored nowhere, and
 *   revoking it could end the winner's too (Cognito may revoke a whole `origin_jti` family).
 * - A lease before every refresh. A writer attaches a label naming the time to the version whose token it is about
 *   to present. The label is a write, so a failing store stops the refresh before Cognito rotates anything; it makes
 *   refreshes single-flight across instances; and it tells everyone when the token may have been presented, so that
 *   nobody presents a token that may be past its grace period while its successor may still be stored.
 * - A write budget. No refresh starts when the vault has gained `maxVersionsPerDay` versions (less a reserve) in the
 *   last 24 hours.
 */
import { randomBytes } from 'node:crypto';
import { GetTokensFromRefreshTokenCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { type Budget, BrokerMisconfiguredError, classify, isServiceFailure, RefreshDeferredError, StoreFailedError, withRetries } from './errors';
import { DEFAULT_MAX_VERSIONS_PER_DAY, type GrantConfig, type Runtime, VERSION_RESERVE } from './runtime';
import { describeError, type MetricName, METRICS, type Telemetry } from './telemetry';
import { childLineage, childVersionId, type InvalidReason, VAULT_SCHEMA, VaultFormatError, type VaultRecord, type VaultWriter } from './vault-record';
import { type Held, STAGED, VaultStore, type VersionList } from './vault-store';

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

/** The current version and the version list it was read with. */
export interface Snapshot {
  readonly held: Held;
  readonly list: VersionList;
}

/** How a renewal ended. */
export interface Renewal {
  /**
   * `fresh`: the current version was good enough (no refresh); `refreshed`: this writer committed a new version;
   * `dead`: Cognito refused the token and the vault is marked `invalid`; `inactive`: the vault holds no active grant.
   */
  readonly outcome: 'fresh' | 'refreshed' | 'dead' | 'inactive';
  readonly held: Held;
}

/** A token this instance obtained and has not stored yet. */
interface Pending {
  /** The version whose token was presented (a rotation's alias stands for the version it repeats). */
  readonly parent: Held;
  readonly minted: Minted;
  /** Epoch ms. */
  readonly obtainedAt: number;
}

interface Lease {
  readonly label: string;
  /** Epoch ms. */
  readonly at: number;
}

/** Lease labels: `TOKENGUARD_LEASE_<epoch ms>_<8 hex>`. */
export const LEASE_PREFIX = 'TOKENGUARD_LEASE_';
const LEASE_PATTERN = /^TOKENGUARD_LEASE_(\d{1,16})_([0-9a-f]{8})$/;
/** A lease younger than this belongs to a writer at work: wait for it. */
export const LEASE_TTL_MS = 10_000;
/** A lease this close to the grace period's end is not taken over: the token may be past its grace when presented. */
export const GRACE_MARGIN_MS = 10_000;
/** A lease older than the grace period blocks presenting its token until it is this old (docs/broker.md, "The lease"). */
export const STALE_LEASE_LIMIT_MS = 3_600_000;
const POLL_MS = 200;
const MAX_POLLS = 10;
const DAY_MS = 86_400_000;
const MAX_ROUNDS = 5;
const COGNITO_ATTEMPTS = 3;
const REVOKE_ATTEMPTS = 4;

/** The version whose child slot a version's children go to: itself, or the version an alias repeats. */
export function slotRoot(held: Held): string {
  return held.record.aliasOf ?? held.versionId;
}

export function parseLease(label: string): Lease | undefined {
  const m = LEASE_PATTERN.exec(label);
  return m ? { label, at: Number(m[1]) } : undefined;
}

export class GrantKeeper {
  readonly store: VaultStore;
  private pending?: Pending;
  /** Lease labels this instance attached and has not removed yet: (label, version). */
  private readonly leases = new Map<string, string>();

  constructor(
    private readonly rt: Runtime,
    readonly cfg: GrantConfig,
    readonly tel: Telemetry,
    private readonly writer: VaultWriter,
    private readonly failureMetric: MetricName,
  ) {
    this.store = new VaultStore(rt, cfg);
  }

  /** Whether this instance holds a refreshed token it has not stored. */
  get holding(): boolean {
    return this.pending !== undefined;
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
   * The current version, after committing a child a writer stored and did not commit (its unfinished business: the
   * newest token is used rather than lost, however long ago it was stored). Lease labels left on versions that are no
   * longer current are removed on the way.
   */
  async reconcile(budget: Budget, known?: Held): Promise<Snapshot> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const list = await this.store.list(budget);
      // A version's value never changes: the caller's read of the current version saves reading it again.
      const record = round === 0 && known?.versionId === list.currentId ? known.record : await this.store.read(list.currentId, budget);
      if (!record) throw new VaultFormatError('the AWSCURRENT version has no value');
      const held = { versionId: list.currentId, record };
      const slot = childVersionId(held);
      if (list.versions.some((v) => v.id === slot) && (await this.store.read(slot, budget))) {
        const moved = await this.store.moveCurrent(held.versionId, slot, budget);
        this.tel.info('rolled-forward', moved === 'moved' ? 'committed the child a writer stored but did not commit' : 'another writer moved AWSCURRENT first', {
          versionId: slot,
          from: held.versionId,
        });
        continue;
      }
      await this.sweepLeases(list, slotRoot(held), budget);
      return { held, list };
    }
    throw new VaultFormatError('the vault kept changing while it was being reconciled');
  }

  /**
   * Makes the grant current enough: returns the current version when `fresh` accepts it, else refreshes it once
   * (under a lease) and commits the result. A token held from an earlier invocation is stored first. Throws
   * RefreshDeferredError when it starts no refresh on purpose, StoreFailedError when a refreshed token could not be
   * stored (this instance keeps it).
   */
  async renew(budget: Budget, fresh: (record: VaultRecord) => boolean, storeReserveMs: number, known?: Held): Promise<Renewal> {
    await this.releaseLeftovers(budget);
    if (this.pending) await this.storePending(budget);
    let polls = 0;
    for (let round = 0; round < MAX_ROUNDS + MAX_POLLS; round++) {
      const { held, list } = await this.reconcile(budget, round === 0 ? known : undefined);
      this.checkClient(held);
      if (held.record.state !== 'active') return { outcome: 'inactive', held };
      if (fresh(held.record)) return { outcome: 'fresh', held };
      const root = slotRoot(held);
      const verdict = this.leaseVerdict(list, root);
      if (verdict === 'wait') {
        if (++polls > MAX_POLLS) throw new RefreshDeferredError('in-progress');
        await this.rt.sleep(POLL_MS);
        continue;
      }
      if (verdict === 'stale') {
        this.fail(
          'lease-stale',
          `a refresh of this grant took its lease more than the ${this.cfg.graceSeconds}s grace period ago and stored nothing: its writer may still hold the new token and store it when it next runs, so the stored token is not presented (it may be past its grace period). If no writer stores it, the token is tested an hour after the lease.`,
          { versionId: held.versionId },
        );
        throw new RefreshDeferredError('lease-stale');
      }
      const young = list.versions.filter((v) => v.created > this.rt.now() - DAY_MS).length;
      const perDay = this.cfg.maxVersionsPerDay ?? DEFAULT_MAX_VERSIONS_PER_DAY;
      if (young + VERSION_RESERVE > perDay) {
        this.fail('write-budget', `the vault has gained ${young} versions in the last 24 hours, the most its budget of ${perDay} allows: no refresh starts until older ones age out`, {
          young,
          budget: perDay,
        });
        throw new RefreshDeferredError('write-budget');
      }
      if (budget.remaining() < storeReserveMs) throw new RefreshDeferredError('no-time');
      const lease = await this.takeLease(root, held.versionId, budget);
      if (!lease) {
        polls++;
        await this.rt.sleep(POLL_MS);
        continue;
      }
      let minted: Minted;
      try {
        minted = await this.refresh(held, budget);
      } catch (e) {
        if (e instanceof DeadGrant) {
          let marked;
          try {
            marked = await this.markDead(held, e, budget);
          } finally {
            await this.release(lease, root, budget);
          }
          if (marked === 'moved') continue;
          return { outcome: 'dead', held: marked };
        }
        // Cognito answered with an error or not at all: this writer holds no token, so the lease goes. (A crash
        // propagates with the lease in place, as a process that died would leave it.)
        if (isServiceFailure(e)) await this.release(lease, root, budget);
        throw e;
      }
      this.pending = { parent: held, minted, obtainedAt: this.rt.now() };
      const stored = await this.storePending(budget, { held, list });
      if (stored) return { outcome: 'refreshed', held: stored };
      // Another writer's child holds the slot; the next round serves it.
    }
    throw new RefreshDeferredError('in-progress');
  }

  /**
   * Stores the held token as the child of the version it was minted from, and commits it. Returns the committed
   * version, or undefined when the token is not to be stored (another writer's child won the slot: dropped; the vault
   * was revoked or its grant replaced: revoked). Throws StoreFailedError, keeping the token, when the put fails.
   */
  async storePending(budget: Budget, known?: Snapshot): Promise<Held | undefined> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const p = this.pending as Pending;
      // The vault as the refresh read it, on the first round of a refresh just made; as it is now otherwise.
      const { held: current, list } = round === 0 && known ? known : await this.reconcile(budget);
      const slot = childVersionId(p.parent);
      if (slotRoot(current) === slotRoot(p.parent)) {
        // The slot is free (reconcile would have committed a child in it): put ours there and commit it.
        const record = this.childRecord(current, p);
        let put: 'stored' | 'exists';
        try {
          put = await this.store.put(slot, record, STAGED, budget);
        } catch (e) {
          if (!isServiceFailure(e)) throw e;
          this.tel.warn('put-failed', 'PutSecretValue failed', { versionId: slot, ...describeError(e) });
          this.fail(
            'store-failed',
            `could not store a rotated refresh token: this instance keeps it and stores it first when it next runs. The lease on the presented token stays, so no other writer presents that token (it is past its ${this.cfg.graceSeconds}s grace period soon); if this instance is recycled before the store works again, the grant is lost.`,
            { versionId: slot, parentVersionId: p.parent.versionId, classification: classify(e) },
          );
          throw new StoreFailedError(slot);
        }
        if (put === 'exists' || (await this.store.moveCurrent(current.versionId, slot, budget)) === 'conflict') continue;
        // The token the leases on the parent protected is superseded now: every lease label on it goes (ours, and any
        // a crashed writer left).
        await this.removeLeases(list, slotRoot(p.parent), budget);
        return this.stored(p, { versionId: slot, record }, budget);
      }
      const inChain = current.versionId === slot || (current.record.lineage ?? []).includes(slot);
      const child = inChain ? (current.versionId === slot ? current.record : await this.store.read(slot, budget)) : undefined;
      if (child?.refreshToken === p.minted.refreshToken) return this.stored(p, current, budget); // ours: an answer was lost
      if (child?.state === 'invalid' && child.reason === 'refresh-token-reused' && slotRoot(current) === slot) {
        // The grant was marked lost for want of exactly this token: storing it as the marker's child revives it.
        this.tel.info('revived', 'the vault was marked invalid for want of the token this instance holds; storing it revives the grant', { versionId: slot });
        this.pending = { ...p, parent: current };
        continue;
      }
      if (child?.state === 'active') {
        // Another writer refreshed the same token and stored its child first. Ours is dropped, never revoked: Cognito
        // may revoke a token's whole family, the winner's included. Stored nowhere, it cannot leak from the vault.
        this.tel.info('lost-race', 'another writer stored the refreshed token first: this refresh is dropped (not revoked, not stored)', { versionId: slot });
        return this.dropped(p, budget);
      }
      if (current.record.state === 'revoked' || child?.state === 'revoked' || child?.state === 'invalid') {
        // The grant was revoked (or declared lost and replaced) after this token was minted: it must not stay usable.
        await this.revoke(p.minted.refreshToken, budget, slot);
        return this.dropped(p, budget);
      }
      this.tel.warn('unrelated-vault', 'the vault moved on without a child of the version this token was minted from; the token is dropped', { versionId: current.versionId });
      return this.dropped(p, budget);
    }
    throw new VaultFormatError('the vault kept changing while a refreshed token was being stored');
  }

  private async stored(p: Pending, held: Held, budget: Budget): Promise<Held> {
    this.pending = undefined;
    this.tel.info('refreshed', 'refreshed the grant and committed the rotated token', { versionId: held.versionId, parentVersionId: p.parent.versionId });
    this.tel.metric(METRICS.refresh, 1);
    await this.releaseLeftovers(budget);
    return held;
  }

  private async dropped(_p: Pending, budget: Budget): Promise<undefined> {
    this.pending = undefined;
    await this.releaseLeftovers(budget);
    return undefined;
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

  /** The record of the token held, as the child of `parent` (the current version: the one presented, or its alias). */
  private childRecord(parent: Held, p: Pending): VaultRecord {
    return {
      schema: VAULT_SCHEMA,
      state: 'active',
      clientId: this.cfg.clientId,
      refreshToken: p.minted.refreshToken,
      accessToken: p.minted.accessToken,
      accessTokenExpiresAt: new Date(p.minted.accessTokenExpiresAt).toISOString(),
      obtainedAt: new Date(p.obtainedAt).toISOString(),
      parentVersionId: parent.versionId,
      lineage: childLineage(parent.versionId, parent.record),
      writer: this.writer,
    };
  }

  /**
   * Puts `record` (derived from `parent`, the current version) into `parent`'s child slot and commits it. `lost` when
   * another writer's child holds the slot.
   */
  async commitChild(parent: Held, record: VaultRecord, budget: Budget): Promise<{ outcome: 'committed' | 'lost'; versionId: string }> {
    const slot = childVersionId(parent);
    if ((await this.store.put(slot, record, STAGED, budget)) === 'exists') return { outcome: 'lost', versionId: slot };
    if ((await this.store.moveCurrent(parent.versionId, slot, budget)) === 'moved') return { outcome: 'committed', versionId: slot };
    // The answer may have been lost, or a reconciling writer committed it for us: the list decides.
    const list = await this.store.list(budget);
    return { outcome: list.currentId === slot || list.currentId !== parent.versionId ? 'committed' : 'lost', versionId: slot };
  }

  /**
   * Cognito refused the stored token: commit an `invalid` marker as its child, raise the alarm metric and say so once.
   * `moved` when another writer's child took the slot first (the caller looks again).
   */
  async markDead(held: Held, dead: DeadGrant, budget: Budget): Promise<Held | 'moved'> {
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
    let committed;
    try {
      committed = await this.commitChild(held, marker, budget);
    } catch (e) {
      if (!isServiceFailure(e)) throw e;
      throw new StoreFailedError(childVersionId(held));
    }
    if (committed.outcome === 'lost') return 'moved';
    this.tel.error(
      'grant-unusable',
      dead.reason === 'refresh-token-reused'
        ? `Cognito says the stored refresh token was already rotated and its ${this.cfg.graceSeconds}s grace period is over, and no successor is stored: the grant is lost. The vault is marked invalid; seed a new refresh token.`
        : "Cognito refused the stored refresh token (revoked, expired or not this client's): the vault is marked invalid; seed a new refresh token.",
      { reason: dead.reason, versionId: held.versionId },
    );
    this.tel.metric(METRICS.grantUnusable, 1, { reason: dead.reason });
    return { versionId: committed.versionId, record: marker };
  }

  /**
   * What the lease labels on `root` (the version whose token would be presented) say: `free` (none, or only ones a
   * writer may take over), `wait` (a writer took one moments ago), `stale` (one is older than the grace period and
   * younger than the stale limit: its token may have been presented and its successor may still be stored).
   */
  private leaseVerdict(list: VersionList, root: string): 'free' | 'wait' | 'stale' {
    const now = this.rt.now();
    const ages = (list.versions.find((v) => v.id === root)?.stages ?? [])
      .filter((label) => !this.leases.has(label))
      .map(parseLease)
      .filter((l): l is Lease => l !== undefined)
      .map((l) => now - l.at);
    const takeoverUntil = this.cfg.graceSeconds * 1000 - GRACE_MARGIN_MS;
    if (ages.some((age) => age >= Math.max(takeoverUntil, LEASE_TTL_MS) && age < STALE_LEASE_LIMIT_MS)) return 'stale';
    if (ages.some((age) => age < LEASE_TTL_MS)) return 'wait';
    return 'free';
  }

  /**
   * Attaches a lease label to `root`. A write: when Secrets Manager refuses it, no token is presented
   * (RefreshDeferredError `store-unavailable`). Then looks again, and proceeds only when a look made after its own label
   * was attached shows no other lease younger than the TTL: of two writers the second to look sees the first, so at most
   * one proceeds. When others are there, the one with the earliest label stays and looks again (the others withdraw:
   * undefined, and the caller waits), so one of them goes ahead.
   */
  private async takeLease(root: string, currentId: string, budget: Budget): Promise<string | undefined> {
    const label = `${LEASE_PREFIX}${this.rt.now()}_${randomBytes(4).toString('hex')}`;
    try {
      await this.store.addLabel(label, root, budget);
    } catch (e) {
      if (!isServiceFailure(e)) throw e;
      this.fail('store-unavailable', 'Secrets Manager refused a write (the refresh lease): no token is presented to Cognito until the store accepts writes again', {
        versionId: root,
        ...describeError(e),
      });
      throw new RefreshDeferredError('store-unavailable');
    }
    this.leases.set(label, root);
    const mine = parseLease(label) as Lease;
    for (let look = 0; look < MAX_POLLS; look++) {
      let list: VersionList;
      try {
        list = await this.store.list(budget);
      } catch (e) {
        if (isServiceFailure(e)) await this.release(label, root, budget);
        throw e;
      }
      const now = this.rt.now();
      const others = (list.versions.find((v) => v.id === root)?.stages ?? [])
        .map(parseLease)
        .filter((l): l is Lease => l !== undefined && l.label !== label && now - l.at < LEASE_TTL_MS);
      if (list.currentId !== currentId) break;
      if (others.length === 0) return label;
      if (others.some((l) => l.at < mine.at || (l.at === mine.at && l.label < label))) break;
      await this.rt.sleep(POLL_MS);
    }
    await this.release(label, root, budget);
    return undefined;
  }

  /** Removes a lease label of this instance (best effort: a label that stays is removed later). */
  private async release(label: string, versionId: string, budget: Budget): Promise<void> {
    try {
      await this.store.removeLabel(label, versionId, budget);
      this.leases.delete(label);
    } catch (e) {
      if (!isServiceFailure(e)) throw e;
    }
  }

  /** Removes the lease labels this instance still has out, unless it holds the token their lease was for. */
  private async releaseLeftovers(budget: Budget): Promise<void> {
    if (this.pending) return;
    for (const [label, versionId] of [...this.leases]) await this.release(label, versionId, budget);
  }

  /** Removes lease labels from versions whose token is no longer the current one (best effort). */
  private async sweepLeases(list: VersionList, root: string, budget: Budget): Promise<void> {
    for (const v of list.versions) if (v.id !== root) await this.removeLeases(list, v.id, budget);
  }

  /** Removes every lease label on `versionId`, as `list` shows them (best effort: what stays is swept later). */
  private async removeLeases(list: VersionList, versionId: string, budget: Budget): Promise<void> {
    for (const label of list.versions.find((v) => v.id === versionId)?.stages ?? []) {
      if (!parseLease(label)) continue;
      try {
        await this.store.removeLabel(label, versionId, budget);
        this.leases.delete(label);
      } catch (e) {
        if (!isServiceFailure(e)) throw e;
      }
    }
  }

  /**
   * Revokes a refresh token of a grant that was revoked or replaced. Never a token of a live grant: Cognito may
   * revoke its whole family with it. A failure is loud.
   */
  async revoke(token: string, budget: Budget, versionId: string): Promise<boolean> {
    try {
      await withRetries(this.rt, budget, REVOKE_ATTEMPTS, () => this.rt.cognito.send(new RevokeTokenCommand({ ClientId: this.cfg.clientId, Token: token })));
      this.tel.info('token-revoked', 'revoked a token this instance held for a grant that was revoked meanwhile', { versionId });
      return true;
    } catch (e) {
      if (!isServiceFailure(e)) throw e;
      this.fail('revoke-failed', 'could not revoke a token this instance held for a grant that was revoked meanwhile; run the revocation again', {
        versionId,
        ...describeError(e),
      });
      return false;
    }
  }
}
