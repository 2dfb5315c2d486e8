/**
 * Error classification and bounded retries.
 *
 * Only errors recognised as transient are retried (throttling, 5xx, timeouts, dropped connections). Anything
 * unrecognised propagates at once: in particular a process-level failure (in tests, the stand-ins'
 * `SimulatedCrash`) is never swallowed, so the code never behaves as if it had survived its own crash.
 */
import type { Runtime } from './runtime';

export type ErrorClass =
  /** Retrying may succeed; the call may or may not have taken effect. */
  | 'transient'
  /** A label move found the label elsewhere (compare-and-swap lost) or a version id unknown. */
  | 'conflict'
  /** No such secret value (an empty rotation version, a deleted version). */
  | 'not-found'
  /** Cognito refused the refresh token itself: revoked, expired, rotated out. */
  | 'dead-grant'
  /** `PutSecretValue` with a version id that holds other data: another writer filled that slot first. */
  | 'exists'
  /** A quota refused the call (Secrets Manager's versions or staging labels). */
  | 'quota'
  | 'other';

const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'ThrottledException', 'RequestLimitExceeded']);
const SERVER = new Set(['InternalErrorException', 'InternalServiceError', 'InternalServerException', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException']);
const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNABORTED', 'EAI_AGAIN', 'ENOTFOUND']);
const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

export function classify(e: unknown): ErrorClass {
  if (!e || typeof e !== 'object') return 'other';
  const o = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = o.name ?? '';
  if (name === 'NotAuthorizedException' || name === 'RefreshTokenReuseException') return 'dead-grant';
  if (name === 'InvalidParameterException') return 'conflict';
  if (name === 'ResourceNotFoundException') return 'not-found';
  if (name === 'ResourceExistsException') return 'exists';
  if (name === 'LimitExceededException') return 'quota';
  if (THROTTLING.has(name) || SERVER.has(name) || TIMEOUTS.has(name)) return 'transient';
  const status = o.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return 'transient';
  if (o.$metadata === undefined && ((o.code && NETWORK_CODES.has(o.code)) || /socket hang up|ECONNRESET/.test(o.message ?? ''))) return 'transient';
  return 'other';
}

/** How much time an invocation has left; every retry loop stops at the deadline. */
export class Budget {
  constructor(
    private readonly rt: Pick<Runtime, 'wallNow'>,
    readonly deadline: number,
  ) {}

  static of(rt: Pick<Runtime, 'wallNow'>, ms: number): Budget {
    return new Budget(rt, rt.wallNow() + ms);
  }

  remaining(): number {
    return this.deadline - this.rt.wallNow();
  }
}

/** Retries `fn` on transient errors, with jittered exponential backoff, up to `attempts` or the deadline. */
export async function withRetries<T>(rt: Pick<Runtime, 'sleep' | 'wallNow'>, budget: Budget, attempts: number, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (classify(e) !== 'transient' || attempt >= attempts) throw e;
      const backoff = Math.min(2000, 100 * 2 ** (attempt - 1));
      const wait = Math.floor(backoff / 2 + Math.random() * (backoff / 2));
      if (budget.remaining() <= wait + 250) throw e;
      await rt.sleep(wait);
    }
  }
}

/** The grant cannot be used until an operator acts (re-seeds); consumers should not retry. */
export class GrantUnavailableError extends Error {
  readonly retryable = false;
  constructor(
    readonly state: string,
    readonly reason?: string,
  ) {
    super(
      state === 'revoked'
        ? "GrantUnavailable: the vault's grant was revoked; no token is served until an operator seeds a new refresh token"
        : `GrantUnavailable: the vault's grant is ${state}${reason ? ` (${reason})` : ''}; an operator must seed a new refresh token`,
    );
    this.name = 'GrantUnavailable';
  }
}

/** The broker could not serve a token this time; retrying shortly (within the grace period) is the remedy. */
export class BrokerUnavailableError extends Error {
  readonly retryable = true;
  constructor(readonly why: string) {
    super(`BrokerUnavailable: ${why}; retry shortly`);
    this.name = 'BrokerUnavailable';
  }
}

/** The vault's content or configuration is wrong (a different client, a malformed record). */
export class BrokerMisconfiguredError extends Error {
  readonly retryable = false;
  constructor(why: string) {
    super(`BrokerMisconfigured: ${why}`);
    this.name = 'BrokerMisconfigured';
  }
}

/** Whether an error is a service's answer or an outage (as opposed to a bug or a crash, which must propagate). */
export function isServiceFailure(e: unknown): boolean {
  return classify(e) === 'transient' || (e as { $metadata?: unknown } | undefined)?.$metadata !== undefined;
}

export type BusyReason =
  /** Another writer holds a fresh lease on the version and is refreshing it; the vault will move on shortly. */
  | 'in-progress'
  /** A writer took a lease, and may have presented the token, more than the grace period ago, and stored nothing. */
  | 'lease-stale'
  /** Another version would take the vault past its daily write budget. */
  | 'write-budget'
  /** Secrets Manager refused a write (the lease): nothing is presented to Cognito until the store works. */
  | 'store-unavailable'
  /** Too little invocation time is left to store what a refresh would obtain. */
  | 'no-time';

/** No refresh was started, on purpose: nothing was presented to Cognito and nothing was lost. */
export class RefreshDeferredError extends Error {
  constructor(readonly reason: BusyReason) {
    super(`refresh deferred: ${reason}`);
    this.name = 'RefreshDeferred';
  }
}

/** A rotated refresh token could not be stored before the invocation's deadline. */
export class StoreFailedError extends Error {
  constructor(readonly versionId: string) {
    super(`could not store vault version ${versionId}`);
    this.name = 'StoreFailed';
  }
}
