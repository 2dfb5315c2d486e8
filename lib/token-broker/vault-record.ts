/**
 * The JSON document every version of a refresh-token vault holds (docs/broker.md, "The vault's JSON").
 *
 * One shape for every writer: the seeding CLI, the broker, the scheduled rotation and (later) revocation. Parsing
 * never echoes the document: an error names the field that is wrong, never a value, because the value may be a token.
 */

import { createHash } from 'node:crypto';

/** Identifies the document and its version. */
export const VAULT_SCHEMA = 'cdk-token-guard/refresh-token-vault@1';

/**
 * The grant's state.
 * - `empty`: nothing seeded yet (the vault's initial placeholder).
 * - `active`: holds a usable refresh token (and maybe the last access token minted with it).
 * - `invalid`: Cognito refused the stored token (`reason` says how); the broker stops refreshing until re-seeded.
 * - `revoked`: an operator revoked the grant; the broker refuses, rotation is a no-op.
 */
export type VaultState = 'empty' | 'active' | 'invalid' | 'revoked';

/** Why a grant became `invalid`. */
export type InvalidReason =
  /** `RefreshTokenReuseException`: the stored token was rotated and its successor never stored (grace period over). */
  | 'refresh-token-reused'
  /** `NotAuthorizedException`: the stored token is revoked, expired or not this client's. */
  | 'not-authorized';

export type VaultWriter = 'placeholder' | 'seed' | 'broker' | 'rotation' | 'revocation';

export interface VaultRecord {
  readonly schema: typeof VAULT_SCHEMA;
  readonly state: VaultState;
  /** The app client the grant belongs to (not secret). */
  readonly clientId?: string;
  /** `active` only: the refresh token. */
  readonly refreshToken?: string;
  /** `active` only, optional: the access token minted together with `refreshToken`, shared by broker instances. */
  readonly accessToken?: string;
  /** ISO time `accessToken` expires. */
  readonly accessTokenExpiresAt?: string;
  /** ISO time this version's token was obtained (or the state was reached). */
  readonly obtainedAt?: string;
  /** The version whose token was presented to Cognito to obtain this one (or that this state replaces). */
  readonly parentVersionId?: string;
  /** Committed ancestors, newest first (`parentVersionId` first), at most `LINEAGE_LENGTH`. */
  readonly lineage?: readonly string[];
  /**
   * `rotation` only: the version this one repeats. A rotation's pending version holds a copy of the record that was
   * current when it was created (Secrets Manager chose its id); for the protocol it stands for that version: a child of
   * either goes into the same slot (`childVersionId(aliasOf)`).
   */
  readonly aliasOf?: string;
  readonly writer: VaultWriter;
  /** `invalid` / `revoked`: why (a fixed keyword, never a service message). */
  readonly reason?: string;
  /** `revoked` only: when the grant was first revoked (ISO time). */
  readonly revokedAt?: string;
  /**
   * `revoked` only: the versions whose refresh token revocation has revoked at Cognito. A later revocation skips them
   * and revokes the token of any other version (one stored by a writer that raced the revocation).
   */
  readonly revokedVersionIds?: readonly string[];
}

/** How many committed ancestors a record remembers: enough to tell "committed, then superseded" from "lost". */
export const LINEAGE_LENGTH = 20;

/** Thrown when a version's JSON is not a vault record. The message names the problem, never the content. */
export class VaultFormatError extends Error {
  constructor(problem: string) {
    super(`the vault's secret value is not a cdk-token-guard vault record: ${problem}`);
    this.name = 'VaultFormatError';
  }
}

const STATES: readonly VaultState[] = ['empty', 'active', 'invalid', 'revoked'];
const WRITERS: readonly VaultWriter[] = ['placeholder', 'seed', 'broker', 'rotation', 'revocation'];

/**
 * Parses a version's `SecretString`. A JSON object without `state` is the minimal shape: `empty` unless it has a
 * non-empty `refreshToken` (the vault's placeholder is `{"refreshToken":""}`).
 */
