/**
 * A test world for the broker and the rotation: the stand-ins, a delegated client shaped like `DelegatedClient`
 * (public client, rotation on with a 60 s grace period, 15-minute access tokens), a user with a grant, a vault, and
 * factories for independent broker and rotation instances (each its own SDK clients and memory: two instances are
 * two Lambda execution environments).
 *
 * Nothing here prints a token: inspection goes through the stand-ins' references and booleans.
 */
import { EMPTY_VAULT_VALUE } from '../../lib/handlers/vault-format';
import { randomUUID } from 'node:crypto';
import { RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { Broker, type BrokerOptions } from '../../lib/token-broker/broker';
import type { GrantConfig, Runtime } from '../../lib/token-broker/runtime';
import { Revocation, type RevocationOptions } from '../../lib/token-broker/revocation';
import { Rotation, type RotationEvent } from '../../lib/token-broker/rotation';
import { seedVault } from '../../lib/token-broker/seed-vault';
import { parseVaultRecord, type VaultRecord } from '../../lib/token-broker/vault-record';
import { parseLease, slotRoot } from '../../lib/token-broker/grant-keeper';
import { AWSCURRENT, AWSPENDING, type CognitoOptions, deferred, type LeakDetector, type LeakFinding, seedDelegatedClient, type StandInOptions, type StandIns, startStandIns } from '../standins';

export const GRACE_SECONDS = 60;
export const ACCESS_MINUTES = 15;
export const ROTATION_LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:vault-rotation';

export interface World {
  s: StandIns;
  clientId: string;
  userPoolId: string;
  username: string;
  secretArn: string;
  /** The grant configuration new instances get (a test may replace it). */
  cfg: GrantConfig;
  /** Every log line any instance wrote. */
  lines: string[];
  /** Every error any instance threw (for leak scans). */
  errors: unknown[];
  runtime(setup?: boolean): Runtime;
  /**
   * A broker instance. `patient`: its SDK clients have no short request timeout, for an instance whose call a test
   * holds at the server (under load, a held call would otherwise time out and be retried).
   */
  broker(options?: BrokerOptions, patient?: boolean): Broker;
  /** A rotation instance (`patient` as for `broker`). */
  rotation(patient?: boolean): Rotation;
  /** A revocation of the grant, as the deployed function runs it (its own SDK clients). */
  revocation(options?: RevocationOptions): Revocation;
  /** The SDK clients of an instance (to add crash points to it). */
  clientsOf(instance: Broker | Rotation | Revocation): Runtime;
  /** Signs the user in (a new grant) and seeds the vault with its refresh token. */
  seed(): Promise<void>;
  /** Starts a rotation as Secrets Manager would (RotateSecret) and returns the event for the rotation function. */
  startRotation(): Promise<Omit<RotationEvent, 'Step'>>;
  /** Runs the four rotation steps with one rotation instance. */
  rotateFully(rotation: Rotation, event: Omit<RotationEvent, 'Step'>): Promise<void>;
  /** Every stored version with its record (deprecated ones included), oldest first. */
  stored(): { versionId: string; stages: string[]; record: VaultRecord }[];
  current(): { versionId: string; record: VaultRecord };
  /**
   * A record with its tokens replaced by the stand-ins' references (`rt-3`), for assertions: a failing expectation
   * prints what it received, and that must not be token material.
   */
  summary(record: VaultRecord | undefined): Record<string, unknown> | undefined;
  /** Calls `fn`, remembering what it threw. */
  attempt<T>(fn: () => Promise<T>): Promise<T | Error>;
  /** Calls `fn`, which should fail: its error, or an Error saying it succeeded (never its result, which may be a token). */
  failure(fn: () => Promise<unknown>): Promise<Error>;
  /** Lines that are metrics named `name`. */
  metrics(name: string): Record<string, unknown>[];
  /** Parsed log lines with `event`. */
  events(event: string): Record<string, unknown>[];
  /** Holds the next `times` matching PutSecretValue calls until `release()` (their effect happens on release). */
  holdPuts(times: number, when?: (input: Record<string, unknown>) => boolean): { release(): void };
  /** Resolves once the stand-ins have received `count` calls of `operation`. */
  untilCalls(operation: string, count: number): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  cognito?: CognitoOptions;
  secretsManager?: StandInOptions['secretsManager'];
  minValiditySeconds?: number;
  maxVersionsPerDay?: number;
  /** The client's access-token lifetime. @default ACCESS_MINUTES */
  accessMinutes?: number;
  /**
   * The request timeout of an instance's SDK clients (not a patient one's), in ms. @default 2,000: a call no test holds
   * must not time out because the machine is busy (at 250 ms, "five instances at once" saw a second refresh under load).
   */
  clientTimeoutMs?: number;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const s = await startStandIns({ cognito: options.cognito, secretsManager: options.secretsManager });
  const seed = seedDelegatedClient(s, {
    graceSeconds: GRACE_SECONDS,
    secret: false,
    overrides: { AccessTokenValidity: options.accessMinutes ?? ACCESS_MINUTES, IdTokenValidity: options.accessMinutes ?? ACCESS_MINUTES, RefreshTokenValidity: 7 },
  });
  // Created as RefreshTokenVault creates it: the minimal empty shape, no client id.
  const secret = s.secrets.createSecret({ Name: 'vault/integration', SecretString: EMPTY_VAULT_VALUE });
  const cfg: GrantConfig = {
    secretId: secret.ARN,
    clientId: seed.clientId,
    grantName: 'integration',
    graceSeconds: GRACE_SECONDS,
    minValiditySeconds: options.minValiditySeconds ?? 120,
    ...(options.maxVersionsPerDay !== undefined ? { maxVersionsPerDay: options.maxVersionsPerDay } : {}),
  };
  const lines: string[] = [];
  const errors: unknown[] = [];

  /** An instance's runtime; `setup`: the test's own calls (seeding, starting a rotation), with no short timeout to trip. */
  const runtime = (setup = false): Runtime => {
    // (setup: the test's own calls; a patient instance: one whose calls a test holds)
    const { secrets, cognito } = s.clients({ maxAttempts: 1, ...(setup ? {} : { requestTimeoutMs: options.clientTimeoutMs ?? 2_000 }) });
    return {
      secrets,
      cognito,
      now: () => s.clock.now(),
      wallNow: () => Date.now(),
      // No real backoff, but a random turn or two of the event loop, so that instances started together do not stay
      // in lockstep (a lease both back off from is taken by one of them on the next try).
      sleep: () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3))),
      write: (line) => {
        lines.push(line);
      },
      newVersionId: () => randomUUID(),
    };
  };

  const stored = () =>
    s.secrets.describe(secret.ARN).Versions.flatMap((v) => {
      const text = s.secrets.value(secret.ARN, { versionId: v.VersionId });
      return typeof text === 'string' ? [{ versionId: v.VersionId, stages: v.VersionStages, record: parseVaultRecord(text) }] : [];
    });

  const runtimes = new WeakMap<Broker | Rotation | Revocation, Runtime>();
  const remember = <T extends Broker | Rotation | Revocation>(instance: T, rt: Runtime): T => {
    runtimes.set(instance, rt);
    return instance;
  };

  const world: World = {
    s,
    clientId: seed.clientId,
    userPoolId: seed.userPoolId,
    username: seed.username,
    secretArn: secret.ARN,
    cfg,
    lines,
    errors,
    runtime,
    broker: (brokerOptions, patient) => {
      const rt = runtime(patient);
      return remember(new Broker(rt, world.cfg, brokerOptions), rt);
    },
    rotation: (patient) => {
      const rt = runtime(patient);
      return remember(new Rotation(rt, world.cfg), rt);
    },
    revocation: (revocationOptions) => {
      const rt = runtime();
      return remember(new Revocation(rt, { secretId: secret.ARN, clientId: seed.clientId, grantName: cfg.grantName }, revocationOptions), rt);
    },
    clientsOf: (instance) => {
      const rt = runtimes.get(instance);
      if (!rt) throw new Error('not an instance of this world');
      return rt;
    },
    async seed() {
      const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username, via: 'oauth' });
      const result = await seedVault(runtime(true), { secretId: secret.ARN, clientId: seed.clientId, refreshToken: RefreshToken });
      if (!result.ok) throw new Error(`seeding failed: ${result.problem}`);
    },
    async startRotation() {
      const before = s.secrets.rotationRequests(secret.ARN).length;
      await runtime(true).secrets.send(new RotateSecretCommand({ SecretId: secret.ARN, RotationLambdaARN: ROTATION_LAMBDA, RotationRules: { ScheduleExpression: 'rate(4 hours)' } }));
      const request = s.secrets.rotationRequests(secret.ARN)[before];
      if (!request) throw new Error('RotateSecret recorded no rotation request');
      return { SecretId: request.SecretId, ClientRequestToken: request.ClientRequestToken, RotationToken: request.RotationToken };
    },
    async rotateFully(rotation, event) {
      for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) await rotation.run({ ...event, Step });
    },
    stored,
    current() {
      const c = stored().find((v) => v.stages.includes(AWSCURRENT));
      if (!c) throw new Error('no current version');
      return c;
    },
    summary(record) {
      if (!record) return undefined;
      const named = (t: string | undefined) => (t === undefined ? undefined : (s.leaks.refOf(t) ?? '(unregistered)'));
      return { ...record, refreshToken: named(record.refreshToken), accessToken: named(record.accessToken) };
    },
    async failure(fn) {
      const outcome = await world.attempt(fn);
      return outcome instanceof Error ? outcome : new Error('expected a failure, but the call succeeded');
    },
    async attempt(fn) {
      try {
        return await fn();
      } catch (e) {
        errors.push(e);
        return e as Error;
      }
    },
    metrics: (name) => parsed(lines).filter((l) => typeof l._aws === 'object' && name in l),
    events: (event) => parsed(lines).filter((l) => l.event === event),
    holdPuts(times, when) {
      const gate = deferred();
      s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'delay', until: gate.promise, times, ...(when ? { when } : {}) });
      return { release: () => gate.resolve() };
    },
    async untilCalls(operation, count) {
      for (let turn = 0; s.calls.count({ operation }) < count; turn++) {
        if (turn > 100_000) throw new Error(`untilCalls: ${operation} was called ${s.calls.count({ operation })} times, not ${count}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    close: () => s.close(),
  };
  return world;
}

/**
 * A fresh world for every test of the calling file (handed over through `set`), closed after it; every test ends
 * by scanning every log line and error of the world for token material.
 */
export function worldPerTest(set: (w: World) => void, options?: Parameters<typeof startWorld>[0]): void {
  let current: World;
  beforeEach(async () => {
    current = await startWorld(options);
    set(current);
  });
  afterEach(async () => {
    const leaks = tokenLeaks(current, current.lines, current.errors);
    await current.close();
    expect(leaks.summary).toBe('no token material found');
  });
}

function parsed(lines: string[]): Record<string, unknown>[] {
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * The state invariants, checked after the grace period of the latest rotation has passed (until then the previous
 * token is legitimately usable too): the current version is active and its token can mint; no stored token but the
 * current one can (a rotation's pending version may repeat the current token); no version is left staged AWSPENDING
 * beside the current one; no lease label is left on the current token. Returns problems (references, never values).
 */
export function invariantProblems(w: World): string[] {
  const problems: string[] = [];
  const current = w.current();
  if (current.record.state !== 'active') problems.push(`current version is ${current.record.state} (${current.record.reason ?? ''})`);
  else if (!w.s.cognito.canMint(current.record.refreshToken as string)) problems.push(`current token ${ref(w, current.record.refreshToken)} cannot mint`);
  for (const v of w.stored()) {
    if (v.versionId === current.versionId || !v.record.refreshToken || v.record.refreshToken === current.record.refreshToken) continue;
    if (w.s.cognito.canMint(v.record.refreshToken)) problems.push(`non-current version ${v.versionId.slice(0, 8)} holds usable token ${ref(w, v.record.refreshToken)}`);
  }
  const pending = w.stored().find((v) => v.stages.includes(AWSPENDING));
  if (pending && pending.versionId !== current.versionId) problems.push(`AWSPENDING left on non-current version ${pending.versionId.slice(0, 8)}`);
  const root = slotRoot(current);
  const leases = (w.s.secrets.stages(w.secretArn)[root] ?? []).filter((label) => parseLease(label));
  if (leases.length > 0) problems.push(`${leases.length} lease label(s) left on the current token`);
  return problems;
}

/**
 * Whether the grant is lost, judged from the end state: the current version is not an active record whose token can
 * mint. (Call it after the grace period: until then a rotated-out token still mints.)
 */
export function grantLost(w: World): boolean {
  const current = w.current();
  return !(current.record.state === 'active' && w.s.cognito.canMint(current.record.refreshToken as string));
}

/** Whether any stored token (any version) can still refresh. */
export function grantAlive(w: World): boolean {
  return w.stored().some((v) => v.record.refreshToken !== undefined && w.s.cognito.canMint(v.record.refreshToken));
}

/** Lease labels on any version, with their age in seconds (stand-in clock). */
export function leaseLabels(w: World): { versionId: string; ageSeconds: number }[] {
  return Object.entries(w.s.secrets.stages(w.secretArn)).flatMap(([versionId, labels]) =>
    labels.flatMap((label) => {
      const lease = parseLease(label);
      return lease ? [{ versionId, ageSeconds: (w.s.clock.now() - lease.at) / 1000 }] : [];
    }),
  );
}

/**
 * Token material found in `inputs`: refresh, access and ID tokens, client secrets and rotation tokens, as the
 * stand-ins registered them when they issued them. The vault's own JSON leaves (registered as `secret_value`) are
 * left out: besides the tokens (registered under their own kinds) they are version ids and timestamps, which the
 * broker logs on purpose. `bytes` counts the characters of each leaked value (a partial match counts the detector's
 * minimum fragment length, a lower bound).
 */
export function tokenLeaks(w: World, ...inputs: unknown[]): { count: number; bytes: number; summary: string } {
  const findings = tokenFindings(w.s.leaks, ...inputs);
  const refs = new Map<string, number>();
  for (const f of findings) {
    const size = f.match === 'full' ? (valueLength(w, f.ref) ?? w.s.leaks.minPartialLength) : w.s.leaks.minPartialLength;
    refs.set(f.ref, Math.max(refs.get(f.ref) ?? 0, size));
  }
  const bytes = [...refs.values()].reduce((a, b) => a + b, 0);
  return { count: refs.size, bytes, summary: describeFindings(findings) };
}

/** The leak detector's findings of token material (see tokenLeaks for what is left out, and why). */
export function tokenFindings(leaks: LeakDetector, ...inputs: unknown[]): LeakFinding[] {
  return leaks.scan(...inputs).findings.filter((f) => f.kind !== 'secret_value');
}

export function describeFindings(findings: LeakFinding[]): string {
  return findings.length === 0 ? 'no token material found' : findings.map((f) => `${f.kind} ${f.ref} (${f.match}) in input #${f.input}`).join('; ');
}

/** Length of a registered token, from the stand-ins' inspection API (lengths only, never values). */
function valueLength(w: World, ref: string): number | undefined {
  for (const v of w.stored()) {
    for (const t of [v.record.refreshToken, v.record.accessToken]) if (t && w.s.leaks.refOf(t) === ref) return t.length;
  }
  return undefined;
}

export function ref(w: World, token: string | undefined): string {
  return token === undefined ? '(none)' : (w.s.leaks.refOf(token) ?? '(unknown)');
}
