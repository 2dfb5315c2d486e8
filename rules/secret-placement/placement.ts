/**
 * Shared by the placement rules: judge the value that lands in one place, and enumerate environment variables
 * given as maps (`Variables: {NAME: value}`) or as lists (`[{Name, Value}]`).
 */
import type { PathSegment } from '../engine/evaluate';
import { intrinsicName } from '../engine/evaluate';
import type { Observation, RuleContext, Section } from '../engine/types';
import { ABSENT, Assumption, describeSource, isPlainObject, Opaque } from '../engine/values';
import { traceValue, TraceOptions } from './provenance';

export interface Landing {
  /** Path reported in the finding: `Properties.Environment.Variables.TOKEN`. */
  readonly path: string;
  /** Where the value lands, for messages: `Properties.Environment.Variables.TOKEN of MyFunction`. */
  readonly where: string;
  readonly when: readonly Assumption[];
  /** For template-scope rules: the finding's subject. */
  readonly subject?: { readonly section: Section; readonly logicalId: string };
}

export interface JudgeOptions extends TraceOptions {
  /** What storing a secret there means, appended to every violation. */
  readonly consequence: string;
  /**
   * When set, whether the place is plaintext is itself unknown (a CodeBuild variable whose Type is a parameter):
   * secrets are reported as "cannot tell" with this explanation.
   */
  readonly onlyIf?: string;
}

/** Observations for the raw value `raw` landing at `landing`, one per secret source and alternative. */
export function judgeLanding(ctx: RuleContext, raw: unknown, landing: Landing, o: JudgeOptions): Observation[] {
  const out: Observation[] = [];
  const base = { path: landing.path, ...(landing.subject !== undefined ? { subject: landing.subject } : {}) };
  for (const alt of ctx.evaluator.value(raw, landing.when)) {
    const trace = traceValue(alt.value, ctx, o);
    for (const secret of trace.secrets) {
      out.push(
        o.onlyIf
          ? { ...base, outcome: 'cannot-tell', when: alt.when, message: `${capitalise(secret)} reaches ${landing.where}, which is plaintext ${o.onlyIf}.` }
          : { ...base, outcome: 'non-compliant', when: alt.when, message: `${capitalise(secret)} reaches ${landing.where}: ${o.consequence}` },
      );
    }
    for (const unknown of trace.unknowns) {
      out.push({ ...base, outcome: 'cannot-tell', when: alt.when, message: `Cannot tell whether ${landing.where} holds a secret: its value comes from ${unknown}.` });
    }
  }
  return out;
}

export interface Entry {
  /** The variable's name, when known. */
  readonly name?: string;
  /** Path of the value: `Properties.Environment.Variables.TOKEN` or `Properties.ContainerDefinitions.0.Environment.2.Value`. */
  readonly path: readonly PathSegment[];
  /** The raw value (intrinsics unevaluated). */
  readonly raw: unknown;
  readonly when: readonly Assumption[];
}

export interface Opaquely {
  /** Path of a map or list that is not known statically (a `Ref`, an import). */
  readonly path: readonly PathSegment[];
  readonly from: string;
  readonly when: readonly Assumption[];
}

/**
 * Entries of a map of variables at `path` under `root` (Lambda's `Environment.Variables`). `prefix` is the reported
 * path of `root` (`['Properties']` for a resource's properties).
 */
export function mapEntries(
  ctx: RuleContext,
  root: unknown,
  prefix: readonly PathSegment[],
  path: readonly PathSegment[],
  when: readonly Assumption[],
): { entries: Entry[]; opaque: Opaquely[] } {
  const entries: Entry[] = [];
  const opaque: Opaquely[] = [];
  for (const alt of ctx.evaluator.rawAt(root, path, when)) {
    if (alt.value === ABSENT || !isPlainObject(alt.value)) continue;
    if (intrinsicName(alt.value) !== undefined) {
      opaque.push({ path: [...prefix, ...path], from: opaqueFrom(ctx, alt.value, alt.when), when: alt.when });
      continue;
    }
    for (const [name, raw] of Object.entries(alt.value)) entries.push({ name, raw, when: alt.when, path: [...prefix, ...path, name] });
  }
  return { entries, opaque };
}

