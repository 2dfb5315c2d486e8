#!/usr/bin/env node
/**
 * `npm run build`: the package into dist/ (or the directory given as the first argument).
 *
 * - tsc compiles the library (lib/, rules/) and the reference app, with declarations, for `require('cdk-token-guard')`.
 * - scripts/bundle-handlers.js bundles each Lambda handler into handlers/<construct>/<function>/index.js, which the
 *   constructs deploy as assets.
 * - esbuild bundles the CLI (`token-guard`) and its worker thread into one file each: a command-line tool starts cold
 *   on every run, and resolving and compiling some seventy modules one by one costs about a fifth of a small audit
 *   (measured with the bench's small template). The CLI ships only as the bundle, which is the package's `bin`,
 *   bin/token-guard.js. `yaml` and the AWS SDK stay outside it: they are loaded only by the inputs and commands that
 *   need them.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');
const { bundleHandlers } = require('./bundle-handlers');

const root = path.join(__dirname, '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  cwd: root,
  stdio: 'inherit',
});

bundleHandlers(outDir);

esbuild.buildSync({
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's ES module build: its UMD build requires its parts by computed names, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  entryPoints: { 'bin/token-guard': 'bin/token-guard.ts', 'bin/worker': 'bin/cli/audit/worker.ts' },
  outdir: outDir,
  external: ['yaml', '@aws-sdk/*'],
});
