/**
 * Rotation function of a `WorkloadClient`'s secret: Cognito's two-secret model driven by the Secrets Manager
 * rotation protocol. The first rotation (Secrets Manager runs it as soon as the schedule is deployed) seeds the
 * secret; no client secret ever passes through CloudFormation.
 *
 * | step         | what it does                                                                                      |
 * |--------------|---------------------------------------------------------------------------------------------------|
 * | createSecret | delete every Cognito secret of the client except the one AWSCURRENT holds (the previous one, whose |
 * |              | consumers had a whole interval to move, and orphans); `AddUserPoolClientSecret`; store the value   |
 * |              | Cognito generated as AWSPENDING                                                                   |
 * | setSecret    | nothing: `AddUserPoolClientSecret` already made the secret valid                                  |
 * | testSecret   | `GetClientToken` with the pending secret must return an access token                              |
 * | finishSecret | AWSCURRENT → new version; then delete Cognito secrets held by neither AWSCURRENT nor AWSPREVIOUS    |
 * |              | (after the seeding rotation: the secret CloudFormation created the client with, which no one has) |
 *
 * A crash between `AddUserPoolClientSecret` and `PutSecretValue` (or an add whose answer was lost and which the SDK
 * retried) leaves a Cognito secret whose value nobody has (an orphan) and the client at its two-secret limit. The
 * next createSecret deletes it, since only the secret AWSCURRENT holds is kept, and adds a fresh one; an add refused
 * with LimitExceededException right after the cleanup triggers one more cleanup in the same invocation.
 */
import {
  AddUserPoolClientSecretCommand,
  AddUserPoolClientSecretCommandOutput,
  CognitoIdentityProviderClient,
  DeleteUserPoolClientSecretCommand,
  GetClientTokenCommand,
  ListUserPoolClientSecretsCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createLogger, HandlerError, Logger } from '../handlers/log';
import type { ClientCredentials } from '../workload-client';
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS, parseJsonObject, putPending, RotationEvent, RotationSteps, runRotationStep, StepContext, versionValue } from '../handlers/rotation';

export interface ClientSecretRotationConfig {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The one secret this function rotates. */
  readonly secretArn?: string;
  /** Attempts of the test call while a new secret propagates. @default 3 */
  readonly testAttempts?: number;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ClientSecretRotationDeps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly sm: SecretsManagerClient;
  readonly log?: Logger;
}

