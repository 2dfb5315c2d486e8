/**
 * Every example in README.md and docs/*.md (new pages included) works as written.
 *
 * - TypeScript: each block is a complete file. All of them are type-checked in one program under the project's
 *   compiler options, with `cdk-token-guard` mapped to the source tree; then each runs, and every App it makes is
 *   synthesised with the packs it registers. Synth must succeed with no unacknowledged finding from any pack
 *   (warnings included), and a block that deploys our constructs must register the five packs the docs say they
 *   pass. CDK's own CloudFormation validation stays off (`CDK_VALIDATION=false`: seconds per app) except for the
 *   blocks with a WorkloadClient, whose acknowledgement of that validation's W3030 the docs list. An App an example
 *   synthesises itself fails on an error finding under `cdk synth`'s context too (the CLI fails on one app's report).
 * - JSON: parses; a `cdk.json` policy is accepted by `token-guard audit --config`; the report example has the fields
 *   a real `--format json` report has.
 * - YAML: parses; a template carries a `<!-- audit: exit N; findings …; suppressed … -->` note, and the CLI audits
 *   it to exactly that; a GitHub Actions workflow and pre-commit configurations are checked as the CI recipes.
 * - Shell: every `token-guard` command names options the CLI has; every `npm run` script exists.
 * - Python: parses, and imports only what a Python CDK app has (that it is rosetta's translation of a TypeScript
 *   example is `npm run jsii:check`'s to check: it needs the jsii build). The release workflow (docs/release.md)
 *   runs existing npm scripts and publishes to npm and every jsii target.
 * Other fences must be `text` or `mermaid`.
 */
import '@microsoft/jest-sarif';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, Stack, type App, type IPolicyValidationPluginBeta1 } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as Sarif from 'sarif';
import * as ts from 'typescript';
import { parse, parseDocument } from 'yaml';
import { buildProgram } from '../bin/token-guard';
import type { CliIo } from '../bin/cli/io';
import { CLEAN_JSON, RISKY_YAML, runCli as runCliIn, type CliRun } from './cli/audit/cli';

const ROOT = path.join(__dirname, '..');
const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

interface Example {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** The `<!-- … -->` comment on the line before the fence, if any. */
  readonly note?: string;
}

function readExamples(): Example[] {
  const out: Example[] = [];
  for (const page of PAGES) {
    const lines = fs.readFileSync(path.join(ROOT, page), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^( *)```(.*)$/.exec(lines[i]);
      if (!open) continue;
      const [, indent, lang] = open;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== `${indent}\`\`\``; i++) body.push(lines[i].slice(indent.length));
      if (i === lines.length) throw new Error(`${page}:${start + 1}: a code fence that is never closed`);
      out.push({ page, line: start + 1, lang: lang.trim(), code: `${body.join('\n')}\n`, note: /^<!-- (.*) -->$/.exec(lines[start - 1] ?? '')?.[1] });
    }
  }
  return out;
}

/**
 * Runs the CLI as a shell in `cwd` would. The CLI resolves input paths against the process's working directory and
 * its output, config and report paths against `io.cwd`, so both are set.
 */
async function runCli(argv: string[], { cwd }: { cwd: string }): Promise<CliRun> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await runCliIn(argv, { cwd });
  } finally {
    process.chdir(before);
  }
}

