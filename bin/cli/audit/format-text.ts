/**
 * The human report (`--format text`, the default): findings grouped by file, then by resource (or parameter,
 * output, Globals section), each with its position, level, rule, path, what was found, the conditions it depends
 * on and how to fix it: in CloudFormation for templates, in CDK for cdk.out stacks. Colour only when asked for, and
 * only ours: control characters from templates are escaped.
 */
import { oneLine } from '../input-error';
import { cmp } from './audit-input';
import type { AuditReport, ReportFinding, SuppressedFinding, TemplateResult } from './report';

/**
 * What comes from a template or a path (logical ids, construct paths, messages, reasons, file names) is shown with
 * its control characters escaped (as oneLine does), so a template cannot retitle, clear or recolour a terminal.
 */
const shown = (text: string): string => oneLine(text, Number.POSITIVE_INFINITY);

export interface TextOptions {
  readonly colour: boolean;
  /** Also list suppressed findings and templates without findings. */
  readonly verbose: boolean;
}

const ANSI = {
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
  cyan: (s: string) => `\x1b[36m${s}\x1b[39m`,
};
type Paint = typeof ANSI;
const PLAIN: Paint = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, cyan: (s) => s };

export function formatText(report: AuditReport, templates: readonly TemplateResult[], options: TextOptions): string {
  const paint = options.colour ? ANSI : PLAIN;
  const out: string[] = [];
  for (const t of templates) {
    if (t.findings.length === 0 && (!options.verbose || t.suppressed.length === 0)) {
      if (options.verbose) out.push(`${heading(t, paint)}: no findings`, '');
      continue;
    }
    out.push(heading(t, paint));
    for (const group of groups(t, options.verbose)) {
      out.push(`  ${group.title}${group.detail ? paint.dim(`  ${group.detail}`) : ''}`);
      for (const f of group.findings) out.push(...findingLines(f, t.fromCdk, paint));
      for (const s of group.suppressed) out.push(suppressedLine(s, paint));
    }
    out.push('');
  }
  if (report.findings.length === 0 && report.errors.length === 0 && !options.verbose) {
    out.push(`No findings in ${report.summary.templates} ${plural(report.summary.templates, 'template')}.`);
  }
  return out.length === 0 ? '' : `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function heading(t: TemplateResult, paint: Paint): string {
  return `${paint.bold(shown(t.file))}${t.stack !== undefined ? paint.dim(`  (stack ${shown(t.stack)})`) : ''}`;
}

interface Group {
  readonly title: string;
  readonly detail?: string;
  readonly findings: ReportFinding[];
  readonly suppressed: SuppressedFinding[];
}

/** Findings of one template by subject, in the engine's order (parameters, globals, resources, outputs). */
function groups(t: TemplateResult, verbose: boolean): Group[] {
  const bySubject = new Map<string, Group>();
  const groupOf = (f: ReportFinding): Group => {
    const key = `${f.section}\u0000${f.logicalId}`;
    let group = bySubject.get(key);
    if (group === undefined) {
      const title =
        f.section === 'Resources'
          ? f.logicalId
          : f.logicalId === '(template)'
            ? `${f.section} (template)`
            : f.section === 'Metadata'
              ? `CDK acknowledgements of ${f.logicalId}`
              : `${f.section}.${f.logicalId}`;
      const detail = [f.resourceType, f.constructPath === f.logicalId ? undefined : f.constructPath].filter((x) => x !== undefined).join('  ');
      group = { title: shown(title), detail: detail === '' ? undefined : shown(detail), findings: [], suppressed: [] };
      bySubject.set(key, group);
    }
    return group;
  };
  for (const f of t.findings) groupOf(f).findings.push(f);
  if (verbose) for (const s of t.suppressed) groupOf(s).suppressed.push(s);
  const groups = [...bySubject.values()];
  // Within a subject, top to bottom as in the file, then by rule number (COG2 before COG10).
  for (const g of groups) g.findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || byRule(a.ruleId, b.ruleId) || cmp(a.path, b.path));
  return groups;
}

/**
 * Rule ids by family, then number: a shorter number is a smaller one. Not `localeCompare` with `numeric`, whose
 * first call loads ICU's collation data: about 70 M instructions, more than formatting 300 findings.
 */
const byRule = (a: string, b: string): number => cmp(a.replace(/\d+$/, ''), b.replace(/\d+$/, '')) || a.length - b.length || cmp(a, b);

function findingLines(f: ReportFinding, fromCdk: boolean, paint: Paint): string[] {
  const position = f.line !== undefined ? `${f.line}:${f.column ?? 1}` : '';
  const level = f.severity === 'error' ? paint.red('error  ') : paint.yellow('warning');
  const kind = f.kind === 'cannot-tell' ? ` ${paint.yellow('[cannot tell]')}` : '';
  const where = f.path === '' ? '' : `  ${paint.dim('at')} ${shown(f.path)}`;
  const indent = ' '.repeat(12);
  const lines = [`    ${paint.dim(position.padEnd(8))}${level}  ${paint.cyan(f.ruleId)} ${f.ruleName}${kind}${where}`];
  lines.push(`${indent}${shown(f.message)}`);
  if (f.conditions !== undefined && f.conditions.length > 0) lines.push(`${indent}${paint.dim('when')} ${shown(f.conditions.join(' and '))}`);
  lines.push(`${indent}${paint.dim(fromCdk ? 'fix (CDK)' : 'fix')} ${shown(fromCdk ? f.fix.cdk : f.fix.cloudFormation)}`);
  return lines;
}

function suppressedLine(s: SuppressedFinding, paint: Paint): string {
  const position = s.line !== undefined ? `${s.line}:${s.column ?? 1}` : '';
  return `    ${paint.dim(position.padEnd(8))}${paint.dim('suppressed')} ${paint.cyan(s.ruleId)} ${s.ruleName}  ${paint.dim(`(${s.suppression.source}: ${shown(JSON.stringify(s.suppression.reason))})`)}`;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** The one-line summary printed on stderr at the end of every audit. */
export function summaryLine(report: AuditReport, colour: boolean): string {
  const paint = colour ? ANSI : PLAIN;
  const s = report.summary;
  const count = (n: number, word: string, colourIt: (x: string) => string) => {
    const text = `${n} ${plural(n, word)}`;
    return n > 0 ? colourIt(text) : text;
  };
  const seconds = s.durationMs < 10_000 ? (s.durationMs / 1000).toFixed(2) : (s.durationMs / 1000).toFixed(1);
  return (
    `token-guard audit: ${s.files} ${plural(s.files, 'file')}, ${s.templates} ${plural(s.templates, 'template')}: ` +
    `${count(s.errors, 'error', paint.red)}, ${count(s.warnings, 'warning', paint.yellow)}, ${s.suppressed} suppressed, ` +
    `${count(s.inputErrors, 'input error', paint.red)} in ${seconds} s` +
    (s.skipped > 0 ? paint.dim(` (${s.skipped} ${plural(s.skipped, 'path')} skipped)`) : '')
  );
}
