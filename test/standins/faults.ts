/**
 * Injected faults.
 *
 * `faults.inject({ service, operation, kind, times, applied })` makes the next `times` matching
 * requests fail in a chosen way:
 *
 * | kind       | what the caller sees                                                                |
 * |------------|-------------------------------------------------------------------------------------|
 * | `throttle` | the service's real throttling error (Cognito `TooManyRequestsException`, Secrets    |
 * |            | Manager `ThrottlingException`), HTTP 400                                            |
 * | `5xx`      | HTTP 500 with the service's internal error type (Cognito `InternalErrorException`,  |
 * |            | or `InternalServerException` for the client-secret operations; Secrets Manager      |
 * |            | `InternalServiceError`)                                                             |
 * | `timeout`  | no answer at all: the server holds the connection, so the SDK's request timeout     |
 * |            | fires (`TimeoutError`)                                                              |
 * | `reset`    | the socket is destroyed after the request was read (`ECONNRESET`/"socket hang up")  |
 * | `error`    | any service error you name (`errorType`, `status`, `message`)                       |
 * | `delay`    | the real answer, but only after `ms` milliseconds and/or once `until` settles       |
 *
 * `applied: true` means the operation is carried out on the model *before* the fault hides the
 * answer: the state changed but the caller never learned the result (the dangerous case for a
 * rotated refresh token). `applied: false` (the default) means the request had no effect. For
 * `delay`, `applied` says whether the effect happens before (true) or after (false) the wait.
 *
 * Each injected fault is consumed by matching requests in arrival order; SDK retries are separate
 * requests, so `times: 1` with the SDK's default three attempts is followed by a normal answer.
 */
import type { FaultKind, ServiceName } from './calls';

export interface FaultSpec {
  service: ServiceName;
  /** Operation name as on the wire (`GetTokensFromRefreshToken`, `PutSecretValue`) or `*`. */
  operation: string;
  kind: FaultKind;
  /** How many matching requests to affect (default 1; `Infinity` for all). */
  times?: number;
  /** Apply the operation's effect before faulting (default false). */
  applied?: boolean;
  /** Only requests whose parsed input passes this predicate match. Test-side only. */
  when?: (input: Record<string, unknown>) => boolean;
  /** kind `error`: the `__type` to return (e.g. `InternalErrorException`). */
  errorType?: string;
  /** kind `error`: HTTP status (default 400). */
  status?: number;
  /** kind `error`/`throttle`/`5xx`: message override. */
  message?: string;
  /** kind `delay`: milliseconds to wait. */
  ms?: number;
  /** kind `delay`: wait until this settles (use with a deferred to hold a call deterministically). */
  until?: Promise<unknown>;
}

export interface FaultHandle {
  readonly spec: Readonly<FaultSpec>;
  /** How many requests this fault has affected so far. */
  readonly fired: number;
  /** How many more requests it will affect. */
  readonly remaining: number;
  /** Resolves when the fault has fired at least once. */
  readonly firstFired: Promise<void>;
  cancel(): void;
}

class ActiveFault implements FaultHandle {
  fired = 0;
  remaining: number;
  readonly firstFired: Promise<void>;
  private resolveFirst!: () => void;

  constructor(
    readonly spec: Readonly<FaultSpec>,
    private readonly owner: Faults,
  ) {
    this.remaining = spec.times ?? 1;
    this.firstFired = new Promise<void>((resolve) => {
      this.resolveFirst = resolve;
    });
  }

  consume(): void {
    this.fired++;
    this.remaining--;
    if (this.fired === 1) this.resolveFirst();
    if (this.remaining <= 0) this.owner.remove(this);
  }

  cancel(): void {
    this.remaining = 0;
    this.owner.remove(this);
  }
}

export class Faults {
  private active: ActiveFault[] = [];

  inject(spec: FaultSpec): FaultHandle {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new RangeError('faults.inject: times must be > 0');
    if (spec.kind === 'error' && !spec.errorType) throw new RangeError('faults.inject: kind "error" needs errorType');
    if (spec.kind === 'delay' && spec.ms === undefined && spec.until === undefined) {
      throw new RangeError('faults.inject: kind "delay" needs ms or until');
    }
    const fault = new ActiveFault({ ...spec }, this);
    this.active.push(fault);
    return fault;
  }

  /** Faults that have not been used up. */
  pending(): FaultHandle[] {
    return [...this.active];
  }

  clear(): void {
    this.active = [];
  }

  /** @internal used by the server: the first pending fault that matches, consumed. */
  take(service: ServiceName, operation: string, input: Record<string, unknown>): FaultSpec | undefined {
    const fault = this.active.find(
      (f) =>
        f.spec.service === service &&
        (f.spec.operation === '*' || f.spec.operation === operation) &&
        (f.spec.when === undefined || f.spec.when(input)),
    );
    if (!fault) return undefined;
    fault.consume();
    return fault.spec;
  }

  /** @internal */
  remove(fault: ActiveFault): void {
    this.active = this.active.filter((f) => f !== fault);
  }
}

/** The service's throttling error, as the real service returns it. */
export function throttleError(service: ServiceName): { type: string; status: number; message: string } {
  return service === 'cognito'
    ? { type: 'TooManyRequestsException', status: 400, message: 'Too many requests' }
    : { type: 'ThrottlingException', status: 400, message: 'Rate exceeded' };
}

/** Cognito operations whose SDK model names InternalServerException rather than InternalErrorException. */
const COGNITO_INTERNAL_SERVER_OPS = new Set([
  'AddUserPoolClientSecret',
  'DeleteUserPoolClientSecret',
  'ListUserPoolClientSecrets',
]);

/** The service's internal (5xx) error, as modelled in the SDK for that operation. */
export function internalError(service: ServiceName, operation: string): { type: string; status: number; message: string } {
  if (service === 'secretsmanager') {
    return { type: 'InternalServiceError', status: 500, message: 'An error occurred on the server side.' };
  }
  return COGNITO_INTERNAL_SERVER_OPS.has(operation)
    ? { type: 'InternalServerException', status: 500, message: 'Internal server error' }
    : { type: 'InternalErrorException', status: 500, message: 'Internal server error' };
}

/** A promise with its resolve function exposed; handy with `kind: 'delay', until`. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
