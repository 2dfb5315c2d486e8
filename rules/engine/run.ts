/**
 * Runs rules over one template and turns their observations into findings.
 *
 * This is the single implementation every front door calls: the cdk-nag pack (on each synthesised stack template),
 * the audit CLI (on each file), and later a deploy-time hook.
 */
import { derivedResources, placeOnCustomResource } from './derived';
import { Evaluator, EvaluatorLimits } from './evaluate';
import { DEFAULT_POLICY, TokenGuardPolicy } from './policy';
import { TemplateModel, TemplateModelOptions } from './template';
import type { Finding, Observation, Rule, RuleContext, Section, Severity } from './types';
import { Assumption, formatAssumptions, mergeAssumptions } from './values';
import { FindingLimit, MAX_FINDINGS, thousands } from '../meta/FindingLimit';

export interface AuditOptions extends TemplateModelOptions {
  /** @default DEFAULT_POLICY */
  readonly policy?: TokenGuardPolicy;
  /** The rules to run. */
  readonly rules: readonly Rule[];
  /** @default the evaluator's defaults */
  readonly limits?: EvaluatorLimits;
}

const SECTION_ORDER: Record<Section, number> = {
  Parameters: 0,
  Globals: 1,
  Resources: 2,
  Outputs: 3,
  Conditions: 4,
  Mappings: 5,
  Metadata: 6,
};

/** Audits one template given as a plain object. Never throws on template content. */
export function auditTemplate(template: Readonly<Record<string, unknown>>, options: AuditOptions): Finding[] {
  const policy = options.policy ?? DEFAULT_POLICY;
  const model = new TemplateModel(template, options);
  const ctx: RuleContext = { template: model, evaluator: new Evaluator(model, options.limits), policy };
  const active = options.rules.filter((r) => policy.rules[r.id] !== 'off');

  const collector = new FindingCollector(policy, model);
  // Rule by rule rather than resource by resource: each rule's code runs many times in a row, which a cold process
  // (the audit CLI) runs faster. The findings are sorted at the end either way.
  const derived = derivedResources(model, ctx.evaluator);
  for (const rule of active) {
    if (rule.scope !== 'resource') continue;
    for (const resource of model.resourcesOfType(...rule.resourceTypes)) {
      for (const o of runSafely(rule, () => rule.check(resource, ctx))) {
        collector.add(rule, o, { section: 'Resources', logicalId: resource.logicalId, resourceType: resource.type, when: resource.when });
      }
    }
    // Resources made through custom resources (derived.ts), judged as what they make, reported on the custom resource.
    for (const d of derived) {
      if (!rule.resourceTypes.includes(d.type)) continue;
      for (const o of runSafely(rule, () => rule.check(d, ctx))) {
        const path = placeOnCustomResource(d, o.path);
        if (path === undefined) continue;
        const message = d.call !== undefined ? `In its ${d.call.action} call: ${o.message}` : o.message;
        collector.add(rule, { ...o, path, message }, { section: 'Resources', logicalId: d.logicalId, resourceType: d.customType, when: d.when });
      }
    }
  }
  for (const rule of active) {
    if (rule.scope !== 'template') continue;
    for (const o of runSafely(rule, () => rule.check(ctx))) {
      const subject = o.subject ?? { section: 'Resources' as Section, logicalId: '(template)' };
      const resource = subject.section === 'Resources' ? model.resource(subject.logicalId) : undefined;
      collector.add(rule, o, { section: subject.section, logicalId: subject.logicalId, resourceType: resource?.type, when: resource?.when ?? [] });
    }
  }
  return collector.findings();
}

/** A rule that throws is a bug; it must not stop the audit or pass silently. */
function runSafely(rule: Rule, fn: () => Observation[]): Observation[] {
  try {
    return fn();
  } catch (e) {
    return [{ outcome: 'cannot-tell', path: '', message: `rule ${rule.id} could not evaluate this template (${(e as Error).message}); please report this` }];
  }
}

