/**
 * What the broker and the rotation need from their surroundings, injected so that tests run them against the
 * stand-ins with a controlled clock and no real sleeping, and the Lambda entry points wire the real thing.
 */
import { randomUUID } from 'node:crypto';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export interface Runtime {
  readonly secrets: SecretsManagerClient;
  readonly cognito: CognitoIdentityProviderClient;
  /** Token time (epoch ms): access-token expiry decisions. The stand-ins' clock in tests. */
  now(): number;
  /** Wall-clock time (epoch ms) for deadlines; real time in tests too. */
  wallNow(): number;
  sleep(ms: number): Promise<void>;
  /** Writes one log line (a JSON document). */
  write(line: string): void;
  /** A new secret version id (a UUID: 36 characters, inside `ClientRequestToken`'s 32–64). */
  newVersionId(): string;
}

export interface GrantConfig {
  /** Secret ARN or name of the vault. */
  readonly secretId: string;
  /** The app client whose grant the vault holds. */
  readonly clientId: string;
  /** Metric dimension and log field: which grant this is. */
  readonly grantName: string;
  /** The client's refresh-token rotation grace period (seconds), for decisions and log lines. */
  readonly graceSeconds: number;
  /** A served access token has at least this long to live (seconds). */
  readonly minValiditySeconds: number;
  /**
   * The most secret versions the vault may gain in any 24 hours, every writer together: no refresh starts that could
   * take it past this (docs/broker.md, "Writes and the version quota").
   * @default DEFAULT_MAX_VERSIONS_PER_DAY (144)
   */
  readonly maxVersionsPerDay?: number;
}

/** AWS: no more than one `PutSecretValue` per 10 minutes, sustained. */
export const DEFAULT_MAX_VERSIONS_PER_DAY = 144;

/** Versions kept in hand below the budget when a refresh starts: its own, a marker's, another writer's. */
export const VERSION_RESERVE = 3;

/** Versions an operator's actions add on a day the bound counts with: a seed, a revocation's tombstone, a marker. */
export const OPERATOR_VERSIONS = 3;

export interface WriteSettings {
  /** The client's access-token lifetime. */
  readonly accessTokenSeconds: number;
  readonly minValiditySeconds: number;
  /** The vault's rotation schedule. */
  readonly rotationHours: number;
}

/**
 * The most versions the vault can gain in any 24 hours at these settings, every writer and race included
 * (docs/broker.md, "Writes and the version quota"):
 * - refreshes: each version has one child slot, and a refresh fills it only once the version's access token has less
 *   than `minValidity` left (the broker) or the version is an hour old (the rotation), so the chain's versions are at
 *   least `accessToken - minValidity` apart; a refresh racing another stores nothing;
 * - rotations: Secrets Manager creates one version per rotation (the alias fills it);
 * - an operator's seed, a revocation's tombstone, an invalid marker.
 */
export function dailyVersionBound(s: WriteSettings): { refreshes: number; rotations: number; operator: number; total: number } {
  const refreshes = Math.ceil(86_400 / (s.accessTokenSeconds - s.minValiditySeconds));
  const rotations = Math.ceil(24 / s.rotationHours);
  return { refreshes, rotations, operator: OPERATOR_VERSIONS, total: refreshes + rotations + OPERATOR_VERSIONS };
}

/** Defaults used by the Lambda entry points. */
export function lambdaRuntime(clients: { secrets: SecretsManagerClient; cognito: CognitoIdentityProviderClient }): Runtime {
  return {
    ...clients,
    now: () => Date.now(),
    wallNow: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    write: (line) => {
      // Straight to stdout: one JSON document a line, without the runtime's console prefix, so that CloudWatch
      // can parse the EMF lines.
      process.stdout.write(`${line}\n`);
    },
    newVersionId: () => randomUUID(),
  };
}

/** Reads a numeric setting from the environment, with a default and a range. */
export function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`environment variable ${name} must be a number from ${min} to ${max}`);
  return n;
}

export function envString(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}
