/**
 * What the constructs' functions run: the newest Node.js runtime the installed aws-cdk-lib knows (or the `runtime`
 * prop), and the handlers' pre-built bundles, deployed as assets with nothing built at synth.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DelegatedClient, RefreshTokenVault, TokenBroker, TokenGuardHook, WorkloadClient } from '../../lib';
import { latestNodeRuntime } from '../../lib/internal/lambda-code';
import { poolStack, testApp } from './helpers';

// The constructs build nothing at synth: with esbuild unloadable, everything below still synthesises.
jest.mock('esbuild', () => {
  throw new Error('esbuild must not be loaded at synth');
});

const root = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handlerEntries } = require('../../scripts/bundle-handlers') as { handlerEntries(): Record<string, string> };
/** `npm run build:handlers`, in a process of its own (this file has no esbuild), into `outDir` (default dist/). */
const bundleHandlers = (...outDir: string[]) => execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle-handlers.js'), ...outDir], { stdio: 'pipe' });

/** Every construct that deploys functions, in one stack; `runtime` is passed to each of them. */
function everything(app: App = testApp(), runtime?: lambda.Runtime): Stack {
  const { stack, pool, readScope } = poolStack(app);
  const role = () => new iam.Role(stack, `Role${stack.node.children.length}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const client = new DelegatedClient(stack, 'Client', { userPool: pool, callbackUrls: ['https://app.example.com/cb'], accessTokenValidity: Duration.minutes(15) });
  const vault = new RefreshTokenVault(stack, 'Vault', { client, runtime });
  new TokenBroker(stack, 'Broker', { vault, consumers: [role()], runtime });
  new WorkloadClient(stack, 'Workload', { userPool: pool, scopes: [readScope], consumers: [role()], runtime });
  // A second vault keeps its default (empty-vault) rotator, so every handler is deployed once.
  const other = new DelegatedClient(stack, 'Other', { userPool: pool, callbackUrls: ['https://app.example.com/cb'] });
  new RefreshTokenVault(stack, 'OtherVault', { client: other, runtime });
  new TokenGuardHook(stack, 'Hook', { runtime });
  return stack;
}

function functions(stack: Stack): { Runtime: string; Handler: string; Code: { S3Key: string } }[] {
  return Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map((r) => r.Properties);
}

describe('runtime', () => {
  test('every function runs the newest Node.js runtime aws-cdk-lib lists, and AwsSolutions-L1 agrees', () => {
    const newest = Math.max(...lambda.Runtime.ALL.map((r) => /^nodejs(\d+)/.exec(r.name)).filter((m) => m !== null).map((m) => Number(m![1])));
    const stack = everything();
    const fns = functions(stack);
    expect(fns).toHaveLength(6);
    for (const fn of fns) expect(fn.Runtime).toBe(`nodejs${newest}.x`);
    const l1 = new AwsSolutionsChecks().validateScope(stack.node.root).violations.filter((v) => v.ruleName === 'AwsSolutions-L1');
    expect(l1).toEqual([]);
  });

  test('found at synth, not a constant: a runtime aws-cdk-lib adds later is the one used, and L1 still passes', () => {
    // What a newer aws-cdk-lib does: declare another Runtime (the constructor adds it to Runtime.ALL).
    const future = new lambda.Runtime('nodejs98.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });
    try {
      expect(latestNodeRuntime()).toBe(future);
      const stack = everything();
      for (const fn of functions(stack)) expect(fn.Runtime).toBe('nodejs98.x');
      expect(new AwsSolutionsChecks().validateScope(stack.node.root).violations.filter((v) => v.ruleName === 'AwsSolutions-L1')).toEqual([]);
    } finally {
      lambda.Runtime.ALL.splice(lambda.Runtime.ALL.indexOf(future), 1);
    }
  });

  test('the runtime prop chooses another Node.js runtime for every function of the construct', () => {
    for (const fn of functions(everything(testApp(), lambda.Runtime.NODEJS_22_X))) expect(fn.Runtime).toBe('nodejs22.x');
  });

  test.each([
    ['a Node.js runtime older than the bundles support', lambda.Runtime.NODEJS_18_X, /nodejs18\.x/],
    ['another language', lambda.Runtime.PYTHON_3_13, /python3\.13/],
  ])('the runtime prop refuses %s, naming the prop', (_what, runtime, received) => {
    const { stack, pool, readScope } = poolStack();
    expect(() => new WorkloadClient(stack, 'W', { userPool: pool, scopes: [readScope], runtime })).toThrow(/^WorkloadClient runtime: .*Node\.js 20 or later/);
    expect(() => new WorkloadClient(stack, 'W2', { userPool: pool, scopes: [readScope], runtime })).toThrow(received);
  });
});

describe('pre-built handler bundles', () => {
  test('there is one bundle per lib/<construct>/<function>.handler.ts, and each function deploys its own', () => {
    const names = Object.keys(handlerEntries()).sort();
    expect(names).toEqual([
      'refresh-token-vault/rotation',
      'token-broker/broker',
      'token-broker/revocation',
      'token-broker/rotation',
      'token-guard-hook/hook',
      'workload-client/secret-rotation',
    ]);
    const app = testApp();
    const stack = everything(app);
    const assembly = app.synth();
    const deployed = functions(stack).map((fn) => {
      expect(fn.Handler).toBe('index.handler');
      const staged = path.join(assembly.directory, `asset.${fn.Code.S3Key.replace(/\.zip$/, '')}`);
      expect(fs.readdirSync(staged)).toEqual(['index.js']);
      const bundle = fs.readFileSync(path.join(staged, 'index.js'));
      // The SDK clients are inside the bundle, not required from the Lambda runtime's copy.
      expect(/require\("@aws-sdk\/client-/.test(bundle.toString('utf8'))).toBe(false);
      return names.find((n) => Buffer.compare(fs.readFileSync(path.join(root, 'dist', 'handlers', n, 'index.js')), bundle) === 0);
    });
    expect(deployed.sort()).toEqual(names);
  });

  test('every bundle loads alone, as Lambda loads it: a fresh node process requires index.js with nothing beside it', () => {
    for (const name of Object.keys(handlerEntries())) {
      const task = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-task-'));
      try {
        fs.copyFileSync(path.join(root, 'dist', 'handlers', name, 'index.js'), path.join(task, 'index.js'));
        const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(typeof require(process.argv[1]).handler)', path.join(task, 'index.js')], {
          cwd: task,
          env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1' },
          encoding: 'utf8',
        });
        // The error's message line, not the minified source node prints above it.
        const error = run.stderr.split('\n').find((l) => /^\w*Error\b/.test(l));
        expect({ name, exported: run.stdout, error }).toEqual({ name, exported: 'function', error: undefined });
      } finally {
        fs.rmSync(task, { recursive: true, force: true });
      }
    }
  });

  test('a rebuild, even into another directory, writes the same bytes: asset hashes are stable', () => {
    const before = assetKey('token-broker/broker');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-bundles-'));
    try {
      bundleHandlers(out);
      for (const name of Object.keys(handlerEntries())) {
        expect(fs.readFileSync(path.join(out, 'handlers', name, 'index.js')).equals(fs.readFileSync(path.join(root, 'dist', 'handlers', name, 'index.js')))).toBe(true);
      }
      bundleHandlers();
      expect(assetKey('token-broker/broker')).toBe(before);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

/** The asset key (its content hash) CDK gives a bundle's directory. */
function assetKey(name: string): string {
  const app = testApp();
  const stack = new Stack(app, 'S');
  const code = lambda.Code.fromAsset(path.join(root, 'dist', 'handlers', name));
  new lambda.Function(stack, 'F', { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
  return functions(stack)[0].Code.S3Key;
}
