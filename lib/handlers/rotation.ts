/**
 * The Secrets Manager rotation protocol, shared by the constructs' rotation functions: the event checks of AWS's
 * rotation template (rotation enabled, the version is staged AWSPENDING, nothing to do once it is AWSCURRENT), step
 * dispatch, and the version-stage moves of `finishSecret`. The credential-specific work is in `RotationSteps`.
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
  /** Called after AWSCURRENT has moved to the new version, and again if `finishSecret` is repeated afterwards. */
  afterFinish?(ctx: StepContext): Promise<void>;
}

/** `createSecret` and `create_secret` (the user guide spells it both ways) both mean createSecret. */
export function parseStep(step: unknown): Step {
  const key = typeof step === 'string' ? step.replace(/_/g, '').toLowerCase() : '';
  const steps: Record<string, Step> = { createsecret: 'createSecret', setsecret: 'setSecret', testsecret: 'testSecret', finishsecret: 'finishSecret' };
  const found = steps[key];
  if (!found) throw new HandlerError(`unknown rotation step ${JSON.stringify(String(step).slice(0, 40))}`);
  return found;
}

/** Runs one rotation step for the one secret this function serves. */
export async function runRotationStep(
  event: RotationEvent,
  deps: { sm: SecretsManagerClient; log: Logger; expectedSecretArn?: string },
  steps: RotationSteps,
): Promise<void> {
  if (!event || typeof event.SecretId !== 'string' || typeof event.ClientRequestToken !== 'string') {
    throw new HandlerError('not a Secrets Manager rotation event (SecretId and ClientRequestToken are required)');
  }
  const step = parseStep(event.Step);
  const log = deps.log.child({ step, secretId: event.SecretId, versionId: event.ClientRequestToken });
  if (deps.expectedSecretArn && event.SecretId !== deps.expectedSecretArn) {
    throw new HandlerError('this function rotates one secret only, and this event names another');
  }
  const started = Date.now();
  try {
    const describe = await deps.sm.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
    if (!describe.RotationEnabled) throw new HandlerError('rotation is not enabled on the secret');
    const ctx: StepContext = {
      sm: deps.sm,
      secretId: event.SecretId,
      versionId: event.ClientRequestToken,
      rotationToken: event.RotationToken,
      log,
      describe,
    };
    const stages = describe.VersionIdsToStages?.[event.ClientRequestToken];
    if (stages?.includes(AWSCURRENT)) {
      log.info('version is already AWSCURRENT; nothing to do');
      if (step === 'finishSecret' && steps.afterFinish) await steps.afterFinish(ctx);
      return;
    }
    // Secrets Manager stages an empty AWSPENDING version before createSecret; a version that exists without that
    // label belongs to something else.
    if (stages ? !stages.includes(AWSPENDING) : step !== 'createSecret') {
      throw new HandlerError('the version is not staged AWSPENDING for rotation');
    }
    if (step === 'createSecret') await steps.createSecret(ctx);
    else if (step === 'setSecret') await steps.setSecret(ctx);
    else if (step === 'testSecret') await steps.testSecret(ctx);
    else {
      await promote(ctx);
      if (steps.afterFinish) await steps.afterFinish(ctx);
    }
    log.info('rotation step done', { durationMs: Date.now() - started });
  } catch (e) {
    log.error('rotation step failed', { ...errorFields(e), durationMs: Date.now() - started });
    throw e instanceof HandlerError ? e : new HandlerError(`rotation step ${step} failed: ${(e as Error)?.name ?? 'error'}`);
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
async function promote(ctx: StepContext): Promise<void> {
  const current = holderOf(ctx.describe, AWSCURRENT);
  await ctx.sm.send(
    new UpdateSecretVersionStageCommand({
      SecretId: ctx.secretId,
      VersionStage: AWSCURRENT,
      MoveToVersionId: ctx.versionId,
      ...(current ? { RemoveFromVersionId: current } : {}),
    }),
  );
  await ctx.sm.send(new UpdateSecretVersionStageCommand({ SecretId: ctx.secretId, VersionStage: AWSPENDING, RemoveFromVersionId: ctx.versionId }));
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
