/**
 * The Secrets Manager rotation protocol, in one place for every rotation function the constructs deploy (the workload
 * client's secret, the vault's default rotator, and the token broker's rotation): the event, its checks as AWS's
 * rotation template makes them (rotation enabled, the version is staged AWSPENDING, nothing to do once it is
 * AWSCURRENT), step dispatch, and the version-stage moves of `finishSecret`. The credential-specific work is in
 * `RotationSteps`; a rotator whose `finishSecret` differs (the broker's) supplies its own.
 *
 * Every step is safe to repeat: Secrets Manager retries a failed rotation with the same version id
 * (`ClientRequestToken`), and a step can run again after a crash at any point.
 */
import {
  DescribeSecretCommand,
  DescribeSecretCommandOutput,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { errorFields, HandlerError, Logger } from './log';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPENDING = 'AWSPENDING';
export const AWSPREVIOUS = 'AWSPREVIOUS';

export type Step = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

export interface RotationEvent {
  readonly Step: string;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  /** Passed back to PutSecretValue; required for rotations through an assumed role. Never logged. */
  readonly RotationToken?: string;
}

export interface StepContext {
  readonly sm: SecretsManagerClient;
  /** The step this is. */
  readonly step: Step;
  readonly secretId: string;
  /** The version this rotation creates (the event's `ClientRequestToken`). */
  readonly versionId: string;
  readonly rotationToken?: string;
  readonly log: Logger;
  readonly describe: DescribeSecretCommandOutput;
}

export interface RotationSteps {
  createSecret(ctx: StepContext): Promise<void>;
  setSecret(ctx: StepContext): Promise<void>;
  testSecret(ctx: StepContext): Promise<void>;
  /**
   * Replaces the standard `finishSecret` (AWSCURRENT to the new version, then AWSPENDING off it). Called also when
   * the version is AWSCURRENT already, and when it carries no label any more (a repeat after AWSPENDING was released),
   * so it must be idempotent on its own.
   */
  finishSecret?(ctx: StepContext): Promise<void>;
  /** Called after AWSCURRENT has moved to the new version, and again if `finishSecret` is repeated afterwards. */
  afterFinish?(ctx: StepContext): Promise<void>;
}

export interface RotationDeps {
  readonly sm: SecretsManagerClient;
  readonly log: Logger;
  /** The one secret this function rotates; an event for another is refused. */
  readonly expectedSecretArn?: string;
  /** Wraps the protocol's own Secrets Manager calls (the broker's rotation retries them within its deadline). */
  readonly call?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** `createSecret` and `create_secret` (the user guide spells it both ways) both mean createSecret. */
export function parseStep(step: unknown): Step {
  const key = typeof step === 'string' ? step.replace(/_/g, '').toLowerCase() : '';
  const steps: Record<string, Step> = { createsecret: 'createSecret', setsecret: 'setSecret', testsecret: 'testSecret', finishsecret: 'finishSecret' };
  const found = steps[key];
  if (!found) throw new HandlerError(`unknown rotation step ${JSON.stringify(String(step).slice(0, 40))}`);
  return found;
}

/**
 * Checks the event and runs one step. Errors propagate as thrown: `runRotationStep` logs and sanitises them, and a
 * rotator with its own error handling (the broker's) calls this directly.
 */
export async function rotationStep(event: RotationEvent, deps: RotationDeps, steps: RotationSteps): Promise<void> {
  if (!event || typeof event.SecretId !== 'string' || typeof event.ClientRequestToken !== 'string') {
    throw new HandlerError('not a Secrets Manager rotation event (SecretId and ClientRequestToken are required)');
  }
  const step = parseStep(event.Step);
  if (deps.expectedSecretArn && event.SecretId !== deps.expectedSecretArn) {
    throw new HandlerError('this function rotates one secret only, and this event names another');
  }
  const call = deps.call ?? ((fn) => fn());
  const log = deps.log.child({ step, secretId: event.SecretId, versionId: event.ClientRequestToken });
  const describe = await call(() => deps.sm.send(new DescribeSecretCommand({ SecretId: event.SecretId })));
  if (!describe.RotationEnabled) throw new HandlerError('rotation is not enabled on the secret');
  const ctx: StepContext = { sm: deps.sm, step, secretId: event.SecretId, versionId: event.ClientRequestToken, rotationToken: event.RotationToken, log, describe };
  const finish = async () => {
    if (steps.finishSecret) return steps.finishSecret(ctx);
    await promote(ctx, call);
    if (steps.afterFinish) await steps.afterFinish(ctx);
  };
  const stages = describe.VersionIdsToStages?.[event.ClientRequestToken];
  if (stages?.includes(AWSCURRENT)) {
    log.info('version is already AWSCURRENT; nothing to do');
    if (step === 'finishSecret') await (steps.finishSecret ?? steps.afterFinish)?.(ctx);
    return;
  }
  // A repeated finishSecret of a rotator that releases AWSPENDING itself finds the version without labels.
  if (step === 'finishSecret' && !stages && steps.finishSecret) return steps.finishSecret(ctx);
  // Secrets Manager stages an empty AWSPENDING version before createSecret (AWS's rotation template refuses any other,
  // as here); a version without that label belongs to something else.
  if (!stages?.includes(AWSPENDING)) {
    throw new HandlerError('the version is not staged AWSPENDING for rotation');
  }
  if (step === 'createSecret') await steps.createSecret(ctx);
  else if (step === 'setSecret') await steps.setSecret(ctx);
  else if (step === 'testSecret') await steps.testSecret(ctx);
  else await finish();
}

/** Runs one rotation step for the one secret this function serves: one log line, and errors told by type only. */
export async function runRotationStep(event: RotationEvent, deps: RotationDeps, steps: RotationSteps): Promise<void> {
  const started = Date.now();
  const log = deps.log.child({
    step: typeof event?.Step === 'string' ? event.Step.slice(0, 40) : 'unknown',
    secretId: typeof event?.SecretId === 'string' ? event.SecretId : undefined,
    versionId: typeof event?.ClientRequestToken === 'string' ? event.ClientRequestToken : undefined,
  });
  try {
    await rotationStep(event, deps, steps);
    log.info('rotation step done', { durationMs: Date.now() - started });
  } catch (e) {
    log.error('rotation step failed', { ...errorFields(e), durationMs: Date.now() - started });
    throw e instanceof HandlerError ? e : new HandlerError(`rotation step ${String(event?.Step).slice(0, 40)} failed: ${(e as Error)?.name ?? 'error'}`);
  }
}

/** The value of a version, or `undefined` when the version has no value yet (or does not exist). */
export async function versionValue(sm: SecretsManagerClient, secretId: string, select: { versionId?: string; stage?: string }): Promise<string | undefined> {
  try {
    const out = await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: select.versionId, VersionStage: select.stage }));
    return out.SecretString;
  } catch (e) {
    if (e instanceof ResourceNotFoundException || (e as Error)?.name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** Stores the new version, staged AWSPENDING. Repeating it with the same value is a no-op (same version id). */
export async function putPending(ctx: StepContext, secretString: string): Promise<void> {
  await ctx.sm.send(
    new PutSecretValueCommand({
      SecretId: ctx.secretId,
      ClientRequestToken: ctx.versionId,
      SecretString: secretString,
      VersionStages: [AWSPENDING],
      ...(ctx.rotationToken ? { RotationToken: ctx.rotationToken } : {}),
    }),
  );
}

/** Moves AWSCURRENT to the new version (AWSPREVIOUS follows automatically), then takes AWSPENDING off it. */
async function promote(ctx: StepContext, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<void> {
  const current = holderOf(ctx.describe, AWSCURRENT);
  await call(() =>
    ctx.sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: ctx.secretId,
        VersionStage: AWSCURRENT,
        MoveToVersionId: ctx.versionId,
        ...(current ? { RemoveFromVersionId: current } : {}),
      }),
    ),
  );
  await call(() => ctx.sm.send(new UpdateSecretVersionStageCommand({ SecretId: ctx.secretId, VersionStage: AWSPENDING, RemoveFromVersionId: ctx.versionId })));
  ctx.log.info('promoted the new version to AWSCURRENT', { previousVersionId: current });
}

export function holderOf(describe: DescribeSecretCommandOutput, stage: string): string | undefined {
  return Object.entries(describe.VersionIdsToStages ?? {}).find(([, s]) => s.includes(stage))?.[0];
}

/** Parses a JSON object without ever surfacing the text (a parse error message would quote it). */
export function parseJsonObject(text: string | undefined, what: string): Record<string, unknown> {
  if (text === undefined) throw new HandlerError(`${what} has no value`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HandlerError(`${what} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HandlerError(`${what} is not a JSON object`);
  return parsed as Record<string, unknown>;
}
