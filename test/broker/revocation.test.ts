/**
 * Revocation against the stand-ins: the proof that after one revocation no stored credential, in any version, can
 * mint an access token; the broker's refusal; rotation as a no-op; idempotence; races with broker refreshes; and
 * throttling and crashes midway. Every test ends by scanning every log line and error for token material (the
 * reports are scanned too).
 */
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GrantUnavailableError } from '../../lib/token-broker/errors';
import { Revocation, RevocationError, type RevocationReport } from '../../lib/token-broker/revocation';
import { revocationFromEnv, revocationHandler } from '../../lib/token-broker/revocation.handler';
import { VAULT_SCHEMA } from '../../lib/token-broker/vault-record';
import { addCrashPoint, AWSCURRENT, AWSPENDING, errorOf, SimulatedCrash } from '../standins';
import { ACCESS_MINUTES, tokenLeaks, type World, worldPerTest } from './world';

let w: World;
worldPerTest((world) => (w = world));

const refreshes = () => w.s.calls.count({ operation: 'GetTokensFromRefreshToken' });
/** Moves the clock to just past the point where a token served now is too close to expiry. */
const pastMargin = () => w.s.clock.advance(ACCESS_MINUTES * 60 - w.cfg.minValiditySeconds + 1);
/** Versions holding a refresh token that Cognito would still accept (version ids; never the tokens). */
const usable = () => w.stored().filter((v) => v.record.refreshToken !== undefined && w.s.cognito.canMint(v.record.refreshToken)).map((v) => v.versionId);
const holding = () => w.stored().filter((v) => v.record.refreshToken !== undefined);
const ids = (versions: readonly { versionId: string }[]) => versions.map((v) => v.versionId).sort();
const reports: RevocationReport[] = [];
afterEach(() => {
  expect(tokenLeaks(w, reports.splice(0)).summary).toBe('no token material found');
});
const revoke = async (...args: Parameters<World['revocation']>) => {
  const report = await w.revocation(...args).run();
  reports.push(report);
  return report;
};

/**
 * Tries every stored refresh token over the wire (GetTokensFromRefreshToken, as the broker presents it) and returns
 * the version ids whose token Cognito accepted. Presenting a usable token would rotate it; the test fails then anyway.
 */
async function mintingOverTheWire(): Promise<string[]> {
  const { cognito } = w.s.clients({ maxAttempts: 1 });
  const minted: string[] = [];
  for (const v of holding()) {
    const err = await errorOf(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: w.clientId, RefreshToken: v.record.refreshToken as string })));
    if (!['NotAuthorizedException', 'RefreshTokenReuseException'].includes(err.name)) minted.push(v.versionId);
  }
  return minted;
}

/**
 * A vault with history: refreshes, a rotation mid-flight (its pending version repeats the current token), and a
 * broker that refreshed, stored its child and crashed before committing it (its lease label left behind).
 */
async function busyVault(): Promise<{ rotation: ReturnType<World['rotation']>; event: Awaited<ReturnType<World['startRotation']>> }> {
  await w.seed();
  const b = w.broker();
  for (let i = 0; i < 3; i++) {
    await b.getAccessToken();
    pastMargin();
  }
  // A scheduled rotation finds the grant refreshed within the hour: it stages an alias of the current version.
  const event = await w.startRotation();
  const rotation = w.rotation();
  await rotation.run({ ...event, Step: 'createSecret' });
  // A broker refreshes, stores its child and dies before its compare-and-swap.
  const crashed = w.broker();
  addCrashPoint(w.clientsOf(crashed).secrets, { operation: 'UpdateSecretVersionStage', when: 'beforeSend', skip: 1 });
  expect(await w.failure(() => crashed.getAccessToken())).toBeInstanceOf(SimulatedCrash);
  return { rotation, event };
}

