/**
 * The rotation function a `RefreshTokenVault` starts with, until the token broker attaches its own
 * (`vault.attachRotator`). It rotates an *empty* vault (the placeholder is carried to a new version, which keeps
 * the schedule and its permissions exercised) and refuses, loudly, to touch a vault that holds a refresh token:
 * rotating a refresh token means calling `GetTokensFromRefreshToken` and storing the new token before the old one's
 * grace period ends, which is the broker's rotator's job. A failed rotation stays visible on the secret (the
 * AWSPENDING version remains, CloudTrail records RotationFailed) until the right rotator is attached.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createLogger, HandlerError, Logger } from '../handlers/log';
import { AWSCURRENT, AWSPENDING, parseJsonObject, putPending, RotationEvent, RotationSteps, runRotationStep, versionValue } from '../handlers/rotation';
import { EMPTY_VAULT_VALUE, isEmptyVault } from '../handlers/vault-format';

export const REFUSAL =
  'the vault holds a refresh token but only the empty-vault rotator is attached; attach the token broker\'s rotator (vault.attachRotator) to rotate it';

export function createEmptyVaultRotation(deps: { sm: SecretsManagerClient; log?: Logger }, config: { secretArn?: string } = {}): (event: RotationEvent) => Promise<void> {
  const log = deps.log ?? createLogger();
  const steps: RotationSteps = {
    async createSecret(ctx) {
      if ((await versionValue(ctx.sm, ctx.secretId, { versionId: ctx.versionId, stage: AWSPENDING })) !== undefined) {
        ctx.log.info('the pending version already exists; nothing to create');
        return;
      }
      const current = parseJsonObject(await versionValue(ctx.sm, ctx.secretId, { stage: AWSCURRENT }), 'the current version');
      if (!isEmptyVault(current)) throw new HandlerError(REFUSAL);
      await putPending(ctx, EMPTY_VAULT_VALUE);
      ctx.log.info('the vault is empty; carried the placeholder to the new version');
    },
    async setSecret(ctx) {
      ctx.log.info('nothing to set for an empty vault');
    },
    async testSecret(ctx) {
      const pending = parseJsonObject(await versionValue(ctx.sm, ctx.secretId, { versionId: ctx.versionId, stage: AWSPENDING }), 'the pending version');
      if (!isEmptyVault(pending)) throw new HandlerError(REFUSAL);
    },
  };
  return (event) => runRotationStep(event, { sm: deps.sm, log, expectedSecretArn: config.secretArn }, steps);
}

let cached: ((event: RotationEvent) => Promise<void>) | undefined;

export async function handler(event: RotationEvent): Promise<void> {
  cached ??= createEmptyVaultRotation({ sm: new SecretsManagerClient({}) }, { secretArn: process.env.SECRET_ARN });
  await cached(event);
}
