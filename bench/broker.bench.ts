/**
 * The token broker's costs (issue 6):
 * - bundle size of the broker and rotation handlers, as the constructs deploy them (scripts/bundle-handlers.js: esbuild,
 *   minified, CommonJS, the SDK clients bundled in);
 * - module initialisation: a fresh `node` process requiring the broker bundle, median of several runs;
 * - the cache-hit path: time per call against the stand-ins, and that it makes no AWS call;
 * - one `GetTokensFromRefreshToken` per refresh, counted in the stand-ins' call log.
 *
 * Targets: module init under 100 ms; a cache hit makes no AWS call; one GetTokensFromRefreshToken per refresh.
 * Exits non-zero when a target is missed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { startWorld } from '../test/broker/world';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleHandlers } = require('../scripts/bundle-handlers') as { bundleHandlers(): string[] };

const ROOT = path.join(__dirname, '..');
const INIT_RUNS = Number(process.env.BENCH_RUNS ?? 9);
const HITS = 100_000;
const REFRESHES = 20;
const INIT_TARGET_MS = 100;

/** The bundle the constructs deploy, built as the package build builds it. */
function bundle(name: string): { file: string; bytes: number; gzip: number } {
  const file = path.join(ROOT, 'dist', 'handlers', name, 'index.js');
  const code = fs.readFileSync(file);
  return { file, bytes: code.length, gzip: gzipSync(code).length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Milliseconds to `require` the bundle in a fresh process (node's own start-up excluded). */
function initTime(file: string): number {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`requiring the bundle failed: ${r.stderr}`);
  return Number(r.stdout);
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  bundleHandlers();
  const broker = bundle('token-broker/broker');
  const rotation = bundle('token-broker/rotation');
  console.log(`bundle: broker ${kib(broker.bytes)} minified (${kib(broker.gzip)} gzip); rotation ${kib(rotation.bytes)} (${kib(rotation.gzip)} gzip)`);

  initTime(broker.file); // warm the file cache
  const inits = Array.from({ length: INIT_RUNS }, () => initTime(broker.file));
  const init = median(inits);
  const initOk = init < INIT_TARGET_MS;
  console.log(
    `module init (fresh node ${process.version}, require the broker bundle, median of ${INIT_RUNS}): ${init.toFixed(1)} ms (min ${Math.min(...inits).toFixed(1)}, max ${Math.max(...inits).toFixed(1)})   target < ${INIT_TARGET_MS} ms: ${initOk ? 'met' : 'MISSED'}`,
  );

  const w = await startWorld();
  try {
    await w.seed();
    const b = w.broker();
    const first = w.s.calls.mark();
    const t0 = performance.now();
    await b.getAccessToken();
    const refreshMs = performance.now() - t0;
    const refreshCalls = w.s.calls.since(first).length;

    // Cache hits: time per call, and the call log must not move.
    const before = w.s.calls.count();
    for (let i = 0; i < 1000; i++) await b.getAccessToken(); // warm-up
    const start = performance.now();
    for (let i = 0; i < HITS; i++) await b.getAccessToken();
    const perHitUs = ((performance.now() - start) * 1000) / HITS;
    const hitCalls = w.s.calls.count() - before;
    const hitOk = hitCalls === 0;
    console.log(`cache hit: ${perHitUs.toFixed(2)} µs per call over ${HITS} calls, ${hitCalls} AWS calls   target 0 AWS calls: ${hitOk ? 'met' : 'MISSED'}`);

    // A second instance: served from the vault with one read.
    const mark = w.s.calls.mark();
    const t1 = performance.now();
    await w.broker().getAccessToken();
    console.log(`vault hit (a fresh instance, token another stored): ${(performance.now() - t1).toFixed(1)} ms, ${w.s.calls.since(mark).map((c) => c.operation).join(', ')}`);

    // Refreshes: exactly one GetTokensFromRefreshToken each.
    const perRefresh: number[] = [];
    for (let i = 0; i < REFRESHES; i++) {
      w.s.clock.advance(15 * 60 - w.cfg.minValiditySeconds + 1);
      const m = w.s.calls.mark();
      await b.getAccessToken();
      perRefresh.push(w.s.calls.since(m, { operation: 'GetTokensFromRefreshToken' }).length);
    }
    const oneEach = perRefresh.every((n) => n === 1);
    console.log(
      `refresh: ${perRefresh.reduce((a, n) => a + n, 0)} GetTokensFromRefreshToken for ${REFRESHES} refreshes (${refreshCalls} AWS calls and ${refreshMs.toFixed(1)} ms for the first, against the local stand-ins)   target 1 per refresh: ${oneEach ? 'met' : 'MISSED'}`,
    );
    process.exitCode = initOk && hitOk && oneEach ? 0 : 1;
  } finally {
    await w.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