interface Place {
  readonly section: Section;
  readonly logicalId: string;
  readonly resourceType?: string;
  readonly when: readonly Assumption[];
}

/** One distinct observation (outcome, level and message) at a place, with every alternative it was seen under. */
interface Variant {
  readonly observation: Observation;
  readonly severity: Severity;
  readonly whens: (readonly Assumption[])[];
}

/** Everything one rule observed at one place (subject and path): one decision, so one finding. */
interface Pending {
  readonly rule: Rule;
  readonly place: Place;
  /** The property path every variant shares (part of the key). */
  readonly path: string;
  /** Every observation, in the order seen, each a variant of its own: they are merged by message ({@link variantsOf}) only where the place is reported. */
  readonly seen: Variant[];
}

/**
 * Collects observations into findings: one finding per rule and place (subject and property path). Where the
 * alternatives of a place differ (an `Fn::If` with one branch that violates and one that cannot be known, or two
 * branches with different problems), the finding says which condition decides and what each branch gives, instead
 * of one finding per branch.
 */
class FindingCollector {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly policy: TokenGuardPolicy,
    private readonly model: TemplateModel,
  ) {}

  add(rule: Rule, o: Observation, place: Place): void {
    const severity = this.severityOf(rule, o);
    const when = mergeAssumptions(place.when, o.when ?? []) ?? [...place.when, ...(o.when ?? [])];
    // Section, logical id, rule and path, in report order: each part ends with NUL, so the keys sort as the parts do.
    const key = `${SECTION_ORDER[place.section]}${place.logicalId}\u0000${rule.id}\u0000${o.path}`;
    const variant: Variant = { observation: o, severity, whens: [when] };
    const p = this.pending.get(key);
    if (p) p.seen.push(variant);
    else this.pending.set(key, { rule, place, path: o.path, seen: [variant] });
  }

  /**
   * The findings in report order, at most {@link MAX_FINDINGS} of them: errors first, then warnings, each in report
   * order; what is left out is said by one more finding ({@link FindingLimit}). Only the findings kept are built.
   */
  findings(): Finding[] {
    const all = [...this.pending.keys()].sort().map((key) => this.pending.get(key)!);
    if (all.length <= MAX_FINDINGS) return all.map((p) => this.finding(p));
    const severities = all.map(severityOf);
    const errors = severities.filter((s) => s === 'error').length;
    const room: Record<Severity, number> = { error: Math.min(errors, MAX_FINDINGS), warning: MAX_FINDINGS - Math.min(errors, MAX_FINDINGS) };
    const kept = all.filter((_, i) => room[severities[i]]-- > 0);
    return [...kept.map((p) => this.finding(p)), limitFinding(all.length - kept.length, Math.max(0, errors - MAX_FINDINGS))];
  }

  private finding(p: Pending): Finding {
    const variants = variantsOf(p);
    const common = commonAssumptions(variants.flatMap((v) => v.whens));
    const conditions = formatAssumptions(common);
    const violations = variants.filter((v) => v.observation.outcome !== 'cannot-tell');
    const { rule, place } = p;
    const constructPath = place.section === 'Globals' ? undefined : this.model.constructPathOf(place.logicalId);
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      severity: severityOf(p),
      kind: violations.length > 0 ? 'violation' : 'cannot-tell',
      section: place.section,
      logicalId: place.logicalId,
      ...(place.resourceType ? { resourceType: place.resourceType } : {}),
      ...(constructPath ? { constructPath } : {}),
      path: p.path,
      message: variants.length === 1 ? variants[0].observation.message : combinedMessage(variants, common),
      rationale: rule.rationale,
      fix: rule.fix,
      standards: rule.standards,
      ...(conditions.length > 0 ? { conditions } : {}),
    };
  }

  private severityOf(rule: Rule, o: Observation): Severity {
    const override = this.policy.rules[rule.id];
    if (o.outcome === 'cannot-tell') return override === 'warning' ? 'warning' : this.policy.cannotTell;
    if (override === 'error' || override === 'warning') return override;
    return o.severity ?? rule.defaultSeverity;
  }
}

