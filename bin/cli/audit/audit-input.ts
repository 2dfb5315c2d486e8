/**
 * One unit of audit work: load an input (a template file or a cloud assembly), run the rules on each template,
 * apply in-template suppressions and find each finding's line.
 */
import { auditTemplate } from '../../../rules/engine/run';
import type { TokenGuardPolicy } from '../../../rules/engine/policy';
import { formatStandard } from '../../../rules/engine/standards';
import type { Finding } from '../../../rules/engine/types';
import { AcknowledgementReason } from '../../../rules/meta/AcknowledgementReason';
import { ALL_RULES, RULE_IDS } from '../../../rules/registry';
import type { AssemblyTemplate } from '../cloud-assembly';
import { loadInput, type DiscoveredInput } from '../discover';
import { InputError } from '../input-error';
import type { LoadLimits } from '../limits';
import { parseTemplateText, type LoadedTemplate } from '../load-template';
import { decodeText } from '../read-file';
import type { SourcePosition, TemplatePath } from '../source';
import { templatePathOf } from './locations';
import type { InputResult, ReportError, ReportFinding, SuppressedFinding, TemplateResult } from './report';
import { collectSuppressions, suppressionFor, type SuppressionEntry } from '../../../rules/acknowledgements';

export interface AuditSettings {
  readonly limits: LoadLimits;
  readonly policy: TokenGuardPolicy;
  /** `--parameter Name=Value`: pinned parameter values. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** Template bytes already read (standard input), named `name` in the report. */
export function auditBytes(name: string, bytes: Buffer, settings: AuditSettings): InputResult {
  try {
    return { templates: [auditLoaded(parseTemplateText(name, decodeText(name, bytes), settings.limits), settings)], errors: [] };
  } catch (error) {
    if (error instanceof InputError) return { templates: [], errors: [reportError(error)] };
    throw error;
  }
}

/** A discovered file or cloud assembly. */
export function auditInput(input: DiscoveredInput, settings: AuditSettings): InputResult {
  const loaded = loadInput(input, settings.limits);
  return {
    templates: loaded.templates.map((t) => auditLoaded(t, settings)),
    errors: loaded.errors.map(reportError),
  };
}

export function reportError(error: InputError): ReportError {
  return {
    file: error.file,
    code: error.code,
    message: error.message,
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.column !== undefined ? { column: error.column } : {}),
  };
}

/** Rules, suppressions and positions for one loaded template. */
export function auditLoaded(loaded: LoadedTemplate | AssemblyTemplate, settings: AuditSettings): TemplateResult {
  const assembly = 'constructPaths' in loaded ? loaded : undefined;
  const template = pinParameters(loaded.template, settings.parameters);
  const findings = auditTemplate(template, {
    rules: ALL_RULES,
    policy: settings.policy,
    constructPaths: assembly?.constructPaths,
  });
  const acknowledgements = assembly?.acknowledgements;
  const entries = collectSuppressions(
    loaded.template,
    RULE_IDS,
    acknowledgements !== undefined && assembly !== undefined ? { acknowledgements, constructPathOf: (id) => assembly.constructPaths.get(id) } : undefined,
  );
  const stack = assembly?.displayName;
  const by = findings.map((finding) => (entries.length === 0 ? undefined : suppressionFor(finding, entries)));
  // An assembly's acknowledgements are shared by its stack and nested stacks: their problems are reported once, with the stack.
  const problems = entries.filter((e) => e.problem !== undefined && (e.scope.kind !== 'construct' || assembly?.kind === 'stack'));

  // Every position in one call: the loader reads the file's text once for all of them.
  const wanted: TemplatePath[] = [];
  const ask = (path: TemplatePath | undefined): number => (path === undefined ? -1 : wanted.push(path) - 1);
  const findingAt = findings.map((f) => ask(templatePathOf(loaded.template, f.section, f.logicalId, f.path)));
  const suppressionAt = by.map((entry) => ask(entry?.entryPath));
  const problemAt = problems.map((e) => ask(e.entryPath));
  const positions = wanted.length === 0 ? [] : loaded.locate(wanted);
  const at = (index: number): SourcePosition | undefined => (index === -1 ? undefined : positions[index]);

  const reported: ReportFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  findings.forEach((finding, i) => {
    const out = toReportFinding(finding, loaded.file, stack, at(findingAt[i]));
    const entry = by[i];
    if (entry === undefined) {
      reported.push(out);
    } else {
      const where = at(suppressionAt[i]);
      suppressed.push({ ...out, suppression: { source: entry.source, reason: entry.reason, ...(where ? { line: where.line, column: where.column } : {}) } });
    }
  });
  problems.forEach((e, i) => reported.push(acknowledgementFinding(e, loaded, stack, at(problemAt[i]))));
  // The engine's order (section, subject, rule, path); ACK1 findings join their subject's.
  if (problems.length > 0) reported.sort(byPlace);
  return { file: loaded.file, ...(stack !== undefined ? { stack } : {}), fromCdk: assembly !== undefined, findings: reported, suppressed };
}

