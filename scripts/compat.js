#!/usr/bin/env node
/**
 * The compatibility job (docs/compatibility.md): does the package keep its promises on the versions its ranges let
 * users have? Run by .ci/run after the main suite; the npm registry must be reachable. Everything happens in scratch
 * directories under the system's temporary directory (the lock file is never touched).
 *
 * 1. Repository runs: a copy of the repository (its files, `npm ci` from the lock file), then the newest
 *    aws-cdk-lib, constructs, cdk-nag 3 and aws-cdk CLI the ranges allow (or the oldest aws-cdk-lib and constructs
 *    the peer ranges declare) installed into the copy, and the construct and pack tests run with jest.
 * 2. User apps, from the packed tarball, each with its own package.json and the newest aws-cdk-lib in range:
 *    - on cdk-nag 3: every complete TypeScript app in README.md and docs/ is synthesised by the cdk CLI with
 *      TokenGuardChecks, AwsSolutions, NIST 800-53 R5, HIPAA and PCI DSS registered (the ones an example does not
 *      register itself are added), and must pass: no unacknowledged finding. The same files, and a file using the
 *      whole public API, type-check with skipLibCheck false under the oldest TypeScript and @types/node we support,
 *      with no error from our package's files;
 *    - on cdk-nag 2, and without cdk-nag: the package installs, an app with the constructs passes the gate (and, on
 *      cdk-nag 2, its four packs as Aspects), a risky client fails synth, a NagSuppressions acknowledgement passes it.
 *    And what the package adds to an app: packages and megabytes, against the same app without it.
 *
 * Prints one line per check and ends with `compat: N passed, N failed`; exits non-zero when a check failed.
 * `node scripts/compat.js [newest] [oldest] [apps]` runs the named parts only (default: all);
 * `--results <file>` also writes the tallies as JSON.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
// Outside the repository, so that nothing in the scratch apps and copies resolves a package from its node_modules;
// one directory per clone.
const work = path.join(os.tmpdir(), `cdk-token-guard-compat-${crypto.createHash('sha256').update(root).digest('hex').slice(0, 8)}`);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The tests a repository run repeats: the constructs (and their docs examples), the pack, and the real cdk synth. */
const CONSTRUCT_AND_PACK_TESTS = ['test/lib', 'test/pack.test.ts', 'test/pack-cdk-nag-2.test.ts', 'test/rules/acknowledgements.test.ts', 'test/cdk-synth.test.ts'];
/** The oldest TypeScript and @types/node the package's declarations are checked against (docs/compatibility.md). */
const OLDEST_TYPESCRIPT = '5.0.4';
const OLDEST_TYPES_NODE = '20.0.0';

const results = [];
function check(name, fn) {
  let ok = false;
  let detail = '';
  try {
    const r = fn();
    ok = r === undefined || r === true || (typeof r === 'object' && r.ok);
    detail = typeof r === 'object' && r !== null ? r.detail ?? '' : '';
  } catch (e) {
    detail = String(e && e.message ? e.message : e).split('\n').slice(0, 12).join('\n    ');
  }
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n    ${detail}` : ''}`);
  return ok;
}

