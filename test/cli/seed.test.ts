/**
 * `token-guard seed`: the token comes from stdin only, is checked for shape, lands in the vault in the documented
 * JSON shape through the commit protocol, and never appears in anything printed.
 */
import { EMPTY_VAULT_VALUE } from '../../lib/handlers/vault-format';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { SEED_EXIT, seedCommand } from '../../bin/cli/commands/seed';
import type { CliInput as SeedInput } from '../../bin/cli/io';
import { Broker } from '../../lib/token-broker/broker';
import { parseVaultRecord, VAULT_SCHEMA } from '../../lib/token-broker/vault-record';
import { AWSCURRENT, seedDelegatedClient, type StandIns, startStandIns } from '../standins';
import { describeFindings, tokenFindings } from '../broker/world';

const ROOT = path.join(__dirname, '..', '..');

let s: StandIns;
let clientId: string;
let username: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  s = await startStandIns();
  ({ clientId, username } = seedDelegatedClient(s, { graceSeconds: 60, secret: false }));
  s.secrets.createSecret({ Name: 'vault/integration', SecretString: EMPTY_VAULT_VALUE });
  out = [];
  err = [];
});
afterEach(async () => {
  const findings = tokenFindings(s.leaks, out, err);
  await s.close();
  expect(describeFindings(findings)).toBe('no token material found');
});

const io = (stdin: SeedInput) => ({
  stdin,
  stdout: { write: (t: string) => out.push(t) },
  stderr: { write: (t: string) => err.push(t) },
  secrets: s.clients({ maxAttempts: 1 }).secrets,
});
const signIn = () => s.cognito.issueRefreshToken({ clientId, username, via: 'oauth' });
const current = () => parseVaultRecord(s.secrets.value('vault/integration') as string);

/** A stream that looks like a terminal: raw mode recorded, typed characters delivered on resume. */
function fakeTerminal(typed: string): SeedInput & { rawModes: boolean[] } {
  const stream = new PassThrough() as unknown as PassThrough & { isTTY: boolean; setRawMode(m: boolean): void; rawModes: boolean[] };
  stream.isTTY = true;
  stream.rawModes = [];
  stream.setRawMode = (m: boolean) => stream.rawModes.push(m);
  setImmediate(() => stream.write(typed));
  return stream as unknown as SeedInput & { rawModes: boolean[] };
}

test('a piped token is stored as the current version, in the vault JSON shape; the output names the version, not the token', async () => {
  const { RefreshToken } = signIn();
  const code = await seedCommand({ vault: 'vault/integration', clientId }, io(Readable.from([`${RefreshToken}\n`])));
  expect(err.join('')).toBe('');
  expect(code).toBe(SEED_EXIT.ok);
  const record = current();
  expect({ ...record, refreshToken: s.leaks.refOf(record.refreshToken as string) }).toMatchObject({ schema: VAULT_SCHEMA, state: 'active', writer: 'seed', clientId });
  expect(record.refreshToken === RefreshToken).toBe(true);
  const versionId = s.calls.list({ operation: 'PutSecretValue' })[0]?.refs.versionId as string;
  expect(s.secrets.stages('vault/integration')[versionId]).toContain(AWSCURRENT);
  expect(out.join('')).toMatch(new RegExp(`^seeded vault/integration: version ${versionId} is AWSCURRENT \\(it replaces [0-9a-f-]+, which was empty\\); a refresh token of ${RefreshToken.length} characters for app client ${clientId}, read from stdin and not shown\\n$`));
  // A broker takes it from there.
  const b = new Broker(
    { ...s.clients({ maxAttempts: 1 }), now: () => s.clock.now(), wallNow: Date.now, sleep: async () => undefined, write: () => undefined, newVersionId: () => crypto.randomUUID() },
    { secretId: 'vault/integration', clientId, grantName: 'g', graceSeconds: 60, minValiditySeconds: 120 },
  );
  expect(s.cognito.introspectAccessToken((await b.getAccessToken()).accessToken).active).toBe(true);
});

test('a terminal on stdin is refused without --interactive, before anything is read or written', async () => {
  const terminal = fakeTerminal('never read\r');
  const code = await seedCommand({ vault: 'vault/integration' }, io(terminal));
  expect(code).toBe(SEED_EXIT.usage);
  expect(err.join('')).toMatch(/stdin is a terminal: pipe the token in/);
  expect(terminal.rawModes).toEqual([]);
  expect(s.calls.count()).toBe(0);
});

