/**
 * `token-guard audit`, after its flags are parsed: find the inputs, audit them one after another, report.
 *
 * Paths are used as given, relative to the process's working directory, and reports name files the same way;
 * `io.cwd` is the base of SARIF's relative URIs.
 *
 * stdout carries the report (unless `--output`); stderr carries one line per problem (input errors, in input
 * order), `--verbose` notes, a progress line when it is a terminal, and the one-line summary at the end.
 */
import type { TokenGuardPolicy } from '../../../rules/engine/policy';
import { discover } from '../discover';
import { oneLine, systemErrorText } from '../input-error';
import { resolveLimits, type LoadLimits } from '../limits';
import { packageInfo } from '../package-info';
import { formatBytes } from '../read-file';
import { UsageError, readLimited, useColour, type CliIo } from '../io';
import { auditBytes, auditInput, reportError, type AuditSettings } from './audit-input';
import { formatText, summaryLine } from './format-text';
import { formatSarif } from './format-sarif';
import { Progress } from './progress';
import { REPORT_VERSION, exitCodeFor, type AuditReport, type FailOn, type InputResult, type ReportError, type SuppressedFinding, type ReportFinding, type TemplateResult } from './report';
import { checkOutputPath, writeFileAtomic } from './write-output';

export type ReportFormat = 'text' | 'json' | 'sarif';

export interface AuditRun {
  readonly paths: readonly string[];
  readonly format: ReportFormat;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly verbose: boolean;
  readonly colour: 'auto' | 'always' | 'never';
  readonly limits: LoadLimits;
  readonly policy: TokenGuardPolicy;
  readonly parameters: Readonly<Record<string, string>>;
}

export const STDIN_PATH = '-';
/** How standard input is named in reports. */
export const STDIN_NAME = '<stdin>';

/** Runs the audit and returns the exit code. Throws UsageError (exit 2) for an unusable output path. */
export async function runAudit(run: AuditRun, io: CliIo): Promise<number> {
  const started = io.now();
  const limits = resolveLimits(run.limits);
  const given = run.paths.filter((p) => p !== STDIN_PATH);
  if (run.output !== undefined) checkOutputPath(run.output, io.cwd, given);
  const errColour = useColour(io.stderr, io.env, run.colour);
  const note = (text: string) => io.stderr.write(`${oneLine(text, 2000)}\n`);

  // 1. Inputs: standard input first (if named), then files, directories and cloud assemblies in the order given.
  const settings: AuditSettings = { limits, policy: run.policy, parameters: run.parameters };
  const sources: Array<{ name: string; audit: () => InputResult }> = [];
  const early: ReportError[] = [];
  if (given.length !== run.paths.length) {
    // Reading a terminal would wait for ^D; a template is never typed in.
    if (io.stdin.isTTY) throw new UsageError('"-" reads a template from standard input, but standard input is a terminal; pipe a template in');
    const stdin = await readLimited(io.stdin, limits.maxBytes).catch((error: unknown) => {
      early.push({ file: STDIN_NAME, code: 'unreadable', message: `${STDIN_NAME}: cannot read standard input: ${systemErrorText(error)}` });
      return null;
    });
    if (stdin === undefined) {
      early.push({ file: STDIN_NAME, code: 'too-large', message: `${STDIN_NAME}: input is over the ${formatBytes(limits.maxBytes)} limit (--max-bytes raises it)` });
    } else if (stdin !== null) {
      sources.push({ name: STDIN_NAME, audit: () => auditBytes(STDIN_NAME, stdin, settings) });
    }
  }
  const found = discover(given, { verbose: run.verbose, limits });
  for (const skipped of found.skipped) note(`token-guard: skipped ${skipped.path}: ${skipped.reason}`);
  for (const input of found.inputs) sources.push({ name: input.path, audit: () => auditInput(input, settings) });
  early.push(...found.errors.map(reportError));
  for (const e of early) note(`token-guard: ${e.message}`);

  // 2. Audit.
  const progress = new Progress(io.stderr, sources.length, io.now);
  const results = sources.map((source, index) => {
    const result = source.audit();
    if (result.errors.length > 0) progress.clear();
    for (const e of result.errors) note(`token-guard: ${e.message}`);
    progress.update(index + 1, source.name);
    return result;
  });
  progress.clear();

  // 3. Report.
  const templates: TemplateResult[] = results.flatMap((r) => r.templates);
  const findings: ReportFinding[] = templates.flatMap((t) => t.findings);
  const suppressed: SuppressedFinding[] = templates.flatMap((t) => t.suppressed);
  const errors: ReportError[] = [...early, ...results.flatMap((r) => r.errors)];
  const counts = {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    inputErrors: errors.length,
  };
  const exitCode = exitCodeFor(counts, run.failOn);
  const report: AuditReport = {
    version: REPORT_VERSION,
    tool: { name: 'token-guard', version: packageInfo().version },
    findings,
    suppressed,
    errors,
    summary: {
      files: sources.length + found.errors.length,
      templates: templates.length,
      ...counts,
      suppressed: suppressed.length,
      skipped: found.skippedCount,
      failOn: run.failOn,
      exitCode,
      durationMs: Math.round(io.now() - started),
    },
  };

  const toFile = run.output !== undefined;
  const text = render(report, templates, run, !toFile && useColour(io.stdout, io.env, run.colour), io.cwd);
  if (toFile) {
    // Again, with every file the audit read: a directory or cloud assembly given may hold the output path.
    checkOutputPath(run.output!, io.cwd, [...given, ...templates.map((t) => t.file), ...errors.map((e) => e.file).filter((f) => f !== STDIN_NAME)]);
    writeFileAtomic(run.output!, text, io.cwd);
  }
  else if (text !== '') io.stdout.write(text);
  io.stderr.write(`${summaryLine(report, errColour)}${toFile ? ` → ${oneLine(run.output!)}` : ''}\n`);
  return exitCode;
}

function render(report: AuditReport, templates: TemplateResult[], run: AuditRun, colour: boolean, cwd: string): string {
  switch (run.format) {
    case 'json':
      return `${JSON.stringify(report, undefined, 2)}\n`;
    case 'sarif':
      return formatSarif(report, cwd);
    default:
      return formatText(report, templates, { colour, verbose: run.verbose });
  }
}
