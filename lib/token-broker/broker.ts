/**
 * The token broker's logic: serve a short-lived access token for the vault's grant, refreshing through Cognito only
 * when no stored access token has `minValiditySeconds` left. See docs/broker.md.
 *
 * Paths, by cost:
 * 1. memory hit: a cached access token with enough life left; no AWS call.
 * 2. vault hit: the current version's access token (another instance refreshed) has enough life left;
 *    one `GetSecretValue`.
 * 3. refresh: reconcile the vault, `GetTokensFromRefreshToken` once, put the rotated token as a new version,
 *    compare-and-swap `AWSCURRENT` to it.
 */
import { BrokerMisconfiguredError, BrokerUnavailableError, Budget, classify, GrantUnavailableError, StoreFailedError } from './errors';
import { DeadGrant, GrantKeeper } from './grant-keeper';
import type { GrantConfig, Runtime } from './runtime';
import { describeError, METRICS, Telemetry } from './telemetry';
import { VaultFormatError, type VaultRecord } from './vault-record';
import type { Held } from './vault-store';

/** What a consumer gets. */
export interface ServedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** ISO time the token expires. */
  readonly expiresAt: string;
  /** Whole seconds the token has left when served (at least `minValiditySeconds`). */
  readonly expiresIn: number;
}

export interface BrokerOptions {
  /** A refused grant (not active) is re-read from the vault at most this often; no Cognito call in between. */
  readonly refusalRecheckSeconds?: number;
  /** A refresh starts only if at least this much invocation time is left to store its result. */
  readonly storeReserveMs?: number;
  /** Invocation budget when the caller gives none (no Lambda context). */
  readonly defaultBudgetMs?: number;
}

interface Pending {
  readonly parentId: string;
  readonly versionId: string;
  readonly record: VaultRecord;
}

const MAX_REFRESH_ROUNDS = 4;

export class Broker {
  readonly keeper: GrantKeeper;
  readonly tel: Telemetry;
  private memo?: { accessToken: string; expiresAt: number };
  private refusal?: { state: string; reason?: string; until: number };
  /** A rotated token this instance obtained but could not store: kept, and stored first on the next invocation. */
  private pending?: Pending;
  private inflight?: Promise<ServedToken>;
  private readonly opts: Required<BrokerOptions>;

  constructor(
    private readonly rt: Runtime,
    readonly cfg: GrantConfig,
    options: BrokerOptions = {},
  ) {
    this.tel = new Telemetry((l) => rt.write(l), 'broker', cfg.grantName, () => rt.now());
    this.keeper = new GrantKeeper(rt, cfg, this.tel, 'broker', METRICS.brokerFailure);
    this.opts = { refusalRecheckSeconds: 60, storeReserveMs: 5000, defaultBudgetMs: 20_000, ...options };
  }

  /**
   * Serves an access token. Errors are the broker's own (GrantUnavailable, BrokerUnavailable, BrokerMisconfigured)
   * or, for anything unforeseen, whatever was thrown (the Lambda entry point sanitises those).
   */
  async getAccessToken(budgetMs?: number): Promise<ServedToken> {
    const hit = this.fromMemory();
    if (hit) return hit;
    if (this.refusal && this.rt.now() < this.refusal.until) {
      this.tel.metric(METRICS.grantUnusable, 1, { reason: this.refusal.reason ?? this.refusal.state });
      throw new GrantUnavailableError(this.refusal.state, this.refusal.reason);
    }
    this.inflight ??= this.slowPath(Budget.of(this.rt, budgetMs ?? this.opts.defaultBudgetMs)).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private fromMemory(): ServedToken | undefined {
    if (!this.memo || !this.fresh(this.memo.expiresAt)) return undefined;
    return this.served(this.memo.accessToken, this.memo.expiresAt);
  }

  private fresh(expiresAt: number): boolean {
    return expiresAt - this.rt.now() >= this.cfg.minValiditySeconds * 1000;
  }

  private served(accessToken: string, expiresAt: number): ServedToken {
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(expiresAt).toISOString(), expiresIn: Math.floor((expiresAt - this.rt.now()) / 1000) };
  }

  /** Serves the record's access token if it has enough life left (and remembers it). */
  private fromRecord(record: VaultRecord): ServedToken | undefined {
    if (!record.accessToken || !record.accessTokenExpiresAt) return undefined;
    const expiresAt = Date.parse(record.accessTokenExpiresAt);
    if (!this.fresh(expiresAt)) return undefined;
    this.memo = { accessToken: record.accessToken, expiresAt };
    return this.served(record.accessToken, expiresAt);
  }

