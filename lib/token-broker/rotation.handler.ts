/**
 * Lambda entry point of the vault's scheduled rotation (Secrets Manager invokes it once per step).
 * Configuration (environment): VAULT_SECRET_ARN, CLIENT_ID, GRANT_NAME, GRACE_SECONDS.
 */
import { awsClients, configFromEnv, type InvocationContext } from './broker.handler';
import { classify } from './errors';
import { lambdaRuntime } from './runtime';
import { Rotation, RotationError, type RotationEvent } from './rotation';
import { describeError, METRICS } from './telemetry';
import { VaultFormatError } from './vault-record';

const SAFETY_MS = 1500;

/** A handler around one Rotation; unforeseen errors are reported by type only and replaced. */
export function rotationHandler(rotation: Rotation): (event: RotationEvent, context?: InvocationContext) => Promise<void> {
  return async (event, context) => {
    const remaining = context?.getRemainingTimeInMillis?.();
    try {
      await rotation.run(event, remaining === undefined ? undefined : remaining - SAFETY_MS);
    } catch (e) {
      if (e instanceof RotationError) throw e;
      if (e instanceof VaultFormatError) throw new RotationError(e.message);
      if (classify(e) !== 'transient') {
        rotation.tel.error('unexpected-error', 'the rotation failed unexpectedly', { step: event.Step, ...describeError(e) });
        rotation.tel.metric(METRICS.rotationFailure, 1, { reason: 'unexpected-error' });
      }
      throw new RotationError(`${describeError(e).errorName} during ${event.Step}`);
    }
  };
}

let instance: ((event: RotationEvent, context?: InvocationContext) => Promise<void>) | undefined;

export async function handler(event: RotationEvent, context?: InvocationContext): Promise<void> {
  instance ??= rotationHandler(new Rotation(lambdaRuntime(awsClients()), configFromEnv(process.env)));
  return instance(event, context);
}
