/**
 * Scheduled rotation of the vault's grant: the broker's steps plugged into the shared Secrets Manager rotation
 * protocol (lib/handlers/rotation.ts; docs/broker.md, "Scheduled rotation").
 *
 * - createSecret: renew the grant through the broker's protocol (lease, refresh, one child per version), unless a
 *   broker refreshed it within the last hour; then put into the rotation's version (`ClientRequestToken`, staged
 *   `AWSPENDING` by Secrets Manager) an alias of the version that is current: a copy of its record that stands for it.
 * - setSecret: nothing to do (Cognito issued the token itself).
 * - testSecret: the pending version is a well-formed alias of this client's grant. Cognito is not called: presenting
 *   the token would rotate it again.
 * - finishSecret: compare-and-swap `AWSCURRENT` from the version the alias repeats to the alias; if the vault moved on
 *   meanwhile (a broker refreshed), the alias is left as it is. In every case `AWSPENDING` is removed.
 */
import { HandlerError } from '../handlers/log';
import { rotationStep, type RotationEvent, type RotationSteps, type StepContext } from '../handlers/rotation';
import { Budget, classify, RefreshDeferredError, StoreFailedError, withRetries } from './errors';
import { GrantKeeper } from './grant-keeper';
import type { GrantConfig, Runtime } from './runtime';
import { describeError, METRICS, Telemetry } from './telemetry';
import { childLineage, VaultFormatError, type VaultRecord } from './vault-record';
import { AWSPENDING, type Held } from './vault-store';

export type { RotationEvent };

/** The rotation cannot proceed in the vault's present state; Secrets Manager will retry the step. */
export class RotationError extends Error {
  constructor(why: string) {
    super(`RotationFailed: ${why}`);
    this.name = 'RotationFailed';
  }
}

/** A rotation leaves a token obtained this recently as it is: the grant was exercised already. */
export const ROTATION_FRESH_MS = 3_600_000;
const MAX_ROUNDS = 5;

export class Rotation {
  readonly keeper: GrantKeeper;
  readonly tel: Telemetry;

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
      await rotationStep(
        event,
        { sm: this.rt.secrets, log: this.tel.logger, expectedSecretArn: this.cfg.secretId, call: (fn) => withRetries(this.rt, budget, 3, fn) },
        this.steps(budget),
      );
    } catch (e) {
      const step = typeof event?.Step === 'string' ? event.Step.slice(0, 40) : undefined;
      if (e instanceof HandlerError || e instanceof RotationError || e instanceof VaultFormatError) {
        this.keeper.fail('rotation-failed', e.message, { step, versionId: event?.ClientRequestToken });
        throw e instanceof RotationError ? e : new RotationError(e.message);
      }
      if (e instanceof RefreshDeferredError) {
        // The broker's protocol started no refresh, on purpose (an alarming reason was reported where it arose).
        if (e.reason === 'in-progress') this.tel.warn('refresh-deferred', 'a broker is refreshing the grant right now; Secrets Manager retries the step', { step });
        throw new RotationError(`refresh deferred (${e.reason})`);
      }
      if (e instanceof StoreFailedError) throw new RotationError('could not store the rotated refresh token; this instance keeps it and stores it when the step is retried');
      if (classify(e) === 'transient') {
        this.keeper.fail('aws-unavailable', 'an AWS call kept failing; Secrets Manager retries the step', { step, ...describeError(e) });
      }
      throw e;
    }
  }

  private steps(budget: Budget): RotationSteps {
    return {
      createSecret: (ctx) => this.create(ctx, budget),
      setSecret: async (ctx) => {
        this.tel.info('set-secret', 'nothing to set: Cognito issued the pending token itself', { versionId: ctx.versionId });
      },
      testSecret: (ctx) => this.test(ctx, budget),
      finishSecret: (ctx) => this.finish(ctx, budget),
    };
  }

  private async create(ctx: StepContext, budget: Budget): Promise<void> {
    const store = this.keeper.store;
    if (await store.read(ctx.versionId, budget)) {
      this.tel.info('already-created', 'the pending version already has its value', { versionId: ctx.versionId });
      return;
    }
    const recent = (r: VaultRecord) => r.obtainedAt !== undefined && this.rt.now() - Date.parse(r.obtainedAt) < ROTATION_FRESH_MS;
    const renewal = await this.keeper.renew(budget, recent, this.storeReserveMs);
    const alias = aliasOf(renewal.held);
    await store.put(ctx.versionId, alias, AWSPENDING, budget, ctx.rotationToken);
    this.tel.info(
      'created',
      renewal.outcome === 'refreshed'
        ? 'refreshed the grant; the pending version repeats the new current version'
        : renewal.outcome === 'fresh'
          ? 'the grant was refreshed within the hour: the pending version repeats the current version'
          : `the grant is ${renewal.held.record.state}: the rotation carries the state over and refreshes nothing`,
      { versionId: ctx.versionId, aliasOf: alias.aliasOf, outcome: renewal.outcome, state: alias.state },
    );
  }

  private async test(ctx: StepContext, budget: Budget): Promise<void> {
    const record = await this.keeper.store.read(ctx.versionId, budget);
    if (!record) throw new RotationError('the pending version has no value');
    this.keeper.checkClient({ versionId: ctx.versionId, record });
    if (!record.aliasOf) throw new RotationError('the pending version does not name the version it repeats');
    this.tel.info('tested', 'the pending version is a well-formed record of this client (Cognito is not called: that would rotate it)', { versionId: ctx.versionId, state: record.state });
  }

  private async finish(ctx: StepContext, budget: Budget): Promise<void> {
    const store = this.keeper.store;
    const record = await store.read(ctx.versionId, budget);
    if (!record?.aliasOf) throw new RotationError('the pending version has no value (createSecret did not finish)');
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const list = await store.list(budget);
      if (list.currentId === record.aliasOf) {
        if ((await store.moveCurrent(list.currentId, ctx.versionId, budget)) === 'conflict') continue;
        this.tel.info('finished', 'the pending version is current', { versionId: ctx.versionId, from: list.currentId });
      } else if (list.currentId !== ctx.versionId) {
        // A writer committed a newer version since createSecret: the alias repeats a superseded one and stays as it is
        // (its token is an ancestor of the current one: nothing to revoke).
        this.tel.info('superseded', 'a broker refreshed the grant since createSecret; the pending version is left as it is', { versionId: ctx.versionId, current: list.currentId });
      }
      // AWSPENDING left on a version that is not current would make Secrets Manager refuse the next rotation.
      const pending = list.versions.find((v) => v.id === ctx.versionId);
      if (pending?.stages.includes(AWSPENDING)) await store.removeLabel(AWSPENDING, ctx.versionId, budget);
      return;
    }
    throw new RotationError('the vault kept changing');
  }
}

/** A copy of `held`'s record that stands for it (its children go into the same slot). */
function aliasOf(held: Held): VaultRecord {
  return {
    ...held.record,
    aliasOf: held.record.aliasOf ?? held.versionId,
    parentVersionId: held.versionId,
    lineage: childLineage(held.versionId, held.record),
    writer: 'rotation',
  };
}