export function createClientSecretRotation(deps: ClientSecretRotationDeps, config: ClientSecretRotationConfig): (event: RotationEvent) => Promise<void> {
  const log = deps.log ?? createLogger();
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const ids = { UserPoolId: config.userPoolId, ClientId: config.clientId };

  /** The credentials of a version, or `undefined` if it holds the placeholder or another client's credentials. */
  const credentialsOf = (text: string | undefined, what: string): ClientCredentials | undefined => {
    if (text === undefined) return undefined;
    const v = parseJsonObject(text, what);
    const ok = typeof v.clientSecret === 'string' && v.clientSecret !== '' && typeof v.clientSecretId === 'string' && v.clientId === config.clientId;
    return ok ? (v as unknown as ClientCredentials) : undefined;
  };

  const listSecretIds = async (): Promise<{ id: string; created: number }[]> => {
    const out = await deps.cognito.send(new ListUserPoolClientSecretsCommand(ids));
    return (out.ClientSecrets ?? [])
      .filter((s) => typeof s.ClientSecretId === 'string')
      .map((s) => ({ id: s.ClientSecretId as string, created: s.ClientSecretCreateDate?.getTime() ?? 0 }))
      .sort((a, b) => a.created - b.created);
  };

  const deleteSecret = async (ctx: StepContext, id: string, why: string): Promise<void> => {
    try {
      await deps.cognito.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: id }));
      ctx.log.info('deleted a Cognito client secret', { clientSecretId: id, reason: why });
    } catch (e) {
      // Already gone (a repeated step): the goal is reached.
      if (!(e instanceof ResourceNotFoundException) && (e as Error)?.name !== 'ResourceNotFoundException') throw e;
    }
  };

  /**
   * Makes room under the two-secret limit. With a current secret: keep only it (the previous one, whose consumers
   * had a whole interval to move, and orphans go). Without one (seeding, or the current secret was deleted out of
   * band) nothing in Cognito is in use by our consumers: keep one (the oldest; Cognito refuses to delete a client's
   * last secret) and delete the rest.
   */
  const makeRoom = async (ctx: StepContext, current: ClientCredentials | undefined): Promise<void> => {
    const listed = await listSecretIds();
    const keep = current && listed.some((s) => s.id === current.clientSecretId) ? current.clientSecretId : undefined;
    const doomed = keep ? listed.filter((s) => s.id !== keep) : listed.slice(1);
    for (const s of doomed) await deleteSecret(ctx, s.id, keep ? 'not the current secret (the previous one, or an orphan)' : 'seeding: held by no version');
  };

  const steps: RotationSteps = {
    async createSecret(ctx) {
      const pending = await versionValue(ctx.sm, ctx.secretId, { versionId: ctx.versionId, stage: AWSPENDING });
      if (pending !== undefined) {
        if (!credentialsOf(pending, 'the pending version')) throw new HandlerError('the pending version holds something other than this client\'s credentials');
        ctx.log.info('the pending version already exists; nothing to create');
        return;
      }
      const current = credentialsOf(await versionValue(ctx.sm, ctx.secretId, { stage: AWSCURRENT }), 'the current version');
      let added: AddUserPoolClientSecretCommandOutput | undefined;
      for (let attempt = 1; !added; attempt++) {
        await makeRoom(ctx, current);
        try {
          added = await deps.cognito.send(new AddUserPoolClientSecretCommand(ids));
        } catch (e) {
          // At the limit right after making room: an add whose answer was lost (a retried request) left an orphan.
          if ((e as Error)?.name !== 'LimitExceededException' || attempt >= 2) throw e;
          ctx.log.warn('the client is at its two-secret limit after cleanup; cleaning up once more', { attempt });
        }
      }
      const d = added?.ClientSecretDescriptor;
      if (!d?.ClientSecretId || !d.ClientSecretValue) throw new HandlerError('AddUserPoolClientSecret returned no secret');
      const value: ClientCredentials = { userPoolId: config.userPoolId, clientId: config.clientId, clientSecret: d.ClientSecretValue, clientSecretId: d.ClientSecretId };
      await putPending(ctx, JSON.stringify(value));
      ctx.log.info(current ? 'added a client secret and stored it as AWSPENDING' : 'seeding: added the first managed client secret and stored it as AWSPENDING', {
        clientSecretId: d.ClientSecretId,
      });
    },

    async setSecret(ctx) {
      ctx.log.info('nothing to set: AddUserPoolClientSecret made the secret valid in createSecret');
    },

    async testSecret(ctx) {
      const pending = credentialsOf(await versionValue(ctx.sm, ctx.secretId, { versionId: ctx.versionId, stage: AWSPENDING }), 'the pending version');
      if (!pending) throw new HandlerError('the pending version holds no client credentials to test');
      const attempts = Math.max(1, config.testAttempts ?? 3);
      for (let attempt = 1; ; attempt++) {
        try {
          const out = await deps.cognito.send(new GetClientTokenCommand({ ClientId: config.clientId, Secret: pending.clientSecret }));
          if (!out.ClientAuthenticationResult?.AccessToken) throw new HandlerError('GetClientToken returned no access token');
          ctx.log.info('the pending client secret obtains an access token', { clientSecretId: pending.clientSecretId, attempt });
          return;
        } catch (e) {
          const refused = e instanceof NotAuthorizedException || (e as Error)?.name === 'NotAuthorizedException';
          if (!refused || attempt >= attempts) throw e;
          ctx.log.warn('the pending client secret was refused; retrying in case it is still propagating', { attempt });
          await sleep(1000 * attempt);
        }
      }
    },

    async afterFinish(ctx) {
      const current = credentialsOf(await versionValue(ctx.sm, ctx.secretId, { stage: AWSCURRENT }), 'the current version');
      if (!current) throw new HandlerError('AWSCURRENT holds no client credentials after the rotation');
      const previous = credentialsOf(await versionValue(ctx.sm, ctx.secretId, { stage: AWSPREVIOUS }), 'the previous version');
      const keep = new Set([current.clientSecretId, ...(previous ? [previous.clientSecretId] : [])]);
      const listed = await listSecretIds();
      if (!listed.some((s) => s.id === current.clientSecretId)) {
        // Never delete when the current secret is not among Cognito's: something changed the client out of band.
        ctx.log.warn('the current client secret is not among the client\'s secrets; deleting nothing', { clientSecretId: current.clientSecretId });
        return;
      }
      for (const s of listed) if (!keep.has(s.id)) await deleteSecret(ctx, s.id, 'held by neither AWSCURRENT nor AWSPREVIOUS');
    },
  };

  return (event) => runRotationStep(event, { sm: deps.sm, log, expectedSecretArn: config.secretArn }, steps);
}

let cached: ((event: RotationEvent) => Promise<void>) | undefined;

/** The Lambda entry point. Configuration comes from the environment the construct sets. */
export async function handler(event: RotationEvent): Promise<void> {
  if (!cached) {
    const userPoolId = process.env.USER_POOL_ID;
    const clientId = process.env.CLIENT_ID;
    if (!userPoolId || !clientId) throw new HandlerError('USER_POOL_ID and CLIENT_ID must be set');
    cached = createClientSecretRotation(
      { cognito: new CognitoIdentityProviderClient({}), sm: new SecretsManagerClient({}) },
      { userPoolId, clientId, secretArn: process.env.SECRET_ARN },
    );
  }
  await cached(event);
}
