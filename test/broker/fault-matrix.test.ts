/**
 * The fault matrix: every AWS call the broker and the rotation make × {throttle (a blip and an outage), 5xx (a blip
 * and an outage, both applied: the service acted, the answer was lost), timeout (applied), crash before the call,
 * crash after its answer}, plus concurrent refreshes.
 *
 * A scenario seeds a grant, injects one fault at one call, runs the flow, and then retries what failed the way
 * production would: Secrets Manager repeats a failed rotation step, a consumer repeats a failed broker call, both
 * within the client's grace period (15 s apart, at most 3 times), a crashed instance replaced by a fresh one.
 * Afterwards the grant must be alive (some stored token can refresh), a fresh broker must serve a working access
 * token, no stored token but the current one may be usable once the grace period is over, and no log line or error
 * may contain token material. One summary line is printed.
 */
import { addCrashPoint, deferred } from '../standins';
import type { Broker } from '../../lib/token-broker/broker';
import type { Rotation, RotationEvent } from '../../lib/token-broker/rotation';
import { STAGED } from '../../lib/token-broker/vault-store';
import { ACCESS_MINUTES, GRACE_SECONDS, grantAlive, invariantProblems, startWorld, tokenLeaks, type World } from './world';

type Step = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
const STEPS: Step[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

type FaultKind = 'throttle' | 'throttle-outage' | '5xx' | '5xx-outage' | 'timeout' | 'crash-before' | 'crash-after';
const KINDS: FaultKind[] = ['throttle', 'throttle-outage', '5xx', '5xx-outage', 'timeout', 'crash-before', 'crash-after'];
/** More consecutive failures than any retry loop of the handlers makes: the invocation fails. */
const OUTAGE = 10;

interface Site {
  readonly component: 'broker' | 'rotation';
  readonly service: 'cognito' | 'secretsmanager';
  readonly operation: string;
  readonly label?: string;
  /** Rotation: the step the call belongs to. */
  readonly step?: Step;
  /** Identifies the call among same-named ones (server-side faults); `pending` is the rotation's version id. */
  readonly match?: (input: Record<string, unknown>, pending: string) => boolean;
  /** The same for crash points: how many calls of the operation come first within the step. */
  readonly skip?: number;
  /** `race`: two brokers refresh at once (the loser revokes). `lost`: a broker commits while a rotation is under way. */
  readonly setup?: 'race' | 'lost';
}

const byId = (pred: (id: unknown, pending: string) => boolean) => (input: Record<string, unknown>, pending: string) => pred(input.VersionId, pending);

const SITES: Site[] = [
  { component: 'broker', service: 'secretsmanager', operation: 'GetSecretValue', label: 'AWSCURRENT', match: (i) => i.VersionStage === 'AWSCURRENT' },
  { component: 'broker', service: 'secretsmanager', operation: 'ListSecretVersionIds' },
  { component: 'broker', service: 'secretsmanager', operation: 'GetSecretValue', label: 'by version', match: byId((id) => typeof id === 'string'), skip: 1 },
  { component: 'broker', service: 'cognito', operation: 'GetTokensFromRefreshToken' },
  { component: 'broker', service: 'secretsmanager', operation: 'PutSecretValue' },
  { component: 'broker', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'compare-and-swap' },
  { component: 'broker', service: 'cognito', operation: 'RevokeToken', label: 'race loser', setup: 'race' },
  ...(['createSecret', 'testSecret', 'finishSecret'] as Step[]).map((step): Site => ({ component: 'rotation', service: 'secretsmanager', operation: 'DescribeSecret', step })),
  ...(['createSecret', 'testSecret', 'finishSecret'] as Step[]).map(
    (step): Site => ({ component: 'rotation', service: 'secretsmanager', operation: 'GetSecretValue', label: 'pending', step, match: byId((id, pending) => id === pending) }),
  ),
  { component: 'rotation', service: 'secretsmanager', operation: 'ListSecretVersionIds', step: 'createSecret' },
  { component: 'rotation', service: 'secretsmanager', operation: 'GetSecretValue', label: 'current', step: 'createSecret', match: byId((id, pending) => id !== pending), skip: 1 },
  { component: 'rotation', service: 'cognito', operation: 'GetTokensFromRefreshToken', step: 'createSecret' },
  { component: 'rotation', service: 'secretsmanager', operation: 'PutSecretValue', label: 'AWSPENDING', step: 'createSecret' },
  { component: 'rotation', service: 'secretsmanager', operation: 'ListSecretVersionIds', step: 'finishSecret' },
  { component: 'rotation', service: 'secretsmanager', operation: 'GetSecretValue', label: 'current', step: 'finishSecret', match: byId((id, pending) => id !== pending), skip: 1 },
  { component: 'rotation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'compare-and-swap', step: 'finishSecret' },
  { component: 'rotation', service: 'cognito', operation: 'RevokeToken', label: 'superseded', step: 'finishSecret', setup: 'lost' },
  { component: 'rotation', service: 'secretsmanager', operation: 'UpdateSecretVersionStage', label: 'remove AWSPENDING', step: 'finishSecret', setup: 'lost' },
];

interface Outcome {
  readonly name: string;
  readonly lost: boolean;
  readonly leakedBytes: number;
  readonly problems: string[];
}

const outcomes: Outcome[] = [];

const siteName = (s: Site) => `${s.component} ${s.step ? `${s.step} ` : ''}${s.operation}${s.label ? ` (${s.label})` : ''}`;

/** Repeats a failed flow the way production does, within the grace period; the factory gives a fresh instance after a crash. */
async function retryWithin<T>(w: World, first: T, run: (instance: T) => Promise<boolean>, fresh: () => T, problems: string[]): Promise<void> {
  let instance = first;
  for (let attempt = 0; attempt <= 3; attempt++) {
    if (attempt > 0) w.s.clock.advance(15);
    const crashedBefore = w.errors.filter((e) => (e as Error).name === 'SimulatedCrash').length;
    if (await run(instance)) return;
    w.s.faults.clear();
    if (w.errors.filter((e) => (e as Error).name === 'SimulatedCrash').length > crashedBefore) instance = fresh();
  }
  problems.push('still failing after 3 retries within the grace period');
}

/** Runs the rotation's steps from `from` on; returns whether all succeeded (the failed step is where a retry resumes). */
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

function inject(w: World, site: Site, kind: FaultKind, instanceClients: { cognito: object; secrets: object }, pending: string): { fired(): number } {
  if (kind === 'crash-before' || kind === 'crash-after') {
    const client = (site.service === 'cognito' ? instanceClients.cognito : instanceClients.secrets) as Parameters<typeof addCrashPoint>[0];
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
    ...(site.match ? { when: (input: Record<string, unknown>) => (site.match as NonNullable<Site['match']>)(input, pending) } : {}),
  });
  return { fired: () => handle.fired };
}

async function scenario(site: Site, kind: FaultKind): Promise<Outcome> {
  const name = `${siteName(site)} × ${kind}`;
  const problems: string[] = [];
  const w = await startWorld({ clientTimeoutMs: 250 });
  try {
    await w.seed();
    let fired: () => number = () => 0;
    if (site.component === 'broker' && site.setup !== 'race') {
      const b = w.broker();
      fired = inject(w, site, kind, w.clientsOf(b), '').fired;
      await retryWithin(w, b, async (x: Broker) => !((await w.attempt(() => x.getAccessToken())) instanceof Error), () => w.broker(), problems);
    } else if (site.setup === 'race') {
      const [a, b] = [w.broker(), w.broker()];
      const puts = w.holdPuts(2);
      // A crash point on each: whichever loses the race crashes at its revocation.
      const handles = [inject(w, site, kind, w.clientsOf(a), ''), ...(kind.startsWith('crash') ? [inject(w, site, kind, w.clientsOf(b), '')] : [])];
      fired = () => handles.reduce((n, h) => n + h.fired(), 0);
      const both = Promise.all([w.attempt(() => a.getAccessToken()), w.attempt(() => b.getAccessToken())]);
      await w.untilCalls('GetTokensFromRefreshToken', 2);
      puts.release();
      const results = await both;
      if (results.some((r) => r instanceof Error)) {
        w.s.faults.clear();
        await retryWithin(w, w.broker(), async (x: Broker) => !((await w.attempt(() => x.getAccessToken())) instanceof Error), () => w.broker(), problems);
      }
    } else {
      const event = await w.startRotation();
      const runSteps = rotationRunner(event);
      let r = w.rotation();
      const target = STEPS.indexOf(site.step as Step);
      if (site.setup === 'lost') {
        // A broker reads the seeded version and refreshes; the rotation's createSecret stores its pending version;
        // then the broker commits: the pending version is derived from a replaced version and has lost.
        const hold = w.holdPuts(1, (i) => (i.VersionStages as string[])?.includes(STAGED));
        const broker = w.attempt(() => w.broker().getAccessToken());
        await w.untilCalls('GetTokensFromRefreshToken', 1);
        if (!(await runSteps(w, r, 1))) problems.push('setup: createSecret failed');
        hold.release();
        if ((await broker) instanceof Error) problems.push('setup: the broker failed');
      }
      if (!(await runSteps(w, r, target))) problems.push('setup: the steps before the faulted one failed');
      fired = inject(w, site, kind, w.clientsOf(r), event.ClientRequestToken).fired;
      await retryWithin(
        w,
        r,
        (x: Rotation) => {
          r = x;
          return runSteps(w, x);
        },
        () => w.rotation(),
        problems,
      );
    }
    if (fired() === 0) problems.push('the fault never fired');
    w.s.faults.clear();
    const lost = !grantAlive(w);
    // The grant still works end to end: after the grace period and the access token's lifetime, a fresh broker
    // refreshes (and its reconcile revokes any orphan left by a crash), and its token is accepted.
    w.s.clock.advance(GRACE_SECONDS + ACCESS_MINUTES * 60);
    const served = await w.attempt(() => w.broker().getAccessToken());
    if (served instanceof Error || !w.s.cognito.introspectAccessToken(served.accessToken).active) problems.push(`afterwards no working access token (${(served as Error).name ?? 'inactive'})`);
    w.s.clock.advance(GRACE_SECONDS);
    problems.push(...invariantProblems(w));
    return { name, lost, leakedBytes: tokenLeaks(w, w.lines, w.errors).bytes, problems };
  } finally {
    await w.close();
  }
}

/** Concurrent refreshes without injected failures (and one with a crash), beyond the per-call matrix. */
const CONCURRENCY: { name: string; run(w: World, problems: string[]): Promise<void> }[] = [
  {
    name: 'two brokers refresh at once, both before either stores',
    async run(w) {
      const puts = w.holdPuts(2);
      const both = Promise.all([w.broker(), w.broker()].map((b) => w.attempt(() => b.getAccessToken())));
      await w.untilCalls('GetTokensFromRefreshToken', 2);
      puts.release();
      await both;
    },
  },
  {
    name: 'five brokers refresh at once',
    async run(w) {
      const puts = w.holdPuts(5);
      const all = Promise.all(Array.from({ length: 5 }, () => w.broker()).map((b) => w.attempt(() => b.getAccessToken())));
      await w.untilCalls('GetTokensFromRefreshToken', 5);
      puts.release();
      await all;
    },
  },
  {
    name: 'a broker commits while the other is between Cognito and Secrets Manager',
    async run(w) {
      const hold = deferred();
      w.s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'delay', until: hold.promise, applied: true });
      const slow = w.attempt(() => w.broker().getAccessToken());
      await w.untilCalls('GetTokensFromRefreshToken', 1);
      await w.attempt(() => w.broker().getAccessToken());
      hold.resolve();
      await slow;
    },
  },
  {
    name: 'one broker crashes after storing, another commits its own refresh meanwhile',
    async run(w) {
      const [a, b] = [w.broker(), w.broker()];
      addCrashPoint(w.clientsOf(a).secrets, { operation: 'UpdateSecretVersionStage', when: 'beforeSend' });
      const puts = w.holdPuts(2);
      const both = Promise.all([w.attempt(() => a.getAccessToken()), w.attempt(() => b.getAccessToken())]);
      await w.untilCalls('GetTokensFromRefreshToken', 2);
      puts.release();
      await both;
    },
  },
  {
    name: 'a rotation and a broker refresh at once',
    async run(w, problems) {
      const event = await w.startRotation();
      const hold = w.holdPuts(1, (i) => (i.VersionStages as string[])?.includes(STAGED));
      const broker = w.attempt(() => w.broker().getAccessToken());
      await w.untilCalls('GetTokensFromRefreshToken', 1);
      const rotation = w.attempt(() => w.rotateFully(w.rotation(), event));
      hold.release();
      if ((await broker) instanceof Error || (await rotation) instanceof Error) problems.push('a flow failed');
    },
  },
  {
    name: 'a broker rolls a pending rotation forward after the grace period',
    async run(w, problems) {
      const event = await w.startRotation();
      const r = w.rotation();
      await r.run({ ...event, Step: 'createSecret' });
      w.s.clock.advance(GRACE_SECONDS * 2);
      if ((await w.attempt(() => w.broker().getAccessToken())) instanceof Error) problems.push('the broker failed');
      for (const Step of STEPS.slice(1)) await r.run({ ...event, Step });
    },
  },
];

