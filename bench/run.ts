/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (timings on a 2-core machine
 * are noisy; each benchmark compares against its yardstick inside one run and prints ratios, not just times).
 *
 * `npm run bench -- synth` runs only the benchmarks whose file name contains "synth".
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], {
    stdio: 'inherit',
    cwd: path.join(__dirname, '..'),
    // The AWS SDK's notice that its future releases need Node.js 22 is not a result.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  });
  if (r.status !== 0) {
    failed++;
    console.log(`${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
