/**
 * Puts the first refresh token of a grant into a vault, by the same commit protocol as the broker: a new version
 * derived from the current one, then the compare-and-swap of `AWSCURRENT`. A vault that holds an active grant is
 * left alone: that grant must be revoked first, or it would stay usable with nobody holding it.
 */
import { Budget } from './errors';
import type { Runtime } from './runtime';
import { childLineage, childVersionId, refreshTokenShapeProblem, VAULT_SCHEMA, type VaultRecord, type VaultState } from './vault-record';
import { STAGED, VaultStore } from './vault-store';

export interface SeedRequest {
  readonly secretId: string;
  /**
   * The app client the token belongs to; defaults to the one the vault's current record names. Recorded so that a
   * broker configured for another client refuses the vault; without it, Cognito's refusal is the check.
   */
  readonly clientId?: string;
  readonly refreshToken: string;
}

export type SeedResult =
  | { readonly ok: true; readonly versionId: string; readonly previousVersionId: string; readonly previousState: VaultState; readonly clientId?: string }
  | { readonly ok: false; readonly problem: 'shape' | 'active' | 'client-mismatch' | 'raced'; readonly message: string };

export async function seedVault(rt: Pick<Runtime, 'secrets' | 'now' | 'wallNow' | 'sleep' | 'newVersionId'>, req: SeedRequest, budgetMs = 30_000): Promise<SeedResult> {
  const shape = refreshTokenShapeProblem(req.refreshToken);
  if (shape) return { ok: false, problem: 'shape', message: `that is not a Cognito refresh token: ${shape}` };
  const budget = Budget.of(rt, budgetMs);
  const store = new VaultStore(rt, { secretId: req.secretId });
  const current = await store.readCurrent(budget);
  const state = current.record.state;
  if (state === 'active') {
    return {
      ok: false,
      problem: 'active',
      message: 'the vault already holds an active grant; revoke it first (it would otherwise stay usable with nobody holding it), then seed again',
    };
  }
  const clientId = req.clientId ?? current.record.clientId;
  if (current.record.clientId && req.clientId && current.record.clientId !== req.clientId) {
    return { ok: false, problem: 'client-mismatch', message: `the vault belongs to app client ${current.record.clientId}, not ${req.clientId}` };
  }
  const record: VaultRecord = {
    schema: VAULT_SCHEMA,
    state: 'active',
    clientId,
    refreshToken: req.refreshToken,
    obtainedAt: new Date(rt.now()).toISOString(),
    parentVersionId: current.versionId,
    lineage: childLineage(current.versionId, current.record),
    writer: 'seed',
  };
  // The current version's one child slot (docs/broker.md, "One child per version"): a writer that got there first wins.
  const versionId = childVersionId(current);
  const raced = { ok: false, problem: 'raced', message: 'the vault changed while seeding (another writer committed first); nothing was stored; check the vault and try again' } as const;
  if ((await store.put(versionId, record, STAGED, budget)) === 'exists') return raced;
  if ((await store.moveCurrent(current.versionId, versionId, budget)) !== 'moved') {
    const now = await store.readCurrent(budget);
    if (now.versionId !== versionId && !(now.record.lineage ?? []).includes(versionId)) return raced;
  }
  return { ok: true, versionId, previousVersionId: current.versionId, previousState: state, clientId };
}
