#!/usr/bin/env node
/**
 * `npm run build`: the package into dist/ (or the directory given as the first argument).
 *
 * - tsc compiles the library (lib/, rules/) and everything else, with declarations, for `require('cdk-token-guard')`.
 * - esbuild then bundles the CLI (`token-guard`) and its worker into one file each, over tsc's output for them: a
 *   command-line tool starts cold every time, and resolving and compiling some seventy modules cost it about a fifth
 *   of the time an audit of a 2,000-resource template takes. `yaml` and the AWS SDK stay external: they are loaded
 *   only by the commands and formats that need them.
 * - The CLI bundle is bin/token-guard.bundle.js; the package's `bin`, bin/token-guard.js, is a small loader that runs
 *   it through a V8 compile cache (bin/cli/compile-cache.ts), keyed by the bundle's content hash written into it here.
 */
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  cwd: root,
  stdio: 'inherit',
});

const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'cjs', allowOverwrite: true, logLevel: 'warning' };

const bundled = esbuild.buildSync({
  ...common,
  entryPoints: { 'bin/token-guard.bundle': 'bin/token-guard.ts', 'bin/worker': 'bin/cli/audit/worker.ts' },
  outdir: outDir,
  external: ['yaml', '@aws-sdk/*'],
  metafile: true,
});

const bundle = 'token-guard.bundle.js';
// The loader compiles the bundle with vm.Script, where import() has no module loader to call.
for (const [file, output] of Object.entries(bundled.metafile.outputs)) {
  const dynamic = output.imports.filter((i) => i.kind === 'dynamic-import');
  if (file.endsWith(`/${bundle}`) && dynamic.length > 0) throw new Error(`${file}: import() of ${dynamic.map((i) => i.path).join(', ')}; use require()`);
}
/**
 * commander loads node:child_process when it is loaded, for git-style executable subcommands, which token-guard does
 * not have; child_process brings net, dgram and their bindings: about 2.5 ms of every cold start. In the bundle it is
 * loaded when commander first spawns. If a commander release changes that line, the bundle keeps the eager require
 * (and test/cli/audit/binary.test.ts, which checks that an audit loads no child_process, says so).
 */
const bundlePath = path.join(outDir, 'bin', bundle);
fs.writeFileSync(
  bundlePath,
  fs
    .readFileSync(bundlePath, 'utf8')
    .replace('var childProcess = require("node:child_process");', 'var childProcess = { spawn: (...args) => require("node:child_process").spawn(...args) };'),
);
const contentHash = crypto.createHash('sha256').update(fs.readFileSync(path.join(outDir, 'bin', bundle))).digest('hex').slice(0, 16);
esbuild.buildSync({
  ...common,
  stdin: {
    contents: `#!/usr/bin/env node
const { loadBundle } = require('./cli/compile-cache');
const cli = loadBundle(require('node:path').join(__dirname, ${JSON.stringify(bundle)}), ${JSON.stringify(contentHash)}, module);
module.exports = cli;
if (require.main === module) cli.run();
`,
    resolveDir: path.join(root, 'bin'),
    sourcefile: 'token-guard (loader)',
  },
  outfile: path.join(outDir, 'bin', 'token-guard.js'),
});
