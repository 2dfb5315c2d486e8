/**
 * Secrets Manager's version quota (the stand-in models it: docs in test/standins/README.md): the daily write count
 * under continuous demand, rotations and concurrent instances included, measured over simulated days against the
 * bound the construct checks at synth (dailyVersionBound), and the runtime guard that keeps any setting, supported or
 * not, within the budget without a single refused put.
 */
import { dailyVersionBound, DEFAULT_MAX_VERSIONS_PER_DAY, VERSION_RESERVE } from '../../lib/token-broker/runtime';
import type { Broker } from '../../lib/token-broker/broker';
import { ACCESS_MINUTES, GRACE_SECONDS, grantLost, startWorld, tokenLeaks, type World, type WorldOptions } from './world';

const DAY_MS = 86_400_000;

// Simulated days: a few thousand calls each.
jest.setTimeout(120_000);

/** The most versions created within any 24 hours, from every version's creation time (collected as they appear). */
function maxPerDay(created: number[]): number {
  const t = [...created].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while ((t[j] as number) - (t[i] as number) >= DAY_MS) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/**
 * Continuous demand for `hours`: a consumer call every `everyMinutes`, alternating between two broker instances (each
 * recycled every 6 hours), and a scheduled rotation every `rotationHours`. Returns the most versions created in any
 * 24 hours, and what the consumers saw.
 */
async function busyDays(w: World, hours: number, rotationHours: number, everyMinutes = 1): Promise<{ perDay: number; served: number; deferred: number }> {
  await w.seed();
  const created = new Map<string, number>();
  const collect = () => {
    for (const v of w.s.secrets.describe(w.secretArn).Versions) if (!created.has(v.VersionId)) created.set(v.VersionId, v.CreatedDate.getTime());
  };
  let brokers: Broker[] = [w.broker(), w.broker()];
  let served = 0;
  let deferred = 0;
  for (let minute = 0; minute < hours * 60; minute += everyMinutes) {
    if (minute > 0 && minute % (6 * 60) === 0) brokers = [w.broker(), w.broker()];
    const t = await w.attempt(() => (brokers[(minute / everyMinutes) % 2] as Broker).getAccessToken());
    if (t instanceof Error) deferred++;
    else served++;
    if (minute > 0 && minute % (rotationHours * 60) === 0) {
      const event = await w.startRotation();
      if ((await w.attempt(() => w.rotateFully(w.rotation(), event))) instanceof Error) throw new Error('a rotation failed');
    }
    collect();
    w.s.clock.advance(60 * everyMinutes);
  }
  return { perDay: maxPerDay([...created.values()]), served, deferred };
}

async function withWorld<T>(options: WorldOptions, fn: (w: World) => Promise<T>): Promise<T> {
  const w = await startWorld(options);
  try {
    const result = await fn(w);
    // Nothing refused by the quota, nothing lost, nothing leaked.
    expect(w.s.calls.list({ operation: 'PutSecretValue', errorType: 'LimitExceededException' })).toEqual([]);
    w.s.clock.advance(GRACE_SECONDS);
    expect(grantLost(w)).toBe(false);
    expect(tokenLeaks(w, w.lines, w.errors).summary).toBe('no token material found');
    return result;
  } finally {
    await w.close();
  }
}

test('at the defaults, the daily write count stays within the bound the construct checks, rotations every 4 hours and two instances included', async () => {
  const rotationHours = 4; // Secrets Manager's shortest schedule: the worst case for rotations
  const bound = dailyVersionBound({ accessTokenSeconds: ACCESS_MINUTES * 60, minValiditySeconds: 120, rotationHours });
  const atDefaults = dailyVersionBound({ accessTokenSeconds: ACCESS_MINUTES * 60, minValiditySeconds: 120, rotationHours: 42 });
  const { perDay, deferred } = await withWorld({}, (w) => busyDays(w, 26, rotationHours));
  process.stdout.write(
    `daily writes, 15-minute access tokens, minValidity 2 minutes: measured ${perDay} in the busiest 24 hours (rotation every 4 hours); ` +
      `bound ${bound.total} (${bound.refreshes} refreshes + ${bound.rotations} rotations + ${bound.operator} operator), ` +
      `${atDefaults.total} at the default 42-hour rotation; budget ${DEFAULT_MAX_VERSIONS_PER_DAY}, refreshes stop at ${DEFAULT_MAX_VERSIONS_PER_DAY - VERSION_RESERVE}\n`,
  );
  expect(perDay).toBeLessThanOrEqual(bound.total);
  expect(perDay).toBeGreaterThanOrEqual(bound.refreshes - 2); // the simulation is the busy case the bound describes
  expect(bound.total).toBeLessThanOrEqual(DEFAULT_MAX_VERSIONS_PER_DAY - VERSION_RESERVE);
  expect(deferred).toBe(0); // the guard never bites at a supported setting
});

test('a setting the construct refuses (5-minute access tokens: a refresh every 3 minutes) is held to the budget at run time: refreshes wait, no put is refused, the alarm fires', async () => {
  await withWorld({ accessMinutes: 5 }, async (w) => {
    const { perDay, deferred, served } = await busyDays(w, 25, 24, 3);
    expect(perDay).toBeLessThanOrEqual(DEFAULT_MAX_VERSIONS_PER_DAY);
    expect(perDay).toBeGreaterThan(DEFAULT_MAX_VERSIONS_PER_DAY - VERSION_RESERVE - 5);
    expect(deferred).toBeGreaterThan(0);
    expect(served).toBeGreaterThan(DEFAULT_MAX_VERSIONS_PER_DAY); // it resumes as versions age out
    expect(w.metrics('BrokerFailure').some((m) => m.reason === 'write-budget')).toBe(true);
  });
});

test('the strictest reading of the quota (100 versions in all) with a budget set to match: no put is refused', async () => {
  await withWorld({ secretsManager: { versionQuota: { total: 100 } }, maxVersionsPerDay: 96 }, async (w) => {
    const { perDay, deferred } = await busyDays(w, 25, 24, 2);
    expect(perDay).toBeLessThanOrEqual(96);
    // 15-minute tokens refresh about 111 times a day: with this budget some refreshes wait (the construct refuses the
    // combination; the guard still keeps the vault inside the quota).
    expect(deferred).toBeGreaterThan(0);
  });
});
