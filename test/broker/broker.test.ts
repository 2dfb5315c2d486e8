/**
 * The broker against the stand-ins: serving paths and their costs, concurrency, crashes, store failures and dead
 * grants. Every test ends by scanning every log line and error for token material.
 */
import { RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Broker, type ServedToken } from '../../lib/token-broker/broker';
import { brokerHandler } from '../../lib/token-broker/broker.handler';
import { BrokerUnavailableError, GrantUnavailableError } from '../../lib/token-broker/errors';
import { addCrashPoint, AWSCURRENT, AWSPREVIOUS, deferred, SimulatedCrash } from '../standins';
import { ACCESS_MINUTES, GRACE_SECONDS, grantAlive, invariantProblems, type World, worldPerTest } from './world';

let w: World;
worldPerTest((world) => (w = world));

const refreshes = () => w.s.calls.count({ operation: 'GetTokensFromRefreshToken' });
const active = (t: ServedToken | Error) => !(t instanceof Error) && w.s.cognito.introspectAccessToken(t.accessToken).active;
/** Moves the clock to just past the point where a token served now is too close to expiry. */
const pastMargin = () => w.s.clock.advance(ACCESS_MINUTES * 60 - w.cfg.minValiditySeconds + 1);

describe('serving', () => {
  test('the first call refreshes once and commits the rotated token; later calls are served from memory with no AWS call', async () => {
    await w.seed();
    const seeded = w.current();
    const b = w.broker();
    const mark = w.s.calls.mark();
    const first = await b.getAccessToken();
    expect(active(first)).toBe(true);
    expect(first.expiresIn).toBe(ACCESS_MINUTES * 60);
    expect(w.s.calls.since(mark).map((c) => `${c.service}:${c.operation}`)).toEqual([
      'secretsmanager:GetSecretValue',
      'secretsmanager:ListSecretVersionIds',
      'secretsmanager:GetSecretValue',
      'cognito:GetTokensFromRefreshToken',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
    const now = w.current();
    expect(now.record.parentVersionId).toBe(seeded.versionId);
    expect(now.record.lineage?.[0]).toBe(seeded.versionId);
    expect(w.stored().find((v) => v.versionId === seeded.versionId)?.stages).toEqual([AWSPREVIOUS]);

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

describe('two instances refreshing at once', () => {
  test('both refresh before either stores: one commits, the other revokes its token and serves the winner\'s', async () => {
    await w.seed();
    const seeded = w.current();
    const [a, b] = [w.broker(), w.broker()];
    // Hold both puts until both have refreshed.
    const puts = w.holdPuts(2);
    const both = Promise.all([a.getAccessToken(), b.getAccessToken()]);
    await w.untilCalls('GetTokensFromRefreshToken', 2);
    puts.release();
    const [ta, tb] = await both;
    expect(ta.accessToken === tb.accessToken).toBe(true);
    expect(active(ta)).toBe(true);
    expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(1);
    expect(w.events('lost-race')).toHaveLength(1);
    expect(w.current().record.parentVersionId).toBe(seeded.versionId);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('one commits while the other is between Cognito and Secrets Manager: the late one loses the compare-and-swap', async () => {
    await w.seed();
    const [a, b] = [w.broker(), w.broker()];
    const hold = deferred();
    w.s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'delay', until: hold.promise, applied: true });
    const slow = a.getAccessToken();
    await w.untilCalls('GetTokensFromRefreshToken', 1);
    const fast = await b.getAccessToken(); // refreshes the same (grace-period) token and commits first
    hold.resolve();
    const late = await slow;
    expect(late.accessToken === fast.accessToken).toBe(true);
    expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('many instances at once leave one committed token and revoke every other', async () => {
    await w.seed();
    const brokers = Array.from({ length: 5 }, () => w.broker());
    const puts = w.holdPuts(5);
    const all = Promise.all(brokers.map((b) => b.getAccessToken()));
    await w.untilCalls('GetTokensFromRefreshToken', 5);
    puts.release();
    const served = await all;
    expect(new Set(served.map((t) => t.accessToken)).size).toBe(1);
    // Each loser revokes its own token; a loser's reconcile may revoke another's too (revocation is idempotent).
    expect(new Set(w.s.calls.list({ operation: 'RevokeToken' }).map((c) => c.refs.tokenRef)).size).toBe(4);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });
});

describe('crashes', () => {
  test('a crash after Cognito answered: a retry within the grace period refreshes the stored token again', async () => {
    await w.seed();
    const a = w.broker();
    addCrashPoint(w.clientsOf(a).cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });
    expect(await w.failure(() => a.getAccessToken())).toBeInstanceOf(SimulatedCrash);
    w.s.clock.advance(GRACE_SECONDS - 5);
    expect(active(await w.broker().getAccessToken())).toBe(true);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('a crash after Cognito answered and no retry within the grace period: the loss is loud, marked, and not retried', async () => {
    await w.seed();
    const a = w.broker();
    addCrashPoint(w.clientsOf(a).cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(GRACE_SECONDS + 1);
    const b = w.broker();
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

  test('a crash after the put, before the compare-and-swap: the next instance commits the stored successor (no refresh needed)', async () => {
    await w.seed();
    const a = w.broker();
    addCrashPoint(w.clientsOf(a).secrets, { operation: 'UpdateSecretVersionStage', when: 'beforeSend' });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(GRACE_SECONDS * 10); // long after the grace period: the successor is stored, nothing depends on it
    const before = refreshes();
    const b = w.broker();
    // The successor's access token still has 5 of its 15 minutes: committed and served, no refresh.
    const served = await b.getAccessToken();
    expect(active(served)).toBe(true);
    expect(served.expiresIn).toBe(ACCESS_MINUTES * 60 - GRACE_SECONDS * 10);
    expect(refreshes()).toBe(before);
    expect(w.events('rolled-forward')).toHaveLength(1);
    // The next refresh starts from the committed successor.
    pastMargin();
    expect(active(await w.broker().getAccessToken())).toBe(true);
    expect(refreshes()).toBe(before + 1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('a crash after the put while another instance commits its own refresh: the orphan is revoked by the next reconcile', async () => {
    await w.seed();
    const [a, b] = [w.broker(), w.broker()];
    addCrashPoint(w.clientsOf(a).secrets, { operation: 'UpdateSecretVersionStage', when: 'beforeSend' });
    const puts = w.holdPuts(2);
    const pa = w.attempt(() => a.getAccessToken());
    const pb = b.getAccessToken();
    await w.untilCalls('GetTokensFromRefreshToken', 2);
    puts.release();
    await Promise.all([pa, pb]);
    // a stored its successor first and crashed before its compare-and-swap; b's put moved the staging label on and
    // b committed. a's version is label-less, derived from a committed version: the next reconcile revokes it.
    expect(w.events('orphan-revoked')).toHaveLength(0);
    pastMargin();
    expect(active(await w.broker().getAccessToken())).toBe(true);
    expect(w.events('orphan-revoked')).toHaveLength(1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });
});

describe('store failures', () => {
  test('Secrets Manager refusing every put: the failure is loud, the instance keeps the token and stores it later, even after the grace period', async () => {
    await w.seed();
    const a = w.broker();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: '5xx', times: 6 });
    const err = await w.failure(() => a.getAccessToken());
    expect(err).toBeInstanceOf(BrokerUnavailableError);
    expect(w.events('store-failed')).toHaveLength(1);
    expect(w.events('store-failed')[0]?.message).toMatch(/grace period/);
    expect(w.metrics('BrokerFailure')).toHaveLength(1);
    w.s.clock.advance(GRACE_SECONDS * 2);
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

  test('a store failure, then another instance refreshes within the grace period: the kept token loses and is revoked', async () => {
    await w.seed();
    const a = w.broker();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'throttle', times: 6 });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(10);
    const fromB = await w.broker().getAccessToken();
    const fromA = await a.getAccessToken();
    expect(fromA.accessToken === fromB.accessToken).toBe(true);
    expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
  });

  test('the grant marked lost by one instance is revived when another stores the successor it kept', async () => {
    await w.seed();
    const a = w.broker();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'throttle', times: 6 });
    await w.attempt(() => a.getAccessToken());
    w.s.clock.advance(GRACE_SECONDS + 1);
    expect(await w.failure(() => w.broker().getAccessToken())).toBeInstanceOf(GrantUnavailableError);
    expect(w.current().record.state).toBe('invalid');
    expect(active(await a.getAccessToken())).toBe(true);
    expect(w.current().record.state).toBe('active');
    expect(w.events('revived')).toHaveLength(1);
    w.s.clock.advance(GRACE_SECONDS);
    expect(invariantProblems(w)).toEqual([]);
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
    expect(grantAlive(w)).toBe(false);
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
