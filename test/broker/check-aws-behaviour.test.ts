/**
 * scripts/check-aws-behaviour.ts against the stand-ins: it tells the two readings of revocation apart, confirms the
 * grace period, reports a vault read-only (no GetSecretValue), finds the version quota, and prints no token. The
 * command line is run too, pointed at the stand-in endpoint.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PutResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import { checkAwsBehaviour, type CheckDeps, type Finding, formatFinding } from '../../scripts/check-aws-behaviour';
import { seedDelegatedClient, type StandInOptions, type StandIns, startStandIns } from '../standins';
import { describeFindings, tokenFindings, startWorld } from './world';

async function withStandIns(options: StandInOptions, fn: (s: StandIns, deps: CheckDeps) => Promise<void>): Promise<void> {
  const s = await startStandIns(options);
  try {
    const { cognito, secrets } = s.clients({ maxAttempts: 1 });
    await fn(s, { cognito, secrets, sleep: async (seconds) => s.clock.advance(seconds), now: () => s.clock.now() });
  } finally {
    await s.close();
  }
}

const verdicts = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.check, f.verdict]));

test.each([
  ['token', 'revocation ends one token here'],
  ['family', 'revocation ends the origin_jti family here'],
] as const)('Cognito, where RevokeToken ends %s: the reading is told apart, the retry and the grace period confirmed, the throwaway grant ended', async (revocation, reading) => {
  await withStandIns({ cognito: { revocation } }, async (s, deps) => {
    const seed = seedDelegatedClient(s, { graceSeconds: 30, secret: false });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const findings = await checkAwsBehaviour({ cognito: { clientId: seed.clientId, userPoolId: seed.userPoolId, refreshToken: RefreshToken } }, deps);
    expect(findings.find((f) => f.check === 'revoking one rotated token')?.detail).toContain(reading);
    expect(verdicts(findings)['retry within the grace period']).toBe('holds');
    if (revocation === 'token') {
      expect(verdicts(findings)['the grace period']).toBe('holds');
      expect(findings.find((f) => f.check === 'reuse after the grace period')?.detail).toMatch(/did not end/);
    }
    expect(findings.some((f) => f.verdict === 'fails')).toBe(false);
    // Nothing of the throwaway grant is left usable, and nothing printed holds a token.
    expect(s.cognito.refreshTokens({ state: 'active' })).toEqual([]);
    expect(describeFindings(tokenFindings(s.leaks, findings.map(formatFinding)))).toBe('no token material found');
  });
});

test('Cognito: a client without rotation, and a grace period of 0, are reported as failing what the broker relies on', async () => {
  await withStandIns({}, async (s, deps) => {
    const off = seedDelegatedClient(s, { rotation: false, secret: false });
    const t1 = s.cognito.issueRefreshToken({ clientId: off.clientId, username: off.username }).RefreshToken;
    expect(verdicts(await checkAwsBehaviour({ cognito: { clientId: off.clientId, userPoolId: off.userPoolId, refreshToken: t1 } }, deps))).toEqual({ 'refresh token rotation': 'fails' });
    const zero = seedDelegatedClient(s, { graceSeconds: 0, secret: false, username: 'other' });
    const t2 = s.cognito.issueRefreshToken({ clientId: zero.clientId, username: 'other' }).RefreshToken;
    expect(verdicts(await checkAwsBehaviour({ cognito: { clientId: zero.clientId, userPoolId: zero.userPoolId, refreshToken: t2 } }, deps))['retry within the grace period']).toBe('fails');
  });
});

test('a vault, read-only: its versions of the last 24 hours against the budget, leases, rotation, and the resource policy', async () => {
  const w = await startWorld();
  try {
    await w.seed();
    await w.broker().getAccessToken();
    await w.runtime(true).secrets.send(
      new PutResourcePolicyCommand({
        SecretId: w.secretArn,
        ResourcePolicy: JSON.stringify({ Statement: [{ Effect: 'Deny', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutResourcePolicy'] }] }),
      }),
    );
    await w.startRotation();
    const { cognito, secrets } = w.s.clients({ maxAttempts: 1 });
    const mark = w.s.calls.mark();
    const findings = await checkAwsBehaviour({ vault: w.secretArn }, { cognito, secrets, sleep: async () => undefined, now: () => w.s.clock.now() });
    expect(findings.map((f) => f.verdict)).toEqual(['holds', 'holds', 'holds', 'fails']);
    expect(findings[0]?.detail).toMatch(/^4 of 4 versions were created in the last 24 hours; the broker's default budget is 144 and refreshes stop at 141/);
    expect(findings[3]?.detail).toBe('does not deny secretsmanager:DeleteResourcePolicy, secretsmanager:UpdateSecret, secretsmanager:ReplicateSecretToRegions');
    expect(w.s.calls.since(mark).map((c) => c.operation)).toEqual(['ListSecretVersionIds', 'DescribeSecret', 'GetResourcePolicy']);
  } finally {
    await w.close();
  }
});

test.each([
  // The stand-in's default (AWS's one write per 10 minutes): 144 young versions. Whether older labelled ones count too
  // the probe cannot tell: it says what to do if they do.
  [{}, 'reading', /a new secret took 144 versions in a few seconds and refused the next .* at most 140/],
  [{ secretsManager: { versionQuota: { perDay: 200 } } }, 'holds', /took 160 versions in a few seconds without a refusal/],
  [{ secretsManager: { versionQuota: { total: 100 } } }, 'fails', /took 100 versions .* set TokenBroker maxVersionsPerDay to at most 96/],
] as const)('the version quota probe finds the quota and deletes its secret (%j)', async (options, verdict, detail) => {
  await withStandIns(options, async (s, deps) => {
    const [finding] = await checkAwsBehaviour({ probeVersionQuota: { max: 160 } }, deps);
    expect(finding?.verdict).toBe(verdict);
    expect(finding?.detail).toMatch(detail);
    expect(s.calls.list({ operation: 'CreateSecret' })).toHaveLength(1);
    expect(s.calls.list({ operation: 'DeleteSecret' })[0]?.outcome).toBe('ok');
  });
});

test('the command line: usage errors exit 2; pointed at the stand-ins it reports and exits 0', async () => {
  const s = await startStandIns();
  try {
    const script = path.join(__dirname, '..', '..', 'scripts', 'check-aws-behaviour.ts');
    const run = (args: string[], stdin = '') =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...s.env() } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += String(d)));
        child.stderr.on('data', (d) => (err += String(d)));
        child.on('close', (code) => resolve({ code, out, err }));
        child.stdin.end(stdin);
      });
    const none = await run([]);
    expect(none).toMatchObject({ code: 2, err: 'check-aws-behaviour: nothing to check: give --client-id, --vault or --probe-version-quota\n' });
    expect((await run(['--probe-version-quota', 'many'])).code).toBe(2);
    const probe = await run(['--probe-version-quota', '20', '--endpoint-url', s.endpoint, '--region', 'us-east-1']);
    expect(probe).toMatchObject({ code: 0, out: 'ok    version quota: a new secret took 20 versions in a few seconds without a refusal (the probe stops at 20)\n' });
    const missing = await run(['--vault', 'no-such-vault', '--endpoint-url', s.endpoint, '--region', 'us-east-1']);
    expect(missing).toMatchObject({ code: 5, err: 'check-aws-behaviour: an AWS call failed: ResourceNotFoundException (HTTP 400)\n' });
  } finally {
    await s.close();
  }
}, 60_000);
