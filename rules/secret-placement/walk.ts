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
import { afterValue, keyAt, memberValue, objectMembers, skipValue, skipWhitespace, type Member } from '../engine/json-text';
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
  /**
   * Which resources the visitor can do anything in, judged from the template's JSON text (see {@link Concern}).
   * Most resources concern no visitor, and a search of the text is far cheaper than visiting their nodes. Without
   * it, the visitor sees every resource.
   */
  readonly concerns?: Concern;
}

/**
 * What tells a walker the resources it can act on. It must err towards showing: a resource it does not show must be
 * one in which the visitor would report nothing and record nothing.
 */
export interface Concern {
  /**
   * Finds what concerns the walker in `text`, the template's JSON text ({@link templateText}): calls `found` with the
   * offset of each find, in order, and goes on searching from the offset that `found` returns (the end of the
   * resource it put in front of the walker: one find per resource is enough). A find outside every resource (in
   * `Parameters`, say) shows nothing.
   */
  readonly find: (text: string, found: (offset: number) => number) => void;
  /** Decides by the resource alone: true shows it whatever its text, false hides it whatever its text. */
  readonly resource?: (r: ResourceEntry) => boolean | undefined;
}

/** A {@link Concern.find} for the matches of `pattern`, which must be global. */
export function findMatches(pattern: RegExp): Concern['find'] {
  if (!pattern.global) throw new Error(`findMatches needs a global expression, not ${String(pattern)}`);
  return (text, found) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      pattern.lastIndex = Math.max(pattern.lastIndex, found(m.index), m.index + 1);
    }
  };
}

/**
 * Walks resources (their `Properties` and `Metadata`), parameters, outputs, SAM `Globals`, mappings, conditions and
 * template metadata, calling every visitor on every node. A visitor that returns `'skip'` stops seeing the node's
 * descendants; the others still see them. A resource is shown only to the visitors it concerns
 * ({@link Walker.concerns}).
 *
 * Visitors get one {@link Visit} object, updated in place from node to node, and one `path` array, pushed and
 * popped as the walk descends: a visitor may read them while it runs and must copy what it keeps (`pathText`). Walks
 * touch every node of every template, and the audit CLI runs them cold, so they allocate as little as they can.
 */
function walkTemplate(ctx: RuleContext, walkers: readonly Walker[]): void {
  const t = ctx.template;
  const walk = new Walk(ctx.evaluator, walkers.map((w) => w.visit));
  const shown = concernedVisitors(t, walkers, walk.all);
  const resources = t.resources;
  for (let i = 0; i < resources.length; i++) {
    const active = shown[i];
    if (active === 0) continue;
    const r = resources[i];
    walk.start('Resources', r.logicalId, r);
    if (r.properties !== undefined) walk.from('Properties', r.properties, r.when, active);
    if (r.metadata !== undefined) walk.from('Metadata', r.metadata, r.when, active);
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
      walk.from(name, node, when, walk.all);
      walk.path.pop();
    }
  }
}

/**
 * For each resource (in `t.resources`' order), a bit for each walker it is shown to. Each walker's finds in the
 * template text are placed in resources by where each resource's text is ({@link resourceSpans}); a resource whose
 * text cannot be placed is shown to every walker.
 */
function concernedVisitors(t: TemplateModel, walkers: readonly Walker[], all: number): number[] {
  const resources = t.resources;
  const shown = new Array<number>(resources.length).fill(0);
  const text = templateText(t);
  const spans = walkers.some((w) => w.concerns !== undefined) ? resourceSpans(t, text) : undefined;
  // Walkers may share a search (two of them look for credential keys): each search runs once.
  const searched = new Map<Concern['find'], number[]>();
  for (let w = 0, bit = 1; w < walkers.length; w++, bit *= 2) {
    const concerns = walkers[w].concerns;
    if (concerns === undefined || spans === undefined) {
      for (let i = 0; i < shown.length; i++) shown[i] |= bit;
      continue;
    }
    let found = searched.get(concerns.find);
    if (found === undefined) {
      const list: number[] = [];
      concerns.find(text, (offset) => {
        const k = spans.at(offset);
        if (k === -1) return offset + 1;
        list.push(spans.resource[k]);
        return spans.end[k];
      });
      searched.set(concerns.find, (found = list));
    }
    for (let j = 0; j < found.length; j++) shown[found[j]] |= bit;
    const byResource = concerns.resource;
    if (byResource !== undefined) {
      for (let i = 0; i < resources.length; i++) {
        const decided = byResource(resources[i]);
        if (decided === true) shown[i] |= bit;
        else if (decided === false) shown[i] &= ~bit;
      }
    }
  }
  if (spans !== undefined) for (const i of spans.unplaced) shown[i] = all;
  return shown;
}

