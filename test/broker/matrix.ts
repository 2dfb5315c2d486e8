/**
 * The fault matrix, run once per Cognito revocation semantics (fault-matrix.test.ts: revoking a token ends that token;
 * fault-matrix.family.test.ts: it ends the whole origin_jti family, and so does presenting a token after its grace
 * period). Three parts, each with its summary line:
 *
 * 1. Call sites: every AWS call the broker, the rotation and the revocation make × {throttle (a blip and an outage),
 *    5xx (a blip and an outage, both applied: the service acted, the answer was lost), timeout (applied), crash before
 *    the call, crash after its answer}, plus concurrent writers. A scenario seeds a grant, injects one fault at one
 *    call, runs the flow, and retries what failed the way production would: Secrets Manager repeats a failed rotation
 *    step, a consumer repeats a failed broker call, an operator reruns a revocation, 15 s apart, at most 3 times,
 *    a crashed instance replaced by a fresh one.
 * 2. Outages: each dependency (Cognito; Secrets Manager reads; Secrets Manager writes) fails every call for longer
 *    than the grace period and the access-token lifetime (20 minutes, and 6 hours), beginning between invocations or
 *    at the dependency's first call in a refresh, while consumers keep calling every 5 minutes, broker instances are
 *    recycled every 30 minutes and a scheduled rotation starts. The operator must see an alarm during each.
 *
 * Afterwards (the end state, judged after the grace period and the access-token lifetime have passed, and a fresh
 * broker has served): the grant is not lost (the current version is active and its token mints), the served token
 * works, no stored token but the current one can mint, no lease is left on the current token, no AWSPENDING is left
 * behind, and no log line, error or report holds token material. A revocation scenario ends with no stored token able
 * to mint and the vault tombstoned. What the grant cannot survive is not in the matrix: it is tested on its own in
 * limits.test.ts and written down in docs/broker.md.
 */
import { addCrashPoint } from '../standins';
import type { Broker } from '../../lib/token-broker/broker';
import type { Revocation, RevocationReport } from '../../lib/token-broker/revocation';
import type { Rotation, RotationEvent } from '../../lib/token-broker/rotation';
import { ACCESS_MINUTES, GRACE_SECONDS, grantLost, invariantProblems, startWorld, tokenLeaks, type World } from './world';

export type Semantics = 'token' | 'family';