export function parseVaultRecord(text: string | undefined): VaultRecord {
  if (text === undefined) throw new VaultFormatError('the version has no SecretString');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new VaultFormatError('not JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new VaultFormatError('not a JSON object');
  const o = raw as Record<string, unknown>;
  const str = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new VaultFormatError(`field "${key}" is not a string`);
    return v;
  };
  if (o.state === undefined && (o.schema === undefined || o.schema === VAULT_SCHEMA)) {
    // The minimal shape RefreshTokenVault documents: `{"refreshToken": ""}` when empty (its placeholder), or a
    // token put there by hand. Other fields are ignored.
    const token = str('refreshToken');
    return token
      ? { schema: VAULT_SCHEMA, state: 'active', writer: 'seed', refreshToken: token, clientId: str('clientId') }
      : { schema: VAULT_SCHEMA, state: 'empty', writer: 'placeholder', clientId: str('clientId') };
  }
  if (o.schema !== VAULT_SCHEMA) throw new VaultFormatError(`field "schema" is not "${VAULT_SCHEMA}"`);
  const state = str('state') as VaultState | undefined;
  if (!state || !STATES.includes(state)) throw new VaultFormatError(`field "state" is not one of ${STATES.join(', ')}`);
  const writer = (str('writer') ?? 'placeholder') as VaultWriter;
  if (!WRITERS.includes(writer)) throw new VaultFormatError(`field "writer" is not one of ${WRITERS.join(', ')}`);
  const ids = (key: string): string[] | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (!(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw new VaultFormatError(`field "${key}" is not a list of version ids`);
    return v as string[];
  };
  const lineage = ids('lineage');
  const revokedVersionIds = ids('revokedVersionIds');
  const record: VaultRecord = {
    schema: VAULT_SCHEMA,
    state,
    writer,
    clientId: str('clientId'),
    refreshToken: str('refreshToken'),
    accessToken: str('accessToken'),
    accessTokenExpiresAt: str('accessTokenExpiresAt'),
    obtainedAt: str('obtainedAt'),
    parentVersionId: str('parentVersionId'),
    lineage,
    aliasOf: str('aliasOf'),
    reason: str('reason'),
    revokedAt: str('revokedAt'),
    revokedVersionIds,
  };
  if (state === 'active' && !record.refreshToken) throw new VaultFormatError('state "active" without "refreshToken"');
  if (state !== 'active' && (record.refreshToken || record.accessToken)) throw new VaultFormatError(`state "${state}" must not hold tokens`);
  for (const key of ['accessTokenExpiresAt', 'revokedAt'] as const) {
    const value = record[key];
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new VaultFormatError(`field "${key}" is not an ISO date`);
  }
  return record;
}

/** Serialises a record with a fixed key order (idempotent puts compare values byte for byte). */
export function serializeVaultRecord(r: VaultRecord): string {
  const ordered: Record<string, unknown> = {
    schema: r.schema,
    state: r.state,
    clientId: r.clientId,
    refreshToken: r.refreshToken,
    accessToken: r.accessToken,
    accessTokenExpiresAt: r.accessTokenExpiresAt,
    obtainedAt: r.obtainedAt,
    parentVersionId: r.parentVersionId,
    lineage: r.lineage,
    aliasOf: r.aliasOf,
    writer: r.writer,
    reason: r.reason,
    revokedAt: r.revokedAt,
    revokedVersionIds: r.revokedVersionIds,
  };
  for (const k of Object.keys(ordered)) if (ordered[k] === undefined) delete ordered[k];
  return JSON.stringify(ordered);
}

/**
 * The version id of the one child a version can have (docs/broker.md, "One child per version"): every writer that
 * derives a version from `parent` (a refresh, an `invalid` marker, a `revoked` tombstone, a seed) puts it under this
 * id. `PutSecretValue` refuses an existing id with different data, so the first put wins and the vault's history is a
 * chain without forks. A rotation's alias stands for the version it repeats. The id is a UUID (36 characters, inside
 * `ClientRequestToken`'s 32 to 64) derived from the parent's id by SHA-256.
 */
export function childVersionId(parent: { readonly versionId: string; readonly record: Pick<VaultRecord, 'aliasOf'> }): string {
  const h = createHash('sha256').update(`cdk-token-guard/child-of/${parent.record.aliasOf ?? parent.versionId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The lineage of a record derived from `parent` (stored as `parentVersionId`). */
export function childLineage(parentVersionId: string, parent: VaultRecord): string[] {
  return [parentVersionId, ...(parent.lineage ?? [])].slice(0, LINEAGE_LENGTH);
}

/**
 * Checks that `token` has the shape of a Cognito refresh token: a JWE in compact serialisation (five base64url
 * segments, a JSON header naming `alg` and `enc`). Returns a problem description (never containing the token) or
 * undefined when the shape is right.
 */
export function refreshTokenShapeProblem(token: string): string | undefined {
  if (token.length === 0) return 'it is empty';
  if (/\s/.test(token)) return 'it contains whitespace (one token on one line is expected)';
  if (token.length < 100) return `it is ${token.length} characters long; Cognito refresh tokens are well over 100`;
  if (token.length > 16384) return `it is ${token.length} characters long, more than any Cognito refresh token`;
  const parts = token.split('.');
  if (parts.length === 3) return 'it has three segments: that is a JWT (an access or ID token), not a refresh token';
  if (parts.length !== 5) return `it has ${parts.length} dot-separated segments; a Cognito refresh token (a JWE) has five`;
  if (!parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return 'a segment is not base64url';
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0] as string, 'base64url').toString('utf8'));
  } catch {
    return 'its first segment is not a base64url JSON header';
  }
  const h = header as Record<string, unknown> | null;
  if (!h || typeof h !== 'object' || typeof h.alg !== 'string' || typeof h.enc !== 'string') return 'its header does not name "alg" and "enc" (not a JWE)';
  return undefined;
}