/**
 * Elements of the list at `path` under `root`, each with its `Fn::If` resolved (ECS `ContainerDefinitions`, a
 * `[{Name, Value}]` environment). A list that is itself an intrinsic is reported through `opaque`.
 */
export function listElements(
  ctx: RuleContext,
  root: unknown,
  prefix: readonly PathSegment[],
  path: readonly PathSegment[],
  when: readonly Assumption[],
): { elements: { node: unknown; path: readonly PathSegment[]; when: readonly Assumption[] }[]; opaque: Opaquely[] } {
  const elements: { node: unknown; path: readonly PathSegment[]; when: readonly Assumption[] }[] = [];
  const opaque: Opaquely[] = [];
  for (const alt of ctx.evaluator.rawAt(root, path, when)) {
    if (alt.value === ABSENT) continue;
    if (!Array.isArray(alt.value)) {
      if (isPlainObject(alt.value) && intrinsicName(alt.value) !== undefined) {
        opaque.push({ path: [...prefix, ...path], from: opaqueFrom(ctx, alt.value, alt.when), when: alt.when });
      }
      continue;
    }
    alt.value.forEach((element, i) => {
      for (const e of ctx.evaluator.shallow(element, alt.when)) {
        if (e.value !== ABSENT) elements.push({ node: e.value, path: [...prefix, ...path, i], when: e.when });
      }
    });
  }
  return { elements, opaque };
}

/** `[{Name, Value}]` environment entries of the list at `path` under `root`. */
export function nameValueEntries(
  ctx: RuleContext,
  root: unknown,
  prefix: readonly PathSegment[],
  path: readonly PathSegment[],
  when: readonly Assumption[],
  keys: { name: string; value: string } = { name: 'Name', value: 'Value' },
): { entries: (Entry & { element: unknown })[]; opaque: Opaquely[] } {
  const { elements, opaque } = listElements(ctx, root, prefix, path, when);
  const entries: (Entry & { element: unknown })[] = [];
  for (const e of elements) {
    const names = ctx.evaluator.scalars(e.node, [keys.name], e.when);
    const name = names.length === 1 && typeof names[0].value === 'string' ? names[0].value : undefined;
    entries.push({ name, raw: isPlainObject(e.node) ? e.node[keys.value] : undefined, when: e.when, path: [...e.path, keys.value], element: e.node });
  }
  return { entries, opaque };
}

/**
 * Judges every entry of an environment (map or list) and reports an environment that is itself not known
 * statically as "cannot tell". `where` words the place for messages from the entry and its reported path.
 */
export function judgeEnvironment(
  ctx: RuleContext,
  found: { entries: readonly Entry[]; opaque: readonly Opaquely[] },
  o: { readonly what: string; readonly where: (e: Entry, path: string) => string; readonly consequence: string; readonly subject?: Landing['subject'] },
): Observation[] {
  const out = found.opaque.map((x) => opaqueObservation(x, o.what, o.subject));
  for (const e of found.entries) {
    const path = e.path.join('.');
    out.push(...judgeLanding(ctx, e.raw, { path, where: o.where(e, path), when: e.when, subject: o.subject }, { key: e.name, consequence: o.consequence }));
  }
  return out;
}

/** The cannot-tell observation for a map or list of variables that is not known statically. */
export function opaqueObservation(o: Opaquely, what: string, subject?: Landing['subject']): Observation {
  return {
    outcome: 'cannot-tell',
    path: o.path.join('.'),
    when: o.when,
    ...(subject ? { subject } : {}),
    message: `Cannot tell whether ${what} hold a secret: they come from ${o.from}.`,
  };
}

function opaqueFrom(ctx: RuleContext, node: unknown, when: readonly Assumption[]): string {
  const v = ctx.evaluator.value(node, when)[0]?.value;
  return v instanceof Opaque ? describeSource(v.source) : 'an intrinsic function';
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
