/**
 * Scheduled rotation of an idle grant through the Secrets Manager rotation protocol (docs/broker.md, "Rotation").
 *
 * - createSecret: reconcile the vault, refresh the current token once, put the result into the rotation's version
 *   (`ClientRequestToken`, labelled `AWSPENDING`; Secrets Manager created it empty).
 * - setSecret: nothing to do (Cognito already holds the new token).
 * - testSecret: the pending version is a well-formed record of this client. Cognito is not called: presenting the
 *   pending token would rotate it again.
 * - finishSecret: compare-and-swap `AWSCURRENT` from the version the token was derived from to the pending one; if a
 *   broker got there first, either it committed this version already (done) or it committed its own (this version
 *   lost: revoke its token). In every case `AWSPENDING` is removed: the broker moves `AWSCURRENT` on at its next
 *   refresh, and `AWSPENDING` left on a version that is not current makes Secrets Manager refuse the next rotation.
 */
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { Budget, classify, withRetries } from './errors';
import { DeadGrant, GrantKeeper, relation } from './grant-keeper';
import type { GrantConfig, Runtime } from './runtime';
import { describeError, METRICS, Telemetry } from './telemetry';
import { childLineage, VAULT_SCHEMA, VaultFormatError, type VaultRecord } from './vault-record';
import { AWSCURRENT, AWSPENDING, type Held } from './vault-store';

export interface RotationEvent {
  readonly Step: string;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly RotationToken?: string;
}

/** The rotation cannot proceed in the vault's present state; Secrets Manager will retry the step. */
export class RotationError extends Error {
  constructor(why: string) {
    super(`RotationFailed: ${why}`);
    this.name = 'RotationFailed';
  }
}

const MAX_ROUNDS = 5;

export class Rotation {
  readonly keeper: GrantKeeper;
  readonly tel: Telemetry;
  /** A pending record this instance could not store: Secrets Manager retries createSecret, and it is stored then. */
  private unstored?: { versionId: string; record: VaultRecord; rotationToken?: string };

  constructor(
    private readonly rt: Runtime,
    readonly cfg: GrantConfig,
    private readonly storeReserveMs = 5000,
  ) {
    this.tel = new Telemetry((l) => rt.write(l), 'rotation', cfg.grantName, () => rt.now());
    this.keeper = new GrantKeeper(rt, cfg, this.tel, 'rotation', METRICS.rotationFailure);
  }

  /** Runs one step. Failures are loud (log line and RotationFailure) and rethrown for Secrets Manager to retry. */
  async run(event: RotationEvent, budgetMs = 20_000): Promise<void> {
    const budget = Budget.of(this.rt, budgetMs);
    try {
      await this.step(event, budget);
    } catch (e) {
      if (e instanceof RotationError || e instanceof VaultFormatError) {
        this.keeper.fail('rotation-failed', e.message, { step: event.Step, versionId: event.ClientRequestToken });
      } else if (classify(e) === 'transient') {
        this.keeper.fail('aws-unavailable', 'an AWS call kept failing; Secrets Manager retries the step', { step: event.Step, ...describeError(e) });
      }
      throw e;
    }
  }

  private async step(event: RotationEvent, budget: Budget): Promise<void> {
    if (event.SecretId !== this.cfg.secretId) throw new RotationError('the event names a secret this function does not rotate');
    const versionId = event.ClientRequestToken;
    const meta = await withRetries(this.rt, budget, 3, () => this.rt.secrets.send(new DescribeSecretCommand({ SecretId: this.cfg.secretId })));
    if (!meta.RotationEnabled) throw new RotationError('rotation is not enabled on the vault');
    const stages = meta.VersionIdsToStages?.[versionId] ?? [];
    if (stages.includes(AWSCURRENT)) {
      this.tel.info('already-current', 'the rotation version is already current: nothing to do', { step: event.Step, versionId });
      // A broker committed it before finishSecret ran: finishing still means releasing AWSPENDING (see finish()).
      if (event.Step === 'finishSecret' && stages.includes(AWSPENDING)) await this.keeper.store.removeLabel(AWSPENDING, versionId, budget);
      return;
    }
    // finishSecret may be a retry of one that already released AWSPENDING (finish() is idempotent on its own).
    if (!stages.includes(AWSPENDING) && event.Step !== 'finishSecret') throw new RotationError('the rotation version is not staged AWSPENDING');
    switch (event.Step) {
      case 'createSecret':
        return this.create(versionId, event.RotationToken, budget);
      case 'setSecret':
        this.tel.info('set-secret', 'nothing to set: Cognito issued the pending token itself', { versionId });
        return;
      case 'testSecret':
        return this.test(versionId, budget);
      case 'finishSecret':
        return this.finish(versionId, budget);
      default:
        throw new RotationError('unknown rotation step');
    }
  }