async function concurrencyScenario(c: (typeof CONCURRENCY)[number]): Promise<Outcome> {
  const problems: string[] = [];
  const w = await startWorld({ clientTimeoutMs: 250 });
  try {
    await w.seed();
    await c.run(w, problems);
    const lost = !grantAlive(w);
    w.s.clock.advance(GRACE_SECONDS + ACCESS_MINUTES * 60);
    const served = await w.attempt(() => w.broker().getAccessToken());
    if (served instanceof Error || !w.s.cognito.introspectAccessToken(served.accessToken).active) problems.push('afterwards no working access token');
    w.s.clock.advance(GRACE_SECONDS);
    problems.push(...invariantProblems(w));
    return { name: `concurrent: ${c.name}`, lost, leakedBytes: tokenLeaks(w, w.lines, w.errors).bytes, problems };
  } finally {
    await w.close();
  }
}

describe('fault matrix', () => {
  for (const site of SITES) {
    test(siteName(site), async () => {
      for (const kind of KINDS) outcomes.push(await scenario(site, kind));
    });
  }

  test('concurrent refreshes', async () => {
    for (const c of CONCURRENCY) outcomes.push(await concurrencyScenario(c));
  });

  test('summary: no grant lost, no token byte leaked, every scenario clean', () => {
    const lost = outcomes.filter((o) => o.lost).length;
    const leaked = outcomes.reduce((n, o) => n + o.leakedBytes, 0);
    process.stdout.write(`fault matrix: ${outcomes.length} scenarios, ${lost} grants lost, ${leaked} token bytes leaked\n`);
    expect(outcomes).toHaveLength(SITES.length * KINDS.length + CONCURRENCY.length);
    expect(outcomes.filter((o) => o.problems.length > 0).map((o) => `${o.name}: ${o.problems.join('; ')}`)).toEqual([]);
    expect(lost).toBe(0);
    expect(leaked).toBe(0);
  });
});
