/**
 * `token-guard revoke`: what it prints (a person can follow it; never token material), its exit codes, and that it
 * ends the grant like the deployed function does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REVOKE_EXIT, revokeCommand, type RevokeOptions } from '../../bin/cli/commands/revoke';
import type { RevocationReport } from '../../lib/token-broker/revocation';
import { VAULT_SCHEMA } from '../../lib/token-broker/vault-record';
import { ACCESS_MINUTES, describeFindings, tokenFindings, type World, worldPerTest } from '../broker/world';

let w: World;
worldPerTest((world) => (w = world));
let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
});
afterEach(() => {
  expect(describeFindings(tokenFindings(w.s.leaks, out, err))).toBe('no token material found');
});

const run = (options: Partial<RevokeOptions> = {}) =>
  revokeCommand(
    { vault: w.secretArn, ...options },
    { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, ...w.s.clients({ maxAttempts: 1 }), now: () => w.s.clock.now() },
  );
const usable = () => w.stored().filter((v) => v.record.refreshToken !== undefined && w.s.cognito.canMint(v.record.refreshToken));

test('revokes, prints what it did, what remains and the residual exposure; a second run has nothing to do', async () => {
  await w.seed();
  const b = w.broker();
  await b.getAccessToken();
  w.s.clock.advance(ACCESS_MINUTES * 60 - w.cfg.minValiditySeconds + 1);
  await b.getAccessToken();
  const before = w.current();
  const code = await run({ accessTokenValidityMinutes: ACCESS_MINUTES });
  expect(err).toEqual([]);
  expect(code).toBe(REVOKE_EXIT.ok);
  expect(usable()).toEqual([]);
  const tombstone = w.current();
  const text = out.join('');
  const lines = text.split('\n');
  expect(lines[0]).toBe(`revoked ${w.secretArn}: every refresh token it held is revoked at Cognito and the revoked tombstone is current`);
  expect(text).toContain(`  before        active\n`);
  expect(text).toContain(`  revoked now   3 refresh tokens: AWSCURRENT+TOKENGUARD_STAGED ${before.versionId}, AWSPREVIOUS ${before.record.parentVersionId}, 1 label-less version\n`);
  expect(text).toContain(`  tombstone     version ${tombstone.versionId} is AWSCURRENT: state revoked since ${tombstone.record.revokedAt}\n`);
  expect(text).toContain(`  labels        AWSPREVIOUS taken off version ${before.versionId} (no label reaches a revoked token)\n`);
  expect(text).toContain('  rotation      stays scheduled: a rotation of a revoked vault carries the tombstone over and calls nothing');
  expect(text).toContain('  sign-out      not requested');
  expect(text).toContain(
    `  residual      access tokens already issued are revoked at Cognito but verify locally until ${new Date(w.s.clock.now() + ACCESS_MINUTES * 60_000).toISOString()} at the latest (900 s from now; 15-minute lifetime, configured); the broker's cached access token expires ${before.record.accessTokenExpiresAt}\n`,
  );
  expect(text).toContain('  stored        refresh tokens in 3 versions, every one revoked; they stay readable by version id');

  // The incident runbook shows this output: the same rows, in the same order, the same wording around the values.
  const runbook = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'runbook.md'), 'utf8');
  const sample = runbook.match(/```text\n([\s\S]*?)```/)?.[1] ?? '';
  const shape = (t: string) => t.trim().split('\n').map((l) => l.replace(/arn:aws:secretsmanager:\S+/g, 'ARN').replace(/[0-9a-f]{4}…|[0-9a-f-]{36}/g, 'ID').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME'));
  expect(shape(sample)).toEqual(shape(text));

  out = [];
  expect(await run()).toBe(REVOKE_EXIT.ok);
  const again = out.join('');
  expect(again.split('\n')[0]).toBe(`${w.secretArn} was revoked already: every refresh token it holds is revoked; nothing left to do`);
  expect(again).toContain('  revoked now   no refresh token\n');
  expect(again).toContain('  already       3 versions revoked by an earlier run (recorded in the tombstone)\n');
  expect(w.current().versionId).toBe(tombstone.versionId);
});

test('--json prints the report', async () => {
  await w.seed();
  expect(await run({ json: true })).toBe(REVOKE_EXIT.ok);
  const report = JSON.parse(out.join('')) as RevocationReport;
  expect(report).toMatchObject({ secretId: w.secretArn, outcome: 'revoked', stateBefore: 'active', failures: [], storedTokens: 1 });
  expect(report.revokedNow).toHaveLength(1);
});

test('a token Cognito refuses to revoke: exit 6, the version named, the tombstone in place; the brokers refuse meanwhile', async () => {
  await w.seed();
  w.s.faults.inject({ service: 'cognito', operation: 'RevokeToken', kind: 'error', errorType: 'UnsupportedOperationException', message: 'Token revocation is not enabled for this app client', times: 10 });
  // (a refusal is not retried within a call; each round of the run tries the version again)
  expect(await run()).toBe(REVOKE_EXIT.incomplete);
  const seeded = w.stored().find((v) => v.record.writer === 'seed');
  w.s.faults.clear();
  expect(out.join('')).toContain(`  NOT revoked   version ${seeded?.versionId}: UnsupportedOperationException (HTTP 400); its token may still be usable\n`);
  expect(out.join('').split('\n')[0]).toMatch(/is revoked in the vault \(brokers refuse it\), but not everything could be revoked: run this command again$/);
  expect(w.current().record.state).toBe('revoked');
  expect(await w.failure(() => w.broker().getAccessToken())).toMatchObject({ state: 'revoked' });
  out = [];
  expect(await run()).toBe(REVOKE_EXIT.ok);
  expect(usable()).toEqual([]);
});

test.each([
  ['no vault', { vault: '' }, /<vault> \(the secret ARN or name\) is required/],
  ['a lifetime out of range', { accessTokenValidityMinutes: 2 }, /--access-token-validity must be a whole number of minutes from 5 to 1440/],
  ['a sign-out without its pool', { signOutUser: 'svc' }, /--sign-out-user and --user-pool-id go together/],
  ['a malformed client id', { clientId: 'not a client' }, /--client-id is not an app client id/],
])('usage: %s (exit 2, nothing called)', async (_name, options, message) => {
  expect(await run(options)).toBe(REVOKE_EXIT.usage);
  expect(err.join('')).toMatch(message);
  expect(w.s.calls.count()).toBe(0);
});

test('a secret that is not a vault is refused (exit 3); a missing one is an AWS error (exit 5); neither is written to', async () => {
  w.s.secrets.createSecret({ Name: 'plain', SecretString: JSON.stringify({ schema: VAULT_SCHEMA, state: 'dormant' }) });
  expect(await run({ vault: 'plain' })).toBe(REVOKE_EXIT.refused);
  expect(err).toEqual(['token-guard revoke: RevocationFailed: the vault\'s secret value is not a cdk-token-guard vault record: field "state" is not one of empty, active, invalid, revoked\n']);
  err = [];
  expect(await run({ vault: 'missing' })).toBe(REVOKE_EXIT.aws);
  expect(err).toEqual(['token-guard revoke: an AWS call failed: ResourceNotFoundException (HTTP 400); run again once it is fixed (revocation is safe to repeat)\n']);
  expect(w.s.calls.count({ operation: 'PutSecretValue' })).toBe(0);
});
