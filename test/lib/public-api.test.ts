/**
 * The package's main entry is the public API and nothing of what runs inside the Lambda functions: loading it loads no
 * handler and no AWS SDK. Its declarations are checked by the compatibility job (scripts/compat-apps.js): packed,
 * type-checked with skipLibCheck false under the oldest TypeScript we support, in an app without the AWS SDK, where
 * a declaration that reached an SDK or handler type would not resolve (emitting them here would take half a minute).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

test('loading the main entry loads no handler and no AWS SDK', () => {
  const script = `require('tsx/cjs'); require(${JSON.stringify(path.join(ROOT, 'lib', 'index.ts'))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const loaded = (JSON.parse(r.stdout) as string[]).map((f) => path.relative(ROOT, f));
  expect(loaded).toContain(path.join('lib', 'token-broker.ts'));
  expect(loaded.filter((f) => f.includes(`${path.sep}@aws-sdk${path.sep}`) || f.includes(`${path.sep}@smithy${path.sep}`) || /\.handler\.ts$/.test(f))).toEqual([]);
}, 60_000);
