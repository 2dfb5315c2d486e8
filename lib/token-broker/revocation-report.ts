/**
 * What a revocation reports (`TokenBroker`'s revocation function, `token-guard revoke`): types only, so that the
 * package's public declarations reach none of the revocation's runtime (its AWS SDK clients included).
 */
import type { VaultState } from './vault-record';

export interface VersionRef {
  readonly versionId: string;
  /** Its staging labels when it was looked at (none: a deprecated version). */
  readonly stages: readonly string[];
}

/** How long access tokens already issued from the grant keep verifying locally (a revoked JWT does, until `exp`). */
export interface ResidualExposure {
  /** The latest expiry of an access token a vault version stored (the broker's cached, shared token). ISO. */
  readonly cachedAccessTokenExpiresAt?: string;
  /** The access-token lifetime used for the bound. */
  readonly accessTokenValiditySeconds?: number;
  readonly validitySource?: 'configured' | 'measured';
  /** No access token minted from the grant before revocation verifies after this. ISO; unknown without a lifetime. */
  readonly accessTokensValidUntil?: string;
  /** Seconds from now to `accessTokensValidUntil` (0 when it has passed). */
  readonly secondsRemaining?: number;
}

export type RevocationOutcome =
  /** This run revoked tokens or wrote the tombstone, and nothing usable is left. */
  | 'revoked'
  /** The vault was revoked already and holds no token that was not revoked: nothing to do. */
  | 'already-revoked'
  /** The tombstone is in place (as far as it could be written) but some tokens could not be revoked: run again. */
  | 'incomplete';

export interface RevocationReport {
  readonly secretId: string;
  readonly outcome: RevocationOutcome;
  /** The state of the current version when the run began. */
  readonly stateBefore: VaultState;
  /** The current version at the end: the tombstone. */
  readonly currentVersionId: string;
  /** When the grant was first revoked. ISO. */
  readonly revokedAt?: string;
  /** Versions listed (deprecated ones included). */
  readonly versionsExamined: number;
  /** Versions whose refresh token this run revoked. */
  readonly revokedNow: readonly VersionRef[];
  /** Versions whose token an earlier revocation revoked (recorded in the tombstone). */
  readonly alreadyRevoked: number;
  /** Versions whose token could not be revoked, and why (an error type, never a message). */
  readonly failures: readonly { readonly versionId: string; readonly problem: string }[];
  /** Versions whose value is not a vault record: whether they hold a token cannot be told. */
  readonly unreadable: readonly string[];
  /** Labels taken off versions that hold a revoked token, so that no label reaches one. */
  readonly labelsRemoved: readonly { readonly label: string; readonly versionId: string }[];
  readonly signOut: 'signed-out' | 'failed' | 'not-requested';
  readonly residual: ResidualExposure;
  /** Versions that still store a refresh token (every one revoked unless listed in `failures`). */
  readonly storedTokens: number;
}
