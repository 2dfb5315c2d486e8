/**
 * `token-guard revoke <vault>`: revokes the grant a RefreshTokenVault holds, in one step: every refresh token in any
 * version revoked at Cognito, a `revoked` tombstone made current, and a report of what was done, what stays stored
 * and the residual exposure (how long access tokens already issued keep verifying). Safe to run twice, and while the
 * broker and the rotation run. It runs the same code as the revocation function `TokenBroker` deploys; run it as a
 * role the vault admits (`TokenBroker.grantOperator`). Nothing printed is token material.
 *
 * Exit codes: 0 revoked (or revoked already: nothing left to do); 2 usage; 3 refused (the secret is not a vault);
 * 5 an AWS call failed (nothing may have been revoked: run again); 6 incomplete (the tombstone is in place but some
 * tokens could not be revoked, or the sign-out failed: run again).
 */
import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Revocation, RevocationError, type RevocationOptions, type RevocationReport } from '../../../lib/token-broker/revocation';
import { describeError } from '../../../lib/token-broker/telemetry';

export interface RevokeOptions {
  /** The vault's secret: ARN or name. */
  readonly vault: string;
  /** The app client, for versions that do not name theirs (records written by the constructs always do). */
  readonly clientId?: string;
  /** The client's access-token lifetime in minutes, for the residual exposure (otherwise measured from the vault). */
  readonly accessTokenValidityMinutes?: number;
  /** A dedicated service user to sign out of every session (`AdminUserGlobalSignOut`); needs `userPoolId`. */
  readonly signOutUser?: string;
  readonly userPoolId?: string;
  /** Print the report as JSON instead of text. */
  readonly json?: boolean;
  readonly region?: string;
  /** Endpoint for both services; otherwise the SDK's own resolution (`AWS_ENDPOINT_URL` included). */
  readonly endpointUrl?: string;
}

export interface RevokeIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** SDK clients to use instead of ones built from the options (tests). */
  readonly secrets?: SecretsManagerClient;
  readonly cognito?: CognitoIdentityProviderClient;
  /** The clock (tests); Date.now otherwise. */
  readonly now?: () => number;
}

export const REVOKE_EXIT = { ok: 0, usage: 2, refused: 3, aws: 5, incomplete: 6 } as const;

/** Time for one run: every version read and every token revoked, with retries. */
const BUDGET_MS = 5 * 60_000;

export async function revokeCommand(options: RevokeOptions, io: RevokeIO): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`token-guard revoke: ${message}\n`);
    return code;
  };
  if (!options.vault) return fail(REVOKE_EXIT.usage, '<vault> (the secret ARN or name) is required');
  if (options.clientId !== undefined && !/^[\w+]{1,128}$/.test(options.clientId)) return fail(REVOKE_EXIT.usage, '--client-id is not an app client id');
  const minutes = options.accessTokenValidityMinutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 5 && minutes <= 1440)) {
    return fail(REVOKE_EXIT.usage, '--access-token-validity must be a whole number of minutes from 5 to 1440');
  }
  if (Boolean(options.signOutUser) !== Boolean(options.userPoolId)) return fail(REVOKE_EXIT.usage, '--sign-out-user and --user-pool-id go together');

  const config = { ...(options.region ? { region: options.region } : {}), ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}) };
  const secrets = io.secrets ?? new SecretsManagerClient(config);
  const cognito = io.cognito ?? new CognitoIdentityProviderClient(config);
  const revocationOptions: RevocationOptions = {
    ...(minutes !== undefined ? { accessTokenValiditySeconds: minutes * 60 } : {}),
    ...(options.signOutUser && options.userPoolId ? { signOut: { userPoolId: options.userPoolId, username: options.signOutUser } } : {}),
  };
  const now = io.now ?? Date.now;
  const revocation = new Revocation(
    {
      secrets,
      cognito,
      now,
      wallNow: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      // The report says what happened; the structured lines are for the deployed function's log group.
      write: () => undefined,
      newVersionId: () => randomUUID(),
    },
    { secretId: options.vault, clientId: options.clientId, grantName: options.vault },
    revocationOptions,
  );
  try {
    const report = await revocation.run(BUDGET_MS);
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report, now()));
    return report.outcome === 'incomplete' ? REVOKE_EXIT.incomplete : REVOKE_EXIT.ok;
  } catch (e) {
    if (e instanceof RevocationError) return fail(e.kind === 'malformed' ? REVOKE_EXIT.refused : REVOKE_EXIT.aws, e.message);
    const { errorName, httpStatus } = describeError(e);
    const hint = errorName === 'AccessDeniedException' ? ' (the vault admits only the roles its resource policy names: run as one, see TokenBroker.grantOperator)' : '';
    return fail(REVOKE_EXIT.aws, `an AWS call failed: ${errorName}${httpStatus ? ` (HTTP ${httpStatus})` : ''}${hint}; run again once it is fixed (revocation is safe to repeat)`);
  } finally {
    if (!io.secrets) secrets.destroy();
    if (!io.cognito) cognito.destroy();
  }
}