  private async slowPath(budget: Budget): Promise<ServedToken> {
    try {
      if (this.pending) {
        const outcome = await this.storePending(budget);
        if (outcome !== 'lost') {
          const served = this.fromRecord(outcome.record);
          if (served) return served;
        }
      }
      let held = await this.keeper.store.readCurrent(budget);
      // Before refusing a revoked vault, reconcile: it revokes the token of a version that a writer racing the
      // revocation stored and could not revoke itself (it stopped before its compare-and-swap told it it had lost).
      // A refusal is re-checked at most once per refusalRecheckSeconds, so this costs little.
      if (held.record.state === 'revoked') held = await this.keeper.reconcile(budget);
      this.keeper.checkClient(held);
      this.assertActive(held);
      return this.fromRecord(held.record) ?? (await this.refresh(budget));
    } catch (e) {
      if (e instanceof GrantUnavailableError || e instanceof BrokerMisconfiguredError || e instanceof BrokerUnavailableError) throw e;
      if (e instanceof VaultFormatError) {
        this.keeper.fail('vault-malformed', e.message);
        throw new BrokerMisconfiguredError(e.message);
      }
      if (classify(e) === 'transient') {
        this.keeper.fail('aws-unavailable', 'an AWS call kept failing; no token was served and nothing was lost', describeError(e));
        throw new BrokerUnavailableError('an AWS call kept failing');
      }
      throw e;
    }
  }

  private assertActive(held: Held): void {
    const { state, reason } = held.record;
    if (state === 'active') {
      this.refusal = undefined;
      return;
    }
    this.refusal = { state, reason, until: this.rt.now() + this.opts.refusalRecheckSeconds * 1000 };
    this.tel.error('grant-refused', `the vault's grant is ${state}${reason ? ` (${reason})` : ''}: no refresh is attempted until a new refresh token is seeded`, {
      state,
      reason,
      versionId: held.versionId,
    });
    this.tel.metric(METRICS.grantUnusable, 1, { reason: reason ?? state });
    throw new GrantUnavailableError(state, reason);
  }

  private async refresh(budget: Budget): Promise<ServedToken> {
    for (let round = 0; round < MAX_REFRESH_ROUNDS; round++) {
      const held = await this.keeper.reconcile(budget);
      this.assertActive(held);
      const cached = this.fromRecord(held.record);
      if (cached) return cached;
      if (budget.remaining() < this.opts.storeReserveMs) throw new BrokerUnavailableError('not enough invocation time left to store a rotated token');
      let minted;
      try {
        minted = await this.keeper.refresh(held, budget);
      } catch (e) {
        if (!(e instanceof DeadGrant)) throw e;
        if ((await this.keeper.markDead(held, e, budget)) === 'moved') continue;
        this.refusal = { state: 'invalid', reason: e.reason, until: this.rt.now() + this.opts.refusalRecheckSeconds * 1000 };
        throw new GrantUnavailableError('invalid', e.reason);
      }
      this.pending = { parentId: held.versionId, versionId: this.rt.newVersionId(), record: this.keeper.childRecord(held, minted) };
      const outcome = await this.storePending(budget);
      if (outcome !== 'lost') return this.fromRecord(outcome.record) ?? this.served(minted.accessToken, minted.accessTokenExpiresAt);
      // Lost a race: our token is revoked; the winner's version is current now, and the next round serves it.
    }
    throw new BrokerUnavailableError('the vault kept changing');
  }

  /** Stores and commits the pending version. A store failure is loud, and the token is kept for the next invocation. */
  private async storePending(budget: Budget): Promise<Pending | 'lost'> {
    const p = this.pending as Pending;
    let outcome;
    try {
      outcome = await this.keeper.commit(p.parentId, p.versionId, p.record, budget);
    } catch (e) {
      if (!(e instanceof StoreFailedError)) throw e;
      this.keeper.fail(
        'store-failed',
        `could not store a rotated refresh token: this instance keeps it and stores it first on its next invocation; the vault's token stays usable for the client's ${this.cfg.graceSeconds}s grace period, so a retry within it recovers, after it only this instance can`,
        { versionId: p.versionId, parentVersionId: p.parentId },
      );
      throw new BrokerUnavailableError('could not store the rotated refresh token');
    }
    this.pending = undefined;
    if (outcome === 'lost') {
      this.tel.info('lost-race', 'another writer committed first: revoking the token this refresh obtained', { versionId: p.versionId, parentVersionId: p.parentId });
      await this.keeper.revoke(p.record.refreshToken as string, budget, p.versionId);
      return 'lost';
    }
    this.tel.info('refreshed', outcome === 'committed' ? 'refreshed the grant and committed the rotated token' : 'refreshed the grant; a newer version already replaced it', {
      versionId: p.versionId,
      parentVersionId: p.parentId,
      outcome,
    });
    this.tel.metric(METRICS.refresh, 1);
    return p;
  }
}