/** Where each resource's text is in the template's JSON text, in the text's order. */
interface ResourceSpans {
  /** Where each resource's member (key and value) ends (the next member starts), in the text's order. */
  readonly end: readonly number[];
  /** Its index in `t.resources`, or -1 for a member the model does not hold (no `Type`, say). */
  readonly resource: readonly number[];
  /** Indexes in `t.resources` of resources no member was found for. */
  readonly unplaced: readonly number[];
  /** The span `offset` is in, or -1. */
  at(offset: number): number;
}

const spansCache = new WeakMap<TemplateModel, ResourceSpans | null>();

/**
 * The spans of the `Resources` members in `text` (valid JSON: the source or JSON.stringify's), read in one pass
 * (`objectMembers`). Undefined when the text is not a JSON object with a `Resources` object (an unserialisable
 * in-memory template).
 */
function resourceSpans(t: TemplateModel, text: string): ResourceSpans | undefined {
  let spans = spansCache.get(t);
  if (spans === undefined) {
    spans = readSpans(t, text) ?? null;
    spansCache.set(t, spans);
  }
  return spans ?? undefined;
}

function readSpans(t: TemplateModel, text: string): ResourceSpans | undefined {
  // The top-level members are skipped one by one up to `Resources`, whose members are read in one pass; the members
  // after it are skipped too, to make sure that it is the only one (the parsed template holds only the last).
  const root = skipWhitespace(text, 0);
  if (text.charCodeAt(root) !== 0x7b) return undefined;
  let members: readonly Member[] | undefined;
  let next = skipWhitespace(text, root + 1);
  while (text.charCodeAt(next) === 0x22) {
    if (keyAt(text, next) !== 'Resources') {
      next = skipValue(text, next);
      continue;
    }
    if (members !== undefined) return undefined;
    const open = memberValue(text, next);
    if (text.charCodeAt(open) !== 0x7b) return undefined;
    members = objectMembers(text, open);
    const close = members.length > 0 ? members[members.length - 1].end : skipWhitespace(text, open + 1);
    next = afterValue(text, close + 1);
  }
  if (members === undefined) return undefined;
  const index = new Map<string, number>();
  for (let i = 0; i < t.resources.length; i++) index.set(t.resources[i].logicalId, i);
  const start: number[] = [];
  const end: number[] = [];
  const resource: number[] = [];
  const placed = new Array<boolean>(t.resources.length).fill(false);
  for (let m = 0; m < members.length; m++) {
    const i = index.get(members[m].key) ?? -1;
    start.push(members[m].start);
    end.push(members[m].end);
    resource.push(i);
    if (i !== -1) placed[i] = true;
  }
  const unplaced: number[] = [];
  for (let i = 0; i < placed.length; i++) if (!placed[i]) unplaced.push(i);
  return {
    end,
    resource,
    unplaced,
    at(offset) {
      let low = 0;
      let high = start.length - 1;
      if (high < 0 || offset < start[0]) return -1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (start[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      return offset < end[low] && resource[low] !== -1 ? low : -1;
    },
  };
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
  readonly all: number;

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
  from(key: string, node: unknown, when: readonly Assumption[], active: number): void {
    this.path.push(key);
    this.node(node, when, active, false, 0);
    this.path.pop();
  }

  /** `active`: a bit for each visitor that has not skipped this node's ancestors. */
  private node(node: unknown, when: readonly Assumption[], active: number, inIntrinsic: boolean, depth: number): void {
    if (depth > MAX_DEPTH) return;
    // Raw template nodes: JSON values, never the evaluator's Opaque or Composite.
    const object = typeof node === 'object' && node !== null;
    const array = object && Array.isArray(node);
    const fn = object && !array ? intrinsicName(node as Record<string, unknown>) : undefined;
    if (fn === 'Fn::If') {
      const args = (node as Record<string, unknown>)['Fn::If'];
      if (Array.isArray(args) && args.length === 3 && typeof args[0] === 'string') {
        const condition = args[0];
        const known = this.ev.conditionValue(condition);
        for (const value of [true, false]) {
          if (known !== undefined && known !== value) continue;
          const merged = known !== undefined ? when : mergeAssumptions(when, [{ condition, value }]);
          if (merged !== undefined) this.node(args[value ? 1 : 2], merged, active, inIntrinsic, depth + 1);
        }
        return;
      }
    }
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
  needle.lastIndex = 0; // a global expression (for Concern.find) starts where the last search left it
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
