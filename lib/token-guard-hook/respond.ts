/**
 * The hook's answer: `hookStatus`, `errorCode`, a message that names the rules and resources first (CloudFormation
 * shows the first 1,024 characters in stack events and keeps 4,096), then each finding with its fix, and one annotation
 * per rule with its status, severity and remediation (RULES.md documents each rule under its id; the package has no
 * public URL to link to yet, so `remediationLink` is left out).
 */
import type { ReportFinding } from '../../bin/cli/audit/report';
import { META_RULES } from '../../rules/meta';
import { ALL_RULES } from '../../rules/registry';
import type { Evaluation } from './evaluate';
import { NEEDS_WHOLE_TEMPLATE } from './evaluate';
import { LIMITS, type Annotation, type HookResponse, type SeverityLevel } from './protocol';

export type FailureMode = 'FAIL' | 'WARN';

export interface Target {
  /** How the message names what is being deployed, e.g. `stack orders-prod`, `resource AppClient (AWS::Cognito::UserPoolClient)`. */
  readonly description: string;
  /** Cloud Control API operations allow 1,024 message characters instead of 4,096. */
  readonly messageLimit: number;
  /** Resource operations: the rules a resource cannot show are skipped. */
  readonly resourceView: boolean;
}

export function respond(token: string, evaluation: Evaluation, target: Target, failureMode: FailureMode): HookResponse {
  if (evaluation.decision === 'cannot-evaluate') {
    return internalFailure(token, `TokenGuard could not evaluate ${target.description}: ${evaluation.problem!.message}.`, failureMode, target.messageLimit);
  }
  const errors = evaluation.findings.filter((f) => f.severity === 'error');
  const warnings = evaluation.findings.filter((f) => f.severity === 'warning');
  const counts = `${count(errors.length, 'ERROR finding')}${warnings.length > 0 ? `, ${count(warnings.length, 'warning')}` : ''}`;
  let headline: string;
  if (evaluation.decision === 'non-compliant') {
    headline =
      failureMode === 'FAIL'
        ? `TokenGuard blocks ${target.description}: ${counts}.`
        : `TokenGuard: ${target.description} has ${counts}; the hook is in WARN mode, so the operation goes on.`;
  } else if (evaluation.decision === 'warnings') {
    headline = `TokenGuard: ${target.description} passes with ${count(warnings.length, 'warning')}.`;
  } else {
    headline = `TokenGuard: ${target.description} passes (no findings${evaluation.suppressed.length > 0 ? `; ${count(evaluation.suppressed.length, 'acknowledged finding')}` : ''}).`;
  }
  const ordered = [...errors, ...warnings];
  const parts = [headline, ...ruleSummaries(ordered)];
  const details = ordered.map(findingLine);
  if (ordered.length > 0) {
    details.push('Accept a risk only with a reason: Metadata cdk-token-guard suppress [{id, reason}] on the resource (or cdk-nag acknowledgements), as token-guard audit reads them.');
  }
  return {
    hookStatus: evaluation.decision === 'non-compliant' ? 'FAILED' : 'SUCCESS',
    ...(evaluation.decision === 'non-compliant' ? { errorCode: 'NonCompliant' as const } : {}),
    message: fit(parts, details, target.messageLimit),
    clientRequestToken: token,
    annotations: annotations(evaluation, target),
  };
}

/** An evaluation that could not happen; the failure mode decides what CloudFormation does, and the message says which. */
export function internalFailure(token: string, what: string, failureMode: FailureMode, limit: number = LIMITS.message): HookResponse {
  const consequence =
    failureMode === 'FAIL'
      ? 'The hook\'s failure mode is FAIL, so CloudFormation stops this operation.'
      : 'The hook\'s failure mode is WARN, so CloudFormation goes on with this warning.';
  return { hookStatus: 'FAILED', errorCode: 'InternalFailure', message: clip(`${what} ${consequence}`, limit), clientRequestToken: token };
}

/** How many resources a rule's summary names before it counts the rest, so every rule fits the first lines. */
const SUBJECTS_SHOWN = 8;

