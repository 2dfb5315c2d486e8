/**
 * The hook's verdict on a template: the audit CLI's own reading of template text (JSON or YAML, the same limits and
 * errors) and its own audit of a loaded template (rules, in-template acknowledgements with reasons, TokenGuard-ACK1 for
 * those without), so the hook and `token-guard audit` answer the same for the same template. Only the decision is the
 * hook's: an ERROR finding fails the operation, WARN findings let it proceed with a message.
 */
import type { TokenGuardPolicy } from '../../rules/engine/policy';
import { auditLoaded } from '../../bin/cli/audit/audit-input';
import type { ReportFinding, SuppressedFinding } from '../../bin/cli/audit/report';
import { InputError } from '../../bin/cli/input-error';
import { parseTemplateText, type LoadedTemplate } from '../../bin/cli/load-template';

export type Decision = 'compliant' | 'warnings' | 'non-compliant' | 'cannot-evaluate';

export interface Evaluation {
  readonly decision: Decision;
  readonly findings: readonly ReportFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** The policy the rules ran with (for resource operations, with the rules a resource cannot show switched off). */
  readonly policy: TokenGuardPolicy;
  /** Why the template could not be evaluated; the message is one line, shown to the deployer, never logged. */
  readonly problem?: { readonly code: string; readonly message: string };
}

/**
 * The name template text is read under. `.yaml` makes the loader read JSON when the text is JSON and YAML otherwise,
 * which is what CloudFormation accepts; messages say `line:column` without it.
 */
const TEMPLATE_NAME = 'template.yaml';

/** Audits template text as `token-guard audit` audits a file. Never throws for template content. */
export function evaluateTemplateText(text: string, policy: TokenGuardPolicy): Evaluation {
  let loaded: LoadedTemplate;
  try {
    loaded = parseTemplateText(TEMPLATE_NAME, text);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const where = e.line !== undefined ? `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: ` : '';
    return { decision: 'cannot-evaluate', findings: [], suppressed: [], policy, problem: { code: e.code, message: `the template could not be read (${where}${e.reason})` } };
  }
  return evaluateLoaded(loaded, policy);
}

/**
 * Rules that judge a resource by what else the stack holds. A resource operation shows one resource, so they would
 * report every such resource: they are left to stack operations, and the annotations say so.
 */
export const NEEDS_WHOLE_TEMPLATE: Readonly<Record<string, string>> = Object.freeze({
  'TokenGuard-SMG2': 'whether a rotation schedule rotates a secret is decided by the stack\'s other resources, which a resource operation does not show; stack operations check it',
});

/**
 * Audits one resource of a resource operation: its proposed properties (values already resolved by CloudFormation) as
 * a one-resource template. Acknowledgements cannot travel with it (a resource request carries no metadata).
 */
export function evaluateResource(type: string, logicalId: string, properties: Record<string, unknown>, policy: TokenGuardPolicy): Evaluation {
  const rules = { ...policy.rules };
  for (const id of Object.keys(NEEDS_WHOLE_TEMPLATE)) rules[id] = 'off';
  const resourcePolicy: TokenGuardPolicy = { ...policy, rules };
  const template = { Resources: { [logicalId]: { Type: type, Properties: properties } } };
  return evaluateLoaded({ file: TEMPLATE_NAME, format: 'json', template, locate: (paths) => paths.map(() => undefined) }, resourcePolicy);
}

function evaluateLoaded(loaded: LoadedTemplate, policy: TokenGuardPolicy): Evaluation {
  const result = auditLoaded(loaded, { limits: {}, policy, parameters: {} });
  return { decision: decisionOf(result.findings), findings: result.findings, suppressed: result.suppressed, policy };
}

/** ERROR fails; WARN informs (brief principle 7). */
export function decisionOf(findings: readonly Pick<ReportFinding, 'severity'>[]): Decision {
  if (findings.some((f) => f.severity === 'error')) return 'non-compliant';
  return findings.length > 0 ? 'warnings' : 'compliant';
}
