/**
 * The built binary in real processes: compiled here once (as `npm run build` compiles it), then spawned for real
 * exit codes, real stderr, the shebang, standard input, a closed pipe, the compiled worker threads and the compile
 * cache of its loader (each run gets a cache directory of its own, never the user's).
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditReport } from '../../../bin/cli/audit/report';
import { generateTemplate, toJson } from '../../../bench/generate-templates';
import { tempDir, write } from '../helpers';
import { CLEAN_JSON, RISKY_YAML } from './cli';

const root = path.resolve(__dirname, '..', '..', '..');
// Inside the package (so node_modules and package.json resolve), in a git-ignored directory.
const build = path.join(root, '.tmp', `binary-test-${process.pid}`);
const bin = path.join(build, 'bin', 'token-guard.js');
const tmp = tempDir('tg-binary-');
write(tmp.dir, 'risky.yaml', RISKY_YAML);
const clean = write(tmp.dir, 'clean.json', CLEAN_JSON);
const defaultCache = path.join(tmp.dir, 'cache');

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
    env: { ...process.env, NO_COLOR: '1', TOKEN_GUARD_DEBUG: '', TOKEN_GUARD_NO_COMPILE_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '', TOKEN_GUARD_CACHE_DIR: defaultCache, ...options.env },
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

  it('exits 2 on usage errors with one line', () => {
    const run = spawn(['audit', 'risky.yaml', '--format', 'yaml']);
    expect(run.code).toBe(2);
    expect(run.lines).toEqual(["token-guard: option '-f, --format <format>' argument 'yaml' is invalid. Allowed choices are text, json, sarif. (see token-guard audit --help)"]);
    expect(spawn([]).code).toBe(2);
    expect(spawn(['--version']).code).toBe(0);
  });

  it('runs through its shebang, as npm installs it', () => {
    fs.chmodSync(bin, 0o755);
    const result = childProcess.spawnSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, TOKEN_GUARD_CACHE_DIR: defaultCache } });
    expect(result.status).toBe(0);
    // The bundle's __dirname is dist/bin: package.json is found from there.
    expect(result.stdout).toBe(`${(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('writes SARIF and nothing else to stdout (the bundle holds no script that runs as main)', () => {
    const run = spawn(['audit', 'risky.yaml', '--format', 'sarif']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { version: string }).version).toBe('2.1.0');
  });

  it('loads no node module an audit of one file does not use (child_process, crypto, streams, net, tty, perf_hooks, os)', () => {
    // commander's eager require of child_process is made lazy by scripts/build.js; process.stdin is read on demand;
    // output is written to the descriptors (bin/cli/io.ts); the compile cache's checksum needs no node:crypto.
    const hook = write(tmp.dir, 'modules-hook.js', `process.on('exit', () => require('fs').writeFileSync(process.env.MODULES_OUT, JSON.stringify(process.moduleLoadList)));`);
    const out = path.join(tmp.dir, 'modules.json');
    const result = childProcess.spawnSync(process.execPath, ['-r', hook, bin, 'audit', clean], {
      cwd: tmp.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TOKEN_GUARD_CACHE_DIR: defaultCache, MODULES_OUT: out },
    });
    expect(result.status).toBe(0);
    const loaded = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => /^NativeModule (child_process|internal\/fs\/streams|crypto|stream|net|tty|perf_hooks|module|os)$/.test(m))).toEqual([]);
    expect(result.stdout).toBe('No findings in 1 template.\n');
  });

  it('reads standard input with -', () => {
    const run = spawn(['audit', '-', '--format', 'json'], { input: RISKY_YAML });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as AuditReport).findings[0].file).toBe('<stdin>');
  });

  it('stops quietly when the reader of its output goes away', () => {
    const many = Array.from({ length: 30 }, (_, i) => write(tmp.dir, `pipe/r${i}.yaml`, RISKY_YAML));
    const result = childProcess.spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" audit ${many.map((f) => `"${f}"`).join(' ')} | head -c 10 >/dev/null; echo "status $?"`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TOKEN_GUARD_CACHE_DIR: defaultCache },
    });
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).not.toContain('EPIPE');
  });

  it('spreads a batch over compiled worker threads with the same result', () => {
    const dir = path.join(tmp.dir, 'batch');
    for (let i = 0; i < 6; i++) write(dir, `t${i}.json`, toJson(generateTemplate({ resources: 150, riskyEvery: i % 2 === 0 ? 2 : 0 })));
    const one = spawn(['audit', 'batch', '--format', 'json', '--jobs', '1']);
    const two = spawn(['audit', 'batch', '--format', 'json', '--jobs', '2', '--verbose']);
    expect(two.lines[0]).toBe('token-guard: auditing 6 inputs in 2 worker threads');
    const strip = (stdout: string) => ({ ...(JSON.parse(stdout) as AuditReport), summary: undefined });
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    expect(two.code).toBe(1);
  });
});

describe('the compile cache of the built binary', () => {
  /** A fresh cache directory (not yet created) and runs that use it; stderr without the timing of the summary. */
  function withCache() {
    const dir = fs.mkdtempSync(path.join(tmp.dir, 'cc-'));
    const cacheDir = path.join(dir, 'cache');
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const result = spawn(args, { env: { TOKEN_GUARD_CACHE_DIR: cacheDir, ...env } });
      return { code: result.code, stdout: result.stdout, stderr: result.stderr.replace(/ in \d+(\.\d+)? m?s$/gm, '') };
    };
    const files = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : []);
    /** The run uses the cache as it is: a missing or rejected one would be written again at exit. */
    const expectUsed = (cache: string, args: string[]) => {
      const long = new Date('2001-01-01T00:00:00Z');
      fs.utimesSync(cache, long, long);
      const result = run(args);
      expect(fs.statSync(cache).mtime).toEqual(long);
      return result;
    };
    return { dir, cacheDir, run, files, expectUsed };
  }
  const auditRisky = ['audit', 'risky.yaml'];
  let uncached: ReturnType<ReturnType<typeof withCache>['run']>;
  beforeAll(() => {
    uncached = withCache().run(auditRisky, { TOKEN_GUARD_NO_COMPILE_CACHE: '1' });
    expect(uncached.code).toBe(1);
  });

  it('is written by the first run, after the audit, and used unchanged by the next', () => {
    const { cacheDir, run, files, expectUsed } = withCache();
    expect(run(auditRisky)).toEqual(uncached);
    expect(files()).toEqual([expect.stringMatching(/^audit-[0-9a-f]{16}-.+\.cache$/)]);
    const cache = path.join(cacheDir, files()[0]);
    expect(fs.statSync(cache).size).toBeGreaterThan(100_000); // the functions the audit compiled, not just the top level
    expect(expectUsed(cache, auditRisky)).toEqual(uncached);
    expect(files()).toHaveLength(1);
  });

  it('is written again when a run uses a part of the CLI the cache lacks (findings, YAML, SARIF), and only then', () => {
    const { cacheDir, run, files, expectUsed } = withCache();
    const cleanRun = ['audit', clean];
    const first = run(cleanRun);
    expect(first.code).toBe(0);
    const cache = path.join(cacheDir, files()[0]);
    const sizes = [fs.statSync(cache).size];
    expect(run(auditRisky)).toEqual(uncached); // a YAML template with findings: more code, written again
    sizes.push(fs.statSync(cache).size);
    expect(expectUsed(cache, auditRisky)).toEqual(uncached);
    expect(expectUsed(cache, cleanRun)).toEqual(first); // what the cache had covers a clean JSON template
    expect(run([...auditRisky, '--format', 'sarif']).code).toBe(1);
    sizes.push(fs.statSync(cache).size);
    expect(sizes[1]).toBeGreaterThan(sizes[0]);
    expect(sizes[2]).toBeGreaterThan(sizes[1]);
    expect(files()).toHaveLength(1);
  });

  it('keeps one cache per subcommand, so that --version first does not leave the audit without one', () => {
    const { run, files } = withCache();
    expect(run(['--version']).code).toBe(0);
    expect(files()).toEqual([expect.stringMatching(/^other-/)]);
    expect(run(auditRisky)).toEqual(uncached);
    expect(files()).toEqual([expect.stringMatching(/^audit-/), expect.stringMatching(/^other-/)]);
  });

  it.each([
    ['garbage', () => Buffer.from('not a cache at all\n'.repeat(100))],
    ['a truncated file', (good: Buffer) => good.subarray(0, good.length >> 1)],
    ['a changed byte', (good: Buffer) => Buffer.from(good).fill(0x5a, good.length >> 1, (good.length >> 1) + 64)],
  ])('replaces %s with a good cache, and the output is unchanged', (_name, damage) => {
    const { cacheDir, run, files, expectUsed } = withCache();
    run(auditRisky);
    const cache = path.join(cacheDir, files()[0]);
    const good = fs.readFileSync(cache);
    const damaged = damage(good);
    fs.writeFileSync(cache, damaged);
    expect(run(auditRisky)).toEqual(uncached);
    expect(fs.readFileSync(cache).equals(damaged)).toBe(false);
    expect(expectUsed(cache, auditRisky)).toEqual(uncached);
    expect(files()).toHaveLength(1);
  });

  it('changes nothing when the cache directory cannot be written', () => {
    const { dir, run } = withCache();
    const notADirectory = write(dir, 'file', 'x');
    const env = { TOKEN_GUARD_CACHE_DIR: path.join(notADirectory, 'cache') };
    expect(run(auditRisky, env)).toEqual(uncached);
    expect(run(['audit', clean], env)).toEqual({ code: 0, stdout: 'No findings in 1 template.\n', stderr: expect.any(String) });
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });

  it.each(['TOKEN_GUARD_NO_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'])('writes nothing when %s is set', (variable) => {
    const { run, files } = withCache();
    expect(run(auditRisky, { [variable]: '1' })).toEqual(uncached);
    expect(files()).toEqual([]);
  });

  it('keeps the exit codes, cold and warm: 0 clean, 1 findings, 2 bad input', () => {
    const { run } = withCache();
    write(tmp.dir, 'bad.json', '{"Resources": ');
    for (const [args, code] of [[['audit', clean], 0], [auditRisky, 1], [['audit', 'bad.json'], 2], [['audit', '--format', 'yaml', clean], 2]] as const) {
      const cold = run([...args]);
      expect(cold.code).toBe(code);
      expect(run([...args])).toEqual(cold);
      expect(run([...args], { TOKEN_GUARD_NO_COMPILE_CACHE: '1' })).toEqual(cold);
    }
  });

  it('runs the command only as the main module: required, it gives the CLI module', () => {
    const { cacheDir } = withCache();
    const script = `const cli = require(${JSON.stringify(bin)}); console.log(typeof cli.main, typeof cli.run)`;
    const result = childProcess.spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TOKEN_GUARD_CACHE_DIR: cacheDir } });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, 'function function\n', '']);
  });
});