/** `TokenGuard-COG1 AccessTokenLifetime (ERROR) on Client, Other.`, one per rule, errors first. */
function ruleSummaries(findings: readonly ReportFinding[]): string[] {
  const byRule = new Map<string, { name: string; severity: string; subjects: Set<string> }>();
  for (const f of findings) {
    const entry = byRule.get(f.ruleId) ?? { name: f.ruleName, severity: f.severity === 'error' ? 'ERROR' : 'WARN', subjects: new Set<string>() };
    entry.subjects.add(subject(f));
    byRule.set(f.ruleId, entry);
  }
  return [...byRule].map(([id, r]) => {
    const subjects = [...r.subjects];
    const shown = subjects.slice(0, SUBJECTS_SHOWN).join(', ');
    return `${id} ${r.name} (${r.severity}) on ${shown}${subjects.length > SUBJECTS_SHOWN ? ` and ${subjects.length - SUBJECTS_SHOWN} more` : ''}.`;
  });
}

function subject(f: ReportFinding): string {
  return f.section === 'Resources' ? f.logicalId : `${f.section}.${f.logicalId}`;
}

function findingLine(f: ReportFinding): string {
  const where = [subject(f), f.path.startsWith(`${f.section}.`) ? f.path.slice(f.section.length + 1 + f.logicalId.length + 1) : f.path].filter((s) => s !== '').join(' ');
  const when = f.conditions !== undefined ? ` (when ${f.conditions.join(' and ')})` : '';
  return `[${f.severity === 'error' ? 'ERROR' : 'WARN'}] ${f.ruleId} ${where}: ${f.kind === 'cannot-tell' ? '[cannot tell] ' : ''}${f.message}${when} Fix: ${f.fix.cloudFormation}.`;
}

/**
 * The headline and rule summaries first (cut only if they alone pass the limit), then as many details as fit, and a
 * note of how many did not.
 */
function fit(head: readonly string[], details: readonly string[], limit: number): string {
  let text = '';
  let shown = 0;
  for (const part of head) {
    const next = text === '' ? part : `${text} ${part}`;
    if (next.length > limit) return clip(next, limit);
    text = next;
  }
  for (const line of details) {
    const rest = details.length - shown - 1;
    const tail = rest > 0 ? ` … ${count(rest, 'more finding')} in the hook's annotations.` : '';
    if (text.length + 1 + line.length + tail.length > limit) break;
    text = `${text} ${line}`;
    shown++;
  }
  const hidden = details.length - shown;
  if (hidden > 0) text = clip(`${text} … ${count(hidden, 'more line')} in the hook's annotations (and in token-guard audit).`, limit);
  return text;
}

function annotations(evaluation: Evaluation, target: Target): Annotation[] {
  const out: Annotation[] = [];
  const metas = [...ALL_RULES, ...META_RULES];
  for (const rule of metas) {
    const findings = evaluation.findings.filter((f) => f.ruleId === rule.id);
    const suppressed = evaluation.suppressed.filter((f) => f.ruleId === rule.id);
    if (findings.length > 0) {
      const level: SeverityLevel = findings.some((f) => f.severity === 'error') ? 'HIGH' : 'MEDIUM';
      out.push({
        annotationName: rule.id,
        status: 'FAILED',
        severityLevel: level,
        statusMessage: clip(`${rule.name}: ${findings.map(findingLine).join(' ')}`, LIMITS.annotationText),
        remediationMessage: clip(`CloudFormation: ${rule.fix.cloudFormation}. CDK: ${rule.fix.cdk}. Why: ${rule.rationale}`, LIMITS.annotationText)
      });
      continue;
    }
    const skipped = target.resourceView ? NEEDS_WHOLE_TEMPLATE[rule.id] : undefined;
    if (skipped !== undefined) {
      out.push({ annotationName: rule.id, status: 'SKIPPED', statusMessage: `${rule.name}: not checked on a resource operation: ${skipped}.` });
    } else if (evaluation.policy.rules[rule.id] === 'off') {
      out.push({ annotationName: rule.id, status: 'SKIPPED', statusMessage: `${rule.name}: switched off in the policy.` });
    } else {
      const acknowledged = suppressed.map((s) => `${subject(s)} acknowledged (${s.suppression.source}): ${s.suppression.reason}`);
      out.push({
        annotationName: rule.id,
        status: 'PASSED',
        statusMessage: clip(`${rule.name}: ${acknowledged.length > 0 ? acknowledged.join('; ') : 'no findings'}.`, LIMITS.annotationText),
      });
    }
  }
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** At most `limit` characters, ending in an ellipsis when cut. */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
