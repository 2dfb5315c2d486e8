/**
 * The scheduled rotation: the broker's steps in the shared Secrets Manager rotation protocol, alone and interleaved
 * with broker refreshes. It renews the grant through the broker's protocol (lease, one child per version) and stages
 * an alias of the current version, which finishSecret makes current.
 */
import { CancelRotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { rotationHandler } from '../../lib/token-broker/rotation.handler';
import { RotationError } from '../../lib/token-broker/rotation';
import { childVersionId } from '../../lib/token-broker/vault-record';
import { addCrashPoint, AWSPENDING, AWSPREVIOUS, SimulatedCrash } from '../standins';
import { ACCESS_MINUTES, GRACE_SECONDS, grantLost, invariantProblems, leaseLabels, type World, worldPerTest } from './world';

let w: World;
worldPerTest((world) => (w = world));

const refreshes = () => w.s.calls.count({ operation: 'GetTokensFromRefreshToken' });
const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

test('a rotation refreshes the idle grant once, in createSecret, and finishSecret makes the pending alias current', async () => {
  await w.seed();
  const seeded = w.current();
  w.s.clock.advance(2 * 3600);
  const event = await w.startRotation();
  const r = w.rotation();
  await r.run({ ...event, Step: 'createSecret' });
  expect(refreshes()).toBe(1);
  // The refresh went through the broker's protocol: the seeded version's child, committed.
  const child = w.current();
  expect(child.versionId).toBe(childVersionId(seeded));
  const pending = w.stored().find((v) => v.versionId === event.ClientRequestToken);
  expect(pending?.stages).toEqual([AWSPENDING]);
  expect(w.summary(pending?.record)).toMatchObject({ state: 'active', writer: 'rotation', aliasOf: child.versionId, parentVersionId: child.versionId });
  expect(pending?.record.refreshToken === child.record.refreshToken).toBe(true);
  // The RotationToken went with the put, as Secrets Manager requires for rotations by an assumed role.
  expect(w.s.calls.list({ operation: 'PutSecretValue' }).at(-1)?.detail).toBe('RotationToken of a started rotation');
  await r.run({ ...event, Step: 'setSecret' });
  await r.run({ ...event, Step: 'testSecret' });
  expect(refreshes()).toBe(1); // testSecret never presents the pending token: that would rotate it again
  await r.run({ ...event, Step: 'finishSecret' });
  expect(w.current().versionId).toBe(event.ClientRequestToken);
  expect(w.s.secrets.stages(w.secretArn)[child.versionId]).toContain(AWSPREVIOUS);
  expect(w.s.secrets.describe(w.secretArn).LastRotatedDate?.getTime()).toBe(w.s.clock.now());
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  // The alias stands for the version it repeats: the broker's next refresh fills that version's child slot.
  w.s.clock.advance(ACCESS_MINUTES * 60);
  await w.broker().getAccessToken();
  expect(w.current().versionId).toBe(childVersionId(child));
  // The next scheduled rotation can start (no stray AWSPENDING); the grant was refreshed within the hour: no refresh.
  await w.rotateFully(w.rotation(), await w.startRotation());
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  expect(refreshes()).toBe(2);
});

test('every step is idempotent: each repeated (Secrets Manager retries steps) changes nothing more', async () => {
  await w.seed();
  w.s.clock.advance(2 * 3600);
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

test('a broker refreshing between createSecret and finishSecret: the alias repeats a superseded version; finishSecret leaves it and releases AWSPENDING', async () => {
  await w.seed();
  w.s.clock.advance(2 * 3600);
  const event = await w.startRotation();
  const r = w.rotation();
  await r.run({ ...event, Step: 'createSecret' });
  w.s.clock.advance(ACCESS_MINUTES * 60);
  const b = w.broker();
  expect(w.s.cognito.introspectAccessToken((await b.getAccessToken()).accessToken).active).toBe(true);
  for (const Step of steps.slice(1)) await r.run({ ...event, Step });
  expect(w.events('superseded')).toHaveLength(1);
  expect(w.current().record.writer).toBe('broker');
  expect(w.s.secrets.stages(w.secretArn)[event.ClientRequestToken]).toBeUndefined();
  expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(0);
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  await w.rotateFully(w.rotation(), await w.startRotation());
});

test('a broker and the rotation at once: one refresh under the lease, and the rotation stages the result', async () => {
  await w.seed();
  w.s.clock.advance(2 * 3600);
  const event = await w.startRotation();
  const [served] = await Promise.all([w.attempt(() => w.broker().getAccessToken()), w.attempt(() => w.rotateFully(w.rotation(), event))]);
  expect(served instanceof Error).toBe(false);
  expect(refreshes()).toBe(1);
  expect(w.s.calls.count({ operation: 'RevokeToken' })).toBe(0);
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
});

test('rotating a vault that was never seeded carries the empty state over without calling Cognito', async () => {
  await w.rotateFully(w.rotation(), await w.startRotation());
  expect(w.summary(w.current().record)).toMatchObject({ state: 'empty', writer: 'rotation' });
  expect(refreshes()).toBe(0);
  expect(w.events('created')[0]).toMatchObject({ outcome: 'inactive', state: 'empty' });
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
  expect(grantLost(w)).toBe(true);
  // The next scheduled rotation carries the invalid state over: no Cognito call, no new alarm.
  w.s.clock.advance(4 * 3600);
  await w.rotateFully(w.rotation(), await w.startRotation());
  expect(w.summary(w.current().record)).toMatchObject({ state: 'invalid', reason: 'not-authorized', writer: 'rotation' });
  expect(refreshes()).toBe(1);
  expect(w.metrics('GrantUnusable')).toHaveLength(1);
});

test('a crash after Cognito answered in createSecret: the retried step takes the lease over within the grace period and refreshes again', async () => {
  await w.seed();
  w.s.clock.advance(2 * 3600);
  const event = await w.startRotation();
  const r = w.rotation();
  addCrashPoint(w.clientsOf(r).cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });
  expect(await w.failure(() => r.run({ ...event, Step: 'createSecret' }))).toBeInstanceOf(SimulatedCrash);
  w.s.clock.advance(30);
  await w.rotateFully(w.rotation(), event);
  expect(w.current().versionId).toBe(event.ClientRequestToken);
  w.s.clock.advance(GRACE_SECONDS);
  expect(invariantProblems(w)).toEqual([]);
  expect(leaseLabels(w)).toEqual([]);
});

test('the Lambda handler refuses events for another secret, a version not pending, and reports failures as RotationFailed', async () => {
  await w.seed();
  const event = await w.startRotation();
  const handler = rotationHandler(w.rotation());
  const other = await w.failure(() => handler({ ...event, Step: 'createSecret', SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other-AbCdEf' }));
  expect(other).toBeInstanceOf(RotationError);
  const notPending = await w.failure(() => handler({ ...event, Step: 'createSecret', ClientRequestToken: '00000000-0000-4000-8000-000000000099' }));
  expect((notPending as Error).message).toBe('RotationFailed: the version is not staged AWSPENDING for rotation');
  expect(w.metrics('RotationFailure')).toHaveLength(2);
  await handler({ ...event, Step: 'createSecret' }, { getRemainingTimeInMillis: () => 30_000 });
  expect(w.stored().find((v) => v.versionId === event.ClientRequestToken)?.record.state).toBe('active');
  // Rotation turned off meanwhile: the remaining steps are refused.
  await w.runtime().secrets.send(new CancelRotateSecretCommand({ SecretId: w.secretArn }));
  const off = await w.failure(() => handler({ ...event, Step: 'finishSecret' }));
  expect((off as Error).message).toBe('RotationFailed: rotation is not enabled on the secret');
  expect(w.s.secrets.stages(w.secretArn)[event.ClientRequestToken]).toEqual([AWSPENDING]);
});