type Step = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
const STEPS: Step[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

type FaultKind = 'throttle' | 'throttle-outage' | '5xx' | '5xx-outage' | 'timeout' | 'crash-before' | 'crash-after';
const KINDS: FaultKind[] = ['throttle', 'throttle-outage', '5xx', '5xx-outage', 'timeout', 'crash-before', 'crash-after'];
/** More consecutive failures than any retry loop of the handlers makes: the invocation fails. */
const OUTAGE = 10;
/**
 * The SDK clients' request timeout: what an injected `timeout` fault costs (a spurious one is a fault handled too).
 * Real milliseconds in a test that otherwise runs on the stand-in's clock: short enough to keep the matrix quick, long
 * enough that a loaded machine does not turn ordinary calls into extra faults (at 100 ms it did, under four busy loops).
 */
const CLIENT_TIMEOUT_MS = 500;
/** Jest's limit for one test of the matrix (seven scenarios, each a few hundred ms on an idle machine). */
const TEST_TIMEOUT_MS = 180_000;

type Input = Record<string, unknown>;
const isLease = (i: Input) => String(i.VersionStage).startsWith('TOKENGUARD_LEASE_');

interface Site {
  readonly component: 'broker' | 'rotation' | 'revocation';
  readonly service: 'cognito' | 'secretsmanager';
  readonly operation: string;
  readonly label?: string;
  /** Rotation: the step the call belongs to. */
  readonly step?: Step;
  /** Identifies the call among same-named ones (server-side faults); `pending` is the rotation's version id. */
  readonly match?: (input: Input, pending: string) => boolean;
  /** The same for crash points: how many calls of the operation (within the step) come first. */
  readonly skip?: number;
}

const byId = (pred: (id: unknown, pending: string) => boolean) => (input: Input, pending: string) => pred(input.VersionId, pending);

const SITES: Site[] = [
  // A broker's refresh: GetSecretValue(AWSCURRENT), ListSecretVersionIds, lease, ListSecretVersionIds,
  // GetTokensFromRefreshToken, PutSecretValue, compare-and-swap, lease released.
  { component: 'broker', service: 'secretsmanager', operation: 'GetSecretValue', label: 'AWSCURRENT', match: (i) => i.VersionStage === 'AWSCURRENT' },
  { component: 'broker', service: 'secretsmanager', operation: 'ListSecretVersionIds', label: 'reconcile' },
  { component: 'broker', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'lease', match: (i) => isLease(i) && i.MoveToVersionId !== undefined },
  { component: 'broker', service: 'secretsmanager', operation: 'ListSecretVersionIds', label: 'lease check', skip: 1 },
  { component: 'broker', service: 'cognito', operation: 'GetTokensFromRefreshToken' },
  { component: 'broker', service: 'secretsmanager', operation: 'PutSecretValue' },
  { component: 'broker', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'compare-and-swap', match: (i) => i.VersionStage === 'AWSCURRENT', skip: 1 },
  { component: 'broker', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'lease release', match: (i) => isLease(i) && i.MoveToVersionId === undefined, skip: 2 },
  // The rotation: the protocol's DescribeSecret and the pending version's reads in each step; in createSecret the
  // broker's refresh (reconcile, lease, Cognito, put, compare-and-swap) and the alias put; finishSecret's moves.
  ...(['createSecret', 'testSecret', 'finishSecret'] as Step[]).map((step): Site => ({ component: 'rotation', service: 'secretsmanager', operation: 'DescribeSecret', step })),
  ...(['createSecret', 'testSecret', 'finishSecret'] as Step[]).map(
    (step): Site => ({ component: 'rotation', service: 'secretsmanager', operation: 'GetSecretValue', label: 'pending', step, match: byId((id, pending) => id === pending) }),
  ),
  { component: 'rotation', service: 'secretsmanager', operation: 'ListSecretVersionIds', label: 'reconcile', step: 'createSecret' },
  { component: 'rotation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'lease', step: 'createSecret', match: (i) => isLease(i) && i.MoveToVersionId !== undefined },
  { component: 'rotation', service: 'cognito', operation: 'GetTokensFromRefreshToken', step: 'createSecret' },
  { component: 'rotation', service: 'secretsmanager', operation: 'PutSecretValue', label: 'child', step: 'createSecret', match: (i) => !String(i.SecretString).includes('"aliasOf"') },
  { component: 'rotation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'compare-and-swap', step: 'createSecret', match: (i) => i.VersionStage === 'AWSCURRENT', skip: 1 },
  { component: 'rotation', service: 'secretsmanager', operation: 'PutSecretValue', label: 'alias (AWSPENDING)', step: 'createSecret', match: (i) => String(i.SecretString).includes('"aliasOf"'), skip: 1 },
  { component: 'rotation', service: 'secretsmanager', operation: 'ListSecretVersionIds', step: 'finishSecret' },
  { component: 'rotation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'compare-and-swap', step: 'finishSecret', match: (i) => i.VersionStage === 'AWSCURRENT' },
  { component: 'rotation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'remove AWSPENDING', step: 'finishSecret', match: (i) => i.VersionStage === 'AWSPENDING', skip: 1 },
  // The revocation: reconcile, every version read, every token revoked, the tombstone put and committed, AWSPREVIOUS off.
  { component: 'revocation', service: 'secretsmanager', operation: 'ListSecretVersionIds' },
  { component: 'revocation', service: 'secretsmanager', operation: 'GetSecretValue', label: 'a version', skip: 1 },
  { component: 'revocation', service: 'cognito', operation: 'RevokeToken', skip: 1 },
  { component: 'revocation', service: 'secretsmanager', operation: 'PutSecretValue', label: 'tombstone' },
  { component: 'revocation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'compare-and-swap', match: (i) => i.VersionStage === 'AWSCURRENT' },
  { component: 'revocation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'remove AWSPREVIOUS', match: (i) => i.VersionStage === 'AWSPREVIOUS', skip: 1 },
];

export interface Outcome {
  readonly name: string;
  /** Judged from the end state (after the grace period). Revocation scenarios: the grant is meant to end. */
  readonly lost: boolean;
  readonly leakedBytes: number;
  readonly problems: string[];
}

const siteName = (s: Site) => `${s.component} ${s.step ? `${s.step} ` : ''}${s.operation}${s.label ? ` (${s.label})` : ''}`;

/** Repeats a failed flow the way production does, 15 s apart; the factory gives a fresh instance after a crash. */
async function retryWithin<T>(w: World, first: T, run: (instance: T) => Promise<boolean>, fresh: () => T, problems: string[]): Promise<void> {
  let instance = first;
  for (let attempt = 0; attempt <= 3; attempt++) {
    if (attempt > 0) w.s.clock.advance(15);
    const crashedBefore = crashes(w);
    if (await run(instance)) return;
    w.s.faults.clear();
    if (crashes(w) > crashedBefore) instance = fresh();
  }
  problems.push('still failing after 3 retries');
}

const crashes = (w: World) => w.errors.filter((e) => (e as Error).name === 'SimulatedCrash').length;

/** Runs the rotation's steps from where it stopped; returns whether all succeeded. */
function rotationRunner(event: Omit<RotationEvent, 'Step'>) {
  let next = 0;
  return async (w: World, r: Rotation, until = STEPS.length): Promise<boolean> => {
    for (; next < until; next++) {
      const outcome = await w.attempt(() => r.run({ ...event, Step: STEPS[next] as Step }));
      if (outcome instanceof Error) return false;
    }
    return true;
  };
}

function inject(w: World, site: Site, kind: FaultKind, clients: { cognito: object; secrets: object }, pending: string): { fired(): number } {
  if (kind === 'crash-before' || kind === 'crash-after') {
    const client = (site.service === 'cognito' ? clients.cognito : clients.secrets) as Parameters<typeof addCrashPoint>[0];
    const crash = addCrashPoint(client, { operation: site.operation, when: kind === 'crash-before' ? 'beforeSend' : 'afterResponse', skip: site.skip });
    return { fired: () => crash.fired };
  }
  const [base, outage] = kind.split('-') as [string, string | undefined];
  const handle = w.s.faults.inject({
    service: site.service,
    operation: site.operation,
    kind: base === 'throttle' ? 'throttle' : base === '5xx' ? '5xx' : 'timeout',
    applied: base !== 'throttle',
    times: outage ? OUTAGE : 1,
    ...(site.match ? { when: (input: Input) => (site.match as NonNullable<Site['match']>)(input, pending) } : {}),
  });
  return { fired: () => handle.fired };
}

/** The end state: after the grace period and the access-token lifetime, a fresh broker serves a working token. */
async function endState(w: World, name: string, problems: string[]): Promise<Outcome> {
  w.s.faults.clear();
  w.s.clock.advance(GRACE_SECONDS + ACCESS_MINUTES * 60);
  const served = await w.attempt(() => w.broker().getAccessToken());
  if (served instanceof Error || !w.s.cognito.introspectAccessToken(served.accessToken).active) problems.push(`afterwards no working access token (${(served as Error).name ?? 'inactive'})`);
  w.s.clock.advance(GRACE_SECONDS);
  problems.push(...invariantProblems(w));
  return { name, lost: grantLost(w), leakedBytes: tokenLeaks(w, w.lines, w.errors).bytes, problems };
}

/** The end state of a revocation: nothing stored can mint, the tombstone is current, a broker refuses. */
async function revokedState(w: World, name: string, problems: string[], reports: RevocationReport[]): Promise<Outcome> {
  w.s.faults.clear();
  const usable = w.stored().filter((v) => v.record.refreshToken !== undefined && w.s.cognito.canMint(v.record.refreshToken));
  if (usable.length > 0) problems.push(`${usable.length} stored token(s) still mint`);
  if (w.current().record.state !== 'revoked') problems.push(`the current version is ${w.current().record.state}, not revoked`);
  const refused = await w.attempt(() => w.broker().getAccessToken());
  if (!(refused instanceof Error) || (refused as { state?: string }).state !== 'revoked') problems.push('a broker did not refuse the revoked grant');
  return { name, lost: false, leakedBytes: tokenLeaks(w, w.lines, w.errors, reports).bytes, problems };
}

async function siteScenario(semantics: Semantics, site: Site, kind: FaultKind): Promise<Outcome> {
  const name = `${siteName(site)} × ${kind}`;
  const problems: string[] = [];
  const w = await startWorld({ clientTimeoutMs: CLIENT_TIMEOUT_MS, cognito: { revocation: semantics } });
  try {
    await w.seed();
    let fired: () => number = () => 0;
    if (site.component === 'broker') {
      const b = w.broker();
      fired = inject(w, site, kind, w.clientsOf(b), '').fired;
      await retryWithin(w, b, async (x: Broker) => !((await w.attempt(() => x.getAccessToken())) instanceof Error), () => w.broker(), problems);
    } else if (site.component === 'rotation') {
      w.s.clock.advance(2 * 3600); // an idle grant: the rotation refreshes it
      const event = await w.startRotation();
      const runSteps = rotationRunner(event);
      const r = w.rotation();
      if (!(await runSteps(w, r, STEPS.indexOf(site.step as Step)))) problems.push('setup: the steps before the faulted one failed');
      fired = inject(w, site, kind, w.clientsOf(r), event.ClientRequestToken).fired;
      await retryWithin(w, r, (x: Rotation) => runSteps(w, x), () => w.rotation(), problems);
    } else {
      await w.broker().getAccessToken(); // two stored tokens: the seeded one (rotated out) and the current one
      const reports: RevocationReport[] = [];
      const first = w.revocation();
      fired = inject(w, site, kind, w.clientsOf(first), '').fired;
      await retryWithin(
        w,
        first,
        async (x: Revocation) => {
          const report = await w.attempt(() => x.run());
          if (report instanceof Error) return false;
          reports.push(report);
          return report.outcome !== 'incomplete';
        },
        () => w.revocation(),
        problems,
      );
      if (fired() === 0) problems.push('the fault never fired');
      return await revokedState(w, name, problems, reports);
    }
    if (fired() === 0) problems.push('the fault never fired');
    return await endState(w, name, problems);
  } finally {
    await w.close();
  }
}

/** Writers at once, and a fault or two among them. */
const CONCURRENCY: { name: string; run(w: World, problems: string[]): Promise<void> }[] = [
  {
    name: 'two brokers refresh at once',
    async run(w) {
      await Promise.all([w.broker(), w.broker()].map((b) => w.attempt(() => b.getAccessToken())));
    },
  },
  {
    name: 'five brokers refresh at once',
    async run(w) {
      await Promise.all(Array.from({ length: 5 }, () => w.broker()).map((b) => w.attempt(() => b.getAccessToken())));
    },
  },
  {
    name: 'a slow broker (its put held) and another that takes its lease over: both present the token, one child is stored',
    async run(w, problems) {
      const hold = w.holdPuts(1);
      const slow = w.attempt(() => w.broker(undefined, true).getAccessToken());
      await w.untilCalls('PutSecretValue', 2);
      w.s.clock.advance(15);
      if ((await w.attempt(() => w.broker().getAccessToken())) instanceof Error) problems.push('the second broker failed');
      hold.release();
      if ((await slow) instanceof Error) problems.push('the slow broker failed');
      if (w.s.calls.count({ operation: 'RevokeToken' }) > 0) problems.push('a token was revoked');
    },
  },
  {
    name: 'a broker that cannot store keeps its token; another takes the lease over within the grace period; the first drops its token',
    async run(w, problems) {
      const a = w.broker();
      w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'throttle', times: 6 });
      await w.attempt(() => a.getAccessToken());
      w.s.clock.advance(15);
      if ((await w.attempt(() => w.broker().getAccessToken())) instanceof Error) problems.push('the second broker failed');
      if ((await w.attempt(() => a.getAccessToken())) instanceof Error) problems.push('the first broker failed afterwards');
      if (w.s.calls.count({ operation: 'RevokeToken' }) > 0) problems.push('a token was revoked');
    },
  },
  {
    name: 'one broker crashes after storing its child, another refreshes at once',
    async run(w) {
      const [a, b] = [w.broker(), w.broker()];
      addCrashPoint(w.clientsOf(a).secrets, { operation: 'UpdateSecretVersionStage', when: 'beforeSend', skip: 1 });
      await Promise.all([w.attempt(() => a.getAccessToken()), w.attempt(() => b.getAccessToken())]);
      w.s.clock.advance(15);
      await w.attempt(() => w.broker().getAccessToken());
    },
  },
  {
    name: 'a rotation and a broker at once',
    async run(w, problems) {
      w.s.clock.advance(2 * 3600);
      const event = await w.startRotation();
      const [broker, rotation] = await Promise.all([w.attempt(() => w.broker().getAccessToken()), w.attempt(() => w.rotateFully(w.rotation(), event))]);
      if (broker instanceof Error) problems.push('the broker failed');
      if (rotation instanceof Error) {
        // A step deferred by the broker's lease is retried by Secrets Manager.
        w.s.clock.advance(15);
        if ((await w.attempt(() => w.rotateFully(w.rotation(), event))) instanceof Error) problems.push('the rotation failed on its retry');
      }
    },
  },
  {
    name: 'a broker refreshes between createSecret and finishSecret',
    async run(w, problems) {
      w.s.clock.advance(2 * 3600);
      const event = await w.startRotation();
      const r = w.rotation();
      await r.run({ ...event, Step: 'createSecret' });
      w.s.clock.advance(ACCESS_MINUTES * 60);
      if ((await w.attempt(() => w.broker().getAccessToken())) instanceof Error) problems.push('the broker failed');
      for (const Step of STEPS.slice(1)) await r.run({ ...event, Step });
    },
  },
];

async function concurrencyScenario(semantics: Semantics, c: (typeof CONCURRENCY)[number]): Promise<Outcome> {
  const problems: string[] = [];
  const w = await startWorld({ clientTimeoutMs: CLIENT_TIMEOUT_MS, cognito: { revocation: semantics } });
  try {
    await w.seed();
    await c.run(w, problems);
    return await endState(w, `concurrent: ${c.name}`, problems);
  } finally {
    await w.close();
  }
}

type Dependency = 'cognito' | 'secretsmanager reads' | 'secretsmanager writes';
const DEPENDENCIES: Record<Dependency, { service: 'cognito' | 'secretsmanager'; operations: string[]; alarm: string }> = {
  cognito: { service: 'cognito', operations: ['GetTokensFromRefreshToken', 'RevokeToken'], alarm: 'aws-unavailable' },
  'secretsmanager reads': { service: 'secretsmanager', operations: ['GetSecretValue', 'ListSecretVersionIds', 'DescribeSecret'], alarm: 'aws-unavailable' },
  'secretsmanager writes': { service: 'secretsmanager', operations: ['PutSecretValue', 'UpdateSecretVersionStage'], alarm: 'store-unavailable' },
};
export const OUTAGE_LENGTHS: readonly { label: string; seconds: number }[] = [
  { label: '20 minutes', seconds: 20 * 60 },
  { label: '6 hours', seconds: 6 * 3600 },
];
const STARTS = ['between invocations', 'at its first call in a refresh'] as const;
/** Consumers call 12 times during an outage (every 5 minutes at least), instances are recycled 4 times. */
const consumerEvery = (seconds: number) => Math.max(5 * 60, seconds / 12);

/**
 * One dependency fails every call for `seconds`; consumers call every 5 minutes (every 30 minutes in longer outages),
 * broker instances are recycled every third call; a scheduled rotation starts on the outage's second call (and is
 * retried by Secrets Manager on the following ones, and after the outage, until it completes).
 */
async function outageScenario(semantics: Semantics, dependency: Dependency, seconds: number, start: (typeof STARTS)[number]): Promise<Outcome> {
  const name = `${dependency} down ${seconds / 60} min, beginning ${start}`;
  const problems: string[] = [];
  const w = await startWorld({ clientTimeoutMs: CLIENT_TIMEOUT_MS, cognito: { revocation: semantics } });
  try {
    await w.seed();
    let broker = w.broker();
    if ((await w.attempt(() => broker.getAccessToken())) instanceof Error) problems.push('setup: no token before the outage');
    const dep = DEPENDENCIES[dependency];
    // Every call of the dependency fails from the moment the outage begins: at once, or at the dependency's first call
    // of the next refresh (the lease for writes, the reconcile's list for reads, the refresh itself for Cognito).
    const trigger = dep.service === 'cognito' ? 'GetTokensFromRefreshToken' : dependency === 'secretsmanager reads' ? 'ListSecretVersionIds' : 'UpdateSecretVersionStage';
    let active = start === 'between invocations';
    const faults = dep.operations.map((operation) =>
      w.s.faults.inject({
        service: dep.service,
        operation,
        kind: '5xx',
        times: Infinity,
        when: () => {
          if (!active && operation === trigger) active = true;
          return active;
        },
      }),
    );
    w.s.clock.advance(ACCESS_MINUTES * 60); // the stored token is due for a refresh when the outage begins
    const alarmsBefore = w.metrics('BrokerFailure').length + w.metrics('RotationFailure').length;
    let rotation: { event: Omit<RotationEvent, 'Step'>; done: boolean } | undefined;
    const every = consumerEvery(seconds);
    for (let call = 0; call * every < seconds; call++) {
      if (call > 0 && call % 3 === 0) broker = w.broker(); // recycled: whatever it held in memory is gone
      await w.attempt(() => broker.getAccessToken());
      if (call >= 1 && !rotation) {
        const event = await w.attempt(() => w.startRotation());
        if (!(event instanceof Error)) rotation = { event, done: false };
      }
      if (rotation && !rotation.done) rotation.done = !((await w.attempt(() => w.rotateFully(w.rotation(), rotation?.event as Omit<RotationEvent, 'Step'>))) instanceof Error);
      w.s.clock.advance(every);
    }
    if (w.metrics('BrokerFailure').length + w.metrics('RotationFailure').length === alarmsBefore) problems.push('no alarm during the outage');
    if (!w.metrics('BrokerFailure').some((m) => m.reason === dep.alarm)) problems.push(`no ${dep.alarm} alarm`);
    for (const f of faults) f.cancel();
    // Recovery: a recycled instance serves again; a rotation left unfinished is retried by Secrets Manager.
    broker = w.broker();
    if ((await w.attempt(() => broker.getAccessToken())) instanceof Error) problems.push('no token right after the outage');
    if (rotation && !rotation.done && (await w.attempt(() => w.rotateFully(w.rotation(), rotation?.event as Omit<RotationEvent, 'Step'>))) instanceof Error) {
      problems.push('the rotation did not complete after the outage');
    }
    return await endState(w, name, problems);
  } finally {
    await w.close();
  }
}

function summarise(title: string, outcomes: Outcome[], expected: number): void {
  const lost = outcomes.filter((o) => o.lost).length;
  const leaked = outcomes.reduce((n, o) => n + o.leakedBytes, 0);
  process.stdout.write(`${title}: ${outcomes.length} scenarios, ${lost} grants lost, ${leaked} token bytes leaked\n`);
  expect(outcomes).toHaveLength(expected);
  expect(outcomes.filter((o) => o.problems.length > 0).map((o) => `${o.name}: ${o.problems.join('; ')}`)).toEqual([]);
  expect(lost).toBe(0);
  expect(leaked).toBe(0);
}

/** Registers the matrix's tests for one revocation semantics. */
export function faultMatrix(semantics: Semantics): void {
  const sites: Outcome[] = [];
  const outages = new Map<number, Outcome[]>(OUTAGE_LENGTHS.map((l) => [l.seconds, []]));

  describe(`fault matrix, revocation ends ${semantics === 'token' ? 'one token' : 'the origin_jti family'}`, () => {
    for (const site of SITES) {
      test(`${siteName(site)} × every fault kind`, async () => {
        for (const kind of KINDS) sites.push(await siteScenario(semantics, site, kind));
      }, TEST_TIMEOUT_MS);
    }
    test('concurrent writers', async () => {
      for (const c of CONCURRENCY) sites.push(await concurrencyScenario(semantics, c));
    }, TEST_TIMEOUT_MS);
    for (const length of OUTAGE_LENGTHS) {
      for (const dependency of Object.keys(DEPENDENCIES) as Dependency[]) {
        test(`${dependency} down for ${length.label}`, async () => {
          for (const start of STARTS) outages.get(length.seconds)?.push(await outageScenario(semantics, dependency, length.seconds, start));
        }, TEST_TIMEOUT_MS);
      }
    }

    test('summary: no grant lost, no token byte leaked, every scenario clean', () => {
      summarise(`fault matrix (revocation: ${semantics})`, sites, SITES.length * KINDS.length + CONCURRENCY.length);
      for (const length of OUTAGE_LENGTHS) {
        summarise(`fault matrix outages (revocation: ${semantics}, ${length.label})`, outages.get(length.seconds) ?? [], Object.keys(DEPENDENCIES).length * STARTS.length);
      }
    });
  });
}