  private async create(versionId: string, rotationToken: string | undefined, budget: Budget): Promise<void> {
    if (await this.keeper.store.read(versionId, budget)) {
      this.tel.info('already-created', 'the pending version already has its value', { versionId });
      return;
    }
    if (this.unstored?.versionId === versionId) return this.storeUnstored(budget);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const held = await this.keeper.reconcile(budget);
      if (held.record.state !== 'active') {
        // Nothing to rotate (not seeded, invalid or revoked): the rotation carries the state over unchanged.
        await this.keeper.store.put(versionId, this.carryOver(held), AWSPENDING, budget, rotationToken);
        this.tel.info('carried-over', `the grant is ${held.record.state}: the rotation carries the state over and refreshes nothing`, { versionId, state: held.record.state });
        return;
      }
      if (budget.remaining() < this.storeReserveMs) throw new RotationError('not enough invocation time left to store a rotated token');
      let minted;
      try {
        minted = await this.keeper.refresh(held, budget);
      } catch (e) {
        if (!(e instanceof DeadGrant)) throw e;
        await this.keeper.markDead(held, e, budget);
        continue; // the next round finds the marker (or a newer version) and carries it over
      }
      this.unstored = { versionId, record: this.keeper.childRecord(held, minted), rotationToken };
      return this.storeUnstored(budget);
    }
    throw new RotationError('the vault kept changing');
  }

  private async storeUnstored(budget: Budget): Promise<void> {
    const u = this.unstored as NonNullable<Rotation['unstored']>;
    try {
      await this.keeper.store.put(u.versionId, u.record, AWSPENDING, budget, u.rotationToken);
    } catch (e) {
      if (classify(e) !== 'transient' && (e as { $metadata?: unknown }).$metadata === undefined) throw e;
      this.keeper.fail(
        'store-failed',
        `could not store a rotated refresh token: this instance keeps it for Secrets Manager's retry of createSecret; the vault's token stays usable for the client's ${this.cfg.graceSeconds}s grace period, so a broker refresh or retry within it recovers`,
        { versionId: u.versionId },
      );
      throw new RotationError('could not store the rotated refresh token');
    }
    this.unstored = undefined;
    this.tel.info('created', 'refreshed the grant into the pending version', { versionId: u.versionId, parentVersionId: u.record.parentVersionId });
  }

  private carryOver(held: Held): VaultRecord {
    const r = held.record;
    return {
      schema: VAULT_SCHEMA,
      state: r.state,
      reason: r.reason,
      // A revoked vault keeps the record of what revocation revoked (a rerun of revocation relies on it).
      revokedAt: r.revokedAt,
      revokedVersionIds: r.revokedVersionIds,
      clientId: r.clientId ?? this.cfg.clientId,
      obtainedAt: new Date(this.rt.now()).toISOString(),
      parentVersionId: held.versionId,
      lineage: childLineage(held.versionId, r),
      writer: 'rotation',
    };
  }

  private async test(versionId: string, budget: Budget): Promise<void> {
    const record = await this.keeper.store.read(versionId, budget);
    if (!record) throw new RotationError('the pending version has no value');
    this.keeper.checkClient({ versionId, record });
    if (!record.parentVersionId) throw new RotationError('the pending version does not name the version it derives from');
    this.tel.info('tested', 'the pending version is a well-formed record of this client (Cognito is not called: that would rotate it)', { versionId, state: record.state });
  }

  private async finish(versionId: string, budget: Budget): Promise<void> {
    const record = await this.keeper.store.read(versionId, budget);
    if (!record) throw new RotationError('the pending version has no value (createSecret did not finish)');
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const list = await this.keeper.store.list(budget);
      if (list.currentId === versionId) return;
      const current = await this.keeper.store.read(list.currentId, budget);
      if (!current) throw new VaultFormatError('the AWSCURRENT version has no value');
      const rel = relation(versionId, record, list.currentId, current);
      if (rel === 'successor' || rel === 'revives') {
        if ((await this.keeper.store.moveCurrent(list.currentId, versionId, budget)) === 'moved') {
          // AWSPENDING is released at once: the broker moves AWSCURRENT on at its next refresh, and AWSPENDING left
          // behind on a version that is not current would make Secrets Manager refuse the next rotation.
          await this.keeper.store.removeLabel(AWSPENDING, versionId, budget);
          this.tel.info('finished', 'the pending version is current', { versionId, from: list.currentId });
          return;
        }
        continue;
      }
      if (rel === 'committed') {
        this.tel.info('finished', 'a broker committed the pending version already; removing AWSPENDING', { versionId });
      } else {
        this.tel.info('superseded', 'a broker refreshed the grant first: revoking the pending version\'s token and removing AWSPENDING', { versionId, relation: rel });
        if (record.refreshToken && !(await this.keeper.revoke(record.refreshToken, budget, versionId))) {
          throw new RotationError('could not revoke the superseded token');
        }
      }
      await this.keeper.store.removeLabel(AWSPENDING, versionId, budget);
      return;
    }
    throw new RotationError('the vault kept changing');
  }
}
