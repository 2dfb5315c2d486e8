/**
 * Revocation of a vault's grant, in one step (docs/broker.md, "Revocation"): every refresh token the vault still
 * holds, in any version (AWSCURRENT, AWSPREVIOUS, AWSPENDING, TOKENGUARD_STAGED and label-less ones), is revoked at
 * Cognito, and a `revoked` tombstone is committed as the current version by the broker's own protocol
 * (compare-and-swap from the version read). Brokers refuse a revoked vault; the scheduled rotation carries the
 * tombstone over without calling Cognito.
 *
 * Order: tokens first, tombstone second, then a check that no version appeared meanwhile. A crash anywhere leaves
 * nothing usable that a rerun does not revoke: before the tombstone, the stored tokens are already revoked (a broker
 * that presents one gets NotAuthorized and marks the vault invalid); after it, the tombstone names the versions whose
 * tokens were revoked, and a rerun revokes any other. A broker refresh racing the revocation cannot resurrect the
 * grant: its compare-and-swap needs the version it read to be current, and a version derived from a superseded one
 * is a race loser that its writer (or the revocation's check) revokes.
 *
 * Nothing here logs or returns token material: reports carry version ids, labels, counts and times.
 */
import { AdminUserGlobalSignOutCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Budget, classify, isServiceFailure, StoreFailedError, withRetries } from './errors';
import { GrantKeeper } from './grant-keeper';
import type { Runtime } from './runtime';
import { describeError, METRICS, Telemetry } from './telemetry';
import type { ResidualExposure, RevocationOutcome, RevocationReport } from './revocation-report';
import { childLineage, VAULT_SCHEMA, VaultFormatError, type VaultRecord, type VaultState } from './vault-record';
import type { VersionInfo, VaultStore } from './vault-store';
import { AWSPREVIOUS } from '../handlers/rotation';

export interface RevocationConfig {
  /** Secret ARN or name of the vault. */
  readonly secretId: string;
  /** The app client the grant belongs to, for versions that do not name one. */
  readonly clientId?: string;
  /** Metric dimension and log field. */
  readonly grantName: string;
}

export interface RevocationOptions {
  /**
   * The client's access-token lifetime, for the residual exposure. Without it, the lifetime is measured from the
   * stored versions (expiry minus time obtained), when any holds an access token.
   */
  readonly accessTokenValiditySeconds?: number;
  /** A dedicated service user whose every session `AdminUserGlobalSignOut` ends as well. */
  readonly signOut?: { readonly userPoolId: string; readonly username: string };
}

export type { ResidualExposure, RevocationOutcome, RevocationReport, VersionRef } from './revocation-report';

/** Revocation could not establish the vault's state (not a vault, the tombstone could not be written). */
export class RevocationError extends Error {
  constructor(
    why: string,
    /** `malformed`: the vault's content is not a vault; `unavailable`: AWS kept failing (run again). */
    readonly kind: 'malformed' | 'unavailable' = 'unavailable',
  ) {
    super(`RevocationFailed: ${why}`);
    this.name = 'RevocationFailed';
  }
}

const MAX_ROUNDS = 6;
const REVOKE_ATTEMPTS = 4;
const CONCURRENCY = 4;
/** Kept back for writing the tombstone: token revocations stop when less is left. */
const COMMIT_RESERVE_MS = 4000;

interface Seen {
  readonly info: VersionInfo;
  readonly record?: VaultRecord;
  readonly unreadable?: boolean;
}

export class Revocation {
  readonly tel: Telemetry;
  private readonly store: VaultStore;
  private readonly keeper: GrantKeeper;

  constructor(
    private readonly rt: Runtime,
    readonly cfg: RevocationConfig,
    private readonly options: RevocationOptions = {},
  ) {
    this.tel = new Telemetry((l) => rt.write(l), 'revocation', cfg.grantName, () => rt.now());
    // Revocation refreshes nothing: the keeper is used for its compare-and-swap only (grace period and margin unused).
    this.keeper = new GrantKeeper(rt, { ...cfg, clientId: cfg.clientId ?? '', graceSeconds: 0, minValiditySeconds: 0, maxVersionsPerDay: Infinity }, this.tel, 'revocation', METRICS.revocationFailure);
    this.store = this.keeper.store;
  }