/** A finding's level: an error when any of its violations (or, without violations, of its cannot-tells) is one. */
function severityOf({ seen }: Pending): Severity {
  const violations = seen.filter((v) => v.observation.outcome !== 'cannot-tell');
  return (violations.length > 0 ? violations : seen).some((v) => v.severity === 'error') ? 'error' : 'warning';
}

/** The finding that says how many findings were left out, and how many of them are errors. */
function limitFinding(left: number, errors: number): Finding {
  const count = (n: number, what: string) => `${thousands(n)} ${what}${n === 1 ? '' : 's'}`;
  return {
    ruleId: FindingLimit.id,
    ruleName: FindingLimit.name,
    severity: errors > 0 ? 'error' : 'warning',
    kind: 'violation',
    section: 'Resources',
    logicalId: '(template)',
    path: '',
    message: `${count(left, 'more finding')} of this template (${count(errors, 'error')}, ${count(left - errors, 'warning')}) are left out: a template reports at most ${thousands(MAX_FINDINGS)}, errors first.`,
    rationale: FindingLimit.rationale,
    fix: FindingLimit.fix,
    standards: FindingLimit.standards,
  };
}

/**
 * The message of a place whose alternatives differ: the conditions that decide, then each alternative's message
 * under the assumptions that set it apart (`When IsDev=true: …`), violations first.
 */
function combinedMessage(variants: readonly Variant[], common: readonly Assumption[]): string {
  const ordered = [...variants].sort((a, b) => rank(a) - rank(b));
  const deciding = new Set<string>();
  const parts: string[] = [];
  for (const v of ordered) {
    const own = commonAssumptions(v.whens).filter((a) => !common.some((c) => c.condition === a.condition && c.value === a.value));
    for (const a of own) deciding.add(a.condition);
    if (parts.length === MAX_VARIANTS) continue;
    const label = formatAssumptions(own).join(' and ');
    parts.push(label === '' ? v.observation.message : `When ${label}: ${v.observation.message}`);
  }
  if (ordered.length > MAX_VARIANTS) parts.push(`(${thousands(ordered.length - MAX_VARIANTS)} more like these.)`);
  const head = deciding.size > 0 ? `Depends on ${[...deciding].join(', ')}. ` : '';
  return head + parts.join(' ');
}

/**
 * Most alternatives one finding's message spells out; the rest are counted, like the findings of a template. SEC10
 * names as many of the token literals of one value.
 */
export const MAX_VARIANTS = 10;

/** The distinct observations of a place, in the order first seen: one when their outcome, level and message are. */
function variantsOf({ seen }: Pending): Variant[] {
  if (seen.length === 1) return seen;
  const byMessage = new Map<string, Variant>();
  for (const v of seen) {
    const k = `${v.observation.outcome}\u0000${v.severity}\u0000${v.observation.message}`;
    const existing = byMessage.get(k);
    if (existing) existing.whens.push(...v.whens);
    else byMessage.set(k, { ...v, whens: [...v.whens] });
  }
  return [...byMessage.values()];
}

/** Errors first, then warnings, then what cannot be told. */
function rank(v: Variant): number {
  return v.observation.outcome === 'cannot-tell' ? 2 : v.severity === 'error' ? 0 : 1;
}

/** The assumptions shared by every alternative: a finding seen on both branches of a condition does not depend on it. */
function commonAssumptions(whens: (readonly Assumption[])[]): Assumption[] {
  const [first, ...rest] = whens;
  return first.filter((a) => rest.every((w) => w.some((b) => b.condition === a.condition && b.value === a.value)));
}
