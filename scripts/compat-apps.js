/**
 * The user-app part of the compatibility job (scripts/compat.js): new CDK apps, each with its own package.json,
 * the newest aws-cdk-lib in range and the packed tarball, on cdk-nag 3, on cdk-nag 2 and without cdk-nag; the same
 * examples in an app at the oldest versions a new user can install together; what the package adds to an app; and
 * its declarations under the oldest TypeScript and @types/node we support.
 */
const fs = require('node:fs');
const path = require('node:path');
const { run, check, work, root, pkg, npm, npx, OLDEST_TYPESCRIPT, OLDEST_TYPES_NODE, lowerBound } = require('./compat');

const FIXTURES = path.join(__dirname, 'compat-fixtures');
/** cdk-nag 3's packs and ours, as `name` reports them: the gate every example app is synthesised through. */
const FIVE_PACKS = ['TokenGuard', 'AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/** `npm pack` (which builds): the tarball, and what npm says it holds. */
function packTarball() {
  const dir = path.join(work, 'package');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const r = run(npm, ['pack', '--json', '--pack-destination', dir], root);
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  return { file: path.join(dir, info.filename), info };
}

/** A new app directory with this package.json, installed; returns its path. */
function newApp(name, dependencies, devDependencies = {}, files = {}) {
  const dir = path.join(work, 'apps', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true, dependencies, devDependencies }, null, 2)}\n`);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  run(npm, ['install', '--no-audit', '--no-fund'], dir);
  return dir;
}

/** `cdk synth` of one app file (run with tsx), with extra node options; the exit status and what it printed. */
function synth(dir, file, extra = []) {
  const out = path.join(dir, 'cdk.out', path.basename(file, '.ts'));
  const r = run(npx, ['cdk', 'synth', '--no-notices', '--quiet', '-o', out, '--app', `node ${extra.join(' ')} --import tsx ${file}`], dir, { allowFailure: true });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/** Every complete app in README.md and docs/*.md: ```ts blocks that import the package and make an App. */
function docExamples() {
  const sources = [path.join(root, 'README.md'), ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(root, 'docs', f))];
  const out = [];
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    let i = 0;
    for (const m of text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)) {
      i++;
      if (m[1].includes("from 'cdk-token-guard'") && /new (cdk\.)?App\(/.test(m[1])) out.push({ name: `${path.basename(file, '.md')}-${i}`, code: m[1] });
    }
  }
  return out;
}

function diskMb(dir) {
  let bytes = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) bytes += fs.statSync(p).size;
    }
  };
  walk(dir);
  return bytes / 1e6;
}

/** Installed packages: entries of the lock file's package tree that are on disk. */
function packageCount(dir) {
  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  return Object.keys(lock.packages).filter((p) => p !== '' && fs.existsSync(path.join(dir, p))).length;
}

