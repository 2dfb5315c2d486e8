/**
 * The broker against the stand-ins: serving paths and their costs, the lease (single-flight, takeover, staleness),
 * crashes, store failures, the write budget and dead grants. Every test ends by scanning every log line and error for token material.
 */
import { RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Broker, type ServedToken } from '../../lib/token-broker/broker';
import { brokerHandler } from '../../lib/token-broker/broker.handler';
import { BrokerUnavailableError, GrantUnavailableError } from '../../lib/token-broker/errors';
import { childVersionId } from '../../lib/token-broker/vault-record';
import { addCrashPoint, AWSCURRENT, AWSPREVIOUS, deferred, SimulatedCrash } from '../standins';
import { ACCESS_MINUTES, GRACE_SECONDS, grantLost, invariantProblems, leaseLabels, type World, worldPerTest } from './world';

let w: World;
worldPerTest((world) => (w = world));

const refreshes = () => w.s.calls.count({ operation: 'GetTokensFromRefreshToken' });
const active = (t: ServedToken | Error) => !(t instanceof Error) && w.s.cognito.introspectAccessToken(t.accessToken).active;
/** Moves the clock to just past the point where a token served now is too close to expiry. */
const pastMargin = () => w.s.clock.advance(ACCESS_MINUTES * 60 - w.cfg.minValiditySeconds + 1);

