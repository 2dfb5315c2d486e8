/**
 * The built binary in real processes: compiled here once (as `npm run build` compiles it), then spawned for real
 * exit codes, real stderr, the shebang, standard input and a closed pipe.
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditReport } from '../../../bin/cli/audit/report';
import { tempDir, write } from '../helpers';
import { CLEAN_JSON, RISKY_YAML } from './cli';

const root = path.resolve(__dirname, '..', '..', '..');
// Inside the package (so node_modules and package.json resolve), in a git-ignored directory.
const build = path.join(root, '.tmp', `binary-test-${process.pid}`);
const bin = path.join(build, 'bin', 'token-guard.js');
const tmp = tempDir('tg-binary-');
write(tmp.dir, 'risky.yaml', RISKY_YAML);
const clean = write(tmp.dir, 'clean.json', CLEAN_JSON);

beforeAll(() => {
  childProcess.execFileSync(process.execPath, [path.join(root, 'scripts', 'build.js'), build], { cwd: root, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  fs.rmSync(build, { recursive: true, force: true });
  tmp.cleanup();
});

function spawn(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = childProcess.spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? tmp.dir,
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', TOKEN_GUARD_DEBUG: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stderr.split('\n').filter(Boolean) };
}

const STACK_TRACE = /^\s+at .+[:(]\d+:\d+\)?$/m;

describe('the built token-guard binary', () => {
  it('exits 0 on a clean template and 1 on findings, with the summary on stderr', () => {
    const ok = spawn(['audit', clean]);
    expect([ok.code, ok.stdout, ok.lines.length]).toEqual([0, 'No findings in 1 template.\n', 1]);
    const bad = spawn(['audit', 'risky.yaml']);
    expect(bad.code).toBe(1);
    expect(bad.stdout.startsWith('risky.yaml\n  Client  AWS::Cognito::UserPoolClient\n')).toBe(true);
    expect(bad.lines).toEqual([expect.stringMatching(/^token-guard audit: 1 file, 1 template: 2 errors, 3 warnings, 0 suppressed, 0 input errors in \d/)]);
  });

  it('exits 2 with one line per bad input, having audited the rest, and never prints a stack trace', () => {
    write(tmp.dir, 'broken.yaml', 'Resources:\n  A: [x, y\n  B: z\n');
    const run = spawn(['audit', 'broken.yaml', 'missing.json', 'risky.yaml', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.lines).toEqual([
      'token-guard: missing.json: no such file or directory',
      expect.stringMatching(/^token-guard: broken\.yaml:\d+:\d+: malformed YAML: /),
      expect.stringMatching(/^token-guard audit: 3 files, 1 template: 2 errors, 3 warnings, 0 suppressed, 2 input errors in /),
    ]);
    expect((JSON.parse(run.stdout) as AuditReport).summary.templates).toBe(1);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('audits a template the yaml package refuses and CloudFormation reads (a flow sequence at its key\'s column): exit 1, not 2', () => {
    const lenient = RISKY_YAML.replace('ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]', 'ExplicitAuthFlows: [\n      ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH\n      ]');
    write(tmp.dir, 'lenient.yaml', lenient);
    const run = spawn(['audit', 'lenient.yaml', 'risky.yaml', '--format', 'json']);
    expect([run.code, run.lines.length]).toEqual([1, 1]);
    const findings = (JSON.parse(run.stdout) as AuditReport).findings;
    const of = (file: string) => findings.filter((f) => f.file === file);
    expect(of('lenient.yaml').length).toBeGreaterThan(0);
    expect(of('lenient.yaml').map((f) => [f.ruleId, f.logicalId, f.path, f.message])).toEqual(of('risky.yaml').map((f) => [f.ruleId, f.logicalId, f.path, f.message]));
    expect(of('lenient.yaml').map((f) => f.line)).toEqual(of('lenient.yaml').map(() => undefined)); // js-yaml keeps no positions
    expect(of('risky.yaml').every((f) => f.line !== undefined)).toBe(true);
  });

  it('exits 2 on usage errors with one line', () => {
    const run = spawn(['audit', 'risky.yaml', '--format', 'yaml']);
    expect(run.code).toBe(2);
    expect(run.lines).toEqual(["token-guard: option '-f, --format <format>' argument 'yaml' is invalid. Allowed choices are text, json, sarif. (see token-guard audit --help)"]);
    expect(spawn([]).code).toBe(2);
    expect(spawn(['--version']).code).toBe(0);
  });

  it('runs through its shebang, as npm installs it', () => {
    fs.chmodSync(bin, 0o755);
    const result = childProcess.spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    // The bundle's __dirname is dist/bin: package.json is found from there.
    expect(result.stdout).toBe(`${(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('writes SARIF and nothing else to stdout (the bundle holds no script that runs as main)', () => {
    const run = spawn(['audit', 'risky.yaml', '--format', 'sarif']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { version: string }).version).toBe('2.1.0');
  });

  it('loads no node module an audit of one file does not use (crypto, file streams, tty, perf_hooks, os)', () => {
    // process.stdin is read on demand (bin/cli/io.ts). (commander loads child_process, and with it net, for
    // subcommands we do not have: about 2.5 ms, left as it is.)
    const hook = write(tmp.dir, 'modules-hook.js', `process.on('exit', () => require('fs').writeFileSync(process.env.MODULES_OUT, JSON.stringify(process.moduleLoadList)));`);
    const out = path.join(tmp.dir, 'modules.json');
    const result = childProcess.spawnSync(process.execPath, ['-r', hook, bin, 'audit', clean], {
      cwd: tmp.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', MODULES_OUT: out },
    });
    expect(result.status).toBe(0);
    const loaded = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => /^NativeModule (internal\/fs\/streams|crypto|tty|perf_hooks|os)$/.test(m))).toEqual([]);
    expect(result.stdout).toBe('No findings in 1 template.\n');
  });

  it('reads standard input with -', () => {
    const run = spawn(['audit', '-', '--format', 'json'], { input: RISKY_YAML });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as AuditReport).findings[0].file).toBe('<stdin>');
  });

  it('refuses standard input past --max-bytes while reading it: `audit - < /dev/zero` ends with one line', () => {
    if (!fs.existsSync('/dev/zero')) return;
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const result = childProcess.spawnSync(process.execPath, [bin, 'audit', '-', '--max-bytes', '1MiB'], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe('token-guard: <stdin>: input is over the 1 MiB limit (--max-bytes raises it)');
    } finally {
      fs.closeSync(zero);
    }
  });

  it('says in one line of its own that standard output cannot be written (> /dev/full), with exit 74', () => {
    if (!fs.existsSync('/dev/full')) return;
    const full = fs.openSync('/dev/full', 'w');
    try {
      const result = childProcess.spawnSync(process.execPath, [bin, 'audit', 'risky.yaml'], { cwd: tmp.dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect([result.status, result.stderr]).toEqual([74, 'token-guard: cannot write to standard output: no space left on the device (ENOSPC)\n']);
    } finally {
      fs.closeSync(full);
    }
  });

  it('stops quietly when the reader of its output goes away', () => {
    const many = Array.from({ length: 30 }, (_, i) => write(tmp.dir, `pipe/r${i}.yaml`, RISKY_YAML));
    const result = childProcess.spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" audit ${many.map((f) => `"${f}"`).join(' ')} | head -c 10 >/dev/null; echo "status $?"`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).not.toContain('EPIPE');
  });

  it('runs the command only as the main module: required, it gives the CLI module', () => {
    const script = `const cli = require(${JSON.stringify(bin)}); console.log(typeof cli.main, typeof cli.run)`;
    const result = childProcess.spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, 'function function\n', '']);
  });

  it('ships the CLI once: its bundles (seed and revoke, with the AWS SDK, apart), and no CLI module beside them', () => {
    expect(fs.readdirSync(path.join(build, 'bin')).sort()).toEqual(['revoke.js', 'seed.js', 'token-guard.js']);
  });
});