const EXAMPLES = readExamples();
const where = (e: Example) => `${e.page}:${e.line}`;
const byLang = (...langs: string[]) => EXAMPLES.filter((e) => langs.includes(e.lang));
const TS = byLang('ts', 'typescript');
fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const TMP = fs.mkdtempSync(path.join(ROOT, '.tmp', 'docs-examples-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

test('every page has examples of known kinds only', () => {
  expect(EXAMPLES.length).toBeGreaterThan(0);
  const unknown = EXAMPLES.filter((e) => !['ts', 'typescript', 'python', 'json', 'yaml', 'yml', 'sh', 'text', 'mermaid'].includes(e.lang));
  expect(unknown.map((e) => `${where(e)}: \`\`\`${e.lang}`)).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------------------
// TypeScript

/** The file a reader would save: `cdk-token-guard` resolved to the source tree, paths relative to the repo root. */
function tsFile(e: Example, i: number): string {
  const file = path.join(TMP, `${e.page.replace(/[/.]/g, '-')}-${e.line}-${i}.ts`);
  const toRoot = path.relative(path.dirname(file), ROOT).split(path.sep).join('/');
  const ours = (spec: string) => (spec === 'cdk-token-guard' ? 'lib' : spec === 'cdk-token-guard/engine' ? 'lib/engine' : spec.slice(2));
  const code = e.code.replace(/from '(cdk-token-guard(?:\/engine)?|\.\/[^']*)'/g, (_m, spec: string) => `from '${toRoot}/${ours(spec)}'`);
  fs.writeFileSync(file, code);
  return file;
}

const OUR_CONSTRUCTS = /\bnew (DelegatedClient|WorkloadClient|RefreshTokenVault|TokenBroker|VaultReadAlert)\(/;
/** The packs the docs say the constructs pass; the plugin names they register under. */
const CONSTRUCT_PACKS = ['TokenGuard', 'AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
const APP_INIT_HOOK = Symbol.for('@aws-cdk/core.App#initHook');

interface Synthesised {
  readonly plugins: string[];
  readonly assemblyDir: string;
}

describe('TypeScript examples', () => {
  const files = TS.map(tsFile);
  /** Every synthesised assembly, by example, for the CI recipe's audit; removed at the end. */
  const assemblies = new Map<Example, string[]>();
  afterAll(() => {
    for (const dirs of assemblies.values()) for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('there is one for each construct, and each imports only what a user app has (or, for contributors, the repository)', () => {
    for (const name of ['DelegatedClient', 'WorkloadClient', 'RefreshTokenVault', 'TokenBroker']) {
      expect(TS.some((e) => e.code.includes(`new ${name}(`))).toBe(true);
    }
    for (const e of TS) {
      const specifiers = [...e.code.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect({ at: where(e), bad: specifiers.filter((s) => !/^(aws-cdk-lib(\/.*)?|constructs|cdk-nag|cdk-token-guard(\/engine)?|\.\/.*)$/.test(s)) }).toEqual({ at: where(e), bad: [] });
    }
  });

  test('they type-check, all in one program, under the project\'s strict options', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const problems = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    files.forEach((file, i) => {
      const source = program.getSourceFile(file)!;
      for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        problems.push(`${TS[i].page}:${TS[i].line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    });
    expect(problems).toEqual([]);
  }, 120_000);

  /**
   * Runs an example as `cdk synth` would and synthesises every App it made. `asCdkSynth` runs it instead with the
   * context the `cdk` CLI gives an app (`@aws-cdk/core:failSynthOnValidationErrors` false: the CLI reads the report
   * of the app it runs), a 3650-day refresh token added to every App, and returns what the example itself threw.
   */
  function synthesise(e: Example, file: string): Synthesised[];
  function synthesise(e: Example, file: string, asCdkSynth: true): unknown;
  function synthesise(e: Example, file: string, asCdkSynth = false): Synthesised[] | unknown {
    const js = file.replace(/\.ts$/, asCdkSynth ? '-cdk-synth.js' : '.js');
    fs.writeFileSync(js, ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
    const apps: App[] = [];
    const env = { CDK_VALIDATION: process.env.CDK_VALIDATION, CDK_CONTEXT_JSON: process.env.CDK_CONTEXT_JSON };
    const global = globalThis as Record<symbol, unknown>;
    global[APP_INIT_HOOK] = (app: App) => {
      apps.push(app);
      if (asCdkSynth) new cognito.UserPool(new Stack(app, 'Risky'), 'Pool').addClient('Client', { refreshTokenValidity: Duration.days(3650) });
    };
    // CDK's CloudFormation validation costs seconds; the WorkloadClient's examples need it (the W3030 acknowledgement).
    process.env.CDK_VALIDATION = /\bnew WorkloadClient\(/.test(e.code) ? 'true' : 'false';
    // Handler bundles are not what these examples check.
    process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...(asCdkSynth ? { '@aws-cdk/core:failSynthOnValidationErrors': false } : {}) });
    // A fresh working directory, as for an app of its own: an example may write `cdk.out/…` where it runs.
    const cwd = process.cwd();
    process.chdir(fs.mkdtempSync(path.join(TMP, 'app-')));
    try {
      if (asCdkSynth) {
        try {
          jest.requireActual(js);
          return undefined;
        } catch (thrown) {
          return thrown;
        }
      }
      jest.requireActual(js);
      return apps.map((app) => {
        const assembly = app.synth();
        const plugins = ((app as unknown as { _validationPlugins?: IPolicyValidationPluginBeta1[] })._validationPlugins ?? []).map((p) => p.name);
        // An App with a relative outdir (the hook's, `cdk.out/hook`) has a relative directory: resolve it while here.
        return { plugins, assemblyDir: path.resolve(assembly.directory) };
      });
    } finally {
      process.chdir(cwd);
      delete global[APP_INIT_HOOK];
      for (const [key, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  test.each(TS.map((e, i) => [where(e), i] as const))('%s synthesises with no unacknowledged finding', (_at, i) => {
    const e = TS[i];
    const made = synthesise(e, files[i]);
    assemblies.set(e, made.map((m) => m.assemblyDir));
    if (!/from 'aws-cdk-lib'/.test(e.code)) return; // not a CDK app (an example of a library API)
    expect(made.length).toBeGreaterThan(0);
    for (const { plugins, assemblyDir } of made) {
      expect(plugins).toContain('TokenGuard');
      if (OUR_CONSTRUCTS.test(e.code)) expect(plugins).toEqual(expect.arrayContaining(CONSTRUCT_PACKS));
      const reportFile = path.join(assemblyDir, 'validation-report.json');
      const report = fs.existsSync(reportFile)
        ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs?: { constructPath?: string }[] }[] }[] })
        : { pluginReports: [] };
      const findings = report.pluginReports.flatMap((r) => r.violations.map((v) => `${r.pluginName} ${v.ruleName} ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}`));
      expect(findings).toEqual([]);
    }
  }, 60_000);

  // `cdk synth` fails on the validation report of the app it runs, and only that one: an app an example synthesises
  // itself (the hook's, in docs/hook.md) must fail on its own findings, or they pass unseen.
  test('an App an example synthesises itself fails on an error finding under `cdk synth` too', () => {
    const selfSynthesised = TS.map((e, i) => [e, i] as const).filter(([e]) => /\.synth\(\)/.test(e.code));
    expect(selfSynthesised.length).toBeGreaterThan(0);
    for (const [e, i] of selfSynthesised) {
      const thrown = synthesise(e, files[i], true);
      expect({ at: where(e), failed: thrown instanceof Error && thrown.message.includes('TokenGuard-COG3') }).toEqual({ at: where(e), failed: true });
    }
  }, 60_000);

  test('docs/hook.md: synth writes the hook function\'s code as the directory the page says to zip and publish', () => {
    const example = TS.find((e) => e.page === 'docs/hook.md' && e.code.includes('new TokenGuardHook('))!;
    const hookDir = (assemblies.get(example) ?? []).find((d) => d.endsWith(path.join('cdk.out', 'hook')));
    expect(hookDir).toBeDefined();
    const template = JSON.parse(fs.readFileSync(path.join(hookDir!, 'TokenGuardHook.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }> };
    const keys = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.Code?.S3Key ?? '');
    expect(keys).toEqual([expect.stringMatching(/^hook\/[0-9a-f]{64}\.zip$/)]);
    expect(fs.readdirSync(path.join(hookDir!, `asset.${keys[0].slice('hook/'.length, -'.zip'.length)}`))).toContain('index.js');
    const page = fs.readFileSync(path.join(ROOT, 'docs/hook.md'), 'utf8');
    expect(page).toContain('the directory `cdk.out/hook/asset.<hash>/`');
    expect(page).not.toContain('cdk.out/hook/asset.<hash>.zip');
  });

  describe('CI recipes (docs/ci.md)', () => {
    const workflows = byLang('yaml', 'yml').filter((e) => e.page === 'docs/ci.md' && /^jobs:/m.test(e.code));
    const readmeCommands = byLang('sh')
      .filter((e) => e.page === 'README.md')
      .flatMap((e) => commands(e.code));

    test('there is a GitHub Actions workflow, and its shell steps are commands the README documents', () => {
      expect(workflows.length).toBeGreaterThan(0);
      for (const w of workflows) {
        for (const run of workflowRuns(w)) expect({ at: where(w), run, documented: readmeCommands.includes(run) }).toEqual({ at: where(w), run, documented: true });
      }
    });

    test('the SARIF it uploads is what its audit step writes: valid SARIF 2.1.0, with the app\'s acknowledgements as suppressed results', async () => {
      // The README's acknowledgement example: a synthesised app with one acknowledged TokenGuard finding.
      const example = TS.find((e) => e.page === 'README.md' && e.code.includes('.acknowledge('))!;
      const [acknowledged] = assemblies.get(example) ?? [];
      expect(acknowledged).toBeDefined();
      for (const w of workflows) {
        const steps = workflowSteps(w);
        const audit = workflowRuns(w).find((r) => r.startsWith('npx token-guard audit'))!;
        expect(audit).toBeDefined();
        const upload = steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith('github/codeql-action/upload-sarif@'));
        const argv = audit.split(/\s+/).slice(2);
        const output = argv[argv.findIndex((a) => a === '-o' || a === '--output') + 1];
        expect(upload?.with?.sarif_file).toBe(output);

        const cwd = fs.mkdtempSync(path.join(TMP, 'workflow-'));
        fs.cpSync(acknowledged!, path.join(cwd, 'cdk.out'), { recursive: true });
        const result = await runCli(argv, { cwd });
        expect(result.code).toBe(0);
        const log = JSON.parse(fs.readFileSync(path.join(cwd, output), 'utf8')) as Sarif.Log;
        expect(log).toBeValidSarifLog();
        const results = log.runs[0].results ?? [];
        expect(results.map((r) => [r.ruleId, r.suppressions?.[0]?.justification])).toEqual([
          ['TokenGuard-COG3', 'Vendor X cannot refresh more often than every 90 days; ticket SEC-123 tracks the migration'],
        ]);
        expect(results[0].locations?.[0].physicalLocation?.artifactLocation?.uri).toMatch(/^cdk\.out\/.+\.template\.json$/);
        expect(results[0].locations?.[0].logicalLocations?.[0].fullyQualifiedName).toBe('Vendors/VendorX/Resource');
      }
    });

    test('docs/policy.md: CDK\'s validation report leaves the acknowledged finding out (the audit lists it, above)', () => {
      const example = TS.find((e) => e.page === 'README.md' && e.code.includes('.acknowledge('))!;
      const [acknowledged] = assemblies.get(example) ?? [];
      expect(acknowledged).toBeDefined();
      const reportFile = path.join(acknowledged!, 'validation-report.json');
      expect(fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '').not.toContain('TokenGuard-COG3');
      expect(fs.readFileSync(path.join(ROOT, 'docs/policy.md'), 'utf8')).toContain('`cdk.out/validation-report.json` does not list them');
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Python: rosetta's translations of the TypeScript examples (`npm run jsii:check` checks that they are); here, that
// each parses and imports only what a Python CDK app has.

describe('Python examples', () => {
  test.each(byLang('python').map((e) => [where(e), e] as const))('%s parses and imports only aws_cdk, constructs, cdk_nag and cdk_token_guard', (_at, e) => {
    const parsed = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: e.code, encoding: 'utf8' });
    expect({ status: parsed.status, stderr: parsed.stderr.trim().split('\n').at(-1) }).toEqual({ status: 0, stderr: '' });
    const modules = [...e.code.matchAll(/^(?:from|import) ([\w.]+)/gm)].map((m) => m[1].split('.')[0]);
    expect(modules.filter((m) => !['aws_cdk', 'constructs', 'cdk_nag', 'cdk_token_guard'].includes(m))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The release workflow (docs/release.md)

describe('the release workflow', () => {
  const [release] = byLang('yaml', 'yml').filter((e) => e.page === 'docs/release.md' && /^jobs:/m.test(e.code));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; jsii: { targets: Record<string, unknown> } };

  test('its npm scripts exist, and it publishes npm and every jsii target with publib', () => {
    expect(release).toBeDefined();
    const runs = workflowRuns(release);
    expect(runs.filter((r) => r.startsWith('npm run ')).filter((r) => !(r.split(' ')[2] in pkg.scripts))).toEqual([]);
    const publishers = runs.map((r) => /publib-(\w+)$/.exec(r)?.[1]).filter((x): x is string => x !== undefined).sort();
    const expected = ['npm', ...Object.keys(pkg.jsii.targets).map((t) => ({ python: 'pypi', java: 'maven', dotnet: 'nuget', go: 'golang' })[t] ?? t)].sort();
    expect(publishers).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// JSON

describe('JSON examples', () => {
  const examples = byLang('json');

  test.each(examples.map((e) => [where(e), e] as const))('%s parses, and is what it shows', async (_at, e) => {
    const value = JSON.parse(e.code) as Record<string, unknown>;
    const context = value.context as Record<string, unknown> | undefined;
    if (context?.['cdk-token-guard:policy'] !== undefined) {
      // A cdk.json with a policy: `token-guard audit --config` takes it.
      const dir = fs.mkdtempSync(path.join(TMP, 'json-'));
      fs.writeFileSync(path.join(dir, 'cdk.json'), e.code);
      fs.writeFileSync(path.join(dir, 'template.json'), CLEAN_JSON);
      const result = await runCli(['audit', 'template.json', '--config', 'cdk.json'], { cwd: dir });
      expect({ code: result.code, stderr: result.errLines.filter((l) => !l.startsWith('token-guard audit:')) }).toEqual({ code: 0, stderr: [] });
    } else if (value.version === 1 && typeof value.summary === 'object') {
      // The JSON report: the fields of a real one.
      const real = await realJsonReport();
      expect(Object.keys(value).sort()).toEqual(Object.keys(real).sort());
      expect(Object.keys(value.summary as object).sort()).toEqual(Object.keys(real.summary).sort());
      const shown = (value.findings as Record<string, unknown>[])[0];
      const findingFields = new Set([...[...real.findings, ...real.suppressed].flatMap((f) => Object.keys(f)), 'stack', 'constructPath']);
      expect(Object.keys(shown).filter((k) => !findingFields.has(k))).toEqual([]);
      expect(Object.keys((value.errors as object[])[0]).filter((k) => !(k in real.errors[0]))).toEqual([]);
      expect(Object.keys((value.suppressed as { suppression: object }[])[0].suppression).filter((k) => !(k in real.suppressed[0].suppression))).toEqual([]);
    }
  });
});

interface JsonReport {
  findings: Record<string, unknown>[];
  suppressed: { suppression: Record<string, unknown> }[];
  errors: Record<string, unknown>[];
  summary: Record<string, unknown>;
}

async function realJsonReport(): Promise<JsonReport> {
  const dir = fs.mkdtempSync(path.join(TMP, 'report-'));
  const suppressed = RISKY_YAML.replace(
    '    Type: AWS::Cognito::UserPoolClient\n',
    '    Type: AWS::Cognito::UserPoolClient\n    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: TokenGuard-COG4\n            reason: Rotation arrives with the vendor upgrade; ticket SEC-9\n',
  );
  fs.writeFileSync(path.join(dir, 'app.yaml'), suppressed);
  fs.writeFileSync(path.join(dir, 'broken.json'), '{"Resources": }');
  const result = await runCli(['audit', 'app.yaml', 'broken.json', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(result.stdout) as JsonReport;
  expect(report.suppressed.length).toBeGreaterThan(0);
  expect(report.errors.length).toBeGreaterThan(0);
  return report;
}

// ---------------------------------------------------------------------------------------------------------------
// YAML

describe('YAML examples', () => {
  const examples = byLang('yaml', 'yml');

  test.each(examples.map((e) => [where(e), e] as const))('%s parses, and a template audits as its note says', async (_at, e) => {
    const doc = parseDocument(e.code);
    expect(doc.errors.map((x) => x.message)).toEqual([]);
    const isTemplate = /^(Resources|AWSTemplateFormatVersion|Transform):/m.test(e.code);
    const note = /^audit: exit (\d+)((?:; (?:findings|suppressed) [\w-]+(?:, [\w-]+)*)*)$/.exec(e.note ?? '');
    expect({ at: where(e), template: isTemplate, note: note !== null }).toEqual({ at: where(e), template: isTemplate, note: isTemplate });
    if (!note) return;
    const expected = { code: Number(note[1]), findings: [] as string[], suppressed: [] as string[] };
    for (const [, kind, ids] of note[2].matchAll(/; (findings|suppressed) ([\w, -]+?)(?=;|$)/g)) expected[kind as 'findings' | 'suppressed'] = ids.split(', ').sort();
    const dir = fs.mkdtempSync(path.join(TMP, 'yaml-'));
    fs.writeFileSync(path.join(dir, 'template.yaml'), e.code);
    const result = await runCli(['audit', 'template.yaml', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string }[]; suppressed: { ruleId: string }[] };
    expect({ code: result.code, findings: report.findings.map((f) => f.ruleId).sort(), suppressed: report.suppressed.map((f) => f.ruleId).sort() }).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// pre-commit

describe('the pre-commit hook', () => {
  const manifest = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const configs = byLang('yaml', 'yml').filter((e) => /^repos:/m.test(e.code));
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  /** Runs a hook's entry as pre-commit does: the entry, its args, then the files it matched. */
  async function runHook(entry: string, args: string[], files: Record<string, string>, other: Record<string, string> = {}): Promise<number> {
    const words = entry.split(/\s+/);
    const at = words.indexOf('token-guard');
    expect(words.slice(0, at)).toEqual(at === 0 ? [] : ['npx', '--no']);
    const dir = fs.mkdtempSync(path.join(TMP, 'hook-'));
    for (const [name, content] of Object.entries({ ...other, ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return (await runCli([...words.slice(at + 1), ...args, ...Object.keys(files)], { cwd: dir })).code;
  }

  test('.pre-commit-hooks.yaml is a pre-commit manifest', () => {
    expect(Array.isArray(manifest)).toBe(true);
    for (const hook of manifest) {
      for (const key of ['id', 'name', 'entry', 'language']) expect(typeof hook[key]).toBe('string');
      expect(['node', 'system']).toContain(hook.language);
    }
  });

  test.each(manifest.map((h) => [h.id as string, h] as const))('%s matches template files only', (_id, hook) => {
    const files = new RegExp(hook.files as string);
    for (const name of ['template.yaml', 'sam/template.yml', 'infra/api.template.json', 'stacks/app.template']) expect({ name, matched: files.test(name) }).toEqual({ name, matched: true });
    for (const name of ['package.json', 'cdk.json', 'tsconfig.json', '.github/workflows/ci.yml', 'docs/templates.md']) expect({ name, matched: files.test(name) }).toEqual({ name, matched: false });
  });

  test.each(manifest.map((h) => [h.id as string, h] as const))('%s passes a compliant template and fails a risky one', async (_id, hook) => {
    const entry = hook.entry as string;
    expect(await runHook(entry, [], { 'template.json': CLEAN_JSON })).toBe(0);
    expect(await runHook(entry, [], { 'template.yaml': RISKY_YAML })).toBe(1);
    expect(await runHook(entry, [], { 'a/template.json': CLEAN_JSON, 'b/template.yaml': RISKY_YAML })).toBe(1);
  });

  test('the configurations docs/ci.md shows use the hook as defined, and run on what their `files` match', async () => {
    expect(configs.length).toBeGreaterThan(0);
    for (const e of configs) {
      const config = parse(e.code) as { repos: { repo: string; rev?: string; hooks: Record<string, unknown>[] }[] };
      for (const repo of config.repos) {
        if (repo.repo !== 'local') expect(repo.rev).toBe(`v${version}`);
        for (const hook of repo.hooks) {
          const defined = repo.repo === 'local' ? hook : { ...manifest.find((h) => h.id === hook.id)!, ...hook };
          expect({ at: where(e), id: hook.id, defined: defined !== undefined && typeof defined.entry === 'string' }).toEqual({ at: where(e), id: hook.id, defined: true });
          const files = new RegExp(defined.files as string);
          expect(files.test('infra/auth.yaml')).toBe(true);
          const args = (defined.args as string[] | undefined) ?? [];
          const extra: Record<string, string> = args.includes('cdk.json') ? { 'cdk.json': '{"context": {"cdk-token-guard:policy": {}}}' } : {};
          expect(await runHook(defined.entry as string, args, { 'infra/auth.json': CLEAN_JSON }, extra)).toBe(0);
          expect(await runHook(defined.entry as string, args, { 'infra/auth.yaml': RISKY_YAML }, extra)).toBe(1);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Shell

describe('shell examples', () => {
  const io: CliIo = {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: () => undefined, isTTY: false },
    env: {},
    cwd: ROOT,
    stdin: process.stdin,
    now: () => 0,
  };
  const program = buildProgram({ io, setExitCode: () => undefined });
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  test.each(byLang('sh').map((e) => [where(e), e] as const))('%s: its token-guard options and npm scripts exist', (_at, e) => {
    const problems: string[] = [];
    for (const command of commands(e.code)) {
      const words = command.split(/\s+/);
      if (words[0] === 'npm' && words[1] === 'run' && !(words[2] in scripts)) problems.push(`npm script ${words[2]}`);
      const at = words[0] === 'npx' ? 1 : 0;
      if (words[at] !== 'token-guard') continue;
      const sub = program.commands.find((c) => c.name() === words[at + 1]);
      if (!sub) {
        problems.push(`no command: ${command}`);
        continue;
      }
      const known = new Set(['--help', '-h', ...sub.options.flatMap((o) => [o.long, o.short]).filter((x): x is string => x !== undefined)]);
      for (const word of words.slice(at + 2)) {
        const flag = word.split('=')[0];
        if (/^--?[a-zA-Z]/.test(flag) && !known.has(flag)) problems.push(`token-guard ${sub.name()} has no option ${flag}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** The commands of a shell example: continuation lines joined, comments dropped, split at `|`, `&&` and `;`. */
function commands(code: string): string[] {
  return code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, ''))
    .flatMap((l) => l.split(/\s*(?:\|\||&&|\||;)\s*/))
    .map((c) => c.trim().replace(/\s+/g, ' '))
    .filter((c) => c !== '');
}

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, string>;
}

function workflowSteps(e: Example): Step[] {
  const workflow = parse(e.code) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(workflow.jobs).flatMap((j) => j.steps);
}

function workflowRuns(e: Example): string[] {
  return workflowSteps(e).flatMap((s) => (s.run === undefined ? [] : commands(s.run)));
}
