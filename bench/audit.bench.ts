/**
 * `token-guard audit` against two yardsticks on the same files, in one run (issue 4):
 *
 * - the floor: a bare `node` process that reads and parses the same files (`JSON.parse`; the `yaml` package for
 *   YAML, given CloudFormation's short-form tags so that it does not pay for a warning per tag);
 * - cfn-guard 3.1.1 (the binary inside @cdklabs/cdk-validator-cfnguard) running Guard versions of seven of our
 *   rules (bench/guard/*.guard: COG1 access-token lifetime with units, COG4 rotation, COG5 revocation, COG6
 *   implicit grant, COG7 password flows, SMG1 customer-managed key, SMG2 rotation schedule).
 *
 * Inputs (generated into bench/.out/audit): a 2,000-resource template, compliant and with one service unit in eight
 * risky, as JSON and YAML; and a batch of 100 templates of 20 to 400 resources (one in five YAML, one in three
 * with risky units). Every tool reports in JSON (`token-guard --format json`, `cfn-guard -o json`): cfn-guard's
 * default single-line-summary output costs it far more on non-compliant templates (about 80 s instead of 11 s on
 * the risky 2,000-resource template on our 2-core machine), so JSON is the fair comparison.
 *
 * Whole-process wall time of each spawned tool, stdout to /dev/null, after one warm-up run; BENCH_RUNS (default 5)
 * rounds, interleaved (every tool on every input, then the next round). A node process (the floor, token-guard)
 * runs NODE_SAMPLES (default 3) times a round, interleaved, and cfn-guard once: a node run takes a tenth of a second
 * and scatters by some 5% from run to run on this machine, so its median takes more samples to settle, while a
 * cfn-guard run takes seconds. Medians over all rounds. token-guard is the compiled
 * CLI (as `npm run build` makes it: scripts/build.js), run as `node dist/bin/token-guard.js`: the loader that runs
 * the bundle through its compile cache (bin/cli/compile-cache.ts), here in bench/.out/audit/cache. The warm-up run
 * writes that cache (one per subcommand), so the measured runs are those of an installed CLI after its first run.
 *
 * Targets: at most 2x the floor on the 2,000-resource JSON templates; faster than cfn-guard on every input.
 * Also measured, without targets: worker threads on the batch (auto vs --jobs 1) and on one small file (--jobs 2
 * vs the main thread), where node's own start-up (~70 ms) is most of the time and cfn-guard, a native binary, wins.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { generateTemplate, toJson, toYaml } from './generate-templates';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NODE_SAMPLES = Number(process.env.NODE_SAMPLES ?? 3);
const root = path.join(__dirname, '..');
const out = path.join(__dirname, '.out', 'audit');
const build = path.join(out, 'build');
const bin = path.join(build, 'bin', 'token-guard.js');
const guard = path.join(root, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', process.platform === 'darwin' ? 'macos' : 'ubuntu', process.arch === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
const guardRules = path.join(__dirname, 'guard');
// The CLI's compile cache (written by the warm-up run), inherited by every token-guard process.
process.env.TOKEN_GUARD_CACHE_DIR = path.join(out, 'cache');

// ---------------------------------------------------------------------------------------------------------------
// Inputs

function prepare(): void {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js'), build], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the build failed:\n${built.stdout}${built.stderr}`);

  for (const [name, riskyEvery] of [['compliant', 0], ['risky', 8]] as const) {
    const template = generateTemplate({ resources: 2000, riskyEvery });
    fs.writeFileSync(path.join(out, `${name}-2000.json`), toJson(template));
    fs.writeFileSync(path.join(out, `${name}-2000.yaml`), toYaml(template));
  }
  const batch = path.join(out, 'batch');
  fs.mkdirSync(batch);
  for (let i = 0; i < 100; i++) {
    const template = generateTemplate({ resources: 20 + ((i * 37) % 381), riskyEvery: i % 3 === 0 ? 4 : 0 });
    const yaml = i % 5 === 0;
    fs.writeFileSync(path.join(batch, `stack-${String(i).padStart(3, '0')}.${yaml ? 'yaml' : 'json'}`), yaml ? toYaml(template) : toJson(template));
  }
  fs.writeFileSync(path.join(out, 'small.json'), toJson(generateTemplate({ resources: 30, riskyEvery: 2 })));

  // The floor: read and parse, nothing else.
  fs.writeFileSync(
    path.join(out, 'floor.js'),
    `const fs = require('fs'), path = require('path');
const files = process.argv.slice(2).flatMap((p) => fs.statSync(p).isDirectory() ? fs.readdirSync(p).sort().map((f) => path.join(p, f)) : [p]);
let yaml;
const names = ['Ref','Condition','Base64','Cidr','FindInMap','GetAtt','GetAZs','ImportValue','Join','Select','Split','Sub','Transform','And','Equals','If','Not','Or'];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) { JSON.parse(text); continue; }
  yaml ??= require('yaml');
  yaml.parse(text, { version: '1.1', logLevel: 'silent', customTags: (tags) => tags.concat(names.flatMap((n) => [
    { tag: '!' + n, resolve: (s) => s }, { tag: '!' + n, collection: 'seq' }, { tag: '!' + n, collection: 'map' }])) });
}
`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Tool {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Exit codes that mean "ran correctly" (findings are not failures). */
  readonly ok: readonly number[];
  /** Runs a round (NODE_SAMPLES for node processes, 1 for cfn-guard). */
  readonly samples: number;
}

