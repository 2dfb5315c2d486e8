/**
 * A walk over the parsed template that the "anywhere" rules (dynamic references, secret attributes, token-shaped
 * literals, credential places, metadata) share: one traversal, every visitor on every node. What a visitor acts on
 * is decided by the node and its place, never by searching the template's text: a search too narrow would hide a
 * resource from a rule, and the text is the front doors' business.
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
  /** The resource's type (so that a visit is a {@link Place} as it stands). */
  readonly resourceType?: string;
  /** Normalised path from the subject: `['Properties', 'Environment', 'Variables', 'TOKEN']`, `['Outputs', 'X', 'Value']`. */
  readonly path: readonly PathSegment[];
  readonly node: unknown;
  /** The intrinsic function the node is (`Fn::GetAtt`, `Ref`, …), or undefined for any other node. */
  readonly intrinsic: string | undefined;
  /** Conditions assumed on the way (the resource's own `Condition` and the `Fn::If` branches taken). */
  readonly when: readonly Assumption[];
  /** True below an intrinsic function other than `Fn::If`: the node is an argument, not the property's value. */
  readonly inIntrinsic: boolean;
}

/** Return `'skip'` to not descend into the visited node. */
export type Visitor = (v: Visit) => void | 'skip';

/** Nodes deeper than this are not visited (templates are data; this only bounds pathological input). */
const MAX_DEPTH = 128;

/** One visitor of a shared walk, as a {@link WalkerFactory} makes it. */
export interface Walker<T = unknown> {
  readonly visit: Visitor;
  result(): T;
}

/**
 * Walks resources (their `Properties` and `Metadata`), parameters, outputs, SAM `Globals`, mappings, conditions and
 * template metadata, calling every visitor on every node. A visitor that returns `'skip'` stops seeing the node's
 * descendants; the others still see them.
 *
 * Visitors get one {@link Visit} object, updated in place from node to node, and one `path` array, pushed and
 * popped as the walk descends: a visitor may read them while it runs and must copy what it keeps (`pathText`). Walks
 * touch every node of every template, so they allocate as little as they can.
 */
function walkTemplate(ctx: RuleContext, walkers: readonly Walker[]): void {
  const t = ctx.template;
  const walk = new Walk(ctx.evaluator, walkers.map((w) => w.visit));
  for (const r of t.resources) {
    walk.start('Resources', r.logicalId, r);
    if (r.properties !== undefined) walk.from('Properties', r.properties, r.when);
    if (r.metadata !== undefined) walk.from('Metadata', r.metadata, r.when);
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
      walk.start(section, name, undefined);
      walk.path.push(section);
      walk.from(name, node, when);
      walk.path.pop();
    }
  }
}

/** A walk's visitor and what it found, made afresh for each template; `undefined` when a pre-check rules it out. */
export type WalkerFactory<T> = (ctx: RuleContext) => Walker<T> | undefined;

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
        const running: [string, Walker][] = [];
        for (const [k, w] of walkers) {
          if (w.ruleId !== undefined && ctx.policy.rules[w.ruleId] === 'off') continue;
          const instance = w.make(ctx);
          if (instance) running.push([k, instance]);
        }
        if (running.length > 0) walkTemplate(ctx, running.map(([, w]) => w));
        results = new Map(running.map(([k, w]) => [k, w.result()]));
        walkResults.set(ctx.template, results);
      } finally {
        walking.delete(ctx.template);
      }
    }
    return results.get(key) as T | undefined;
  };
}

type MutableVisit = { -readonly [K in keyof Visit]: Visit[K] };

/** Visitors a walk can run at once: which of them still descend is one bit each of a number. */
const MAX_VISITORS = 30;

/** One walk: the evaluator, the visitors, the shared path and the visit object handed to every visitor. */
class Walk {
  readonly path: PathSegment[] = [];
  private readonly visit: MutableVisit = {
    section: 'Resources',
    logicalId: '',
    resource: undefined,
    resourceType: undefined,
    path: this.path,
    node: undefined,
    intrinsic: undefined,
    when: [],
    inIntrinsic: false,
  };

  /** Every visitor's bit. */
  private readonly all: number;

  constructor(
    private readonly ev: Evaluator,
    private readonly visitors: readonly Visitor[],
  ) {
    if (visitors.length > MAX_VISITORS) throw new Error(`a walk runs at most ${MAX_VISITORS} visitors, not ${visitors.length}`);
    this.all = 2 ** visitors.length - 1;
  }

