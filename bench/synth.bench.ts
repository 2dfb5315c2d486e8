/**
 * Synth overhead of the pack on the bench's app of about 1,000 resources (bench/synth-app.ts), synthesised four ways,
 * interleaved: no pack, a plugin that does nothing, TokenGuardChecks, cdk-nag's AwsSolutionsChecks. The no-op row is
 * what CDK itself spends once any plugin is registered (it builds its construct tree and report): any pack's floor.
 *
 * Targets (issue 2, kept by issue 14): TokenGuardChecks adds at most 10% to synth, and at most a quarter of what
 * AwsSolutions adds. They are judged on what a user waits for: `cdk synth` runs the app once, in a fresh process, so
 * the first measure runs each variant of the gated app as its own process (node with tsx, as `cdk synth` runs a
 * TypeScript app through a loader) and times it from spawn to exit, loading included.
 *
 * The second measure synthesises in one long-lived process (a test suite synthesising app after app), after warm-up
 * rounds that let V8 finish compiling the hot code (with one warm-up round, the pack's code was still being compiled
 * in the measured runs: about a third of validate()'s instructions), on the gated app and on an "ungated" one (every
 * other client at CDK's defaults, half the secrets without key or rotation: CDK's handling of each reported finding,
 * stack traces and formatting, is part of what a pack costs, so the finding count is printed). It is printed with
 * its own ratios, and the time TokenGuardChecks.validate itself takes (reading and parsing the templates, the
 * acknowledgements, the engine).
 *
 * aws-cdk-lib's built-in CloudFormation validation is off everywhere: it costs seconds per synth and would hide the
 * packs' cost. Validation failures are reported, not thrown (`@aws-cdk/core:failSynthOnValidationErrors`), so every
 * run synthesises the whole app. Wall-time ratios are the targets; CPU time (user + system, every thread) is printed
 * beside them: on a machine shared with other work it moves much less, so it is the figure to compare before and
 * after a change.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { App, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TokenGuardChecks } from '../rules/pack';
import { buildApp, noop, Variant, VARIANTS } from './synth-app';

// Synth times on a 2-core machine vary by ±10 ms from run to run, and CDK's own per-plugin cost (the no-op row) by as
// much: medians of interleaved runs keep the ratios within a point or so.
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 8);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 11);

type Samples = Record<Variant, { wall: number[]; cpu: number[] }>;

const samples = (): Samples => ({
  none: { wall: [], cpu: [] },
  noop: { wall: [], cpu: [] },
  tokenguard: { wall: [], cpu: [] },
  awssolutions: { wall: [], cpu: [] },
});

/** CPU milliseconds spent in TokenGuardChecks.validate since `validateMs` was last set to 0. */
let validateMs = 0;

function timed(plugin: TokenGuardChecks): TokenGuardChecks {
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context) => {
    const c0 = process.cpuUsage();
    try {
      return validate(context);
    } finally {
      validateMs += cpuMs(c0);
    }
  };
  return plugin;
}