function userApps(v) {
  const { newest } = v;
  const base = { 'aws-cdk-lib': newest['aws-cdk-lib'], constructs: newest.constructs };
  const cli = { 'aws-cdk': newest['aws-cdk'], tsx: '^4' };
  let tarball;
  if (!check('the package packs (npm pack, which builds it)', () => {
    tarball = packTarball();
    return { ok: true, detail: `${tarball.info.filename}: ${tarball.info.entryCount} files, ${(tarball.info.size / 1024).toFixed(0)} KB packed, ${(tarball.info.unpackedSize / 1e6).toFixed(2)} MB unpacked` };
  })) {
    return;
  }
  const tgz = `file:${tarball.file}`;
  check('the tarball holds the library (both entries), its jsii assembly, the CLI once, the handler bundles, RULES.md, README and docs; no reference app', () => {
    const files = tarball.info.files.map((f) => f.path);
    const has = (p) => files.some((f) => f === p || f.startsWith(`${p}/`));
    const missing = ['.jsii', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/engine.js', 'dist/lib/engine.d.ts', 'dist/rules/pack.js', pkgBin(), 'dist/handlers/token-broker/broker/index.js', 'RULES.md', 'README.md', 'docs'].filter((p) => !has(p));
    // The CLI ships once, as its bundles (no compiled bin/cli/ beside them); Lambda code only inside the handler bundles.
    const unwanted = files.filter(
      (f) => /(^|\/)(app|reference-stack)\.(js|d\.ts)$|\.handler\.(js|d\.ts)$|\.test\.|^dist\/bin\/cli\/|^dist\/lib\/token-broker\/(broker|grant-keeper|vault-store)\./.test(f),
    );
    return { ok: missing.length === 0 && unwanted.length === 0, detail: [...missing.map((m) => `missing ${m}`), ...unwanted.map((u) => `ships ${u}`)].join('; ') };
  });

  // On cdk-nag 3: README's and docs' apps through the five packs; the declarations under the oldest TypeScript.
  const examples = docExamples();
  let nag3;
  if (
    check(`an app on aws-cdk-lib ${base['aws-cdk-lib']} and cdk-nag ${newest['cdk-nag']} installs the tarball`, () => {
      const files = Object.fromEntries(examples.map((e) => [`examples/${e.name}.ts`, e.code]));
      files['force-packs.js'] = fs.readFileSync(path.join(FIXTURES, 'force-packs.js'), 'utf8');
      files['public-api.ts'] = fs.readFileSync(path.join(FIXTURES, 'public-api.ts'), 'utf8');
      files['tsconfig.json'] = fs.readFileSync(path.join(FIXTURES, 'tsconfig.json'), 'utf8');
      files['gate-app.ts'] = fs.readFileSync(path.join(FIXTURES, 'gate-app.ts'), 'utf8');
      nag3 = newApp('on-cdk-nag-3', { ...base, 'cdk-nag': newest['cdk-nag'], 'cdk-token-guard': tgz }, { ...cli, typescript: OLDEST_TYPESCRIPT, '@types/node': OLDEST_TYPES_NODE }, files);
    })
  ) {
    check(`README and docs hold complete apps to build from (${examples.map((e) => e.name).join(', ') || 'none'})`, () => examples.length > 0);
    synthesiseExamples(nag3, examples);
    check(`the declarations type-check with skipLibCheck false under TypeScript ${OLDEST_TYPESCRIPT} and @types/node ${OLDEST_TYPES_NODE}: no error from the package's files`, () => {
      const r = run(npx, ['tsc', '-p', 'tsconfig.json', '--pretty', 'false'], nag3, { allowFailure: true });
      const errors = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
      const ours = errors.filter((l) => l.includes('node_modules/cdk-token-guard/'));
      const examplesOwn = errors.filter((l) => /^(examples\/|public-api\.ts|gate-app\.ts)/.test(l));
      return { ok: ours.length === 0 && examplesOwn.length === 0, detail: [...ours, ...examplesOwn].slice(0, 20).join('\n    ') || `${errors.length} errors elsewhere (other packages' declarations under this TypeScript)` };
    });
    check("the package's declarations reach aws-cdk-lib and constructs only (no AWS SDK, no handler)", () => {
      const r = declarationReach(nag3);
      const handlers = r.files.filter((f) => /\.handler\.d\.ts$|token-broker\/(runtime|broker|vault-store)\.d\.ts$/.test(f));
      return { ok: r.packages.join() === 'aws-cdk-lib,constructs' && handlers.length === 0, detail: `${r.files.length} declaration files; packages: ${r.packages.join(', ')}${handlers.length ? `; handler files: ${handlers.join(', ')}` : ''}` };
    });
  }

  // The oldest a new app can put together: aws-cdk-lib at our peer range's floor, cdk-nag 3 at the floor
  // docs/compatibility.md supports (our devDependency's), constructs at our floor or cdk-nag 3's, the higher (npm
  // refuses constructs 10.5.0 beside cdk-nag 3). The same examples, through the same five packs.
  const nagFloor = lowerBound(pkg.devDependencies['cdk-nag']);
  const nagConstructs = lowerBound(JSON.parse(run(npm, ['view', `cdk-nag@${nagFloor}`, 'peerDependencies', '--json'], root).stdout).constructs);
  const parts = (x) => x.split('.').map(Number);
  const higher = (a, b) => (parts(a).reduce((d, n, i) => d || n - parts(b)[i], 0) >= 0 ? a : b);
  const oldest = { 'aws-cdk-lib': v.oldest['aws-cdk-lib'], constructs: higher(v.oldest.constructs, nagConstructs), 'cdk-nag': nagFloor };
  let old;
  if (
    check(`an app on ${Object.entries(oldest).map(([n, x]) => `${n} ${x}`).join(', ')} installs the tarball`, () => {
      const files = Object.fromEntries(examples.map((e) => [`examples/${e.name}.ts`, e.code]));
      files['force-packs.js'] = fs.readFileSync(path.join(FIXTURES, 'force-packs.js'), 'utf8');
      old = newApp('oldest', { ...oldest, 'cdk-token-guard': tgz }, cli, files);
    })
  ) {
    synthesiseExamples(old, examples, 'oldest: ');
  }

  // On cdk-nag 2, and without cdk-nag: installs, gated, acknowledgements.
  const gateApp = fs.readFileSync(path.join(FIXTURES, 'gate-app.ts'), 'utf8');
  for (const [name, nag] of [
    [`cdk-nag ${v.nag2}`, { 'cdk-nag': v.nag2 }],
    ['no cdk-nag', {}],
  ]) {
    let dir;
    if (!check(`an app on aws-cdk-lib ${base['aws-cdk-lib']} and ${name} installs the tarball`, () => {
      dir = newApp(nag['cdk-nag'] ? 'on-cdk-nag-2' : 'without-cdk-nag', { ...base, ...nag, 'cdk-token-guard': tgz }, cli, { 'app.ts': gateApp });
    })) {
      continue;
    }
    const withEnv = (variant) => {
      fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ context: { variant } }));
      return synth(dir, 'app.ts');
    };
    check(`${name}: the four constructs pass the gate${nag['cdk-nag'] ? " and cdk-nag 2's four packs (Aspects)" : ''}`, () => {
      const r = withEnv('compliant');
      const findings = r.output.split('\n').filter((l) => /\[(Error|Warning) at /.test(l));
      return { ok: r.status === 0 && findings.length === 0, detail: r.status === 0 ? findings.slice(0, 10).join('\n    ') : r.output.trim().split('\n').slice(-20).join('\n    ') };
    });
    check(`${name}: a risky client fails synth, naming the rule`, () => {
      const r = withEnv('risky');
      return { ok: r.status !== 0 && r.output.includes('TokenGuard-COG3'), detail: r.status === 0 ? 'synth passed' : '' };
    });
    check(`${name}: ${nag['cdk-nag'] ? 'a NagSuppressions' : 'a Validations'} acknowledgement with a reason lets it pass`, () => {
      const r = withEnv('acknowledged');
      return { ok: r.status === 0, detail: r.status === 0 ? '' : r.output.trim().split('\n').slice(-20).join('\n    ') };
    });
    if (!nag['cdk-nag']) {
      check('the CLI runs in the app: an audit, and revoke with its AWS SDK inside the package (none is installed)', () => {
        const sdk = fs.existsSync(path.join(dir, 'node_modules', '@aws-sdk'));
        fs.writeFileSync(path.join(dir, 'template.json'), JSON.stringify({ Resources: { Pool: { Type: 'AWS::Cognito::UserPool' } } }));
        const audit = run(npx, ['token-guard', 'audit', 'template.json'], dir, { allowFailure: true });
        const vault = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:vault-AbCdEf';
        // Nothing listens on the endpoint: the SDK is loaded, the call fails, the command says so (exit 5).
        const revoke = run(npx, ['token-guard', 'revoke', vault, '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9'], dir, {
          allowFailure: true,
          env: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE12', AWS_SECRET_ACCESS_KEY: 'example', AWS_MAX_ATTEMPTS: '1' },
        });
        const ok = !sdk && audit.status === 0 && revoke.status === 5 && revoke.stderr.includes('an AWS call failed');
        return { ok, detail: ok ? '' : `@aws-sdk installed: ${sdk}; audit exit ${audit.status}: ${audit.stderr.trim()}; revoke exit ${revoke.status}: ${revoke.stderr.trim().split('\n').slice(-3).join(' ')}` };
      });
    }
  }

  // What the package adds to an app: the same app (runtime dependencies only) with and without it.
  check(`what the package adds to an app on aws-cdk-lib ${base['aws-cdk-lib']} and cdk-nag ${newest['cdk-nag']}`, () => {
    const deps = { ...base, 'cdk-nag': newest['cdk-nag'] };
    const without = newApp('footprint-without', deps);
    const withIt = newApp('footprint-with', { ...deps, 'cdk-token-guard': tgz });
    const added = packageCount(withIt) - packageCount(without);
    const mb = diskMb(path.join(withIt, 'node_modules')) - diskMb(path.join(without, 'node_modules'));
    const lockOf = (d) => new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(d, 'package-lock.json'), 'utf8')).packages));
    const before = lockOf(without);
    const names = [...lockOf(withIt)].filter((p) => !before.has(p) && fs.existsSync(path.join(withIt, p))).map((p) => p.replace(/^.*node_modules\//, ''));
    return { ok: true, detail: `+${added} packages (${names.join(', ')}), +${mb.toFixed(1)} MB on disk` };
  });
}

