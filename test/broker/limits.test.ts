/**
 * What the grant cannot survive (docs/broker.md, "What the grant survives, and what it cannot"), each shown to end
 * the way the document says: lost, and loudly, with the alarm raised before the loss is final.
 */
import { BrokerUnavailableError, GrantUnavailableError } from '../../lib/token-broker/errors';
import { ACCESS_MINUTES, GRACE_SECONDS, grantLost, startWorld, tokenLeaks, type World } from './world';

async function inWorld(semantics: 'token' | 'family', fn: (w: World) => Promise<void>): Promise<void> {
  const w = await startWorld({ cognito: { revocation: semantics } });
  try {
    await w.seed();
    await w.broker().getAccessToken();
    w.s.clock.advance(ACCESS_MINUTES * 60);
    await fn(w);
    expect(tokenLeaks(w, w.lines, w.errors).summary).toBe('no token material found');
  } finally {
    await w.close();
  }
}

const alarms = (w: World) => w.metrics('BrokerFailure').map((m) => m.reason);

test('PutSecretValue fails from the moment Cognito answered until after the grace period, and the instance holding the new token is recycled: lost', async () => {
  await inWorld('token', async (w) => {
    const holder = w.broker();
    const outage = w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: '5xx', times: Infinity });
    expect(await w.failure(() => holder.getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
    // The alarm fires at once, while the token is still held: store-failed.
    expect(alarms(w)).toEqual(['store-failed']);
    w.s.clock.advance(GRACE_SECONDS + 1);
    // The holder is recycled (its memory, and the token, gone); the outage ends later.
    outage.cancel();
    const next = w.broker();
    // Nobody presents the stored token while the lease says it may have been presented: lease-stale, for an hour.
    expect(await w.failure(() => next.getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
    expect(alarms(w)).toEqual(['store-failed', 'lease-stale']);
    w.s.clock.advance(3600);
    // Then the token is tested: rotated out, its successor nowhere: the grant is marked lost, GrantUnusable fires.
    expect(await w.failure(() => next.getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(w.metrics('GrantUnusable')).toHaveLength(1);
    expect(grantLost(w)).toBe(true);
  });
});

test("Cognito's answers lost (rotated, the answer never arriving) for longer than the grace period: lost", async () => {
  await inWorld('token', async (w) => {
    const b = w.broker();
    const outage = w.s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: '5xx', applied: true, times: Infinity });
    expect(await w.failure(() => b.getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
    expect(alarms(w)).toEqual(['aws-unavailable']);
    w.s.clock.advance(GRACE_SECONDS + 1);
    outage.cancel();
    expect(await w.failure(() => b.getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(w.summary(w.current().record)).toMatchObject({ state: 'invalid', reason: 'refresh-token-reused' });
    expect(grantLost(w)).toBe(true);
  });
});

test('where presenting a rotated-out token ends the family: a PutSecretValue-only failure (label moves still work) for more than an hour after Cognito answered: lost, though the holder lives', async () => {
  await inWorld('family', async (w) => {
    const holder = w.broker();
    const outage = w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: '5xx', times: Infinity });
    expect(await w.failure(() => holder.getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
    w.s.clock.advance(3601);
    outage.cancel();
    // Another instance runs first: the lease is over an hour old, so it tests the stored token, and Cognito ends the
    // family (the holder's token with it).
    expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(await w.failure(() => holder.getAccessToken())).toBeInstanceOf(Error);
    w.s.clock.advance(GRACE_SECONDS + ACCESS_MINUTES * 60);
    expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(grantLost(w)).toBe(true);
    expect(alarms(w)).toContain('store-failed');
    expect(w.metrics('GrantUnusable').length).toBeGreaterThan(0);
  });
});