  /** The subject the next nodes belong to. */
  start(section: Section, logicalId: string, resource: ResourceEntry | undefined): void {
    this.visit.section = section;
    this.visit.logicalId = logicalId;
    this.visit.resource = resource;
    this.visit.resourceType = resource?.type;
  }

  /** Walks `node`, found under `key` of the current path. */
  from(key: string, node: unknown, when: readonly Assumption[]): void {
    this.path.push(key);
    this.node(node, when, this.all, false, 0);
    this.path.pop();
  }

  /** Walks each branch of an `Fn::If` its condition allows, under that condition; false when `args` is malformed. */
  private branches(args: unknown, when: readonly Assumption[], active: number, inIntrinsic: boolean, depth: number): boolean {
    if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') return false;
    const condition = args[0];
    const known = this.ev.conditionValue(condition);
    for (const value of [true, false]) {
      if (known !== undefined && known !== value) continue;
      const merged = known !== undefined ? when : mergeAssumptions(when, [{ condition, value }]);
      if (merged !== undefined) this.node(args[value ? 1 : 2], merged, active, inIntrinsic, depth + 1);
    }
    return true;
  }

  /** `active`: a bit for each visitor that has not skipped this node's ancestors. */
  private node(node: unknown, when: readonly Assumption[], active: number, inIntrinsic: boolean, depth: number): void {
    if (depth > MAX_DEPTH) return;
    // Raw template nodes: JSON values, never the evaluator's Opaque or Composite.
    const object = typeof node === 'object' && node !== null;
    const array = object && Array.isArray(node);
    const fn = object && !array ? intrinsicName(node as Record<string, unknown>) : undefined;
    if (fn === 'Fn::If' && this.branches((node as Record<string, unknown>)['Fn::If'], when, active, inIntrinsic, depth)) return;
    const v = this.visit;
    v.node = node;
    v.intrinsic = fn;
    v.when = when;
    v.inIntrinsic = inIntrinsic;
    const visitors = this.visitors;
    for (let i = 0, bit = 1; i < visitors.length; i++, bit *= 2) {
      if ((active & bit) !== 0 && visitors[i](v) === 'skip') active &= ~bit;
    }
    if (active === 0 || !object) return;
    const path = this.path;
    if (array) {
      const items = node as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (!inIntrinsic) path.push(i);
        this.node(items[i], when, active, inIntrinsic, depth + 1);
        if (!inIntrinsic) path.pop();
      }
      return;
    }
    const record = node as Record<string, unknown>;
    if (fn === 'Ref' || fn === 'Fn::GetAtt' || fn === 'Condition') return;
    if (fn !== undefined) {
      this.node(record[fn], when, active, true, depth + 1);
      return;
    }
    for (const key in record) {
      if (!inIntrinsic) path.push(key);
      this.node(record[key], when, active, inIntrinsic, depth + 1);
      if (!inIntrinsic) path.pop();
    }
  }
}

/** `Properties.Environment.Variables.TOKEN`, `Outputs.X.Value`. */
export function pathText(path: readonly PathSegment[]): string {
  return path.join('.');
}

/**
 * `Properties.X of MyResource`, `Globals.Function.X of every function`, `Outputs.X.Value`, `Parameters.X.Default`;
 * the path as segments or as {@link pathText} wrote it (an observation's path).
 */
export function placeText(v: Pick<Visit, 'section' | 'logicalId'> & { readonly path: Visit['path'] | string }): string {
  const p = typeof v.path === 'string' ? v.path : pathText(v.path);
  if (v.section === 'Resources') return `${p} of ${v.logicalId}`;
  if (v.section === 'Globals' && v.logicalId === 'Function') return `${p} of every function`;
  return p;
}

/**
 * Whether `test` holds for a string anywhere in a raw template node: a key or a value, at any depth the walk reaches.
 * For the few facts a rule needs about the whole template before its walk starts.
 */
export function someString(node: unknown, test: (s: string) => boolean, depth = 0): boolean {
  if (typeof node === 'string') return test(node);
  if (typeof node !== 'object' || node === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(node)) return node.some((x) => someString(x, test, depth + 1));
  for (const key in node) {
    if (test(key) || someString((node as Record<string, unknown>)[key], test, depth + 1)) return true;
  }
  return false;
}