  /** Revokes the grant. Safe to repeat, and to run while brokers and the rotation run. */
  async run(budgetMs = 60_000): Promise<RevocationReport> {
    const budget = Budget.of(this.rt, budgetMs);
    try {
      return await this.revoke(budget);
    } catch (e) {
      if (e instanceof VaultFormatError) {
        this.keeper.fail('vault-malformed', e.message);
        throw new RevocationError(e.message, 'malformed');
      }
      if (e instanceof StoreFailedError) {
        this.keeper.fail('tombstone-failed', 'the revoked tombstone could not be written; the tokens revoked so far stay revoked; run the revocation again');
        throw new RevocationError('the revoked tombstone could not be written (run the revocation again)');
      }
      if (classify(e) === 'transient') {
        this.keeper.fail('aws-unavailable', 'an AWS call kept failing; run the revocation again', describeError(e));
        throw new RevocationError(`${describeError(e).errorName}: an AWS call kept failing (run the revocation again)`);
      }
      throw e;
    }
  }

  private async revoke(budget: Budget): Promise<RevocationReport> {
    const revokedNow = new Map<string, readonly string[]>();
    const failures = new Map<string, string>();
    const seen = new Map<string, Seen>();
    let stateBefore: VaultState | undefined;
    let wrote = false;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // A child a writer stored and did not commit is committed first (reconcile): its token is the newest, revoked below.
      const { list, held } = await this.keeper.reconcile(budget);
      const current = held.record;
      stateBefore ??= current.state;
      const currentInfo = list.versions.find((v) => v.id === list.currentId);
      if (currentInfo && !seen.has(currentInfo.id)) seen.set(currentInfo.id, { info: currentInfo, record: current });
      const recorded = new Set(current.state === 'revoked' ? (current.revokedVersionIds ?? []) : []);

      // Every version not known to be revoked already, read once per run (a version's value never changes, once it
      // has one: a rotation's empty version is read again, its put may land meanwhile).
      const unseen = list.versions.filter((v) => !recorded.has(v.id) && !seen.has(v.id));
      for (const s of await mapLimit(unseen, CONCURRENCY, (v) => this.look(v, budget))) if (s.record || s.unreadable) seen.set(s.info.id, s);
      // Earlier tombstones (of a grant revoked before the vault was seeded again) name versions revoked already.
      const earlier = new Set([...seen.values()].flatMap((s) => (s.record?.state === 'revoked' ? (s.record.revokedVersionIds ?? []) : [])));
      const known = (id: string) => recorded.has(id) || earlier.has(id);
      const holding = list.versions.filter((v) => !known(v.id) && seen.get(v.id)?.record?.refreshToken !== undefined && !revokedNow.has(v.id));
      let newly = 0;
      for (const r of await mapLimit(holding, CONCURRENCY, (v) => this.revokeVersion(v, seen.get(v.id)?.record as VaultRecord, budget))) {
        if (r.ok) {
          revokedNow.set(r.info.id, r.info.stages);
          failures.delete(r.info.id);
          newly++;
        } else failures.set(r.info.id, r.problem);
      }

      const listed = new Set(list.versions.map((v) => v.id));
      const confirmed = [...listed].filter((id) => known(id) || revokedNow.has(id));
      if (current.state === 'revoked' && newly === 0 && confirmed.every((id) => recorded.has(id))) {
        const labelsRemoved = await this.unlabel(list.versions, list.currentId, new Set(confirmed), budget);
        const signOut = await this.signOut(budget);
        return this.finish({ list: list.versions, currentId: list.currentId, current, stateBefore, wrote, revokedNow, failures, seen, recorded, labelsRemoved, signOut });
      }

      const now = new Date(this.rt.now()).toISOString();
      const tombstone: VaultRecord = {
        schema: VAULT_SCHEMA,
        state: 'revoked',
        clientId: current.clientId ?? this.cfg.clientId,
        obtainedAt: now,
        revokedAt: current.state === 'revoked' && current.revokedAt ? current.revokedAt : now,
        revokedVersionIds: confirmed,
        parentVersionId: list.currentId,
        lineage: childLineage(list.currentId, current),
        writer: 'revocation',
      };
      let committed;
      try {
        committed = await this.keeper.commitChild({ versionId: list.currentId, record: current }, tombstone, budget);
      } catch (e) {
        if (isServiceFailure(e)) throw new StoreFailedError(list.currentId);
        throw e;
      }
      this.tel.info('tombstone', committed.outcome === 'lost' ? 'another writer committed first: looking again' : 'the revoked tombstone is committed', {
        versionId: committed.versionId,
        from: list.currentId,
        outcome: committed.outcome,
      });
      if (committed.outcome !== 'lost') wrote = true;
      // The next round checks that no version appeared meanwhile (a broker that stored a refresh racing this one).
    }
    throw new RevocationError('the vault kept changing');
  }

  /** Reads one version; a value that is not a vault record is reported, never parsed further. */
  private async look(info: VersionInfo, budget: Budget): Promise<Seen> {
    try {
      return { info, record: await this.store.read(info.id, budget) };
    } catch (e) {
      if (!(e instanceof VaultFormatError)) throw e;
      this.tel.warn('unreadable-version', 'a vault version is not a vault record: whether it holds a token cannot be told', { versionId: info.id });
      return { info, unreadable: true };
    }
  }

  private async revokeVersion(info: VersionInfo, record: VaultRecord, budget: Budget): Promise<{ info: VersionInfo; ok: true } | { info: VersionInfo; ok: false; problem: string }> {
    const clientId = record.clientId ?? this.cfg.clientId;
    const fields = { versionId: info.id, stages: info.stages.join(',') || '(none)' };
    if (!clientId) {
      this.tel.error('revoke-failed', 'the version names no app client and none is configured: its token cannot be revoked', fields);
      return { info, ok: false, problem: 'no app client id (pass the client id)' };
    }
    if (budget.remaining() < COMMIT_RESERVE_MS) return { info, ok: false, problem: 'not attempted: out of time (run again)' };
    try {
      await withRetries(this.rt, budget, REVOKE_ATTEMPTS, () => this.rt.cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: record.refreshToken as string })));
      this.tel.info('token-revoked', 'revoked the refresh token a vault version holds', fields);
      return { info, ok: true };
    } catch (e) {
      // A refusal (revocation disabled on the client, a client with a secret) or an outage: reported, and the rest goes on.
      if (!isServiceFailure(e)) throw e;
      const d = describeError(e);
      this.tel.error('revoke-failed', 'could not revoke the refresh token of a vault version: it may still be usable', { ...fields, ...d });
      return { info, ok: false, problem: `${d.errorName}${d.httpStatus ? ` (HTTP ${d.httpStatus})` : ''}` };
    }
  }

  /**
   * Takes `AWSPREVIOUS` off a version that holds a (revoked) refresh token: no label then reaches a token, and the
   * version is deprecated, which lets Secrets Manager delete it. Its value stays readable by version id until then.
   */
  private async unlabel(versions: readonly VersionInfo[], currentId: string, tokenVersions: Set<string>, budget: Budget): Promise<{ label: string; versionId: string }[]> {
    const previous = versions.find((v) => v.stages.includes(AWSPREVIOUS) && v.id !== currentId && tokenVersions.has(v.id));
    if (!previous) return [];
    await this.store.removeLabel(AWSPREVIOUS, previous.id, budget);
    this.tel.info('unlabelled', 'took AWSPREVIOUS off a version holding a revoked token', { versionId: previous.id });
    return [{ label: AWSPREVIOUS, versionId: previous.id }];
  }

  private async signOut(budget: Budget): Promise<RevocationReport['signOut']> {
    const target = this.options.signOut;
    if (!target) return 'not-requested';
    try {
      await withRetries(this.rt, budget, REVOKE_ATTEMPTS, () => this.rt.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: target.userPoolId, Username: target.username })));
      this.tel.info('signed-out', "ended every session of the grant's service user (AdminUserGlobalSignOut)", { username: target.username });
      return 'signed-out';
    } catch (e) {
      if (!isServiceFailure(e)) throw e;
      this.tel.error('sign-out-failed', "AdminUserGlobalSignOut of the grant's service user failed", { username: target.username, ...describeError(e) });
      return 'failed';
    }
  }

  private finish(r: {
    list: readonly VersionInfo[];
    currentId: string;
    current: VaultRecord;
    stateBefore: VaultState;
    wrote: boolean;
    revokedNow: Map<string, readonly string[]>;
    failures: Map<string, string>;
    seen: Map<string, Seen>;
    recorded: Set<string>;
    labelsRemoved: { label: string; versionId: string }[];
    signOut: RevocationReport['signOut'];
  }): RevocationReport {
    const listed = new Set(r.list.map((v) => v.id));
    const failures = [...r.failures].filter(([id]) => listed.has(id)).map(([versionId, problem]) => ({ versionId, problem }));
    const unreadable = [...r.seen.values()].filter((s) => s.unreadable && listed.has(s.info.id)).map((s) => s.info.id);
    const outcome: RevocationOutcome = failures.length > 0 || r.signOut === 'failed' ? 'incomplete' : r.wrote || r.revokedNow.size > 0 ? 'revoked' : 'already-revoked';
    const revokedNow = [...r.revokedNow].map(([versionId, stages]) => ({ versionId, stages }));
    const alreadyRevoked = [...r.recorded].filter((id) => listed.has(id) && !r.revokedNow.has(id)).length;
    const storedTokens = new Set([...r.recorded].filter((id) => listed.has(id)).concat([...r.seen.values()].filter((s) => s.record?.refreshToken && listed.has(s.info.id)).map((s) => s.info.id))).size;
    const report: RevocationReport = {
      secretId: this.cfg.secretId,
      outcome,
      stateBefore: r.stateBefore,
      currentVersionId: r.currentId,
      revokedAt: r.current.revokedAt,
      versionsExamined: r.list.length,
      revokedNow,
      alreadyRevoked,
      failures,
      unreadable,
      labelsRemoved: r.labelsRemoved,
      signOut: r.signOut,
      residual: this.residual(r.seen, r.wrote ? this.rt.now() : Date.parse(r.current.obtainedAt ?? r.current.revokedAt ?? '') || this.rt.now()),
      storedTokens,
    };
    this.tel[outcome === 'incomplete' ? 'error' : 'info'](
      'revocation-finished',
      outcome === 'incomplete'
        ? 'the grant is revoked in the vault, but some stored refresh tokens could not be revoked at Cognito: run the revocation again'
        : outcome === 'revoked'
          ? 'the grant is revoked: every refresh token the vault holds is revoked and the tombstone is current'
          : 'the grant was revoked already and the vault holds no token that is not revoked: nothing to do',
      {
        outcome,
        currentVersionId: r.currentId,
        revokedNow: revokedNow.length,
        alreadyRevoked,
        failed: failures.length,
        unreadable: unreadable.length,
        signOut: r.signOut,
        accessValidUntil: report.residual.accessTokensValidUntil,
      },
    );
    if (outcome !== 'already-revoked') this.tel.metric(METRICS.grantUnusable, 1, { reason: 'revoked' });
    if (outcome === 'incomplete') this.tel.metric(METRICS.revocationFailure, 1, { reason: 'incomplete' });
    return report;
  }

  /** `lastRevocation`: when the last token was revoked (no access token is minted from the grant after it). */
  private residual(seen: Map<string, Seen>, lastRevocation: number): ResidualExposure {
    let cached: number | undefined;
    let measured: number | undefined;
    for (const s of seen.values()) {
      const r = s.record;
      if (!r?.accessTokenExpiresAt) continue;
      const expires = Date.parse(r.accessTokenExpiresAt);
      cached = Math.max(cached ?? expires, expires);
      const obtained = r.obtainedAt ? Date.parse(r.obtainedAt) : NaN;
      if (!Number.isNaN(obtained) && expires > obtained) measured = Math.max(measured ?? 0, Math.round((expires - obtained) / 1000));
    }
    const configured = this.options.accessTokenValiditySeconds;
    const validity = configured ?? measured;
    const now = this.rt.now();
    const residual: ResidualExposure = cached !== undefined ? { cachedAccessTokenExpiresAt: new Date(cached).toISOString() } : {};
    if (validity === undefined) return residual;
    const until = Math.max(lastRevocation + validity * 1000, cached ?? 0);
    return {
      ...residual,
      accessTokenValiditySeconds: validity,
      validitySource: configured !== undefined ? 'configured' : 'measured',
      accessTokensValidUntil: new Date(until).toISOString(),
      secondsRemaining: Math.max(0, Math.ceil((until - now) / 1000)),
    };
  }
}

/** `fn` over `items`, at most `limit` at a time, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
