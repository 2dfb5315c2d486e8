/**
 * Acknowledgements of TokenGuard findings, one set of rules for every front door (the pack and the audit CLI): where
 * they may be written, which id forms name a rule, what reason they need, and which findings each one covers.
 *
 * 1. Our own key, on a resource:
 *      Metadata: { cdk-token-guard: { suppress: [ { id: TokenGuard-COG3, reason: "…" } ] } }
 *    and in the template's own Metadata section, with a target, for findings on parameters, outputs and SAM
 *    Globals (which cannot carry metadata) or on resources:
 *      Metadata: { cdk-token-guard: { suppress: [ { id: TokenGuard-SEC6, target: Parameters.ClientSecret, reason: "…" } ] } }
 *    A target is `Resources.<LogicalId>`, `Parameters.<Name>`, `Outputs.<Name>` or `Globals.<Section>`; a section
 *    alone (`Globals`) covers every finding in it.
 * 2. cdk-nag's key, `cdk_nag.rules_to_suppress: [ { id, reason } ]`: on a resource (what cdk-nag 2's
 *    `NagSuppressions.addResourceSuppressions` writes, and cdk-nag 3's `writeSuppressionsToCloudFormation`), and in
 *    the template's Metadata, where it covers every finding of the template (cdk-nag 2's
 *    `NagSuppressions.addStackSuppressions`). Reasons cdk-nag 2 stored base64-encoded (`is_reason_encoded`) are
 *    decoded. Entries for other packs' rules are none of our business and are ignored; `applies_to` is ignored:
 *    TokenGuard findings are per rule and resource.
 * 3. `Validations.of(construct).acknowledge({ id, reason })`, recorded in the construct's metadata
 *    (`aws:cdk:acknowledged-rules`; the pack reads the construct tree, the CLI a cloud assembly's metadata): it
 *    covers the construct and everything below it. When cdk-nag 3 also wrote it into the template, the template's
 *    entry is the one used.
 *
 * Ids may be bare (`TokenGuard-COG3`) or namespaced as CDK prints them (`TokenGuard::TokenGuard-COG3`, with or
 * without CDK's `Annotation::` prefix). An entry acknowledges only with a reason of at least ten characters and a
 * known rule; otherwise it acknowledges nothing and says why (`problem`), which each front door reports as
 * TokenGuard-ACK1 (an error in the pack, a warning in the CLI).
 */
import { AcknowledgementReason } from './meta/AcknowledgementReason';

/** The metadata key of our own suppressions. */
export const SUPPRESSION_KEY = 'cdk-token-guard';
/** The construct metadata type CDK records `Validations.of(x).acknowledge({ id, reason })` under. */
export const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';
const MIN_REASON = 10;

/** Our metadata key, cdk-nag's, or a CDK acknowledgement. */
export type SuppressionSource = 'cdk-token-guard' | 'cdk_nag' | 'cdk-acknowledge';

/** A path into the template, e.g. `['Resources', 'Client', 'Metadata']`. */
export type TemplatePath = ReadonlyArray<string | number>;

export type SuppressionScope =
  | { readonly kind: 'resource'; readonly logicalId: string }
  /** Part of the template: `Parameters.X`, `Resources`, …; `''` is the whole template. */
  | { readonly kind: 'template'; readonly target: string }
  /** A construct and everything below it (a CDK acknowledgement). */
  | { readonly kind: 'construct'; readonly constructPath: string };

export interface SuppressionEntry {
  /** The rule id, normalised to its bare form; '' when the entry is too malformed to name one. */
  readonly ruleId: string;
  readonly reason: string;
  readonly source: SuppressionSource;
  readonly scope: SuppressionScope;
  /** Where the entry is in the template, for its position and for TokenGuard-ACK1; undefined outside the template. */
  readonly entryPath: TemplatePath | undefined;
  /** Why the entry suppresses nothing; undefined when it is valid. */
  readonly problem?: string;
}

