/**
 * A walk over the raw template that the "anywhere" rules (dynamic references, secret attributes, token-shaped
 * literals, inline credentials) share.
 *
 * Every node is visited with its *place*: the section, the subject (resource, parameter, output, …) and the
 * property path where its value lands. Paths are normalised: `Fn::If` branches do not appear in them (each branch is
 * walked under the condition it needs, so findings say which condition they depend on), and inside any other
 * intrinsic (`Fn::Sub`, `Fn::Join`, …) the path stays at the property the intrinsic computes.
 */
import type { Evaluator, PathSegment } from '../engine/evaluate';
import { intrinsicName } from '../engine/evaluate';
import type { ResourceEntry, TemplateModel } from '../engine/template';
import type { RuleContext, Section } from '../engine/types';
import { Assumption, isPlainObject, mergeAssumptions } from '../engine/values';

export interface Visit {
  readonly section: Section;
  /** Resource logical id, parameter / output / mapping / condition name, or the `Globals` subsection (`Function`). */
  readonly logicalId: string;
  readonly resource?: ResourceEntry;
  /** Normalised path from the subject: `['Properties', 'Environment', 'Variables', 'TOKEN']`, `['Outputs', 'X', 'Value']`. */
  readonly path: readonly PathSegment[];
  readonly node: unknown;
  /** Conditions assumed on the way (the resource's own `Condition` and the `Fn::If` branches taken). */
  readonly when: readonly Assumption[];
  /** True below an intrinsic function other than `Fn::If`: the node is an argument, not the property's value. */
  readonly inIntrinsic: boolean;
}

/** Return `'skip'` to not descend into the visited node. */
export type Visitor = (v: Visit) => void | 'skip';

/** Nodes deeper than this are not visited (templates are data; this only bounds pathological input). */
const MAX_DEPTH = 128;

/**
 * Walks resources (their `Properties` and `Metadata`), parameters, outputs, SAM `Globals`, mappings, conditions and
 * template metadata.
 */
export function walkTemplate(ctx: RuleContext, visit: Visitor): void {
  const t = ctx.template;
  for (const r of t.resources) {
    const base = { section: 'Resources' as Section, logicalId: r.logicalId, resource: r };
    if (r.properties !== undefined) walkNode(ctx.evaluator, base, r.properties, ['Properties'], r.when, visit);
    if (r.metadata !== undefined) walkNode(ctx.evaluator, base, r.metadata, ['Metadata'], r.when, visit);
  }
  for (const [section, raw] of [
    ['Parameters', t.raw.Parameters],
    ['Outputs', t.raw.Outputs],
    ['Globals', t.globals],
    ['Mappings', t.mappings],
    ['Conditions', t.conditions],
    ['Metadata', t.raw.Metadata],
  ] as const) {
    if (!isPlainObject(raw)) continue;
    for (const [name, node] of Object.entries(raw)) {
      const when = section === 'Outputs' && isPlainObject(node) && typeof node.Condition === 'string' ? [{ condition: node.Condition, value: true }] : [];
      walkNode(ctx.evaluator, { section, logicalId: name }, node, [section, name], when, visit);
    }
  }
}

export function walkNode(
  ev: Evaluator,
  base: Pick<Visit, 'section' | 'logicalId' | 'resource'>,
  node: unknown,
  path: readonly PathSegment[],
  when: readonly Assumption[],
  visit: Visitor,
  inIntrinsic = false,
  depth = 0,
): void {
  if (depth > MAX_DEPTH) return;
  let fn: string | undefined;
  if (isPlainObject(node)) {
    fn = intrinsicName(node);
    if (fn === 'Fn::If') {
      const args = node['Fn::If'];
      if (Array.isArray(args) && args.length === 3 && typeof args[0] === 'string') {
        const condition = args[0];
        const known = ev.conditionValue(condition);
        for (const value of [true, false]) {
          if (known !== undefined && known !== value) continue;
          const merged = known !== undefined ? when : mergeAssumptions(when, [{ condition, value }]);
          if (merged !== undefined) walkNode(ev, base, args[value ? 1 : 2], path, merged, visit, inIntrinsic, depth + 1);
        }
        return;
      }
    }
  }
  const v: Visit = { section: base.section, logicalId: base.logicalId, resource: base.resource, path, node, when, inIntrinsic };
  if (visit(v) === 'skip') return;
  if (isPlainObject(node)) {
    if (fn === 'Ref' || fn === 'Fn::GetAtt' || fn === 'Condition') return;
    if (fn !== undefined) {
      walkNode(ev, base, node[fn], path, when, visit, true, depth + 1);
      return;
    }
    for (const key of Object.keys(node)) {
      walkNode(ev, base, node[key], inIntrinsic ? path : [...path, key], when, visit, inIntrinsic, depth + 1);
    }
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) walkNode(ev, base, node[i], inIntrinsic ? path : [...path, i], when, visit, inIntrinsic, depth + 1);
  }
}

/** `Properties.Environment.Variables.TOKEN`, `Outputs.X.Value`. */
export function pathText(path: readonly PathSegment[]): string {
  return path.join('.');
}

/** `Properties.X of MyResource`, `Globals.Function.X of every function`, `Outputs.X.Value`, `Parameters.X.Default`. */
export function placeText(v: Pick<Visit, 'section' | 'logicalId' | 'path'>): string {
  const p = pathText(v.path);
  if (v.section === 'Resources') return `${p} of ${v.logicalId}`;
  if (v.section === 'Globals' && v.logicalId === 'Function') return `${p} of every function`;
  return p;
}

/** Whether the template text contains `needle` anywhere (a cheap pre-check before walking). */
export function templateMentions(t: TemplateModel, needle: RegExp): boolean {
  const cached = textCache.get(t) ?? safeStringify(t.raw);
  textCache.set(t, cached);
  return needle.test(cached);
}

const textCache = new WeakMap<TemplateModel, string>();

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}
