/**
 * The hook's Lambda handler against CloudFormation's 30-second wait (issue 17): how long it takes to fetch, read and
 * audit a 2,000-resource template and a template at CloudFormation's 1 MB size limit, JSON and YAML, cold (a new
 * node process that loads the bundled handler and answers one request, as a Lambda cold start does) and warm (the
 * same process answering again), and the memory it needs.
 *
 * The handler is the bundle the construct deploys (scripts/bundle-handlers.js: esbuild, minified CommonJS); the payload
 * comes from the HTTPS stand-in of the tests (test/hook/payload-standin.ts) on 127.0.0.1, as CloudFormation's
 * presigned S3 URL would. Each figure is the median of BENCH_RUNS (default 5) processes; warm is the median of 5
 * further requests in each. Printed against the budget: the share of the 30 s used, and the same scaled to the
 * function's 1,024 MB (Lambda gives a function CPU in proportion to memory, one full vCPU at 1,769 MB; this
 * machine's core counts as one vCPU, so the scaled figure is an estimate on the pessimistic side of what it runs).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { stackPayload, startPayloadStandIn } from '../test/hook/payload-standin';
import { stackRequest } from '../test/hook/requests';
import { generateTemplate, toJson, toYaml } from './generate-templates';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleHandlers } = require('../scripts/bundle-handlers') as { bundleHandlers(): string[] };

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_MS = 30_000;
const MEMORY_MB = 1024;
const FULL_VCPU_MB = 1769;
const out = path.join(__dirname, '.out', 'hook');

/** The child: load the bundle, answer one request (cold), then five more (warm); report times and peak memory. */
const CHILD = `
const started = performance.now();
const { createHookHandler } = require(process.env.BUNDLE);
const loaded = performance.now();
const handle = createHookHandler({ env: {}, payload: { standIn: { origin: process.env.ORIGIN, ca: process.env.CA } }, log: { info() {}, debug() {}, warn() {}, error() {}, child() { return this; } } });
const requests = JSON.parse(require('fs').readFileSync(process.env.REQUESTS, 'utf8'));
(async () => {
  const t0 = performance.now();
  const first = await handle(requests[0]);
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 1; i < requests.length; i++) { const t = performance.now(); await handle(requests[i]); warm.push(performance.now() - t); }
  warm.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ loadMs: loaded - started, coldMs: cold, warmMs: warm[Math.floor(warm.length / 2)], maxRssMB: process.resourceUsage().maxRSS / 1024, status: first.hookStatus + '/' + (first.errorCode || '') }));
})();
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  bundleHandlers();
  const bundle = path.join(__dirname, '..', 'dist', 'handlers', 'token-guard-hook', 'hook', 'index.js');
  fs.writeFileSync(path.join(out, 'child.js'), CHILD);

  // Inputs: the audit bench's 2,000-resource template, and the largest such template under 1 MB (1,000,000 bytes).
  const inputs: { name: string; text: string }[] = [];
  const t2000 = generateTemplate({ resources: 2000, riskyEvery: 8 });
  const mb = (text: string) => `${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`;
  for (const [format, write] of [['JSON', toJson], ['YAML', toYaml]] as const) {
    const text = write(t2000);
    inputs.push({ name: `2,000 resources (${mb(text)}), ${format}`, text });
  }
  for (const [format, write] of [['JSON', toJson], ['YAML', toYaml]] as const) {
    let lo = 100;
    let hi = 20000;
    while (hi - lo > 11) {
      const mid = Math.floor((lo + hi) / 2);
      if (Buffer.byteLength(write(generateTemplate({ resources: mid, riskyEvery: 8 }))) <= 1_000_000) lo = mid;
      else hi = mid;
    }
    const text = write(generateTemplate({ resources: lo, riskyEvery: 8 }));
    const count = Object.keys((generateTemplate({ resources: lo, riskyEvery: 8 }) as { Resources: object }).Resources).length;
    inputs.push({ name: `1 MB (${mb(text)}, ${count} resources), ${format}`, text });
  }

  const s3 = await startPayloadStandIn();
  const ca = path.join(out, 'ca.pem');
  fs.writeFileSync(ca, String(s3.options.standIn!.ca));
  console.log(`hook handler, median of ${RUNS} cold processes (warm: median of 5 more requests each); budget ${BUDGET_MS / 1000} s`);
  console.log('input'.padEnd(44), 'load ms'.padStart(8), 'cold ms'.padStart(9), 'warm ms'.padStart(9), 'cold/budget'.padStart(12), `@${MEMORY_MB}MB est.`.padStart(13), 'max RSS MB'.padStart(11), ' answer');
  try {
    for (const input of inputs) {
      const samples: { loadMs: number; coldMs: number; warmMs: number; maxRssMB: number; status: string }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const requests = Array.from({ length: 6 }, () => stackRequest(s3.put(stackPayload(input.text))));
        const file = path.join(out, 'requests.json');
        fs.writeFileSync(file, JSON.stringify(requests));
        samples.push(await child({ BUNDLE: bundle, ORIGIN: s3.origin, CA: fs.readFileSync(ca, 'utf8'), REQUESTS: file }));
      }
      const cold = median(samples.map((s) => s.loadMs + s.coldMs));
      const scaled = cold * (FULL_VCPU_MB / MEMORY_MB);
      console.log(
        input.name.padEnd(44),
        median(samples.map((s) => s.loadMs)).toFixed(0).padStart(8),
        cold.toFixed(0).padStart(9),
        median(samples.map((s) => s.warmMs)).toFixed(0).padStart(9),
        `${((cold / BUDGET_MS) * 100).toFixed(1)}%`.padStart(12),
        `${((scaled / BUDGET_MS) * 100).toFixed(1)}%`.padStart(13),
        Math.max(...samples.map((s) => s.maxRssMB)).toFixed(0).padStart(11),
        ` ${samples[0].status}`,
      );
    }
  } finally {
    await s3.close();
  }
}

function child(env: Record<string, string>): Promise<{ loadMs: number; coldMs: number; warmMs: number; maxRssMB: number; status: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(out, 'child.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    p.stdout.on('data', (d: Buffer) => (text += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`bench child exited with ${code}`))));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