/** What a finding must say for `suppressionFor` to place it. */
export interface SuppressibleFinding {
  readonly ruleId: string;
  readonly section: string;
  readonly logicalId: string;
  readonly constructPath?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `Annotation::TokenGuard::TokenGuard-COG3` → `TokenGuard-COG3`. */
export function bareRuleId(id: string): string {
  return id.trim().replace(/^annotation::/i, '').replace(/^TokenGuard::/, '');
}

/** CDK acknowledgements by construct path, and the construct path of each logical id of the template. */
export interface AssemblyAcknowledgements {
  readonly acknowledgements: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  constructPathOf(logicalId: string): string | undefined;
}

/** Every suppression entry of the template, valid or not: resources in document order, the template, the constructs. */
export function collectSuppressions(template: Json, knownRuleIds: ReadonlySet<string>, assembly?: AssemblyAcknowledgements): SuppressionEntry[] {
  const out: SuppressionEntry[] = [];
  const resources = isObject(template.Resources) ? template.Resources : {};
  // Object.keys, not Object.entries: no [key, value] array for each of thousands of resources (the CLI runs cold).
  const ids = Object.keys(resources);
  for (let i = 0; i < ids.length; i++) {
    const logicalId = ids[i];
    const resource = resources[logicalId];
    if (!isObject(resource) || !isObject(resource.Metadata)) continue;
    const metadata = resource.Metadata;
    // Most resources carry neither key (CDK writes only aws:cdk:path there).
    if (metadata.cdk_nag === undefined && !Object.prototype.hasOwnProperty.call(metadata, SUPPRESSION_KEY)) continue;
    const scope: SuppressionScope = { kind: 'resource', logicalId };
    const base: TemplatePath = ['Resources', logicalId, 'Metadata'];
    if (Object.prototype.hasOwnProperty.call(metadata, SUPPRESSION_KEY)) {
      ownEntries(metadata[SUPPRESSION_KEY], scope, base, knownRuleIds, out);
    }
    cdkNagEntries(metadata, scope, base, knownRuleIds, out);
  }
  if (isObject(template.Metadata)) {
    if (Object.prototype.hasOwnProperty.call(template.Metadata, SUPPRESSION_KEY)) {
      ownEntries(template.Metadata[SUPPRESSION_KEY], undefined, ['Metadata'], knownRuleIds, out);
    }
    cdkNagEntries(template.Metadata, { kind: 'template', target: '' }, ['Metadata'], knownRuleIds, out);
  }
  if (assembly !== undefined) {
    // cdk-nag 3's writeSuppressionsToCloudFormation copies acknowledgements onto the resources below them.
    const written = out
      .filter((e) => e.source === 'cdk_nag' && e.scope.kind === 'resource')
      .map((e) => ({ ruleId: e.ruleId, at: assembly.constructPathOf((e.scope as { logicalId: string }).logicalId) }));
    for (const [constructPath, ids] of assembly.acknowledgements) {
      for (const [id, reason] of Object.entries(ids)) {
        const ruleId = bareRuleId(id);
        if (!ruleId.startsWith('TokenGuard-')) continue;
        if (written.some((w) => w.ruleId === ruleId && w.at !== undefined && underPath(w.at, constructPath))) continue;
        out.push(entry(ruleId, reason, 'cdk-acknowledge', { kind: 'construct', constructPath }, undefined, knownRuleIds));
      }
    }
  }
  return out;
}

/** Whether `constructPath` is `ancestor` or below it (`''` is the app, above everything). */
export function underPath(constructPath: string, ancestor: string): boolean {
  return ancestor === '' || constructPath === ancestor || constructPath.startsWith(`${ancestor}/`);
}

/** `cdk_nag.rules_to_suppress` in a resource's or the template's Metadata: our rules only. */
function cdkNagEntries(metadata: Json, scope: SuppressionScope, base: TemplatePath, knownRuleIds: ReadonlySet<string>, out: SuppressionEntry[]): void {
  if (!isObject(metadata.cdk_nag) || !Array.isArray(metadata.cdk_nag.rules_to_suppress)) return;
  metadata.cdk_nag.rules_to_suppress.forEach((item, index) => {
    if (!isObject(item) || typeof item.id !== 'string') return; // not ours to judge
    const ruleId = bareRuleId(item.id);
    if (!ruleId.startsWith('TokenGuard-')) return; // another pack's rule
    // cdk-nag 2 stores a reason with characters beyond Latin-1 as base64.
    const reason = item.is_reason_encoded === true && typeof item.reason === 'string' ? Buffer.from(item.reason, 'base64').toString('utf8') : item.reason;
    out.push(entry(ruleId, reason, 'cdk_nag', scope, [...base, 'cdk_nag', 'rules_to_suppress', index], knownRuleIds));
  });
}

/** Entries under our key; `scope` undefined means the template's Metadata (each entry names a target). */
function ownEntries(
  value: unknown,
  scope: SuppressionScope | undefined,
  base: TemplatePath,
  knownRuleIds: ReadonlySet<string>,
  out: SuppressionEntry[],
): void {
  const at: TemplatePath = [...base, SUPPRESSION_KEY];
  const list = isObject(value) ? value.suppress : undefined;
  if (!Array.isArray(list)) {
    out.push({
      ruleId: '',
      reason: '',
      source: 'cdk-token-guard',
      scope: scope ?? { kind: 'template', target: '' },
      entryPath: at,
      problem: `the ${SUPPRESSION_KEY} metadata must be { suppress: [ { id, reason${scope ? '' : ', target'} } ] }, so it suppresses nothing`,
    });
    return;
  }
  list.forEach((item, index) => {
    const entryPath = [...at, 'suppress', index];
    if (!isObject(item) || typeof item.id !== 'string') {
      out.push({
        ruleId: '',
        reason: '',
        source: 'cdk-token-guard',
        scope: scope ?? { kind: 'template', target: '' },
        entryPath,
        problem: `a ${SUPPRESSION_KEY} suppression must be { id, reason${scope ? '' : ', target'} }, so this one suppresses nothing`,
      });
      return;
    }
    const ruleId = bareRuleId(item.id);
    let entryScope = scope;
    let targetProblem: string | undefined;
    if (entryScope === undefined) {
      const target = typeof item.target === 'string' ? item.target.trim() : '';
      entryScope = { kind: 'template', target };
      if (!/^(Resources|Parameters|Outputs|Globals)(\.[^.]+)?$/.test(target)) {
        targetProblem = `the ${SUPPRESSION_KEY} suppression of ${ruleId} in the template's Metadata needs a target (Resources.<LogicalId>, Parameters.<Name>, Outputs.<Name> or Globals); ${target === '' ? 'it has none' : `"${target}" is not one`}, so it suppresses nothing`;
      }
    }
    const made = entry(ruleId, item.reason, 'cdk-token-guard', entryScope, entryPath, knownRuleIds);
    out.push(targetProblem !== undefined && made.problem === undefined ? { ...made, problem: targetProblem } : made);
  });
}

function entry(
  ruleId: string,
  reason: unknown,
  source: SuppressionSource,
  scope: SuppressionScope,
  entryPath: TemplatePath | undefined,
  knownRuleIds: ReadonlySet<string>,
): SuppressionEntry {
  const text = typeof reason === 'string' ? reason.trim() : '';
  let problem: string | undefined;
  if (ruleId === AcknowledgementReason.id) {
    problem = `${AcknowledgementReason.id} cannot be suppressed: give the other suppressions their reasons`;
  } else if (!knownRuleIds.has(ruleId)) {
    problem = `the ${sourceName(source)} names ${ruleId === '' ? 'no rule' : `"${ruleId}"`}, which is not a TokenGuard rule, so it suppresses nothing`;
  } else if (text.length < MIN_REASON) {
    problem = `the ${sourceName(source)} of ${ruleId} has no reason (at least ${MIN_REASON} characters; ${text === '' ? 'none given' : `got "${text}"`}), so it is ignored and the finding is reported: say why the risk is accepted`;
  }
  return { ruleId, reason: text, source, scope, entryPath, problem };
}

function sourceName(source: SuppressionSource): string {
  return source === 'cdk-acknowledge' ? 'CDK acknowledgement' : `${source} suppression`;
}

/** The first valid entry that suppresses `finding`: on its resource, then in the template, then on a construct. */
export function suppressionFor(finding: SuppressibleFinding, entries: readonly SuppressionEntry[]): SuppressionEntry | undefined {
  const address = `${finding.section}.${finding.logicalId}`;
  let templateLevel: SuppressionEntry | undefined;
  let constructLevel: SuppressionEntry | undefined;
  for (const e of entries) {
    if (e.problem !== undefined || e.ruleId !== finding.ruleId) continue;
    if (e.scope.kind === 'resource') {
      if (finding.section === 'Resources' && e.scope.logicalId === finding.logicalId) return e;
    } else if (e.scope.kind === 'template') {
      if (templateLevel === undefined && (e.scope.target === '' || address === e.scope.target || address.startsWith(`${e.scope.target}.`))) templateLevel = e;
    } else if (constructLevel === undefined && finding.constructPath !== undefined && underPath(finding.constructPath, e.scope.constructPath)) {
      constructLevel = e;
    }
  }
  return templateLevel ?? constructLevel;
}