interface Case {
  readonly label: string;
  readonly bytes: number;
  readonly tools: readonly Tool[];
  /** Whether the 2x-floor target applies. */
  readonly floorTarget: boolean;
  /** Whether the faster-than-cfn-guard target applies (not to the small file, shown only for the thread choice). */
  readonly guardTarget: boolean;
}

const devNull = fs.openSync('/dev/null', 'w');

function time(tool: Tool): number {
  const started = performance.now();
  const result = spawnSync(tool.command, tool.args as string[], { stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status === null || !tool.ok.includes(result.status)) {
    throw new Error(`${tool.name} ${tool.args.join(' ')} exited with ${result.status ?? result.signal}: ${result.stderr.slice(0, 2000)}`);
  }
  return elapsed;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const floor = (...files: string[]): Tool => ({ name: 'floor', command: process.execPath, args: [path.join(out, 'floor.js'), ...files], ok: [0], samples: NODE_SAMPLES });
const tokenGuard = (name: string, ...args: string[]): Tool => ({ name, command: process.execPath, args: [bin, 'audit', ...args, '--format', 'json'], ok: [0, 1], samples: NODE_SAMPLES });
const cfnGuard = (data: string): Tool => ({
  name: 'cfn-guard',
  command: guard,
  args: ['validate', '--rules', guardRules, '--data', data, '--output-format', 'json', '--show-summary', 'none'],
  ok: [0, 19],
  samples: 1,
});

function size(p: string): number {
  const stat = fs.statSync(p);
  return stat.isDirectory() ? fs.readdirSync(p).reduce((sum, f) => sum + fs.statSync(path.join(p, f)).size, 0) : stat.size;
}

function cases(): Case[] {
  const file = (name: string) => path.join(out, name);
  const single = (label: string, name: string, floorTarget: boolean): Case => ({
    label,
    bytes: size(file(name)),
    floorTarget,
    guardTarget: true,
    tools: [floor(file(name)), tokenGuard('token-guard', file(name)), cfnGuard(file(name))],
  });
  const batch = file('batch');
  const startup: Tool = { name: 'node -e 0 (start-up)', command: process.execPath, args: ['-e', '0'], ok: [0], samples: NODE_SAMPLES };
  const compliant = single('2,000 resources, compliant, JSON', 'compliant-2000.json', true);
  return [
    { ...compliant, tools: [...compliant.tools, startup] },
    single('2,000 resources, risky, JSON', 'risky-2000.json', true),
    single('2,000 resources, compliant, YAML', 'compliant-2000.yaml', false),
    single('2,000 resources, risky, YAML', 'risky-2000.yaml', false),
    {
      label: 'batch of 100 templates (80 JSON, 20 YAML)',
      bytes: size(batch),
      floorTarget: false,
      guardTarget: true,
      tools: [
        floor(batch),
        tokenGuard('token-guard', batch),
        cfnGuard(batch),
        tokenGuard('token-guard --jobs 1', batch, '--jobs', '1'),
        tokenGuard('token-guard --jobs 2', batch, '--jobs', '2'),
      ],
    },
    {
      label: 'one small template (30 resources)',
      bytes: size(file('small.json')),
      floorTarget: false,
      guardTarget: false,
      tools: [floor(file('small.json')), tokenGuard('token-guard', file('small.json')), cfnGuard(file('small.json')), tokenGuard('token-guard --jobs 2', file('small.json'), '--jobs', '2')],
    },
  ];
}

/** What token-guard reports on each input and how many threads it chose, for context (one extra run). */
function findings(c: Case): string {
  const tool = c.tools.find((t) => t.name === 'token-guard')!;
  const result = spawnSync(tool.command, [...tool.args, '--verbose'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const summary = (JSON.parse(result.stdout) as { summary: { templates: number; errors: number; warnings: number } }).summary;
  const threads = /auditing \d+ inputs? (in .*)$/m.exec(result.stderr)?.[1] ?? '';
  return `${summary.templates} ${summary.templates === 1 ? 'template' : 'templates'}, ${summary.errors} errors, ${summary.warnings} warnings${threads ? `; auto: ${threads}` : ''}`;
}

function main(): void {
  if (!fs.existsSync(guard)) throw new Error(`cfn-guard not found at ${guard}`);
  const version = spawnSync(guard, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`building the CLI and generating inputs in ${path.relative(root, out)} …`);
  prepare();
  const all = cases();
  console.log(
    `${version}; node ${process.version}; median wall time of ${RUNS} interleaved rounds (node processes ${NODE_SAMPLES} times a round, cfn-guard once) after a warm-up (which writes token-guard's compile cache); stdout to /dev/null`,
  );
  const times = new Map<Tool, number[]>();
  for (const c of all) for (const tool of c.tools) times.set(tool, []);
  for (let run = -1; run < RUNS; run++) {
    for (const c of all) {
      const samples = run < 0 ? 1 : Math.max(...c.tools.map((t) => t.samples));
      for (let k = 0; k < samples; k++) {
        for (const tool of c.tools) {
          if (k >= tool.samples) continue;
          const t = time(tool);
          if (run >= 0) times.get(tool)!.push(t);
        }
      }
    }
  }

  let met = true;
  for (const c of all) {
    const m = (name: string) => median(times.get(c.tools.find((t) => t.name === name)!)!);
    const f = m('floor');
    const tg = m('token-guard');
    const cg = m('cfn-guard');
    console.log(`\n${c.label}: ${(c.bytes / 1024 / 1024).toFixed(2)} MB; token-guard reports ${findings(c)}`);
    for (const tool of c.tools) console.log(`  ${tool.name.padEnd(22)} ${median(times.get(tool)!).toFixed(0).padStart(6)} ms`);
    const floorRatio = tg / f;
    const guardRatio = tg / cg;
    console.log(`  ratio: token-guard / floor     = ${floorRatio.toFixed(2)}${c.floorTarget ? ' (target <= 2)' : ''}`);
    console.log(`  ratio: token-guard / cfn-guard = ${guardRatio.toFixed(2)}${c.guardTarget ? ' (target < 1)' : ' (no target: node starts in ~70 ms, a native binary in a few)'}`);
    for (const tool of c.tools.filter((t) => t.name.startsWith('token-guard --jobs'))) {
      console.log(`  ratio: token-guard / ${tool.name} = ${(tg / median(times.get(tool)!)).toFixed(2)} (the automatic thread choice vs a forced one)`);
    }
    if ((c.floorTarget && floorRatio > 2) || (c.guardTarget && guardRatio >= 1)) met = false;
  }
  console.log(`\nissue 4 targets (<= 2x the floor on the 2,000-resource JSON templates; faster than cfn-guard on the 2,000-resource templates and the batch): ${met ? 'met' : 'NOT met'}`);
  if (!met) process.exitCode = 1;
}

main();