function cpuMs(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Prints the rows and the ratios of one measure; true when both targets are met on wall time (`judged`: the gated app). */
function report(label: string, s: Samples, validateNote = '', judged = true): boolean {
  const m = (v: Variant) => ({ wall: median(s[v].wall), cpu: median(s[v].cpu) });
  const none = m('none');
  const noopRow = m('noop');
  const tg = m('tokenguard');
  const aws = m('awssolutions');
  const pct = (x: number, base: number) => `${((100 * x) / base).toFixed(1)}%`;
  const row = (name: string, r: { wall: number; cpu: number }, note = '') =>
    console.log(`  ${name.padEnd(17)} ${r.wall.toFixed(0).padStart(5)} ms  (+${(r.wall - none.wall).toFixed(0)} ms)  cpu ${r.cpu.toFixed(0).padStart(5)} ms  (+${(r.cpu - none.cpu).toFixed(0)} ms)${note}`);
  console.log(`\n${label}`);
  console.log(`  no pack           ${none.wall.toFixed(0).padStart(5)} ms            cpu ${none.cpu.toFixed(0).padStart(5)} ms`);
  row('a no-op plugin', noopRow, ': what CDK itself spends once any plugin is registered');
  row('TokenGuardChecks', tg, validateNote);
  row('AwsSolutions', aws);
  const overhead = (tg.wall - none.wall) / none.wall;
  const share = aws.wall > none.wall ? (tg.wall - none.wall) / (aws.wall - none.wall) : Infinity;
  console.log(`  ratio: TokenGuardChecks overhead = ${pct(tg.wall - none.wall, none.wall)} of synth (target <= 10%); in CPU time ${pct(tg.cpu - none.cpu, none.cpu)}`);
  console.log(`  ratio: TokenGuardChecks added / AwsSolutions added = ${share.toFixed(2)} (target <= 0.25); in CPU time ${((tg.cpu - none.cpu) / (aws.cpu - none.cpu)).toFixed(2)}`);
  console.log(`  ratio: TokenGuardChecks over the no-op plugin = ${pct(tg.wall - noopRow.wall, none.wall)} of synth (the pack's own work and CDK's handling of its findings); in CPU time ${pct(tg.cpu - noopRow.cpu, none.cpu)}`);
  const met = overhead <= 0.1 && share <= 0.25;
  console.log(judged ? `  targets: ${met ? 'met' : 'NOT met'}` : '  targets: none here (they are judged on the gated app; this app shows what findings cost)');
  return met;
}

/** Each variant of the gated app in a fresh process, as `cdk synth` runs it; wall from spawn to exit. */
function cold(): boolean {
  const s = samples();
  const run = (v: Variant) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'synth-app.ts'), v], { encoding: 'utf8' });
    const wall = performance.now() - t0;
    if (r.status !== 0) throw new Error(`synth-app.ts ${v} exited with ${r.status ?? r.signal}: ${r.stderr}`);
    return { wall, cpu: (JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { cpuMs: number }).cpuMs };
  };
  for (const v of VARIANTS) run(v); // warm-up: tsx's transform cache and the file system cache
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const v of VARIANTS) {
      const r = run(v);
      s[v].wall.push(r.wall);
      s[v].cpu.push(r.cpu);
    }
  }
  return report(`one cdk synth (gated app, a fresh process per synth, loading included): median of ${COLD_RUNS} interleaved runs`, s);
}

/** Synth after synth in one process, measured after WARMUP rounds of every variant. */
function warm(label: string, riskyEvery: number): boolean {
  const s = samples();
  const validateTimes: number[] = [];
  let resources = 0;
  let findings = 0;
  const plugins: Record<Variant, ((app: App) => IPolicyValidationPlugin) | undefined> = {
    none: undefined,
    noop,
    tokenguard: (app) => timed(new TokenGuardChecks(app)),
    awssolutions: (app) => new AwsSolutionsChecks(app),
  };
  const quiet = console.error;
  console.error = () => undefined; // the validation report is printed on every synth
  try {
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (const v of VARIANTS) {
        const built = buildApp(riskyEvery, plugins[v]);
        resources = built.resources;
        validateMs = 0;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const assembly = built.app.synth();
        const wall = performance.now() - t0;
        const cpu = cpuMs(c0);
        if (round >= WARMUP) {
          s[v].wall.push(wall);
          s[v].cpu.push(cpu);
          if (v === 'tokenguard') validateTimes.push(validateMs);
        }
        if (v === 'tokenguard' && round === 0) findings = countFindings(assembly.directory);
        fs.rmSync(built.app.outdir, { recursive: true, force: true });
      }
    }
  } finally {
    console.error = quiet;
  }
  const title = `${label}, in one process: ${resources} CloudFormation resources, ${findings} TokenGuard findings; median app.synth() of ${RUNS} interleaved runs after ${WARMUP} warm-up rounds`;
  return report(title, s, `; of which its validate() ${median(validateTimes).toFixed(0)} ms cpu`, riskyEvery === 0);
}

/** Resources named by TokenGuard violations in the validation report CDK wrote. */
function countFindings(dir: string): number {
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'validation-report.json'), 'utf8')) as {
    pluginReports?: { pluginName?: string; violations?: { violatingConstructs?: unknown[] }[] }[];
  };
  let n = 0;
  for (const r of report.pluginReports ?? []) {
    if (r.pluginName !== 'TokenGuard') continue;
    for (const v of r.violations ?? []) n += v.violatingConstructs?.length ?? 0;
  }
  return n;
}

console.log('aws-cdk-lib built-in CloudFormation validation off in every variant; path metadata on, as under cdk synth');
const met = cold();
const warmGated = warm('gated app (every client and secret as the rules want)', 0);
warm('ungated app (every other client at CDK defaults, half the secrets without key or rotation)', 2);
console.log(`\nissue 2 targets on one cdk synth of the gated app: ${met ? 'met' : 'NOT met'}; synth after synth in one warm process: ${warmGated ? 'met' : 'NOT met'}`);