describe('the proof', () => {
  test('after one revocation no stored credential in any version can mint; the broker refuses "revoked"; rotation is a no-op; a second run has nothing to do', async () => {
    const { rotation, event } = await busyVault();
    const stages = (versionId: string) => (w.s.secrets.stages(w.secretArn)[versionId] ?? []).filter((label) => !label.startsWith('TOKENGUARD_LEASE_'));
    // Before: the current token (in its grace period; the rotation's pending version repeats it) and the crashed
    // broker's stored child (TOKENGUARD_STAGED) mint. Six versions hold a token (older ones rotated out).
    expect(usable().map(stages).sort()).toEqual([[AWSCURRENT], [AWSPENDING], ['TOKENGUARD_STAGED']].sort());
    expect(holding()).toHaveLength(6);
    const held = ids(holding());
    const tokensBefore = w.s.calls.count({ operation: 'GetTokensFromRefreshToken' });

    const report = await revoke({ accessTokenValiditySeconds: ACCESS_MINUTES * 60 });
    expect(report).toMatchObject({ outcome: 'revoked', stateBefore: 'active', failures: [], unreadable: [], alreadyRevoked: 0, signOut: 'not-requested', storedTokens: 6 });
    // The crashed broker's child was committed first, so the tombstone derives from the newest token's version.
    expect(w.events('rolled-forward')).toHaveLength(1);
    expect(ids(report.revokedNow)).toEqual(held);

    // No stored credential, in any version, can mint: not by the model's account, not over the wire.
    expect(usable()).toEqual([]);
    expect(await mintingOverTheWire()).toEqual([]);
    // The access tokens stored with them are revoked at Cognito too (they still verify locally until they expire).
    expect(w.stored().filter((v) => v.record.accessToken && w.s.cognito.introspectAccessToken(v.record.accessToken).active).map((v) => v.versionId)).toEqual([]);

    // The tombstone is current and names every version whose token it revoked; AWSPREVIOUS no longer reaches a token.
    const tombstone = w.current();
    expect(tombstone.versionId).toBe(report.currentVersionId);
    expect(w.summary(tombstone.record)).toMatchObject({ schema: VAULT_SCHEMA, state: 'revoked', writer: 'revocation', clientId: w.clientId });
    expect([...(tombstone.record.revokedVersionIds ?? [])].sort()).toEqual(held);
    expect(report.labelsRemoved).toEqual([{ label: 'AWSPREVIOUS', versionId: tombstone.record.parentVersionId }]);
    expect(w.stored().filter((v) => v.record.refreshToken && v.stages.length > 0).map((v) => v.stages)).toEqual([[AWSPENDING]]);

    // The broker refuses with a clear "revoked", without a retry loop, without marking the grant lost.
    const broker = w.broker();
    for (let i = 0; i < 3; i++) {
      const err = await w.failure(() => broker.getAccessToken());
      expect(err).toBeInstanceOf(GrantUnavailableError);
      expect(err).toMatchObject({ state: 'revoked', retryable: false });
      expect(err.message).toBe("GrantUnavailable: the vault's grant was revoked; no token is served until an operator seeds a new refresh token");
    }
    expect(w.current().versionId).toBe(tombstone.versionId);
    expect(w.events('grant-unusable')).toHaveLength(0);
    expect(w.metrics('GrantUnusable').map((m) => m.reason)).toEqual(['revoked', 'revoked', 'revoked', 'revoked']);

    // Rotation is a no-op: the rotation in flight finishes (its alias repeats a superseded version: AWSPENDING
    // released), and the next one carries the tombstone over. No refresh either way.
    for (const Step of ['setSecret', 'testSecret', 'finishSecret']) await rotation.run({ ...event, Step });
    w.s.clock.advance(4 * 3600);
    await w.rotateFully(w.rotation(), await w.startRotation());
    expect(refreshes()).toBe(tokensBefore + holding().length); // only this test's own wire attempts above
    expect(w.summary(w.current().record)).toMatchObject({ state: 'revoked', writer: 'rotation', revokedAt: tombstone.record.revokedAt });
    expect([...(w.current().record.revokedVersionIds ?? [])].sort()).toEqual(held);
    expect(w.stored().filter((v) => v.record.refreshToken && v.stages.length > 0)).toEqual([]);
    expect(usable()).toEqual([]);

    // A second revocation finds nothing left to do, and writes nothing.
    const mark = w.s.calls.mark();
    const again = await revoke();
    expect(again).toMatchObject({ outcome: 'already-revoked', stateBefore: 'revoked', revokedNow: [], failures: [], alreadyRevoked: 6, labelsRemoved: [], storedTokens: 6 });
    expect(w.s.calls.since(mark).filter((c) => c.operation !== 'ListSecretVersionIds' && c.operation !== 'GetSecretValue')).toEqual([]);
  });

  test('the residual exposure: access tokens already issued verify until the last revocation plus their lifetime, at most', async () => {
    await w.seed();
    const b = w.broker();
    await b.getAccessToken();
    w.s.clock.advance(300);
    // No lifetime given: it is measured from what the vault stored (expiry minus the time the token was obtained).
    const first = await revoke();
    const revokedAt = w.s.clock.now();
    expect(first.residual).toEqual({
      cachedAccessTokenExpiresAt: new Date(revokedAt - 300_000 + ACCESS_MINUTES * 60_000).toISOString(),
      accessTokenValiditySeconds: ACCESS_MINUTES * 60,
      validitySource: 'measured',
      accessTokensValidUntil: new Date(revokedAt + ACCESS_MINUTES * 60_000).toISOString(),
      secondsRemaining: ACCESS_MINUTES * 60,
    });
    // The broker's cached token is revoked at Cognito, but an instance still holds it in memory (a memory hit makes no
    // AWS call): that is the residual exposure, and it ends with the token's expiry.
    expect(w.s.cognito.introspectAccessToken((await b.getAccessToken()).accessToken).active).toBe(false);

    // A rerun (nothing to do) bounds it from the tombstone's time, with the lifetime the function is configured with.
    w.s.clock.advance(60);
    const again = await revoke({ accessTokenValiditySeconds: ACCESS_MINUTES * 60 });
    expect(again.outcome).toBe('already-revoked');
    expect(again.residual).toEqual({
      accessTokenValiditySeconds: ACCESS_MINUTES * 60,
      validitySource: 'configured',
      accessTokensValidUntil: new Date(revokedAt + ACCESS_MINUTES * 60_000).toISOString(),
      secondsRemaining: ACCESS_MINUTES * 60 - 60,
    });
  });

  test('revoking an empty vault tombstones it; seeding a new grant afterwards works and is served', async () => {
    const report = await revoke();
    expect(report).toMatchObject({ outcome: 'revoked', stateBefore: 'empty', revokedNow: [], storedTokens: 0, residual: {} });
    expect(w.current().record.state).toBe('revoked');
    await w.seed();
    expect(w.current().record).toMatchObject({ state: 'active', writer: 'seed', parentVersionId: report.currentVersionId });
    expect(w.s.cognito.introspectAccessToken((await w.broker().getAccessToken()).accessToken).active).toBe(true);
  });

  test("AdminUserGlobalSignOut of a dedicated service user also ends tokens the vault never held (an answer that never arrived)", async () => {
    await w.seed();
    await w.broker().getAccessToken();
    // A refresh whose answer was lost: the token exists only at Cognito.
    const lost = w.s.cognito.issueRefreshToken({ clientId: w.clientId, username: w.username, via: 'oauth' }).RefreshToken;
    const report = await revoke({ signOut: { userPoolId: w.userPoolId, username: w.username } });
    expect(report).toMatchObject({ outcome: 'revoked', signOut: 'signed-out' });
    expect(w.s.cognito.canMint(lost)).toBe(false);
    expect(usable()).toEqual([]);
  });
});

