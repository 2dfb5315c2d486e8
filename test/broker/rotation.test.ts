/**
 * The scheduled rotation through the Secrets Manager protocol, alone and interleaved with broker refreshes.
 */
import { CancelRotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { rotationHandler } from '../../lib/token-broker/rotation.handler';
import { RotationError } from '../../lib/token-broker/rotation';
import { addCrashPoint, AWSPENDING, AWSPREVIOUS, SimulatedCrash } from '../standins';
import { ACCESS_MINUTES, GRACE_SECONDS, grantAlive, invariantProblems, type World, worldPerTest } from './world';

let w: World;
worldPerTest((world) => (w = world));

const refreshes = () => w.s.calls.count({ operation: 'GetTokensFromRefreshToken' });
const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

test('a rotation refreshes the idle grant once, in createSecret, and finishSecret makes it current', async () => {
  await w.seed();
  const seeded = w.current();
  const event = await w.startRotation();
  const r = w.rotation();
  await r.run({ ...event, Step: 'createSecret' });
  expect(refreshes()).toBe(1);
  const pending = w.stored().find((v) => v.versionId === event.ClientRequestToken);
  expect(pending?.stages).toEqual([AWSPENDING]);
  expect(w.summary(pending?.record)).toMatchObject({ state: 'active', writer: 'rotation', parentVersionId: seeded.versionId });
  // The RotationToken went with the put, as Secrets Manager requires for rotations by an assumed role.
  expect(w.s.calls.list({ operation: 'PutSecretValue' }).at(-1)?.detail).toBe('RotationToken of a started rotation');
  await r.run({ ...event, Step: 'setSecret' });
  await r.run({ ...event, Step: 'testSecret' });
  expect(refreshes()).toBe(1); // testSecret never presents the pending token: that would rotate it again
  await r.run({ ...event, Step: 'finishSecret' });
  expect(w.current().versionId).toBe(event.ClientRequestToken);
  expect(w.s.secrets.stages(w.secretArn)[seeded.versionId]).toContain(AWSPREVIOUS);
  expect(w.s.secrets.describe(w.secretArn).LastRotatedDate?.getTime()).toBe(w.s.clock.now());
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  // The next scheduled rotation can start (no stray AWSPENDING).
  w.s.clock.advance(4 * 3600);
  await w.rotateFully(w.rotation(), await w.startRotation());
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  expect(refreshes()).toBe(2);
});

test('every step is idempotent: each repeated (Secrets Manager retries steps) changes nothing more', async () => {
  await w.seed();
  const event = await w.startRotation();
  for (const Step of steps) {
    await w.rotation().run({ ...event, Step });
    const state = JSON.stringify(w.s.secrets.stages(w.secretArn));
    const calls = refreshes();
    await w.rotation().run({ ...event, Step });
    expect(JSON.stringify(w.s.secrets.stages(w.secretArn))).toBe(state);
    expect(refreshes()).toBe(calls);
  }
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
});

test('a broker refreshing between createSecret and finishSecret (after the grace period) commits the pending version; finishSecret finds it current', async () => {
  await w.seed();
  const event = await w.startRotation();
  const r = w.rotation();
  await r.run({ ...event, Step: 'createSecret' });
  w.s.clock.advance(GRACE_SECONDS * 5); // the seeded token is dead now; only the pending version's token works
  const served = await w.broker().getAccessToken();
  expect(w.s.cognito.introspectAccessToken(served.accessToken).active).toBe(true);
  expect(w.events('rolled-forward')).toHaveLength(1);
  for (const Step of steps.slice(1)) await r.run({ ...event, Step });
  // The broker served the pending version's access token, so it is still current: AWSPENDING may stay on it.
  expect(w.current().versionId).toBe(event.ClientRequestToken);
  expect(w.events('already-current').length).toBeGreaterThan(0);
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  await w.rotateFully(w.rotation(), await w.startRotation());
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
});

test('a broker committing its own refresh while the rotation is under way: the pending version lost; finishSecret revokes its token', async () => {
  await w.seed();
  const event = await w.startRotation();
  const b = w.broker();
  const r = w.rotation();
  // The broker reads the seeded version before the rotation's put lands, and commits after it.
  w.s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'delay', ms: 50 });
  const brokerDone = b.getAccessToken();
  await w.untilCalls('GetTokensFromRefreshToken', 1);
  await r.run({ ...event, Step: 'createSecret' });
  await brokerDone;
  for (const Step of steps.slice(1)) await r.run({ ...event, Step });
  expect(w.events('superseded')).toHaveLength(1);
  expect(w.current().record.writer).toBe('broker');
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  await w.rotateFully(w.rotation(), await w.startRotation());
});

