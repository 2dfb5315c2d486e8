#!/usr/bin/env node
/**
 * The Lambda handlers, bundled once, before anyone synthesises: every `lib/<construct>/<function>.handler.ts` becomes
 * `dist/handlers/<construct>/<function>/index.js`, the directory its construct deploys with `lambda.Code.fromAsset`.
 * A user's `cdk synth` then copies files; it needs no esbuild, no Docker and no lock file, and every function runs the
 * AWS SDK this repository's lock file pins (bundled in, not the one the Lambda runtime happens to ship).
 *
 * `npm run build` (and so `npm pack`) runs it for the package; in a clone, jest's global setup and `cdk.json`'s app
 * run it too, so the bundles always match the sources. A bundle is rewritten only when its bytes change, so asset
 * hashes stay put across builds.
 *
 * `node scripts/bundle-handlers.js [outDir]`; outDir defaults to `dist`.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const HANDLER = /^(.+)\.handler\.ts$/;

/** `{ 'token-broker/broker': 'lib/token-broker/broker.handler.ts', … }`: every handler, by bundle name. */
function handlerEntries() {
  const entries = {};
  for (const dir of fs.readdirSync(path.join(root, 'lib'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(root, 'lib', dir.name)).sort()) {
      const m = HANDLER.exec(file);
      if (m) entries[`${dir.name}/${m[1]}`] = `lib/${dir.name}/${file}`;
    }
  }
  return entries;
}

function bundleHandlers(outDir = path.join(root, 'dist')) {
  // Required here, not at the top: a package user never runs this file, and esbuild is a development dependency.
  const esbuild = require('esbuild');
  const entries = handlerEntries();
  const result = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [`${name}/index`, file])),
    outdir: path.join(outDir, 'handlers'),
    bundle: true,
    platform: 'node',
    // The oldest Node.js a function may be given (the constructs refuse older runtimes).
    target: 'node20',
    format: 'cjs',
    // jsonc-parser's ES module build (the hook reads templates with the CLI's loader): its UMD build requires its
    // parts by computed names, which a bundle cannot follow, and the function would fail at its first require.
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: false,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    let same = false;
    try {
      same = Buffer.compare(fs.readFileSync(file.path), file.contents) === 0;
    } catch {
      // not there yet
    }
    if (same) continue;
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    // Written beside and renamed into place: a synth running meanwhile never copies half a bundle.
    const partial = `${file.path}.${process.pid}.partial`;
    fs.writeFileSync(partial, file.contents);
    fs.renameSync(partial, file.path);
  }
  return Object.keys(entries);
}

module.exports = { bundleHandlers, handlerEntries };

if (require.main === module) bundleHandlers(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