describe('races with the broker', () => {
  test('a refresh in flight when the revocation runs cannot resurrect the grant: the tombstone takes its slot, and it revokes its own token', async () => {
    await w.seed();
    const b = w.broker(undefined, true);
    await b.getAccessToken();
    pastMargin();
    const brokerPut = w.holdPuts(1, (input) => String(input.SecretString).includes('"writer":"broker"'));
    const refreshing = w.attempt(() => b.getAccessToken());
    await w.untilCalls('GetTokensFromRefreshToken', 2);
    // Cognito has answered the broker; its put waits. The revocation runs to the end meanwhile.
    expect((await revoke()).outcome).toBe('revoked');
    brokerPut.release();
    const outcome = await refreshing;
    expect(outcome).toBeInstanceOf(GrantUnavailableError);
    expect((outcome as GrantUnavailableError).state).toBe('revoked');
    // Its put found the slot taken by the tombstone: the token it held belongs to a revoked grant, so it revokes it.
    expect(w.events('token-revoked').filter((e) => e.component === 'broker')).toHaveLength(1);
    expect(w.current().record.state).toBe('revoked');
    expect(usable()).toEqual([]);
    expect(w.s.cognito.refreshTokens({ state: 'active' })).toEqual([]);
  });

  test('a broker that stored its child and died before committing it: the revocation commits the child first and revokes its token with the rest', async () => {
    await w.seed();
    const b = w.broker();
    await b.getAccessToken();
    pastMargin();
    addCrashPoint(w.clientsOf(b).secrets, { operation: 'UpdateSecretVersionStage', when: 'beforeSend', skip: 1 });
    expect(await w.attempt(() => b.getAccessToken())).toBeInstanceOf(SimulatedCrash);
    expect(usable()).toHaveLength(2); // the current token (in its grace period) and the stored child
    const report = await revoke();
    expect(report.revokedNow).toHaveLength(3);
    expect(usable()).toEqual([]);
    expect((await revoke()).outcome).toBe('already-revoked');
  });

  test('a broker that could not store its token when the revocation ran revokes that token itself when it next runs', async () => {
    await w.seed();
    const b = w.broker();
    await b.getAccessToken();
    pastMargin();
    w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: '5xx', times: 6 });
    expect(await w.failure(() => b.getAccessToken())).toBeInstanceOf(Error);
    const held = w.s.cognito.refreshTokens({ state: 'active' }).map((t) => t.ref);
    expect(held).toHaveLength(1); // the token only that instance holds (the stored one is in its grace period)
    await revoke();
    expect(w.s.cognito.refreshTokens({ state: 'active' }).map((t) => t.ref)).toEqual(held);
    expect(await w.failure(() => b.getAccessToken())).toMatchObject({ state: 'revoked' });
    expect(w.s.cognito.refreshTokens({ state: 'active' })).toEqual([]);
  });

  test("a rotation's alias stored after the revocation looked holds a token the revocation revoked already (the current one)", async () => {
    await w.seed();
    await w.broker().getAccessToken();
    w.s.clock.advance(2 * 3600);
    const event = await w.startRotation();
    const aliasPut = w.holdPuts(1, (input) => String(input.SecretString).includes('"aliasOf"'));
    const creating = w.rotation(true).run({ ...event, Step: 'createSecret' });
    await w.untilCalls('GetTokensFromRefreshToken', 2);
    await w.untilCalls('PutSecretValue', w.s.calls.count({ operation: 'PutSecretValue' }) + 1);
    const report = await revoke();
    aliasPut.release();
    await creating;
    expect(report.revokedNow.map((v) => v.versionId)).not.toContain(event.ClientRequestToken);
    expect(w.stored().find((v) => v.versionId === event.ClientRequestToken)?.record.refreshToken).toBeDefined();
    expect(usable()).toEqual([]);
    // A rerun looks at it and records it (revoking its token again is harmless).
    expect((await revoke()).revokedNow.map((v) => v.versionId)).toEqual([event.ClientRequestToken]);
  });
});

