#!/usr/bin/env node
/**
 * `npm run build`: the package into dist/ (or the directory given as the first argument).
 *
 * - jsii compiles the library (tsconfig.build.json: lib/index.ts, lib/engine.ts and what they import, rules/
 *   included), with declarations, for `require('cdk-token-guard')` and `require('cdk-token-guard/engine')`, and writes
 *   .jsii, the assembly from which the Python, Java, .NET and Go packages are generated (docs/languages.md). It is
 *   tsc with the jsii checks on the main entry's API and jsii's type information in the emitted classes, which the
 *   other languages' runtimes need. The one warning silenced: jsii would have the peers' lowest versions as
 *   devDependencies; the tests run on the newest, and the compatibility job on the lowest (docs/compatibility.md).
 *   jsii writes where tsconfig.build.json says (dist/, with .jsii beside package.json); a build into another
 *   directory (the binary test's) compiles the same files with tsc, and has no assembly.
 * - scripts/bundle-handlers.js bundles each Lambda handler into handlers/<construct>/<function>/index.js, which the
 *   constructs deploy as assets.
 * - esbuild bundles the CLI (`token-guard`) into one file: a command-line tool starts cold
 *   on every run, and resolving and compiling some seventy modules one by one costs about a fifth of a small audit
 *   (measured with the bench's small template). The bundle is minified, names kept. The CLI ships only as the
 *   bundle, which is the package's `bin`, bin/token-guard.js. `yaml` and `js-yaml` (read only for YAML that `yaml`
 *   refuses) stay outside it, and `seed` and `revoke` (with the AWS SDK inside) are bundles of their own: they are
 *   loaded only by the inputs and commands that need them.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');
const { bundleHandlers } = require('./bundle-handlers');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist'); // tsconfig.build.json's outDir
const outDir = path.resolve(root, process.argv[2] ?? dist);

if (outDir === dist) {
  // jsii's report goes to stderr: `npm pack --json` (which builds) keeps stdout for its JSON.
  execFileSync(process.execPath, [require.resolve('jsii/bin/jsii'), '--silence-warnings', 'metadata/missing-dev-dependency', '--fail-on-warnings'], {
    cwd: root,
    stdio: ['inherit', 2, 'inherit'],
  });
} else {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root, stdio: 'inherit' });
}

bundleHandlers(outDir);

const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', outdir: outDir };

esbuild.buildSync({
  ...common,
  // jsonc-parser's ES module build: its UMD build requires its parts by computed names, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  entryPoints: { 'bin/token-guard': 'bin/token-guard.ts' },
  // seed and revoke, the commands that call AWS, are bundles of their own (below), loaded when one of them runs.
  external: ['yaml', 'js-yaml', './seed', './revoke'],
  // V8 reads the whole bundle at every start: without comments and white space that is about 17 M instructions less
  // for every audit. Names stay as written, so TOKEN_GUARD_DEBUG's stack traces still say which function failed.
  minifyWhitespace: true,
  minifySyntax: true,
});

/**
 * `token-guard seed` and `token-guard revoke`, each with the AWS SDK clients it calls inside (the versions the lock
 * file pins, as in the handler bundles), next to the CLI bundle that requires them: an app installing the package
 * gets no SDK, and the other commands never load it.
 */
esbuild.buildSync({
  ...common,
  entryPoints: { 'bin/seed': 'bin/cli/commands/seed.ts', 'bin/revoke': 'bin/cli/commands/revoke.ts' },
  minify: true,
});
