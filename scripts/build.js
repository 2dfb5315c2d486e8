#!/usr/bin/env node
/**
 * `npm run build`: the package into dist/ (or the directory given as the first argument).
 *
 * - tsc compiles the library (lib/, rules/) and everything else, with declarations, for `require('cdk-token-guard')`.
 * - esbuild then bundles the CLI (`token-guard`) and its worker into one file each, over tsc's output for them: a
 *   command-line tool starts cold every time, and resolving and compiling some seventy modules cost it about a fifth
 *   of the time an audit of a 2,000-resource template takes. `yaml` and the AWS SDK stay external: they are loaded
 *   only by the commands and formats that need them.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  cwd: root,
  stdio: 'inherit',
});

esbuild.buildSync({
  absWorkingDir: root,
  entryPoints: { 'bin/token-guard': 'bin/token-guard.ts', 'bin/worker': 'bin/cli/audit/worker.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: outDir,
  external: ['yaml', '@aws-sdk/*'],
  allowOverwrite: true,
  logLevel: 'warning',
});