describe('faults', () => {
  test('throttling is retried; throttling that outlasts the retries leaves the run incomplete (loud), and a rerun finishes', async () => {
    await w.seed();
    const b = w.broker();
    for (let i = 0; i < 2; i++) {
      await b.getAccessToken();
      pastMargin();
    }
    w.s.faults.inject({ service: 'cognito', operation: 'RevokeToken', kind: 'throttle', times: 2 });
    w.s.faults.inject({ service: 'secretsmanager', operation: 'GetSecretValue', kind: 'throttle', times: 2 });
    expect((await revoke()).outcome).toBe('revoked');
    expect(usable()).toEqual([]);

    // A new grant, and Cognito throttling every revocation for a while.
    await w.seed();
    await w.broker().getAccessToken();
    w.s.faults.inject({ service: 'cognito', operation: 'RevokeToken', kind: 'throttle', times: 1000 });
    const incomplete = await revoke();
    expect(incomplete.outcome).toBe('incomplete');
    expect(incomplete.failures.map((f) => f.problem)).toEqual(['TooManyRequestsException (HTTP 400)', 'TooManyRequestsException (HTTP 400)']);
    expect(w.metrics('RevocationFailure')).toHaveLength(1);
    expect(w.events('revocation-finished')[1]).toMatchObject({ level: 'ERROR', outcome: 'incomplete', failed: 2 });
    // The tombstone is in place all the same: the broker stops using the grant.
    expect(await w.failure(() => w.broker().getAccessToken())).toMatchObject({ state: 'revoked' });
    expect(usable()).toHaveLength(2);
    w.s.faults.clear();
    const rerun = await revoke();
    expect(rerun).toMatchObject({ outcome: 'revoked', failures: [] });
    expect(rerun.revokedNow).toHaveLength(2);
    expect(usable()).toEqual([]);
    expect((await revoke()).outcome).toBe('already-revoked');
  });

  test.each([
    ['between two token revocations', { operation: 'RevokeToken', when: 'afterResponse' as const, skip: 1 }, 'revoked'],
    // The stored tombstone is the current version's one child: the rerun's reconcile commits it, and finds nothing
    // left to revoke.
    ['after the tombstone is stored, before its compare-and-swap', { operation: 'UpdateSecretVersionStage', when: 'beforeSend' as const }, 'already-revoked'],
    // Everything was revoked and recorded: the rerun only takes AWSPREVIOUS off the last token.
    ['after the compare-and-swap, before the check that nothing appeared meanwhile', { operation: 'ListSecretVersionIds', when: 'beforeSend' as const, skip: 1 }, 'already-revoked'],
  ])('a crash %s: a rerun ends with nothing usable', async (_name, crash, outcome) => {
    await w.seed();
    const b = w.broker();
    for (let i = 0; i < 2; i++) {
      await b.getAccessToken();
      pastMargin();
    }
    const first = w.revocation();
    const point = addCrashPoint(w.clientsOf(first)[crash.operation === 'RevokeToken' ? 'cognito' : 'secrets'], crash);
    expect(await w.failure(() => first.run())).toBeInstanceOf(SimulatedCrash);
    expect(point.fired).toBe(1);
    const rerun = await revoke();
    expect(rerun.outcome).toBe(outcome);
    expect(rerun.labelsRemoved).toHaveLength(1);
    expect(w.current().record.state).toBe('revoked');
    expect(usable()).toEqual([]);
    expect(await mintingOverTheWire()).toEqual([]);
    expect((await revoke()).outcome).toBe('already-revoked');
  });
});