test('rotating a vault that was never seeded carries the empty state over without calling Cognito', async () => {
  await w.rotateFully(w.rotation(), await w.startRotation());
  expect(w.summary(w.current().record)).toMatchObject({ state: 'empty', writer: 'rotation' });
  expect(refreshes()).toBe(0);
  expect(w.events('carried-over')).toHaveLength(1);
});

test('a rotation that finds the grant dead marks the vault invalid, raises the alarm metric and completes (no retry loop)', async () => {
  await w.seed();
  w.s.clock.advance(8 * 86400); // past the 7-day refresh token lifetime
  const event = await w.startRotation();
  await w.rotateFully(w.rotation(), event);
  expect(w.summary(w.current().record)).toMatchObject({ state: 'invalid', reason: 'not-authorized' });
  expect(w.current().versionId).toBe(event.ClientRequestToken);
  expect(w.metrics('GrantUnusable')).toHaveLength(1);
  expect(refreshes()).toBe(1);
  expect(grantAlive(w)).toBe(false);
  // The next scheduled rotation carries the invalid state over: no Cognito call, no new alarm.
  w.s.clock.advance(4 * 3600);
  await w.rotateFully(w.rotation(), await w.startRotation());
  expect(w.summary(w.current().record)).toMatchObject({ state: 'invalid', reason: 'not-authorized', writer: 'rotation' });
  expect(refreshes()).toBe(1);
  expect(w.metrics('GrantUnusable')).toHaveLength(1);
});

test('a crash after Cognito answered in createSecret: the retried step (within the grace period) refreshes again', async () => {
  await w.seed();
  const event = await w.startRotation();
  const r = w.rotation();
  addCrashPoint(w.clientsOf(r).cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });
  expect(await w.failure(() => r.run({ ...event, Step: 'createSecret' }))).toBeInstanceOf(SimulatedCrash);
  w.s.clock.advance(30);
  await w.rotateFully(w.rotation(), event);
  expect(w.current().versionId).toBe(event.ClientRequestToken);
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
});

test('the Lambda handler refuses events for another secret, a version not pending, and reports failures as RotationFailed', async () => {
  await w.seed();
  const event = await w.startRotation();
  const handler = rotationHandler(w.rotation());
  const other = await w.failure(() => handler({ ...event, Step: 'createSecret', SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other-AbCdEf' }));
  expect(other).toBeInstanceOf(RotationError);
  const notPending = await w.failure(() => handler({ ...event, Step: 'createSecret', ClientRequestToken: '00000000-0000-4000-8000-000000000099' }));
  expect((notPending as Error).message).toBe('RotationFailed: the rotation version is not staged AWSPENDING');
  expect(w.metrics('RotationFailure')).toHaveLength(2);
  await handler({ ...event, Step: 'createSecret' }, { getRemainingTimeInMillis: () => 30_000 });
  expect(w.stored().find((v) => v.versionId === event.ClientRequestToken)?.record.state).toBe('active');
  // Rotation turned off meanwhile: the remaining steps are refused.
  await w.runtime().secrets.send(new CancelRotateSecretCommand({ SecretId: w.secretArn }));
  const off = await w.failure(() => handler({ ...event, Step: 'finishSecret' }));
  expect((off as Error).message).toBe('RotationFailed: rotation is not enabled on the vault');
  expect(w.s.secrets.stages(w.secretArn)[event.ClientRequestToken]).toEqual([AWSPENDING]);
});

test('finishSecret after a broker committed the pending version and refreshed past it: AWSPENDING is removed, nothing revoked', async () => {
  await w.seed();
  const event = await w.startRotation();
  const r = w.rotation();
  await r.run({ ...event, Step: 'createSecret' });
  const b = w.broker();
  await b.getAccessToken(); // commits the pending version (its access token is fresh)
  w.s.clock.advance(ACCESS_MINUTES * 60);
  await b.getAccessToken(); // refreshes from it
  expect(w.current().record.parentVersionId).toBe(event.ClientRequestToken);
  for (const Step of steps.slice(1)) await r.run({ ...event, Step });
  expect(w.s.secrets.stages(w.secretArn)[event.ClientRequestToken]).toEqual([AWSPREVIOUS]);
  expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(0);
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  await w.rotateFully(w.rotation(), await w.startRotation());
});