test('--interactive reads from the terminal in raw mode without echo (backspace honoured), then restores the terminal', async () => {
  const { RefreshToken } = signIn();
  const terminal = fakeTerminal(`${RefreshToken}x\u007f\r`);
  const code = await seedCommand({ vault: 'vault/integration', clientId, interactive: true }, io(terminal));
  expect(code).toBe(SEED_EXIT.ok);
  expect(terminal.rawModes).toEqual([true, false]);
  expect(err.join('')).toBe('Paste the refresh token, then press Enter (input is not shown): \n');
  expect(current().refreshToken === RefreshToken).toBe(true);
});

test('Ctrl-C at the prompt writes nothing', async () => {
  const code = await seedCommand({ vault: 'vault/integration', interactive: true }, io(fakeTerminal('abc\u0003')));
  expect(code).toBe(SEED_EXIT.interrupted);
  expect(s.calls.count()).toBe(0);
});

test.each([
  ['an access token', () => signIn().AccessToken, /three segments: that is a JWT \(an access or ID token\)/],
  ['two tokens on two lines', () => `${signIn().RefreshToken}\n${signIn().RefreshToken}`, /contains whitespace/],
  ['a short string', () => 'not-a-token', /characters long/],
  ['nothing', () => '', /no token on stdin/],
])('%s is refused (exit 4) without echoing it, and nothing is written', async (_name, input, message) => {
  const code = await seedCommand({ vault: 'vault/integration' }, io(Readable.from([input()])));
  expect(code).toBe(SEED_EXIT.notAToken);
  expect(err.join('')).toMatch(message);
  expect(s.calls.count({ operation: 'PutSecretValue' })).toBe(0);
});

test('a vault with an active grant is refused (exit 3): revoke it first', async () => {
  await seedCommand({ vault: 'vault/integration', clientId }, io(Readable.from([signIn().RefreshToken])));
  const code = await seedCommand({ vault: 'vault/integration', clientId }, io(Readable.from([signIn().RefreshToken])));
  expect(code).toBe(SEED_EXIT.refused);
  expect(err.join('')).toMatch(/already holds an active grant; revoke it first/);
  expect(s.calls.count({ operation: 'PutSecretValue' })).toBe(1);
});

test('a client id other than the one the vault names is refused (exit 3)', async () => {
  s.secrets.createSecret({ Name: 'vault/named', SecretString: JSON.stringify({ schema: VAULT_SCHEMA, state: 'invalid', reason: 'not-authorized', clientId, writer: 'broker' }) });
  const code = await seedCommand({ vault: 'vault/named', clientId: 'anotherclient' }, io(Readable.from([signIn().RefreshToken])));
  expect(code).toBe(SEED_EXIT.refused);
  expect(err.join('')).toMatch(`the vault belongs to app client ${clientId}, not anotherclient`);
});

test('an AWS failure is one line with the error type (exit 5)', async () => {
  const code = await seedCommand({ vault: 'vault/missing' }, io(Readable.from([signIn().RefreshToken])));
  expect(code).toBe(SEED_EXIT.aws);
  expect(err).toEqual(['token-guard seed: Secrets Manager call failed: ResourceNotFoundException (HTTP 400); nothing was seeded\n']);
});

test('end to end in a separate process: the endpoint from AWS_ENDPOINT_URL, the token through a pipe, never in argv', async () => {
  const { RefreshToken } = signIn();
  const script = `require('./bin/cli/commands/seed').seedCommand({ vault: 'vault/integration', clientId: process.argv[1] }, process).then((c) => { process.exitCode = c; });`;
  // Asynchronous: the stand-ins answer from this process's event loop.
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, clientId], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...s.env() },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(`${RefreshToken}\n`);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  out.push(stdout);
  err.push(stderr);
  expect(stderr).toBe('');
  expect(status).toBe(SEED_EXIT.ok);
  expect(stdout).toMatch(/^seeded vault\/integration: version [0-9a-f-]{36} is AWSCURRENT/);
  expect(current().refreshToken === RefreshToken).toBe(true);
}, 60_000);