function run(cmd, args, cwd, options = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...options.env } });
  if (r.status !== 0 && !options.allowFailure) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${path.relative(root, cwd) || '.'}) exited ${r.status}\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-25).join('\n')}`);
  }
  return r;
}

/** The versions of `name` in `range`, oldest first (what `npm install name@range` chooses from; npm lists no prereleases). */
function versionsIn(name, range) {
  const out = execFileSync(npm, ['view', `${name}@${range}`, 'version', '--json'], { encoding: 'utf8' });
  const v = JSON.parse(out);
  const parts = (x) => x.split('.').map(Number);
  const cmp = (a, b) => parts(a).reduce((d, n, i) => d || n - parts(b)[i], 0);
  return (Array.isArray(v) ? v : [v]).sort(cmp);
}
const newest = (name, range) => versionsIn(name, range).at(-1);
/** The lower bound of a caret or >= range: the oldest version the range declares. */
const lowerBound = (range) => /(\d+\.\d+\.\d+)/.exec(range)[1];

function versions() {
  const peer = pkg.peerDependencies;
  return {
    newest: {
      'aws-cdk-lib': newest('aws-cdk-lib', peer['aws-cdk-lib']),
      constructs: newest('constructs', peer.constructs),
      'cdk-nag': newest('cdk-nag', pkg.devDependencies['cdk-nag']),
      'aws-cdk': newest('aws-cdk', pkg.devDependencies['aws-cdk']),
    },
    oldest: { 'aws-cdk-lib': lowerBound(peer['aws-cdk-lib']), constructs: lowerBound(peer.constructs) },
    nag2: newest('cdk-nag', '^2'),
  };
}

/** A copy of the repository's files (tracked and new, not ignored), with `npm ci` from its lock file. */
function repositoryCopy(name) {
  const dir = path.join(work, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!fs.existsSync(path.join(root, f))) continue; // deleted, not yet committed
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(dir, f));
  }
  run(npm, ['ci', '--no-audit', '--no-fund'], dir);
  return dir;
}

function repositoryRun(label, installs) {
  const specs = Object.entries(installs).map(([n, v]) => `${n}@${v}`);
  let dir;
  if (!check(`${label}: a copy of the repository with ${specs.join(', ')}`, () => {
    dir = repositoryCopy(label);
    // Into the copy's package.json and lock file (never the repository's). Each package's own entries leave the copy's
    // lock first, so npm resolves its tree afresh: an install over entries of another release of aws-cdk-lib can
    // leave out what that release needs (2.258.0's @aws-cdk/cloud-assembly-schema, which later releases bundle).
    const lockFile = path.join(dir, 'package-lock.json');
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    for (const name of Object.keys(installs)) {
      for (const key of Object.keys(lock.packages)) if (key === `node_modules/${name}` || key.startsWith(`node_modules/${name}/`)) delete lock.packages[key];
      fs.rmSync(path.join(dir, 'node_modules', name), { recursive: true, force: true });
    }
    fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2));
    run(npm, ['install', '--save-dev', '--save-exact', '--no-audit', '--no-fund', ...specs], dir);
    const installed = Object.keys(installs).map((n) => `${n}@${JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', n, 'package.json'), 'utf8')).version}`);
    return { ok: installed.join() === specs.join(), detail: installed.join() === specs.join() ? '' : `installed ${installed.join(', ')}` };
  })) {
    return { passed: 0, failed: 1 };
  }
  const out = path.join(dir, '.tmp', 'jest-results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  run(npx, ['jest', ...CONSTRUCT_AND_PACK_TESTS, '--json', `--outputFile=${out}`], dir, { allowFailure: true });
  const tally = { passed: 0, failed: 1 };
  check(`${label}: the construct and pack tests pass`, () => {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    Object.assign(tally, { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites || 0) });
    const failures = r.testResults.flatMap((s) => s.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.relative(dir, s.name)}: ${a.fullName}`));
    const broken = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).map((s) => `${path.relative(dir, s.name)}: ${s.message.split('\n')[0]}`);
    return { ok: tally.failed === 0 && tally.passed > 0, detail: `${tally.passed} passed, ${tally.failed} failed${[...failures, ...broken].map((f) => `\n    ${f}`).join('')}` };
  });
  return tally;
}

module.exports = { repositoryRun, versions, run, check, results, work, root, pkg, npm, npx, OLDEST_TYPESCRIPT, OLDEST_TYPES_NODE, newest, lowerBound };

function main() {
  const args = process.argv.slice(2);
  const resultsFile = args.includes('--results') ? args[args.indexOf('--results') + 1] : undefined;
  const parts = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--results');
  const want = (p) => parts.length === 0 || parts.includes(p);
  fs.mkdirSync(work, { recursive: true });
  const v = versions();
  console.log(`compat: newest in range ${Object.entries(v.newest).map(([n, x]) => `${n}@${x}`).join(', ')}; oldest declared ${Object.entries(v.oldest).map(([n, x]) => `${n}@${x}`).join(', ')}; cdk-nag 2: ${v.nag2}`);
  const jest = { passed: 0, failed: 0 };
  const add = (t) => {
    jest.passed += t.passed;
    jest.failed += t.failed;
  };
  if (want('newest')) add(repositoryRun('newest', v.newest));
  if (want('oldest')) add(repositoryRun('oldest', { ...v.oldest }));
  if (want('apps')) require('./compat-apps').userApps(v);
  const checks = { passed: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
  console.log(`compat: ${checks.passed} passed, ${checks.failed} failed (checks); jest in the repository copies: ${jest.passed} passed, ${jest.failed} failed`);
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify({ checks, jest }));
  process.exitCode = checks.failed > 0 ? 1 : 0;
}

if (require.main === module) main();