/** Each README/docs example app, synthesised by the `cdk` CLI in `app` with the five packs: one check each. */
function synthesiseExamples(app, examples, label = '') {
  for (const e of examples) {
    check(`${label}${e.name}: synthesises with ${FIVE_PACKS.join(', ')}: no unacknowledged finding`, () => {
      const r = synth(app, `examples/${e.name}.ts`, ['--require ./force-packs.js']);
      const packs = /force-packs: (.*)/.exec(r.output);
      return { ok: r.status === 0 && packs !== null, detail: r.status === 0 ? (packs ? '' : 'the packs were not registered') : r.output.trim().split('\n').slice(-30).join('\n    ') };
    });
  }
}

/** The declaration files the installed package's entries reach, and the packages they import. */
function declarationReach(app) {
  const ts = require(path.join(app, 'node_modules', 'typescript'));
  const pkgDir = path.join(app, 'node_modules', 'cdk-token-guard');
  const { types, exports } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const seen = new Set();
  const packages = new Set();
  // The main entry and each subpath export (`cdk-token-guard/engine`).
  const queue = [types, ...Object.values(exports ?? {}).map((e) => e.types).filter(Boolean)].map((t) => path.join(pkgDir, t));
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) {
        packages.add(fileName.startsWith('@') ? fileName.split('/').slice(0, 2).join('/') : fileName.split('/')[0]);
        continue;
      }
      const base = path.join(path.dirname(file), fileName);
      const target = [`${base}.d.ts`, path.join(base, 'index.d.ts')].find((f) => fs.existsSync(f));
      if (target === undefined) throw new Error(`${path.relative(pkgDir, file)} imports ${fileName}, which the package does not ship`);
      queue.push(target);
    }
  }
  return { files: [...seen].map((f) => path.relative(pkgDir, f)).sort(), packages: [...packages].sort() };
}

/** The CLI the package's bin names. */
function pkgBin() {
  const bin = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bin;
  return Object.values(bin)[0];
}

module.exports = { userApps, docExamples, declarationReach };