describe('serving', () => {
  test('the first call refreshes once under a lease and commits the rotated token; later calls are served from memory with no AWS call', async () => {
    await w.seed();
    const seeded = w.current();
    const b = w.broker();
    const mark = w.s.calls.mark();
    const first = await b.getAccessToken();
    expect(active(first)).toBe(true);
    expect(first.expiresIn).toBe(ACCESS_MINUTES * 60);
    expect(w.s.calls.since(mark).map((c) => `${c.service}:${c.operation}`)).toEqual([
      'secretsmanager:GetSecretValue', // the vault hit it tries first
      'secretsmanager:ListSecretVersionIds', // reconcile (the version read just now is still current)
      'secretsmanager:UpdateSecretVersionStage', // the lease
      'secretsmanager:ListSecretVersionIds', // no other lease
      'cognito:GetTokensFromRefreshToken',
      'secretsmanager:PutSecretValue', // into the seeded version's one child slot
      'secretsmanager:UpdateSecretVersionStage', // the compare-and-swap
      'secretsmanager:UpdateSecretVersionStage', // the lease released
    ]);
    const now = w.current();
    expect(now.versionId).toBe(childVersionId(seeded));
    expect(now.record.parentVersionId).toBe(seeded.versionId);
    expect(now.record.lineage?.[0]).toBe(seeded.versionId);
    expect(w.stored().find((v) => v.versionId === seeded.versionId)?.stages).toEqual([AWSPREVIOUS]);
    expect(leaseLabels(w)).toEqual([]);

    const calls = w.s.calls.count();
    for (let i = 0; i < 50; i++) {
      w.s.clock.advance(10);
      expect((await b.getAccessToken()).accessToken === first.accessToken).toBe(true);
    }
    expect(w.s.calls.count()).toBe(calls);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
    expect(w.metrics('Refresh')).toHaveLength(1);
  });

  test('a second instance serves the access token another stored, with one GetSecretValue and no Cognito call', async () => {
    await w.seed();
    const first = await w.broker().getAccessToken();
    const mark = w.s.calls.mark();
    const second = await w.broker().getAccessToken();
    expect(second.accessToken === first.accessToken).toBe(true);
    expect(w.s.calls.since(mark).map((c) => c.operation)).toEqual(['GetSecretValue']);
  });

  test('one GetTokensFromRefreshToken per refresh: a token within the margin of expiry is replaced, once', async () => {
    await w.seed();
    const b = w.broker();
    const other = w.broker();
    let last = await b.getAccessToken();
    for (let i = 1; i <= 5; i++) {
      pastMargin();
      const next = await b.getAccessToken();
      expect(next.accessToken === last.accessToken).toBe(false);
      expect(next.expiresIn).toBeGreaterThanOrEqual(w.cfg.minValiditySeconds);
      // The other instance picks the new token up from the vault rather than refreshing again.
      expect((await other.getAccessToken()).accessToken === next.accessToken).toBe(true);
      expect(refreshes()).toBe(i + 1);
      last = next;
    }
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('the Lambda handler wraps the broker: the same answer, and unexpected errors become BrokerUnavailable without detail', async () => {
    await w.seed();
    const b = w.broker();
    const handler = brokerHandler(b);
    const served = await handler({}, { getRemainingTimeInMillis: () => 30_000 });
    expect(active(served)).toBe(true);
    pastMargin();
    addCrashPoint(w.clientsOf(b).secrets, { operation: 'ListSecretVersionIds', when: 'beforeSend' });
    const err = await w.failure(() => handler({}, { getRemainingTimeInMillis: () => 30_000 }));
    expect(err).toBeInstanceOf(BrokerUnavailableError);
    expect((err as Error).message).toBe('BrokerUnavailable: unexpected error; retry shortly');
    expect(w.events('unexpected-error')[0]).toMatchObject({ level: 'ERROR', errorName: 'SimulatedCrash' });
  });
});

describe('instances refreshing at once: single-flight under the lease, nothing revoked', () => {
  test('two instances at once: one presents the token, the other waits for its lease and serves its token', async () => {
    await w.seed();
    const [a, b] = [w.broker(), w.broker()];
    const [ta, tb] = await Promise.all([a.getAccessToken(), b.getAccessToken()]);
    expect(ta.accessToken === tb.accessToken).toBe(true);
    expect(active(ta)).toBe(true);
    expect(refreshes()).toBe(1);
    expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(0);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('while one instance is between its lease and Cognito\'s answer, another presents nothing: it waits, then says BrokerUnavailable', async () => {
    await w.seed();
    const [a, b] = [w.broker(undefined, true), w.broker()];
    const hold = deferred();
    w.s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'delay', until: hold.promise });
    const slow = a.getAccessToken();
    await w.untilCalls('GetTokensFromRefreshToken', 1);
    const waited = await w.failure(() => b.getAccessToken());
    expect(waited).toBeInstanceOf(BrokerUnavailableError);
    expect(waited.message).toMatch(/another instance is refreshing/);
    expect(refreshes()).toBe(1);
    expect(w.metrics('BrokerFailure')).toEqual([]); // waiting is normal, no alarm
    hold.resolve();
    const fromA = await slow;
    expect((await b.getAccessToken()).accessToken === fromA.accessToken).toBe(true);
    expect(refreshes()).toBe(1);
  });

  test('five instances at once: one refresh, one token, no revocation', async () => {
    await w.seed();
    const brokers = Array.from({ length: 5 }, () => w.broker());
    const served = await Promise.all(brokers.map((b) => w.attempt(() => b.getAccessToken())));
    // An instance that waited the whole time answers BrokerUnavailable; its retry serves the token.
    const tokens = await Promise.all(served.map((t, i) => (t instanceof Error ? (brokers[i] as Broker).getAccessToken() : t)));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(refreshes()).toBe(1);
    expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(0);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('two writers that both present the token (a lease taken over) store one child: the other token is dropped, not revoked', async () => {
    await w.seed();
    const seeded = w.current();
    const [a, b] = [w.broker(undefined, true), w.broker()];
    // a's put waits until b, taking over a's lease 15 s later (a is slow, not dead), has refreshed and stored.
    const hold = w.holdPuts(1);
    const slow = a.getAccessToken();
    await w.untilCalls('PutSecretValue', 2); // the seed's, and a's
    w.s.clock.advance(15);
    const fast = await b.getAccessToken();
    hold.release();
    const late = await slow;
    expect(late.accessToken === fast.accessToken).toBe(true);
    expect(refreshes()).toBe(2);
    expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(0);
    expect(w.events('lost-race')).toHaveLength(1);
    // One child of the seeded version, whoever stored it: a chain, no fork.
    expect(w.stored().filter((v) => v.record.parentVersionId === seeded.versionId).map((v) => v.versionId)).toEqual([childVersionId(seeded)]);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });
});

describe('crashes', () => {
  test('a crash after Cognito answered: another instance takes the lease over within the grace period and refreshes again', async () => {
    await w.seed();
    const a = w.broker();
    addCrashPoint(w.clientsOf(a).cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });
    expect(await w.failure(() => a.getAccessToken())).toBeInstanceOf(SimulatedCrash);
    // Within the lease's first seconds, another instance waits for it.
    expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
    w.s.clock.advance(15);
    expect(active(await w.broker().getAccessToken())).toBe(true);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
    expect(leaseLabels(w)).toEqual([]);
  });

  test('a crash after Cognito answered and nobody back within the grace period: the stored token is not presented (loud), then tested an hour later and the loss marked', async () => {
    await w.seed();
    const a = w.broker();
    addCrashPoint(w.clientsOf(a).cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(GRACE_SECONDS + 1);
    const b = w.broker();
    const stale = await w.failure(() => b.getAccessToken());
    expect(stale).toBeInstanceOf(BrokerUnavailableError);
    expect(w.events('lease-stale')).toHaveLength(1);
    expect(w.metrics('BrokerFailure')).toEqual([expect.objectContaining({ reason: 'lease-stale' })]);
    expect(refreshes()).toBe(1);
    w.s.clock.advance(3600);
    const err = await w.failure(() => b.getAccessToken());
    expect(err).toBeInstanceOf(GrantUnavailableError);
    expect(w.summary(w.current().record)).toMatchObject({ state: 'invalid', reason: 'refresh-token-reused' });
    expect(w.events('grant-unusable')).toHaveLength(1);
    expect(w.metrics('GrantUnusable')).toHaveLength(1);
    // No loop: further calls (this instance or a new one) make no Cognito call.
    const before = refreshes();
    for (let i = 0; i < 5; i++) expect(await w.failure(() => b.getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(refreshes()).toBe(before);
    expect(w.metrics('GrantUnusable').length).toBeGreaterThanOrEqual(7);
    // Recoverable: seeding a new grant brings the broker back (after its refusal re-check interval).
    await w.seed();
    w.s.clock.advance(61);
    expect(active(await b.getAccessToken())).toBe(true);
  });

  test('a crash after the put, before the compare-and-swap: the next instance commits the stored child (no refresh needed)', async () => {
    await w.seed();
    const a = w.broker();
    addCrashPoint(w.clientsOf(a).secrets, { operation: 'UpdateSecretVersionStage', when: 'beforeSend', skip: 1 });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(GRACE_SECONDS * 10); // long after the grace period: the child is stored, nothing depends on it
    const before = refreshes();
    const b = w.broker();
    // The child's access token still has 5 of its 15 minutes: committed and served, no refresh.
    const served = await b.getAccessToken();
    expect(active(served)).toBe(true);
    expect(served.expiresIn).toBe(ACCESS_MINUTES * 60 - GRACE_SECONDS * 10);
    expect(refreshes()).toBe(before);
    expect(w.events('rolled-forward')).toHaveLength(1);
    // The next refresh starts from the committed child; the crashed instance's lease label was swept.
    pastMargin();
    expect(active(await w.broker().getAccessToken())).toBe(true);
    expect(refreshes()).toBe(before + 1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
    expect(leaseLabels(w)).toEqual([]);
  });
});

describe('store failures', () => {
  test('Secrets Manager refusing writes: the lease fails, nothing is presented to Cognito, the stored token stays good, the alarm fires', async () => {
    await w.seed();
    const b = w.broker();
    const outage = [...['PutSecretValue', 'UpdateSecretVersionStage'].map((operation) => w.s.faults.inject({ service: 'secretsmanager', operation, kind: '5xx', times: Infinity }))];
    for (let i = 0; i < 3; i++) {
      expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
      w.s.clock.advance(ACCESS_MINUTES * 60);
    }
    expect(refreshes()).toBe(0);
    expect(w.metrics('BrokerFailure').map((m) => m.reason)).toEqual(['store-unavailable', 'store-unavailable', 'store-unavailable']);
    for (const o of outage) o.cancel();
    expect(active(await b.getAccessToken())).toBe(true);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('PutSecretValue failing after Cognito answered: loud, the instance keeps the token and its lease, and stores it later, even after the grace period', async () => {
    await w.seed();
    const a = w.broker();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: '5xx', times: 6 });
    const err = await w.failure(() => a.getAccessToken());
    expect(err).toBeInstanceOf(BrokerUnavailableError);
    expect(w.events('store-failed')).toHaveLength(1);
    expect(w.events('store-failed')[0]?.message).toMatch(/grace period/);
    expect(w.metrics('BrokerFailure')).toEqual([expect.objectContaining({ reason: 'store-failed' })]);
    w.s.clock.advance(GRACE_SECONDS * 2);
    // Meanwhile another instance does not present the stored token: it may be past its grace period.
    expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
    const before = refreshes();
    expect(active(await a.getAccessToken())).toBe(true);
    expect(refreshes()).toBe(before);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('a put refused by the service (a version quota, say) is a store failure too: loud, and the token is kept', async () => {
    await w.seed();
    const a = w.broker();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'error', errorType: 'LimitExceededException', message: 'too many versions' });
    expect(await w.failure(() => a.getAccessToken())).toBeInstanceOf(BrokerUnavailableError);
    expect(w.events('put-failed')[0]).toMatchObject({ errorName: 'LimitExceededException', httpStatus: 400 });
    expect(w.events('store-failed')).toHaveLength(1);
    expect(active(await a.getAccessToken())).toBe(true);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('a store failure, then another instance takes the lease over within the grace period: the kept token loses and is dropped, not revoked', async () => {
    await w.seed();
    const a = w.broker();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'throttle', times: 6 });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(15);
    const fromB = await w.broker().getAccessToken();
    const fromA = await a.getAccessToken();
    expect(fromA.accessToken === fromB.accessToken).toBe(true);
    expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(0);
    expect(w.events('lost-race')).toHaveLength(1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('the grant marked lost when its stale lease was tested is revived when the instance that kept the token stores it', async () => {
    await w.seed();
    const a = w.broker();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'throttle', times: 6 });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(3600 + 1);
    expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(w.current().record.state).toBe('invalid');
    expect(active(await a.getAccessToken())).toBe(true);
    expect(w.current().record.state).toBe('active');
    expect(w.events('revived')).toHaveLength(1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });
});

describe('the write budget', () => {
  test('no refresh starts that could take the vault past its daily versions; it resumes as they age out; no put is ever refused', async () => {
    w.cfg = { ...w.cfg, maxVersionsPerDay: 10 };
    await w.seed();
    const b = w.broker();
    let served = 0;
    let deferred = 0;
    for (let i = 0; i < 30; i++) {
      const t = await w.attempt(() => b.getAccessToken());
      if (t instanceof Error) deferred++;
      else served++;
      pastMargin();
    }
    const young = w.s.secrets.describe(w.secretArn).Versions.filter((v) => v.CreatedDate.getTime() > w.s.clock.now() - 86400_000).length;
    expect(young).toBeLessThanOrEqual(10);
    expect(deferred).toBeGreaterThan(0);
    expect(served).toBe(refreshes());
    expect(w.metrics('BrokerFailure').every((m) => m.reason === 'write-budget')).toBe(true);
    expect(w.s.calls.list({ operation: 'PutSecretValue' }).filter((c) => c.outcome !== 'ok')).toEqual([]);
    w.s.clock.advance(86400);
    expect(active(await b.getAccessToken())).toBe(true);
  });
});

describe('dead grants', () => {
  test('a revoked grant (NotAuthorizedException) is marked invalid once, raises the metric, and is not retried', async () => {
    await w.seed();
    const b = w.broker();
    await b.getAccessToken();
    await w.runtime().cognito.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: w.current().record.refreshToken as string }));
    pastMargin();
    const err = await w.failure(() => b.getAccessToken());
    expect(err).toBeInstanceOf(GrantUnavailableError);
    expect((err as Error).message).toBe("GrantUnavailable: the vault's grant is invalid (not-authorized); an operator must seed a new refresh token");
    expect(w.summary(w.current().record)).toMatchObject({ state: 'invalid', reason: 'not-authorized' });
    const calls = w.s.calls.count();
    expect(await w.failure(() => b.getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(w.s.calls.count()).toBe(calls);
    expect(w.metrics('GrantUnusable').length).toBe(2);
    expect(grantLost(w)).toBe(true);
  });

  test('an empty or revoked vault is refused without any Cognito call', async () => {
    const b = w.broker();
    const err = await w.failure(() => b.getAccessToken());
    expect(err).toBeInstanceOf(GrantUnavailableError);
    expect((err as GrantUnavailableError).state).toBe('empty');
    expect(refreshes()).toBe(0);
    expect(w.s.calls.count({ service: 'secretsmanager' })).toBe(1);
  });

  test('a vault of another client is refused (misconfiguration), loudly', async () => {
    await w.seed();
    const b = new Broker(w.runtime(), { ...w.cfg, clientId: 'someotherclient' });
    const err = await w.failure(() => b.getAccessToken());
    expect((err as Error).name).toBe('BrokerMisconfigured');
    expect(w.metrics('BrokerFailure')).toHaveLength(1);
    expect(refreshes()).toBe(0);
  });
});

test('the version the broker reads from is AWSCURRENT at every commit (AWSPREVIOUS trails it)', async () => {
  await w.seed();
  const b = w.broker();
  for (let i = 0; i < 3; i++) {
    await b.getAccessToken();
    pastMargin();
  }
  const versions = w.stored();
  const current = versions.filter((v) => v.stages.includes(AWSCURRENT));
  expect(current).toHaveLength(1);
  expect(versions.find((v) => v.stages.includes(AWSPREVIOUS))?.versionId).toBe(current[0]?.record.parentVersionId);
});
