/**
 * The token broker's logic: serve a short-lived access token for the vault's grant, refreshing through Cognito only
 * when no stored access token has `minValiditySeconds` left. See docs/broker.md.
 *
 * Paths, by cost:
 * 1. memory hit: a cached access token with enough life left; no AWS call.
 * 2. vault hit: the current version's access token (another instance refreshed) has enough life left;
 *    one `GetSecretValue`.
 * 3. refresh: reconcile the vault, take the lease, `GetTokensFromRefreshToken` once, put the rotated token into the
 *    current version's child slot, compare-and-swap `AWSCURRENT` to it (grant-keeper.ts).
 */
import { BrokerMisconfiguredError, BrokerUnavailableError, Budget, classify, GrantUnavailableError, RefreshDeferredError, StoreFailedError } from './errors';
import { GrantKeeper } from './grant-keeper';
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

const DEFERRED: Record<RefreshDeferredError['reason'], string> = {
  'in-progress': 'another instance is refreshing the grant',
  'lease-stale': 'a refresh stopped before storing its token; waiting for it (see the lease-stale log line)',
  'write-budget': "the vault's daily write budget is spent",
  'store-unavailable': 'Secrets Manager refuses writes; no refresh is started until it accepts them',
  'no-time': 'not enough invocation time left to store a rotated token',
};

export class Broker {
  readonly keeper: GrantKeeper;
  readonly tel: Telemetry;
  private memo?: { accessToken: string; expiresAt: number };
  private refusal?: { state: string; reason?: string; until: number };
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
    if (this.refusal && this.rt.now() < this.refusal.until && !this.keeper.holding) {
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

  /** Whether the record's access token has enough life left to serve. */
  private servable(record: VaultRecord): boolean {
    return record.accessToken !== undefined && record.accessTokenExpiresAt !== undefined && this.fresh(Date.parse(record.accessTokenExpiresAt));
  }

  /** Serves the record's access token if it has enough life left (and remembers it). */
  private fromRecord(record: VaultRecord): ServedToken | undefined {
    if (!this.servable(record)) return undefined;
    const expiresAt = Date.parse(record.accessTokenExpiresAt as string);
    this.memo = { accessToken: record.accessToken as string, expiresAt };
    return this.served(record.accessToken as string, expiresAt);
  }

  private async slowPath(budget: Budget): Promise<ServedToken> {
    try {
      // A token this instance could not store is stored first (inside renew), whatever the vault holds.
      let read: Held | undefined;
      if (!this.keeper.holding) {
        read = await this.keeper.store.readCurrent(budget);
        this.keeper.checkClient(read);
        this.assertActive(read);
        const served = this.fromRecord(read.record);
        if (served) return served;
      }
      const renewal = await this.keeper.renew(budget, (record) => this.servable(record), this.opts.storeReserveMs, read);
      if (renewal.outcome === 'dead') {
        // Marked invalid just now, loudly (grant-unusable); the refusal is cached like any other.
        const { state, reason } = renewal.held.record;
        this.refusal = { state, reason, until: this.rt.now() + this.opts.refusalRecheckSeconds * 1000 };
        throw new GrantUnavailableError(state, reason);
      }
      this.assertActive(renewal.held);
      const served = this.fromRecord(renewal.held.record);
      if (served) return served;
      this.keeper.fail('token-too-short', 'Cognito issued an access token with less life than minValidity: the client\'s access-token lifetime is shorter than the broker\'s margin');
      throw new BrokerMisconfiguredError("the client's access tokens live less than the broker's minValidity");
    } catch (e) {
      if (e instanceof GrantUnavailableError || e instanceof BrokerMisconfiguredError || e instanceof BrokerUnavailableError) throw e;
      if (e instanceof RefreshDeferredError) throw new BrokerUnavailableError(DEFERRED[e.reason]);
      if (e instanceof StoreFailedError) throw new BrokerUnavailableError('could not store the rotated refresh token');
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
}
