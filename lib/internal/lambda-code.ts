/**
 * What every function the constructs deploy runs: a pre-built bundle and a Node.js runtime.
 *
 * - Code: the bundle `scripts/bundle-handlers.js` built from `lib/<construct>/<function>.handler.ts` into
 *   `dist/handlers/<construct>/<function>/`, deployed as an asset. Nothing is compiled at the user's synth.
 * - Runtime: the newest Node.js runtime the installed aws-cdk-lib knows, found when the construct is built, compared
 *   the way cdk-nag's AwsSolutions-L1 compares them (so a newer aws-cdk-lib moves the functions with it), or the
 *   construct's `runtime` prop.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { TokenGuardValidationError } from './policy';

/** The bundles target this Node.js version (scripts/bundle-handlers.js); older runtimes are refused. */
export const OLDEST_NODE = 20;

/**
 * Where the bundles are: `handlers/` beside the compiled `lib/` (the package: dist/lib and dist/handlers), else
 * `dist/handlers` of the source tree (lib/ runs as TypeScript).
 */
function bundlesDir(): string {
  const top = path.join(__dirname, '..', '..');
  const packaged = path.join(top, 'handlers');
  return fs.existsSync(packaged) ? packaged : path.join(top, 'dist', 'handlers');
}

/** The asset of a handler's bundle; `handler` is its file under `lib/` without `.ts` (`token-broker/broker.handler`). */
export function handlerCode(handler: string): lambda.Code {
  const dir = path.join(bundlesDir(), handler.replace(/\.handler$/, ''));
  if (!fs.existsSync(path.join(dir, 'index.js'))) {
    throw new Error(
      `cdk-token-guard: the bundle of lib/${handler}.ts is missing (${dir}); in a clone of the repository, \`npm run build:handlers\` builds it (\`npm test\` and \`cdk synth\` do too)`,
    );
  }
  return lambda.Code.fromAsset(dir);
}

const NODE_VERSION = /^nodejs(\d+(?:\.?\d+|\.x)?)?/;

/**
 * The newest Node.js runtime in `lambda.Runtime.ALL`. Same order as AwsSolutions-L1: the version after `nodejs`,
 * compared as numbers (`localeCompare` with `numeric`); on a tie the fixed runtime wins over `NODEJS_LATEST`.
 */
export function latestNodeRuntime(): lambda.Runtime {
  let latest: lambda.Runtime | undefined;
  let latestVersion = '';
  for (const runtime of lambda.Runtime.ALL) {
    const m = NODE_VERSION.exec(runtime.name);
    if (!m) continue;
    const version = m[1] ?? '0';
    const order = latest === undefined ? 1 : version.localeCompare(latestVersion, undefined, { numeric: true, sensitivity: 'base' });
    if (order > 0 || (order === 0 && latest!.isVariable && !runtime.isVariable)) {
      latest = runtime;
      latestVersion = version;
    }
  }
  if (latest === undefined) throw new Error('cdk-token-guard: aws-cdk-lib lists no Node.js Lambda runtime');
  return latest;
}

/**
 * The runtime for a construct's functions: its `runtime` prop, which must be Node.js 20 or later (the bundles need it),
 * or the newest Node.js runtime.
 */
export function functionRuntime(scope: IConstruct, kind: string, runtime: lambda.Runtime | undefined): lambda.Runtime {
  if (runtime === undefined) return latestNodeRuntime();
  const major = runtime.family === lambda.RuntimeFamily.NODEJS ? /^nodejs(\d+)/.exec(runtime.name) : null;
  if (major === null || Number(major[1]) < OLDEST_NODE) {
    throw new TokenGuardValidationError(
      `${kind} runtime: the functions are Node.js bundles and need Node.js ${OLDEST_NODE} or later; received ${runtime.name} (leave it unset for the newest Node.js runtime aws-cdk-lib knows)`,
      scope,
    );
  }
  return runtime;
}