describe('the Lambda entry point', () => {
  test('configuration from the environment, with the optional sign-out', () => {
    const base = { VAULT_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:v-AbCdEf', CLIENT_ID: 'client', GRANT_NAME: 'g' };
    expect(revocationFromEnv({ ...base, ACCESS_TOKEN_VALIDITY_SECONDS: '900', SIGN_OUT_USER_POOL_ID: 'us-east-1_x', SIGN_OUT_USERNAME: 'svc' })).toEqual({
      cfg: { secretId: base.VAULT_SECRET_ARN, clientId: 'client', grantName: 'g' },
      options: { accessTokenValiditySeconds: 900, signOut: { userPoolId: 'us-east-1_x', username: 'svc' } },
    });
    expect(revocationFromEnv(base).options).toEqual({});
    expect(() => revocationFromEnv({ ...base, SIGN_OUT_USERNAME: 'svc' })).toThrow(/go together/);
  });

  test('a vault that is not a vault record: RevocationFailed with a fixed message, loud, nothing written', async () => {
    w.s.secrets.createSecret({ Name: 'not-a-vault', SecretString: 'plain text' });
    const bad = revocationHandler(() => new Revocation(w.runtime(), { secretId: 'not-a-vault', clientId: w.clientId, grantName: w.cfg.grantName }));
    const err = await w.failure(() => bad({}, { getRemainingTimeInMillis: () => 30_000 }));
    expect(err).toBeInstanceOf(RevocationError);
    expect(err.message).toBe("RevocationFailed: the vault's secret value is not a cdk-token-guard vault record: not JSON");
    expect(w.metrics('RevocationFailure')).toHaveLength(1);
    expect(w.s.calls.count({ operation: 'PutSecretValue' })).toBe(0);
  });
});