const SECTION_ORDER: Record<string, number> = { Parameters: 0, Globals: 1, Resources: 2, Outputs: 3, Conditions: 4, Mappings: 5, Metadata: 6 };

function byPlace(a: ReportFinding, b: ReportFinding): number {
  return (SECTION_ORDER[a.section] ?? 9) - (SECTION_ORDER[b.section] ?? 9) || cmp(a.logicalId, b.logicalId) || cmp(a.ruleId, b.ruleId) || cmp(a.path, b.path);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toReportFinding(f: Finding, file: string, stack: string | undefined, at: SourcePosition | undefined): ReportFinding {
  return {
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    severity: f.severity,
    kind: f.kind,
    file,
    ...(stack !== undefined ? { stack } : {}),
    section: f.section,
    logicalId: f.logicalId,
    ...(f.resourceType !== undefined ? { resourceType: f.resourceType } : {}),
    ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
    path: f.path,
    ...(at ? { line: at.line, column: at.column } : {}),
    message: f.message,
    ...(f.conditions !== undefined ? { conditions: f.conditions } : {}),
    rationale: f.rationale,
    fix: { cdk: f.fix.cdk, cloudFormation: f.fix.cloudFormation },
    standards: f.standards.map(formatStandard),
  };
}

/** A TokenGuard-ACK1 warning for a suppression that suppresses nothing. */
function acknowledgementFinding(
  e: SuppressionEntry,
  loaded: LoadedTemplate | AssemblyTemplate,
  stack: string | undefined,
  at: SourcePosition | undefined,
): ReportFinding {
  const onResource = e.scope.kind === 'resource';
  const logicalId = e.scope.kind === 'resource' ? e.scope.logicalId : e.scope.kind === 'construct' ? e.scope.constructPath : '(template)';
  const resource = onResource ? (loaded.template.Resources[logicalId] as Record<string, unknown> | undefined) : undefined;
  const constructPath =
    e.scope.kind === 'construct' ? e.scope.constructPath : onResource && 'constructPaths' in loaded ? loaded.constructPaths.get(logicalId) : undefined;
  const finding: Finding = {
    ruleId: AcknowledgementReason.id,
    ruleName: AcknowledgementReason.name,
    severity: 'warning',
    kind: 'violation',
    section: onResource ? 'Resources' : 'Metadata',
    logicalId,
    resourceType: typeof resource?.Type === 'string' ? resource.Type : undefined,
    constructPath,
    path: e.entryPath === undefined ? '' : e.entryPath.slice(onResource ? 2 : 0).join('.'),
    message: `${e.problem!.charAt(0).toUpperCase()}${e.problem!.slice(1)}.`,
    rationale: AcknowledgementReason.rationale,
    fix: AcknowledgementReason.fix,
    standards: [],
  };
  return toReportFinding(finding, loaded.file, stack, at);
}

/**
 * `--parameter Name=Value`: the parameter then allows only that value, so rules that need a concrete value use it
 * (their messages say "an allowed value of parameter Name") and provenance rules still see a parameter.
 */
function pinParameters<T extends Record<string, unknown>>(template: T, pinned: Readonly<Record<string, string>>): T {
  const names = Object.keys(pinned);
  const parameters = template.Parameters;
  if (names.length === 0 || parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) return template;
  const copy: Record<string, unknown> = { ...(parameters as Record<string, unknown>) };
  let changed = false;
  for (const name of names) {
    const definition = copy[name];
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) continue;
    copy[name] = { ...(definition as Record<string, unknown>), Default: pinned[name], AllowedValues: [pinned[name]] };
    changed = true;
  }
  return changed ? { ...template, Parameters: copy } : template;
}