/** The report as a person reads it: what happened, what to check, what remains. */
export function describeReport(r: RevocationReport, now: number): string {
  const lines: string[] = [];
  const headline: Record<RevocationReport['outcome'], string> = {
    revoked: `revoked ${r.secretId}: every refresh token it held is revoked at Cognito and the revoked tombstone is current`,
    'already-revoked': `${r.secretId} was revoked already: every refresh token it holds is revoked; nothing left to do`,
    incomplete: `${r.secretId} is revoked in the vault (brokers refuse it), but not everything could be revoked: run this command again`,
  };
  lines.push(headline[r.outcome]);
  const row = (label: string, text: string) => lines.push(`  ${label.padEnd(13)} ${text}`);
  row('before', `${r.stateBefore}`);
  row('revoked now', r.revokedNow.length === 0 ? 'no refresh token' : `${plural(r.revokedNow.length, 'refresh token')}: ${describeVersions(r.revokedNow)}`);
  if (r.alreadyRevoked > 0) row('already', `${plural(r.alreadyRevoked, 'version')} revoked by an earlier run (recorded in the tombstone)`);
  for (const f of r.failures) row('NOT revoked', `version ${f.versionId}: ${f.problem}; its token may still be usable`);
  for (const id of r.unreadable) row('unreadable', `version ${id} is not a vault record: whether it holds a token cannot be told; inspect it`);
  row('tombstone', `version ${r.currentVersionId} is AWSCURRENT: state revoked${r.revokedAt ? ` since ${r.revokedAt}` : ''}`);
  for (const l of r.labelsRemoved) row('labels', `${l.label} taken off version ${l.versionId} (no label reaches a revoked token)`);
  row('rotation', 'stays scheduled: a rotation of a revoked vault carries the tombstone over and calls nothing; after seeding a new grant it rotates that one');
  row(
    'sign-out',
    r.signOut === 'signed-out'
      ? "every session of the grant's service user ended (AdminUserGlobalSignOut)"
      : r.signOut === 'failed'
        ? "AdminUserGlobalSignOut of the grant's service user FAILED: run again"
        : 'not requested (refresh tokens whose answer never reached the broker are not in the vault; --sign-out-user ends them for a dedicated service user)',
  );
  row('residual', describeResidual(r.residual, now));
  row(
    'stored',
    `refresh tokens in ${plural(r.storedTokens, 'version')}${r.failures.length === 0 ? ', every one revoked' : ''}; they stay readable by version id, to the roles the vault admits, until Secrets Manager deletes those versions (it removes label-less versions only past 100 versions; no API deletes a single version)`,
  );
  return `${lines.join('\n')}\n`;
}

const LABEL_ORDER = ['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS', 'TOKENGUARD_STAGED'];
const labelRank = (label: string) => (LABEL_ORDER.includes(label) ? LABEL_ORDER.indexOf(label) : LABEL_ORDER.length);

/** Labelled versions by label (as they were when revoked: AWSCURRENT first), then a count of label-less ones. */
function describeVersions(versions: RevocationReport['revokedNow']): string {
  const labelled = versions
    .filter((v) => v.stages.length > 0)
    .map((v) => ({ stages: [...v.stages].sort((a, b) => labelRank(a) - labelRank(b)), versionId: v.versionId }))
    .sort((a, b) => labelRank(a.stages[0] as string) - labelRank(b.stages[0] as string))
    .map((v) => `${v.stages.join('+')} ${v.versionId}`);
  const bare = versions.length - labelled.length;
  return [...labelled, ...(bare > 0 ? [`${plural(bare, 'label-less version')}`] : [])].join(', ');
}

function describeResidual(residual: RevocationReport['residual'], now: number): string {
  const cached = residual.cachedAccessTokenExpiresAt ? `; the broker's cached access token expires ${residual.cachedAccessTokenExpiresAt}` : '';
  if (!residual.accessTokensValidUntil || residual.accessTokenValiditySeconds === undefined) {
    return `access tokens already issued verify locally until they expire (lifetime unknown: pass --access-token-validity <minutes>)${cached}`;
  }
  const remaining = Math.max(0, Math.ceil((Date.parse(residual.accessTokensValidUntil) - now) / 1000));
  const lifetime = `${residual.accessTokenValiditySeconds / 60}-minute lifetime, ${residual.validitySource}`;
  return remaining === 0
    ? `none: every access token issued from the grant has expired (${lifetime})${cached}`
    : `access tokens already issued are revoked at Cognito but verify locally until ${residual.accessTokensValidUntil} at the latest (${remaining} s from now; ${lifetime})${cached}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
