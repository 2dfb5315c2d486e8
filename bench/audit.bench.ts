/**
 * `token-guard audit` against two yardsticks on the same files, in one run (issues 4 and 14):
 *
 * - the floor: a bare `node` process that reads and parses the same files (`JSON.parse`; the `yaml` package for
 *   YAML, given CloudFormation's short-form tags so that it does not pay for a warning per tag);
 * - cfn-guard 3.1.1 (the binary inside @cdklabs/cdk-validator-cfnguard) running Guard versions of seven of our
 *   rules (bench/guard/*.guard: COG1 access-token lifetime with units, COG4 rotation, COG5 revocation, COG6
 *   implicit grant, COG7 password flows, SMG1 customer-managed key, SMG2 rotation schedule).
 *
 * Inputs (generated into bench/.out/audit): a 2,000-resource template, compliant and with one service unit in eight
 * risky, as JSON and YAML; a batch of 100 templates of 20 to 400 resources (one in five YAML, one in three with risky
 * units); a small template; and the adversarial templates of issue 14 (bench/adversarial-templates.ts: each as
 * large as CloudFormation's 1 MB limit allows, or nested to the CLI's depth limit). Every tool reports in JSON
 * (`token-guard --format json`, `cfn-guard -o json`): cfn-guard's default single-line-summary output costs it far
 * more on non-compliant templates, so JSON is the fair comparison. cfn-guard does not run the adversarial inputs:
 * their target is the floor alone.
 *
 * Whole-process wall time of each spawned tool, stdout to /dev/null, after one warm-up run; BENCH_RUNS (default 5)
 * rounds, interleaved (every tool on every input, then the next round). A node process (the floor, token-guard)
 * runs NODE_SAMPLES (default 3) times a round, interleaved, and cfn-guard once: a node run takes a tenth of a second
 * and scatters by some 5% from run to run, so its median takes more samples to settle, while a cfn-guard run takes
 * seconds. Medians over all rounds. token-guard is the CLI as `npm run build` makes it (scripts/build.js), run as
 * `node bin/token-guard.js`, with the environment the bench was started with.
 *
 * Targets (issue 14): at most 2.5x the floor on the 2,000-resource JSON templates; at most 1.3x the floor (parsing
 * with `yaml`) on the YAML ones; at most 3x the floor on every adversarial input; faster than cfn-guard on the
 * 2,000-resource templates and the batch. Also measured, without targets: one small file, where node's own start-up
 * is most of the time and cfn-guard, a native binary, wins. The table at the end lists every ratio with its target; the run exits 1 when one is missed.
 *
 * Last, the lines of the CLI and the engine (`wc -l bin/cli/*.ts bin/cli/*\/*.ts rules/engine/*.ts`) now and at
 * the commit issue 14 started from (BENCH_LINES_BASE, default eb985c1), read with git.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { adversarialJson, adversarialTemplates } from './adversarial-templates';
import { generateTemplate, toJson, toYaml } from './generate-templates';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NODE_SAMPLES = Number(process.env.NODE_SAMPLES ?? 3);
const LINES_BASE = process.env.BENCH_LINES_BASE ?? 'eb985c1';
const root = path.join(__dirname, '..');
const out = path.join(__dirname, '.out', 'audit');
const build = path.join(out, 'build');
const bin = path.join(build, 'bin', 'token-guard.js');
const guard = path.join(root, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', process.platform === 'darwin' ? 'macos' : 'ubuntu', process.arch === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
const guardRules = path.join(__dirname, 'guard');

// ---------------------------------------------------------------------------------------------------------------
// Inputs

const ADVERSARIAL = adversarialTemplates();

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
  for (const t of ADVERSARIAL) fs.writeFileSync(path.join(out, `${t.name}.json`), adversarialJson(t));

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
  /** The most token-guard may take, as a multiple of the floor; undefined for no target. */
  readonly floorTarget?: number;
  /** Whether token-guard must be faster than cfn-guard here (when cfn-guard runs at all). */
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
  const single = (label: string, name: string, floorTarget: number | undefined): Case => ({
    label,
    bytes: size(file(name)),
    floorTarget,
    guardTarget: true,
    tools: [floor(file(name)), tokenGuard('token-guard', file(name)), cfnGuard(file(name))],
  });
  const batch = file('batch');
  const startup: Tool = { name: 'node -e 0 (start-up)', command: process.execPath, args: ['-e', '0'], ok: [0], samples: NODE_SAMPLES };
  const compliant = single('2,000 resources, compliant, JSON', 'compliant-2000.json', 2.5);
  return [
    { ...compliant, tools: [...compliant.tools, startup] },
    single('2,000 resources, risky, JSON', 'risky-2000.json', 2.5),
    single('2,000 resources, compliant, YAML', 'compliant-2000.yaml', 1.3),
    single('2,000 resources, risky, YAML', 'risky-2000.yaml', 1.3),
    {
      label: 'batch of 100 templates (80 JSON, 20 YAML)',
      bytes: size(batch),
      guardTarget: true,
      tools: [
        floor(batch),
        tokenGuard('token-guard', batch),
        cfnGuard(batch),
      ],
    },
    {
      label: 'one small template (30 resources)',
      bytes: size(file('small.json')),
      guardTarget: false,
      tools: [floor(file('small.json')), tokenGuard('token-guard', file('small.json')), cfnGuard(file('small.json'))],
    },
    ...ADVERSARIAL.map((t) => ({
      label: `adversarial: ${t.label}`,
      bytes: size(file(`${t.name}.json`)),
      floorTarget: 3,
      guardTarget: false,
      tools: [floor(file(`${t.name}.json`)), tokenGuard('token-guard', file(`${t.name}.json`))],
    })),
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

// ---------------------------------------------------------------------------------------------------------------
// Lines of the CLI and the engine

/** `wc -l` of the CLI's and the engine's TypeScript at a commit (or the work tree when `commit` is undefined). */
function lines(commit?: string): Map<string, number> | undefined {
  const dirs = ['bin/cli', 'rules/engine'];
  const counted = (f: string) => /^(bin\/cli\/([^/]+\/)?|rules\/engine\/)[^/]+\.ts$/.test(f);
  const out = new Map<string, number>();
  if (commit === undefined) {
    const walk = (d: string): string[] => fs.readdirSync(path.join(root, d), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${d}/${e.name}`) : [`${d}/${e.name}`]));
    for (const f of dirs.flatMap(walk).filter(counted)) out.set(f, newlines(fs.readFileSync(path.join(root, f), 'utf8')));
    return out;
  }
  const listed = spawnSync('git', ['ls-tree', '-r', '--name-only', commit, ...dirs], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) return undefined;
  for (const f of listed.stdout.split('\n').filter(counted)) {
    const shown = spawnSync('git', ['show', `${commit}:${f}`], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (shown.status === 0) out.set(f, newlines(shown.stdout));
  }
  return out;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function printLines(): void {
  const now = lines()!;
  const before = lines(LINES_BASE);
  const sum = (m: Map<string, number>, dir: string) => [...m].filter(([f]) => f.startsWith(dir)).reduce((s, [, n]) => s + n, 0);
  console.log(`\nlines (wc -l bin/cli/*.ts bin/cli/*/*.ts rules/engine/*.ts), at ${LINES_BASE} -> now:`);
  for (const dir of ['bin/cli/', 'rules/engine/']) {
    console.log(`  ${dir.padEnd(14)} ${before ? String(sum(before, dir)).padStart(6) : '     ?'} -> ${String(sum(now, dir)).padStart(6)}`);
  }
  const total = (m: Map<string, number>) => sum(m, 'bin/cli/') + sum(m, 'rules/engine/');
  if (before) console.log(`  together       ${String(total(before)).padStart(6)} -> ${String(total(now)).padStart(6)} (${total(now) - total(before)}; issue 14's target: at least 1,000 fewer)`);
  else console.log(`  (${LINES_BASE} is not in this checkout's history: no comparison)`);
}

// ---------------------------------------------------------------------------------------------------------------

interface Ratio {
  readonly label: string;
  readonly ratio: number;
  /** `<= 2.5`, `< 1`. */
  readonly target: string;
  readonly met: boolean;
}

function main(): void {
  if (!fs.existsSync(guard)) throw new Error(`cfn-guard not found at ${guard}`);
  const version = spawnSync(guard, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`building the CLI and generating inputs in ${path.relative(root, out)} …`);
  prepare();
  const all = cases();
  console.log(
    `${version}; node ${process.version}; median wall time of ${RUNS} interleaved rounds (node processes ${NODE_SAMPLES} times a round, cfn-guard once) after a warm-up; stdout to /dev/null`,
  );
  // Every node process here (the floor and token-guard alike) pays node's start-up, and NODE_EXTRA_CA_CERTS makes
  // node read that file at start-up (about 35 ms for a 220 KB bundle on this machine): it raises the floor, so the
  // ratios are lower with it than on a machine without it. Say which way this run was measured.
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
  console.log(
    extraCerts
      ? `NODE_EXTRA_CA_CERTS=${extraCerts} (${Math.round((fs.statSync(extraCerts, { throwIfNoEntry: false })?.size ?? 0) / 1024)} KB), read at every node start: it raises the floor, so ratios are lower than without it`
      : 'NODE_EXTRA_CA_CERTS is not set',
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

  const ratios: Ratio[] = [];
  for (const c of all) {
    const m = (name: string) => median(times.get(c.tools.find((t) => t.name === name)!)!);
    const tg = m('token-guard');
    const f = m('floor');
    console.log(`\n${c.label}: ${(c.bytes / 1024 / 1024).toFixed(2)} MB; token-guard reports ${findings(c)}`);
    for (const tool of c.tools) console.log(`  ${tool.name.padEnd(22)} ${median(times.get(tool)!).toFixed(0).padStart(6)} ms`);
    const floorRatio = tg / f;
    console.log(`  ratio: token-guard / floor     = ${floorRatio.toFixed(2)}${c.floorTarget !== undefined ? ` (target <= ${c.floorTarget})` : ''}`);
    if (c.floorTarget !== undefined) ratios.push({ label: `${c.label} / floor`, ratio: floorRatio, target: `<= ${c.floorTarget}`, met: floorRatio <= c.floorTarget });
    if (c.tools.some((t) => t.name === 'cfn-guard')) {
      const guardRatio = tg / m('cfn-guard');
      console.log(`  ratio: token-guard / cfn-guard = ${guardRatio.toFixed(2)}${c.guardTarget ? ' (target < 1)' : ' (no target: node starts in ~40 ms, a native binary in a few)'}`);
      if (c.guardTarget) ratios.push({ label: `${c.label} / cfn-guard`, ratio: guardRatio, target: '< 1', met: guardRatio < 1 });
    }
  }

  console.log('\nevery ratio with a target:');
  for (const r of ratios) console.log(`  ${r.met ? 'met    ' : 'NOT met'}  ${r.ratio.toFixed(2).padStart(5)}  (${r.target.padEnd(6)})  ${r.label}`);
  const met = ratios.every((r) => r.met);
  console.log(`issue 14 audit targets: ${met ? 'met' : 'NOT met'}`);
  printLines();
  if (!met) process.exitCode = 1;
}

main();
