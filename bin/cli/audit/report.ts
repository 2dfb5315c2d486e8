/**
 * The report `token-guard audit` builds, and the stable JSON schema `--format json` prints (README.md, "JSON
 * report").
 *
 * Compatibility: within `version` 1, fields are only ever added, never renamed, removed or given another meaning.
 */
import type { SuppressionSource } from '../../../rules/acknowledgements';
import type { Severity } from '../../../rules/engine/types';

export const REPORT_VERSION = 1;

/** One finding, on a resource, parameter, output or SAM Globals section of one template. */
export interface ReportFinding {
  /** e.g. `TokenGuard-COG3`. */
  readonly ruleId: string;
  /** e.g. `RefreshTokenLifetime`. */
  readonly ruleName: string;
  readonly severity: Severity;
  /** `violation`: the setting is risky; `cannot-tell`: it could not be evaluated statically (never a pass). */
  readonly kind: 'violation' | 'cannot-tell';
  /** The template file, as given or found (for cdk.out, the stack's template file inside it). */
  readonly file: string;
  /** For templates of a cloud assembly: the stack as CDK shows it (`Prod/Svc`, `Top/Nested`). */
  readonly stack?: string;
  /** `Resources`, `Parameters`, `Outputs`, `Globals` or `Metadata` (template-level suppression problems). */
  readonly section: string;
  /** Resource logical id; for parameters and outputs, their name; `Function` etc. for SAM Globals. */
  readonly logicalId: string;
  readonly resourceType?: string;
  /** Construct path (`Stack/Client/Resource`), when the template or the assembly says. */
  readonly constructPath?: string;
  /**
   * Where, in CloudFormation terms: `Properties.RefreshTokenValidity` for resources; `Parameters.<Name>…`,
   * `Outputs.<Name>…`, `Globals.…` otherwise. It may name a property that is absent (the AWS default applies).
   */
  readonly path: string;
  /** 1-based line and column (UTF-16 code units) of the deepest part of `path` present in the file. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** Conditions the finding depends on, e.g. `IsProd=true`; absent when it holds unconditionally. */
  readonly conditions?: readonly string[];
  /** Why it matters (one sentence). */
  readonly rationale: string;
  readonly fix: { readonly cdk: string; readonly cloudFormation: string };
  /** e.g. `OWASP-NHI-2025 NHI7`, `RFC9700 §2.2.2`. */
  readonly standards: readonly string[];
}

export interface Suppression {
  /** Which metadata key it came from. */
  readonly source: SuppressionSource;
  readonly reason: string;
  /** Position of the suppression entry in the template, when it is in the template. */
  readonly line?: number;
  readonly column?: number;
}

export interface SuppressedFinding extends ReportFinding {
  readonly suppression: Suppression;
}

/** A path that could not be audited: missing, unreadable, malformed, too large, not a template, … */
export interface ReportError {
  readonly file: string;
  /** The input layer's error code (`syntax`, `not-found`, `too-large`, …; see docs/cli-input.md). */
  readonly code: string;
  /** One line, starting with the file (and `:line:column` when known). */
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface ReportSummary {
  /** Inputs: template files and cloud assemblies (each counts once), including those that failed to load. */
  readonly files: number;
  /** Templates audited (a cloud assembly contributes each stack and nested stack). */
  readonly templates: number;
  /** Unsuppressed findings at error level. */
  readonly errors: number;
  /** Unsuppressed findings at warning level. */
  readonly warnings: number;
  readonly suppressed: number;
  readonly inputErrors: number;
  /** Files skipped while searching directories (not templates). */
  readonly skipped: number;
  /** `error` (default), `warning` or `none`: which findings make the exit code 1. */
  readonly failOn: FailOn;
  readonly exitCode: number;
  readonly durationMs: number;
}

export type FailOn = 'error' | 'warning' | 'none';

export interface AuditReport {
  readonly version: typeof REPORT_VERSION;
  readonly tool: { readonly name: 'token-guard'; readonly version: string };
  readonly findings: readonly ReportFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly errors: readonly ReportError[];
  readonly summary: ReportSummary;
}

/** What auditing one input (a template file or a cloud assembly) yields. */
export interface InputResult {
  /** Templates audited, in order: for a cloud assembly, stacks before their nested stacks. */
  readonly templates: readonly TemplateResult[];
  readonly errors: readonly ReportError[];
}

export interface TemplateResult {
  readonly file: string;
  readonly stack?: string;
  /** Whether construct paths are known (a cloud assembly): text output then shows the CDK fix. */
  readonly fromCdk: boolean;
  readonly findings: readonly ReportFinding[];
  readonly suppressed: readonly SuppressedFinding[];
}

/** The exit code for a finished audit. Input errors (2) win over findings (1). */
export function exitCodeFor(counts: { errors: number; warnings: number; inputErrors: number }, failOn: FailOn): number {
  if (counts.inputErrors > 0) return 2;
  if (failOn === 'none') return 0;
  if (counts.errors > 0) return 1;
  if (failOn === 'warning' && counts.warnings > 0) return 1;
  return 0;
}
