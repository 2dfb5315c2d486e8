/**
 * Real AWS SDK v3 clients pointed at a stand-in endpoint, and SDK-side crash points.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export interface ClientOptions {
  /** SDK attempts per call, first try included (SDK default 3). */
  maxAttempts?: number;
  /** Whole-request timeout in ms; when exceeded the SDK raises `TimeoutError`. */
  requestTimeoutMs?: number;
  /** TCP connect timeout in ms. */
  connectionTimeoutMs?: number;
  region?: string;
}

export interface SdkClients {
  cognito: CognitoIdentityProviderClient;
  secrets: SecretsManagerClient;
}

/** Dummy credentials: the stand-ins do not check signatures. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIASTANDIN000000000', secretAccessKey: 'stand-in-dummy-secret-access-key' };

export function makeClients(endpoint: string, options: ClientOptions = {}): SdkClients {
  const config = {
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: DUMMY_CREDENTIALS,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    requestHandler: {
      ...(options.requestTimeoutMs !== undefined ? { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true } : {}),
      ...(options.connectionTimeoutMs !== undefined ? { connectionTimeout: options.connectionTimeoutMs } : {}),
    },
  };
  return { cognito: new CognitoIdentityProviderClient(config), secrets: new SecretsManagerClient(config) };
}

export type CrashPoint = 'beforeSend' | 'afterResponse';

/**
 * Thrown by a crash point: the simulated process "died" at this point. `afterResponse` means the
 * service had already answered successfully (its effect happened) but the caller never used the
 * answer. The error carries no part of the request or response.
 */
export class SimulatedCrash extends Error {
  constructor(
    readonly operation: string,
    readonly point: CrashPoint,
  ) {
    super(`SimulatedCrash: process died ${point === 'beforeSend' ? 'before sending' : 'after receiving the answer to'} ${operation}`);
    this.name = 'SimulatedCrash';
  }
}

export interface CrashPointSpec {
  /** Operation name without the `Command` suffix, e.g. `GetTokensFromRefreshToken`. */
  operation: string;
  when: CrashPoint;
  /** How many calls to crash (default 1). */
  times?: number;
  /** How many matching calls to let through before the first crash (default 0): to crash the n-th call of a kind. */
  skip?: number;
}

export interface CrashPointHandle {
  readonly fired: number;
  readonly remaining: number;
  remove(): void;
}

type AnyClient = CognitoIdentityProviderClient | SecretsManagerClient;

interface LooseStack {
  add(middleware: unknown, options: { step: string; priority: string; name: string }): void;
  remove(name: string): boolean;
}

let crashCounter = 0;

/**
 * Adds a crash point to an SDK client. The middleware sits outside the SDK's retry loop, so a crash
 * is never retried. `beforeSend`: the call throws SimulatedCrash and no request leaves the process.
 * `afterResponse`: the call is sent and answered (retries included); if it succeeded, the answer is
 * dropped and SimulatedCrash is thrown instead. A call that fails with a service error propagates
 * that error and does not use up the crash point.
 */
export function addCrashPoint(client: AnyClient, spec: CrashPointSpec): CrashPointHandle {
  const state = { fired: 0, remaining: spec.times ?? 1, skip: spec.skip ?? 0 };
  const name = `standInCrashPoint${++crashCounter}`;
  const stack = client.middlewareStack as unknown as LooseStack;
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown): Promise<unknown> => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      if (operation !== spec.operation || state.remaining <= 0) return next(args);
      if (state.skip > 0) {
        state.skip--;
        return next(args);
      }
      if (spec.when === 'beforeSend') {
        state.fired++;
        state.remaining--;
        throw new SimulatedCrash(operation, 'beforeSend');
      }
      await next(args);
      state.fired++;
      state.remaining--;
      throw new SimulatedCrash(operation, 'afterResponse');
    };
  stack.add(middleware, { step: 'initialize', priority: 'high', name });
  return {
    get fired() {
      return state.fired;
    },
    get remaining() {
      return state.remaining;
    },
    remove: () => {
      stack.remove(name);
    },
  };
}
