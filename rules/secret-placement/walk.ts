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
 * template metadata, calling every visitor on every node. A visitor that returns `'skip'` stops seeing the node's
 * descendants; the others still see them.
 */
export function walkTemplate(ctx: RuleContext, ...visitors: Visitor[]): void {
  const t = ctx.template;
  for (const r of t.resources) {
    const base = { section: 'Resources' as Section, logicalId: r.logicalId, resource: r };
    if (r.properties !== undefined) walkNode(ctx.evaluator, base, r.properties, ['Properties'], r.when, visitors);
    if (r.metadata !== undefined) walkNode(ctx.evaluator, base, r.metadata, ['Metadata'], r.when, visitors);
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
      walkNode(ctx.evaluator, { section, logicalId: name }, node, [section, name], when, visitors);
    }
  }
}

/** A walk's visitor and what it found, made afresh for each template; `undefined` when a pre-check rules it out. */
export type WalkerFactory<T> = (ctx: RuleContext) => { readonly visit: Visitor; result(): T } | undefined;

const walkers = new Map<string, { readonly ruleId?: string; readonly make: WalkerFactory<unknown> }>();
const walkResults = new WeakMap<TemplateModel, Map<string, unknown>>();
const walking = new WeakSet<TemplateModel>();

/**
 * Declares a walk that shares one traversal of the template with every other declared walk: the first rule that
 * asks for any walk's result runs them all at once (a template is walked once, not once per rule). Returns the
 * function that gives this walk's result for a template: `undefined` when its pre-check ruled it out or its rule is
 * turned off by the policy.
 */
export function defineWalker<T>(key: string, make: WalkerFactory<T>, ruleId?: string): (ctx: RuleContext) => T | undefined {
  walkers.set(key, { ruleId, make });
  return (ctx) => {
    let results = walkResults.get(ctx.template);
    if (!results) {
      if (walking.has(ctx.template)) throw new Error(`walk "${key}" was asked for while the shared walk of this template runs`);
      walking.add(ctx.template);
      try {
        const running: [string, { readonly visit: Visitor; result(): unknown }][] = [];
        for (const [k, w] of walkers) {
          if (w.ruleId !== undefined && ctx.policy.rules[w.ruleId] === 'off') continue;
          const instance = w.make(ctx);
          if (instance) running.push([k, instance]);
        }
        if (running.length > 0) walkTemplate(ctx, ...running.map(([, w]) => w.visit));
        results = new Map(running.map(([k, w]) => [k, w.result()]));
        walkResults.set(ctx.template, results);
      } finally {
        walking.delete(ctx.template);
      }
    }
    return results.get(key) as T | undefined;
  };
}

/**
 * Visits `node` and everything below it. `path` is one array shared by the whole walk (pushed and popped as it
 * descends): a visitor may read it while it runs, and must copy it (`pathText`) to keep it. Walks touch every node
 * of every template, so they allocate as little as they can.
 */
export function walkNode(
  ev: Evaluator,
  base: Pick<Visit, 'section' | 'logicalId' | 'resource'>,
  node: unknown,
  path: PathSegment[],
  when: readonly Assumption[],
  visitors: readonly Visitor[],
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
          if (merged !== undefined) walkNode(ev, base, args[value ? 1 : 2], path, merged, visitors, inIntrinsic, depth + 1);
        }
        return;
      }
    }
  }
  const v: Visit = { section: base.section, logicalId: base.logicalId, resource: base.resource, path, node, when, inIntrinsic };
  let active = visitors;
  for (let i = 0; i < visitors.length; i++) {
    if (visitors[i](v) === 'skip') active = active.filter((x) => x !== visitors[i]);
  }
  if (active.length === 0) return;
  if (isPlainObject(node)) {
    if (fn === 'Ref' || fn === 'Fn::GetAtt' || fn === 'Condition') return;
    if (fn !== undefined) {
      walkNode(ev, base, node[fn], path, when, active, true, depth + 1);
      return;
    }
    for (const key in node) {
      if (!inIntrinsic) path.push(key);
      walkNode(ev, base, node[key], path, when, active, inIntrinsic, depth + 1);
      if (!inIntrinsic) path.pop();
    }
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      if (!inIntrinsic) path.push(i);
      walkNode(ev, base, node[i], path, when, active, inIntrinsic, depth + 1);
      if (!inIntrinsic) path.pop();
    }
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

/**
 * The template as JSON text (the text it was parsed from when the caller has it, else serialised once) shared by the
 * rules' pre-checks: a regular expression over it can prove that a walk would find nothing, which is most templates
 * for most rules. Patterns over it allow whitespace around `:` and after `[` and `,`, as a parsed file may have it.
 */
export function templateText(t: TemplateModel): string {
  let text = textCache.get(t);
  if (text === undefined) {
    text = t.sourceText !== undefined && !t.sourceText.includes('\\u') ? t.sourceText : safeStringify(t.raw);
    textCache.set(t, text);
  }
  return text;
}

/** Whether the template text contains `needle` anywhere (a cheap pre-check before walking). */
export function templateMentions(t: TemplateModel, needle: RegExp): boolean {
  return needle.test(templateText(t));
}

const textCache = new WeakMap<TemplateModel, string>();

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}
