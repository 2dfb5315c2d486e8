/**
 * Static evaluation of CloudFormation intrinsic functions.
 *
 * - `Fn::If` is evaluated on every branch that its condition allows; each result carries the assumptions it needs.
 *   Conditions whose definition is fully literal are decided; all others are treated as free.
 * - `Ref` to `AWS::NoValue` removes the property (or list element), as CloudFormation does.
 * - `Ref` to a parameter, `Fn::GetAtt`, `Fn::ImportValue`, pseudo parameters and unknown intrinsics become
 *   {@link Opaque} leaves that remember their source; `Fn::Sub` / `Fn::Join` over them become {@link Composite}s.
 *   Rules that need a concrete scalar call {@link Evaluator.scalars}, which expands a parameter into its
 *   `AllowedValues` or `Default` and reports anything else as unknown.
 * - Work is bounded: at most `maxAlternatives` alternatives per value and `maxDepth` levels of nesting; beyond that
 *   the value becomes an `unresolved` Opaque (which rules report as "cannot tell"), never an exception.
 */
import type { TemplateModel, ParameterDef } from './template';
import {
  ABSENT,
  Alt,
  Assumption,
  Composite,
  Maybe,
  Opaque,
  Value,
  isPlainObject,
  mergeAssumptions,
} from './values';

export interface EvaluatorLimits {
  /** Alternatives kept for one value before it is declared unresolvable. @default 64 */
  readonly maxAlternatives?: number;
  /** Nesting depth of intrinsics and containers evaluated before giving up. @default 64 */
  readonly maxDepth?: number;
}

export type PathSegment = string | number;

/** A concrete scalar candidate for a property, with how it was obtained. */
export interface Candidate {
  /** The scalar, `ABSENT` when the property is not set, or the Opaque/Composite it could not be reduced from. */
  readonly value: Maybe<string | number | boolean | null | Opaque | Composite | Value[] | { [k: string]: Value }>;
  readonly when: readonly Assumption[];
  /** How the value was obtained when not literal, e.g. `the default of parameter Ttl`. */
  readonly via?: string;
}

/** What {@link Evaluator}'s direct descent returns when the path crosses an intrinsic (or ends at a container). */
const CROSSES_INTRINSIC = Symbol('crosses an intrinsic');

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

type Raw = unknown;

export class Evaluator {
  private readonly maxAlternatives: number;
  private readonly maxDepth: number;
  private readonly conditionCache = new Map<string, boolean | undefined>();
  private readonly facts = new Map<unknown, Map<object, unknown>>();

  constructor(
    /** The template the evaluator reads parameters, conditions, mappings and resources from. */
    readonly template: TemplateModel,
    limits: EvaluatorLimits = {},
  ) {
    this.maxAlternatives = limits.maxAlternatives ?? 64;
    this.maxDepth = limits.maxDepth ?? 64;
  }

  /**
   * Alternatives of the raw node at `path` under `root`, resolving intrinsics only on the way down (so siblings'
   * `Fn::If`s do not multiply). The node found is returned raw; use {@link value} or {@link at} to evaluate it.
   */
  rawAt(root: Raw, path: readonly PathSegment[], when: readonly Assumption[] = []): Alt<Maybe<Raw>>[] {
    const node = this.direct(root, path);
    if (node !== CROSSES_INTRINSIC) return this.capRaw(this.shallow(node, when));
    let current: Alt<Maybe<Raw>>[] = [{ value: root, when }];
    for (const segment of path) {
      const next: Alt<Maybe<Raw>>[] = [];
      for (const alt of current) {
        for (const s of this.shallow(alt.value, alt.when)) next.push({ value: this.child(s.value, segment), when: s.when });
      }
      current = this.capRaw(next);
    }
    const out: Alt<Maybe<Raw>>[] = [];
    for (const alt of current) out.push(...this.shallow(alt.value, alt.when));
    return this.capRaw(out);
  }

  /**
   * `derive(subject, this)`, worked out once per audit: facts that several rules read, such as an app client's auth
   * flows, or which rotation schedules rotate which secret (`subject` the template).
   */
  once<S extends object, T>(derive: (subject: S, ev: Evaluator) => T, subject: S): T {
    let bySubject = this.facts.get(derive);
    if (bySubject === undefined) this.facts.set(derive, (bySubject = new Map()));
    if (!bySubject.has(subject)) bySubject.set(subject, derive(subject, this));
    return bySubject.get(subject) as T;
  }

  /** Fully evaluated alternatives of the node at `path` under `root`. */
  at(root: Raw, path: readonly PathSegment[], when: readonly Assumption[] = []): Alt<Maybe<Value>>[] {
    const literal = this.directLiteral(root, path);
    return literal !== CROSSES_INTRINSIC ? [{ value: literal, when }] : this.evaluated(root, path, when);
  }

  /** {@link at} once the direct descent has found no literal. */
  private evaluated(root: Raw, path: readonly PathSegment[], when: readonly Assumption[]): Alt<Maybe<Value>>[] {
    const out: Alt<Maybe<Value>>[] = [];
    for (const alt of this.rawAt(root, path, when)) out.push(...this.value(alt.value, alt.when));
    return this.cap(out);
  }

  /**
   * Concrete scalar candidates for the node at `path`: literals as they are, parameters expanded into their
   * `AllowedValues` (all of them) or their `Default` (noted in `via`), anything else left as it is for the rule to
   * report as "cannot tell".
   */
  scalars(root: Raw, path: readonly PathSegment[], when: readonly Assumption[] = []): Candidate[] {
    const literal = this.directLiteral(root, path);
    if (literal !== CROSSES_INTRINSIC) return [{ value: literal, when }];
    const out: Candidate[] = [];
    for (const alt of this.evaluated(root, path, when)) {
      for (const c of this.expandParameter(alt)) {
        if (Array.isArray(c.value)) out.push(...this.expandElements(c));
        else out.push(...this.expandParts(c));
      }
    }
    return out;
  }

  /**
   * The raw node at `path` when the way down crosses no intrinsic (most property lookups), else
   * {@link CROSSES_INTRINSIC}: then only the general, alternative-tracking descent is right.
   */
  private direct(root: Raw, path: readonly PathSegment[]): Maybe<Raw> | typeof CROSSES_INTRINSIC {
    let node: Maybe<Raw> = root;
    for (let i = 0; i < path.length; i++) {
      if (isPlainObject(node) && intrinsicName(node) !== undefined) return CROSSES_INTRINSIC;
      node = this.child(node, path[i], false);
    }
    return node;
  }

  /** The node at `path` when it is reached directly and holds no intrinsic (most properties): its value is itself. */
  private directLiteral(root: Raw, path: readonly PathSegment[]): Maybe<Value> | typeof CROSSES_INTRINSIC {
    const node = this.direct(root, path);
    if (node === undefined || node === ABSENT) return ABSENT;
    return isLiteral(node, this.maxDepth) ? (node as Value) : CROSSES_INTRINSIC;
  }

  /** Fully evaluated alternatives of a raw node. */
  value(node: Raw, when: readonly Assumption[] = [], depth = 0): Alt<Maybe<Value>>[] {
    if (depth > this.maxDepth) return [{ value: unresolved('nesting deeper than the evaluator follows'), when }];
    if (node === undefined || node === ABSENT) return [{ value: ABSENT, when }];
    // Already evaluated (the parameters of an SDK call read from its JSON, see derived.ts): the value itself.
    if (node instanceof Opaque || node instanceof Composite) return [{ value: node, when }];
    if (node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return [{ value: node, when }];
    if (Array.isArray(node)) {
      const lists = this.sequence(node, when, (element, w) => this.value(element, w, depth + 1));
      return lists === undefined ? [{ value: tooMany(), when }] : lists;
    }
    if (!isPlainObject(node)) return [{ value: unresolved('a value of an unexpected kind'), when }];
    const fn = intrinsicName(node);
    if (fn !== undefined) return this.cap(this.intrinsic(fn, node[fn], when, depth));
    const members = this.sequence<string, readonly [string, Value]>(Object.keys(node), when, (key, w) =>
      this.value(node[key], w, depth + 1).map((e) => ({ value: e.value === ABSENT ? ABSENT : ([key, e.value] as const), when: e.when })),
    );
    if (members === undefined) return [{ value: tooMany(), when }];
    return members.map((a) => ({ value: Object.fromEntries(a.value), when: a.when }));
  }

  /**
   * The alternatives of a sequence of pieces (list elements, object members, `Fn::Sub` pieces): each alternative of
   * each piece, under its conditions, appended to each alternative of the pieces before it (`ABSENT` appends
   * nothing). `undefined` past `maxAlternatives`. The last alternative of a piece extends its list in place and the
   * others a copy: alternatives only multiply up to the cap, so the work stays linear in the pieces.
   */
  private sequence<P, T>(pieces: readonly P[], when: readonly Assumption[], options: (piece: P, when: readonly Assumption[]) => Alt<Maybe<T>>[]): Alt<T[]>[] | undefined {
    let acc: Alt<T[]>[] = [{ value: [], when }];
    for (let p = 0; p < pieces.length; p++) {
      const next: Alt<T[]>[] = [];
      for (let i = 0; i < acc.length; i++) {
        const a = acc[i];
        const alts = options(pieces[p], a.when);
        for (let k = 0; k < alts.length; k++) {
          const list = k === alts.length - 1 ? a.value : [...a.value];
          const value = alts[k].value;
          if (value !== ABSENT) list.push(value);
          next.push({ value: list, when: alts[k].when });
        }
      }
      acc = next;
      if (acc.length > this.maxAlternatives) return undefined;
    }
    return acc;
  }

  /** The statically known value of a named condition, or `undefined` when it depends on deploy-time input. */
  conditionValue(name: string): boolean | undefined {
    if (this.conditionCache.has(name)) return this.conditionCache.get(name);
    this.conditionCache.set(name, undefined); // guards against cycles
    const result = this.evalCondition(this.template.conditions[name], 0);
    this.conditionCache.set(name, result);
    return result;
  }

  /** Alternatives of a raw node with only its top-level `Fn::If` / `AWS::NoValue` resolved. */
  shallow(node: Maybe<Raw>, when: readonly Assumption[], depth = 0): Alt<Maybe<Raw>>[] {
    if (node === ABSENT) return [{ value: ABSENT, when }];
    if (!isPlainObject(node)) return [{ value: node, when }];
    const fn = intrinsicName(node);
    if (fn === 'Ref' && node.Ref === 'AWS::NoValue') return [{ value: ABSENT, when }];
    if (fn !== 'Fn::If' || depth > this.maxDepth) return [{ value: node, when }];
    const branches = this.ifBranches(node['Fn::If'], when);
    if (branches === undefined) return [{ value: node, when }];
    return branches.flatMap((b) => this.shallow(b.value, b.when, depth + 1));
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** `intrinsic`: whether `node` may be an intrinsic (false when the caller has just checked). */
  private child(node: Maybe<Raw>, segment: PathSegment, intrinsic = true): Maybe<Raw> {
    if (node === ABSENT || node === undefined || node === null) return ABSENT;
    if (typeof segment === 'number') return Array.isArray(node) && segment < node.length ? node[segment] : ABSENT;
    if (!isPlainObject(node) || (intrinsic && intrinsicName(node) !== undefined)) {
      // Descending into an intrinsic (a Ref or GetAtt standing for a whole structure): the child is unknown too.
      return isPlainObject(node) ? { 'Fn::TokenGuard::ChildOf': node } : ABSENT;
    }
    return Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : ABSENT;
  }

  private ifBranches(args: Raw, when: readonly Assumption[]): Alt<Raw>[] | undefined {
    if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') return undefined;
    const [condition, whenTrue, whenFalse] = args as [string, Raw, Raw];
    const known = this.conditionValue(condition);
    const out: Alt<Raw>[] = [];
    for (const [branch, value] of [
      [true, whenTrue],
      [false, whenFalse],
    ] as const) {
      if (known !== undefined && known !== branch) continue;
      const merged = known !== undefined ? when : mergeAssumptions(when, [{ condition, value: branch }]);
      if (merged !== undefined) out.push({ value, when: merged });
    }
    return out;
  }

  private intrinsic(fn: string, args: Raw, when: readonly Assumption[], depth: number): Alt<Maybe<Value>>[] {
    switch (fn) {
      case 'Ref':
        return [{ value: this.ref(args), when }];
      case 'Fn::GetAtt':
        return [{ value: this.getAtt(args), when }];
      case 'Fn::If': {
        const branches = this.ifBranches(args, when);
        if (branches === undefined) return [{ value: unresolved('a malformed Fn::If'), when }];
        return branches.flatMap((b) => this.value(b.value, b.when, depth + 1));
      }
      case 'Fn::Sub':
        return this.sub(args, when, depth);
      case 'Fn::Join':
        return this.join(args, when, depth);
      case 'Fn::Select':
        return this.select(args, when, depth);
      case 'Fn::Split':
        return this.split(args, when, depth);
      case 'Fn::FindInMap':
        return this.findInMap(args, when, depth);
      case 'Fn::Base64':
        // Transparent for provenance: what matters is what goes in, not its encoding.
        return this.value(args, when, depth + 1);
      case 'Fn::ImportValue':
        return this.value(args, when, depth + 1).map((a) => ({
          value: new Opaque({ kind: 'import', exportName: typeof a.value === 'string' ? a.value : undefined }),
          when: a.when,
        }));
      case 'Fn::GetAZs':
        return [{ value: new Opaque({ kind: 'pseudo', name: 'Fn::GetAZs' }), when }];
      case 'Fn::ToJsonString':
        return this.value(args, when, depth + 1).map((a) => ({ value: toJsonString(a.value), when: a.when }));
      case 'Fn::Length':
        return this.value(args, when, depth + 1).map((a) => ({
          value: Array.isArray(a.value) ? a.value.length : unresolved('Fn::Length of a list not known statically'),
          when: a.when,
        }));
      case 'Fn::TokenGuard::ChildOf': {
        // A path below a Ref/GetAtt/etc.: keep the parent's provenance.
        const parent = this.value(args, when, depth + 1);
        return parent.map((a) => ({
          value: a.value instanceof Opaque ? a.value : unresolved('a value inside an unevaluated structure'),
          when: a.when,
        }));
      }
      case 'Fn::TokenGuard::Unresolved':
        return [{ value: unresolved(String(args)), when }];
      default:
        return [{ value: new Opaque({ kind: 'unknown-function', fn }), when }];
    }
  }

  private ref(target: Raw): Maybe<Value> {
    if (typeof target !== 'string') return unresolved('a Ref to a computed name');
    if (target === 'AWS::NoValue') return ABSENT;
    if (PSEUDO_PARAMETERS.has(target)) return new Opaque({ kind: 'pseudo', name: target });
    const p = this.template.parameter(target);
    if (p) return parameterOpaque(p);
    const r = this.template.resource(target);
    if (r) return new Opaque({ kind: 'resource', logicalId: target, resourceType: r.type });
    const generated = this.template.samGeneratedType(target);
    if (generated !== undefined) return new Opaque({ kind: 'resource', logicalId: target, resourceType: generated });
    return unresolved(`a Ref to ${target}, which the template does not define`);
  }

  private getAtt(args: Raw): Value {
    let logicalId: unknown;
    let attribute: unknown;
    if (typeof args === 'string') {
      const dot = args.indexOf('.');
      logicalId = dot < 0 ? args : args.slice(0, dot);
      attribute = dot < 0 ? '' : args.slice(dot + 1);
    } else if (Array.isArray(args) && args.length === 2) {
      [logicalId, attribute] = args;
    }
    if (typeof logicalId !== 'string') return unresolved('a Fn::GetAtt with a computed resource name');
    const r = this.template.resource(logicalId);
    return new Opaque({
      kind: 'attribute',
      logicalId,
      resourceType: r?.type ?? this.template.samGeneratedType(logicalId),
      attribute: typeof attribute === 'string' ? attribute : '(computed attribute)',
    });
  }

  private sub(args: Raw, when: readonly Assumption[], depth: number): Alt<Maybe<Value>>[] {
    let text: Raw;
    let vars: Raw = {};
    if (Array.isArray(args)) [text, vars] = args;
    else text = args;
    if (typeof text !== 'string' || !isPlainObject(vars)) return [{ value: unresolved('a malformed Fn::Sub'), when }];
    const defined = vars;
    const parts = this.sequence(parseSub(text), when, (piece, w) => {
      let options: Alt<Maybe<Value>>[];
      if (piece.literal !== undefined) options = [{ value: piece.literal, when }];
      else {
        const name = piece.variable!;
        if (Object.prototype.hasOwnProperty.call(defined, name)) options = this.value(defined[name], when, depth + 1);
        else if (name.includes('.') && !name.startsWith('AWS::')) options = [{ value: this.getAtt(name), when }];
        else options = [{ value: this.ref(name), when }];
      }
      const out: Alt<(string | Opaque)[]>[] = [];
      for (const o of options) {
        const merged = mergeAssumptions(w, o.when);
        if (merged !== undefined) out.push({ value: stringPieces(o.value), when: merged });
      }
      return out;
    });
    if (parts === undefined) return [{ value: tooMany(), when }];
    return parts.map((a) => ({ value: compose(a.value.flat()), when: a.when }));
  }

  private join(args: Raw, when: readonly Assumption[], depth: number): Alt<Maybe<Value>>[] {
    if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
      return [{ value: unresolved('a malformed Fn::Join'), when }];
    }
    const delimiter = args[0];
    return this.value(args[1], when, depth + 1).map((a) => {
      if (!Array.isArray(a.value)) {
        return { value: a.value instanceof Opaque ? compose([a.value]) : unresolved('Fn::Join over a non-list'), when: a.when };
      }
      const pieces: (string | Opaque)[] = [];
      a.value.forEach((element, i) => {
        if (i > 0) pieces.push(delimiter);
        for (const piece of stringPieces(element)) pieces.push(piece);
      });
      return { value: compose(pieces), when: a.when };
    });
  }

  private select(args: Raw, when: readonly Assumption[], depth: number): Alt<Maybe<Value>>[] {
    if (!Array.isArray(args) || args.length !== 2) return [{ value: unresolved('a malformed Fn::Select'), when }];
    const out: Alt<Maybe<Value>>[] = [];
    for (const index of this.value(args[0], when, depth + 1)) {
      for (const list of this.value(args[1], index.when, depth + 1)) {
        const i = toNumber(index.value);
        if (Array.isArray(list.value) && i !== undefined && Number.isInteger(i) && i >= 0 && i < list.value.length) {
          out.push({ value: list.value[i], when: list.when });
        } else if (list.value instanceof Opaque) {
          out.push({ value: list.value, when: list.when }); // an element of it keeps its provenance
        } else {
          out.push({ value: unresolved('a Fn::Select not known statically'), when: list.when });
        }
      }
    }
    return out;
  }

  private split(args: Raw, when: readonly Assumption[], depth: number): Alt<Maybe<Value>>[] {
    if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
      return [{ value: unresolved('a malformed Fn::Split'), when }];
    }
    const delimiter = args[0];
    return this.value(args[1], when, depth + 1).map((a) => {
      if (typeof a.value === 'string') return { value: a.value.split(delimiter), when: a.when };
      const leaves = a.value instanceof Composite ? a.value.parts.filter((p): p is Opaque => p instanceof Opaque) : [];
      // A parameter split stays the parameter (its provenance), and its default or allowed values are split too.
      if (a.value instanceof Opaque) return { value: splitParameter(a.value, delimiter), when: a.when };
      if (leaves.length === 1) return { value: leaves[0], when: a.when };
      return { value: unresolved('a Fn::Split of a value not known statically'), when: a.when };
    });
  }

  private findInMap(args: Raw, when: readonly Assumption[], depth: number): Alt<Maybe<Value>>[] {
    if (!Array.isArray(args) || args.length < 3 || typeof args[0] !== 'string') {
      return [{ value: unresolved('a malformed Fn::FindInMap'), when }];
    }
    const mapping = this.template.mappings[args[0]];
    if (!isPlainObject(mapping)) return [{ value: unresolved(`Fn::FindInMap on missing mapping ${args[0]}`), when }];
    const out: Alt<Maybe<Value>>[] = [];
    // Language-extensions DefaultValue: what a key missing from the mapping gives (without it the lookup fails at
    // deploy time), for every key option that misses, not only when all of them do.
    const fallback = isPlainObject(args[3]) ? args[3].DefaultValue : undefined;
    const missing = (w: readonly Assumption[]) => (fallback === undefined ? [] : this.value(fallback, w, depth + 1));
    for (const top of this.keyOptions(args[1], when, depth)) {
      const topKeys = top.value === undefined ? Object.keys(mapping) : [top.value];
      for (const k1 of topKeys) {
        const level = mapping[k1];
        if (!isPlainObject(level)) {
          out.push(...missing(top.when));
          continue;
        }
        for (const second of this.keyOptions(args[2], top.when, depth)) {
          const secondKeys = second.value === undefined ? Object.keys(level) : [second.value];
          for (const k2 of secondKeys) {
            out.push(...(Object.prototype.hasOwnProperty.call(level, k2) ? this.value(level[k2], second.when, depth + 1) : missing(second.when)));
          }
        }
      }
    }
    if (out.length === 0) {
      if (fallback !== undefined) return this.value(fallback, when, depth + 1);
      return [{ value: unresolved(`Fn::FindInMap key not found in mapping ${args[0]}`), when }];
    }
    return out;
  }

  /** Literal key options for FindInMap; `undefined` value means "any key" (every entry is considered). */
  private keyOptions(node: Raw, when: readonly Assumption[], depth: number): Alt<string | undefined>[] {
    return this.value(node, when, depth + 1).flatMap((a) =>
      this.expandParameter(a).map((c) => ({
        value: typeof c.value === 'string' || typeof c.value === 'number' ? String(c.value) : undefined,
        when: c.when,
      })),
    );
  }

  private expandParameter(alt: Alt<Maybe<Value>>): Candidate[] {
    const v = alt.value;
    if (!(v instanceof Opaque) || v.source.kind !== 'parameter') return [{ value: v, when: alt.when }];
    const s = v.source;
    const isList = s.type !== undefined && (s.type === 'CommaDelimitedList' || s.type.startsWith('List<'));
    const norm = (x: unknown): Candidate['value'] =>
      s.split !== undefined && typeof x === 'string'
        ? x.split(s.split)
        : isList && typeof x === 'string'
          ? x.split(',').map((e) => e.trim())
          : (x as Candidate['value']);
    if (s.allowedValues && s.allowedValues.length > 0) {
      return s.allowedValues.map((x) => ({ value: norm(x), when: alt.when, via: `an allowed value of parameter ${s.name}` }));
    }
    if (s.default !== undefined) {
      return [{ value: norm(s.default), when: alt.when, via: `the default of parameter ${s.name}, which a deployment can override` }];
    }
    return [{ value: v, when: alt.when }];
  }

  /**
   * A list whose elements are parameters (`CallbackURLs: [!Ref AppUrl]`), with each such element expanded the way a
   * parameter standing for the whole property is: into its `AllowedValues` or its `Default`. Any other candidate, or
   * a list whose combinations would exceed `maxAlternatives`, is returned as it is.
   */
  private expandElements(c: Candidate): Candidate[] {
    const list = c.value;
    if (!Array.isArray(list) || !list.some((e) => isParameter(e) || (e instanceof Composite && e.parts.some(isParameter)))) return [c];
    let acc: { value: Value[]; vias: string[] }[] = [{ value: [], vias: c.via === undefined ? [] : [c.via] }];
    for (const element of list) {
      const options: Candidate[] =
        element instanceof Opaque ? this.expandParameter({ value: element, when: c.when }) : this.expandParts({ value: element, when: c.when });
      const next: { value: Value[]; vias: string[] }[] = [];
      for (const a of acc) {
        for (const o of options) {
          if (o.value === ABSENT) continue;
          next.push({ value: [...a.value, o.value as Value], vias: o.via === undefined || a.vias.includes(o.via) ? a.vias : [...a.vias, o.via] });
        }
      }
      if (next.length > this.maxAlternatives) return [c];
      acc = next;
    }
    return acc.map((a) => ({ value: a.value, when: c.when, ...(a.vias.length > 0 ? { via: a.vias.join('; ') } : {}) }));
  }

  /**
   * A string built with `Fn::Sub` / `Fn::Join` from parameters (`https://\${SiteDomain}/callback`), with each
   * parameter piece expanded the way a parameter standing for the whole property is: into its `AllowedValues` or its
   * `Default` (noted in `via`). Any other candidate, or one whose combinations would exceed `maxAlternatives`, is
   * returned as it is.
   */
  private expandParts(c: Candidate): Candidate[] {
    const v = c.value;
    if (!(v instanceof Composite) || !v.parts.some(isParameter)) return [c];
    let acc: { parts: (string | Opaque)[]; vias: string[] }[] = [{ parts: [], vias: c.via === undefined ? [] : [c.via] }];
    for (const part of v.parts) {
      const options: Candidate[] = part instanceof Opaque ? this.expandParameter({ value: part, when: c.when }) : [{ value: part, when: c.when }];
      const next: { parts: (string | Opaque)[]; vias: string[] }[] = [];
      for (const a of acc) {
        for (const o of options) {
          const piece = typeof o.value === 'number' ? String(o.value) : o.value;
          if (typeof piece !== 'string' && !(piece instanceof Opaque)) return [c];
          next.push({ parts: [...a.parts, piece], vias: o.via === undefined || a.vias.includes(o.via) ? a.vias : [...a.vias, o.via] });
        }
      }
      if (next.length > this.maxAlternatives) return [c];
      acc = next;
    }
    return acc.map((a) => ({ value: compose(a.parts), when: c.when, ...(a.vias.length > 0 ? { via: a.vias.join('; ') } : {}) }));
  }

  private evalCondition(node: Raw, depth: number): boolean | undefined {
    if (depth > this.maxDepth || !isPlainObject(node)) return typeof node === 'boolean' ? node : undefined;
    const fn = intrinsicName(node);
    const args = fn ? node[fn] : undefined;
    switch (fn) {
      case 'Condition':
        return typeof args === 'string' ? this.conditionValue(args) : undefined;
      case 'Fn::Not': {
        const v = Array.isArray(args) && args.length === 1 ? this.evalCondition(args[0], depth + 1) : undefined;
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(args)) return undefined;
        const values = args.map((a) => this.evalCondition(a, depth + 1));
        if (fn === 'Fn::And') return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
        return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(args) || args.length !== 2) return undefined;
        const [a, b] = args.map((x) => this.value(x, [], depth + 1));
        if (a.length !== 1 || b.length !== 1) return undefined;
        const [x, y] = [a[0].value, b[0].value];
        if (!isLiteralScalar(x) || !isLiteralScalar(y)) return undefined;
        return String(x) === String(y);
      }
      default:
        return undefined;
    }
  }

  private cap(alts: Alt<Maybe<Value>>[]): Alt<Maybe<Value>>[] {
    return alts.length <= this.maxAlternatives ? alts : [{ value: tooMany(), when: [] }];
  }

  private capRaw(alts: Alt<Maybe<Raw>>[]): Alt<Maybe<Raw>>[] {
    return alts.length <= this.maxAlternatives ? alts : [{ value: { 'Fn::TokenGuard::Unresolved': 'too many Fn::If combinations' }, when: [] }];
  }
}

/** The intrinsic function name of a single-key object (`Ref`, `Condition`, `Fn::*`), or undefined. */
export function intrinsicName(node: Record<string, unknown>): string | undefined {
  // Called on every object node of every walk: look at the first key without listing them all.
  let k: string | undefined;
  for (const key in node) {
    if (k !== undefined) return undefined;
    k = key;
  }
  return k !== undefined && (k === 'Ref' || k === 'Condition' || k.startsWith('Fn::')) ? k : undefined;
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Plain JSON without an intrinsic function in it, nested at most `depth` levels: what {@link Evaluator.value} returns as it is. */
function isLiteral(node: unknown, depth: number): boolean {
  if (depth < 0) return false;
  if (node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (!isLiteral(node[i], depth - 1)) return false;
    return true;
  }
  if (!isPlainObject(node) || intrinsicName(node) !== undefined) return false;
  for (const key in node) if (!isLiteral(node[key], depth - 1)) return false;
  return true;
}

function isLiteralScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function parameterOpaque(p: ParameterDef): Opaque {
  return new Opaque({
    kind: 'parameter',
    name: p.name,
    noEcho: p.noEcho,
    type: p.type,
    default: p.default,
    allowedValues: p.allowedValues,
  });
}

function unresolved(reason: string): Opaque {
  return new Opaque({ kind: 'unresolved', reason });
}

function tooMany(): Opaque {
  return unresolved('too many Fn::If combinations to evaluate');
}

/** Splits a `Fn::Sub` string into literal text and `${Var}` references (`${!Literal}` is literal text). */
export function parseSub(text: string): { literal?: string; variable?: string }[] {
  const out: { literal?: string; variable?: string }[] = [];
  let i = 0;
  let literal = '';
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    if (end < 0) break;
    literal += text.slice(i, start);
    const inner = text.slice(start + 2, end);
    if (inner.startsWith('!')) {
      literal += '${' + inner.slice(1) + '}';
    } else {
      if (literal) out.push({ literal });
      literal = '';
      out.push({ variable: inner.trim() });
    }
    i = end + 1;
  }
  literal += text.slice(i);
  if (literal) out.push({ literal });
  return out;
}

function stringPieces(v: Maybe<Value>): (string | Opaque)[] {
  if (v === ABSENT) return [];
  if (v instanceof Opaque) return [v];
  if (v instanceof Composite) return [...v.parts];
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  return [unresolved('a structured value used as a string')];
}

function splitParameter(v: Opaque, delimiter: string): Opaque {
  return v.source.kind === 'parameter' && v.source.split === undefined ? new Opaque({ ...v.source, split: delimiter }) : v;
}

function isParameter(v: unknown): boolean {
  return v instanceof Opaque && v.source.kind === 'parameter';
}

function compose(pieces: (string | Opaque)[]): Value {
  const merged: (string | Opaque)[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (p !== '') merged.push(p);
  }
  if (merged.length === 0) return '';
  if (merged.length === 1 && typeof merged[0] === 'string') return merged[0];
  return new Composite(merged);
}

function toJsonString(v: Maybe<Value>): Value {
  const pieces: (string | Opaque)[] = [];
  const walk = (x: Maybe<Value>): void => {
    if (x === ABSENT) return;
    if (x instanceof Opaque) pieces.push('"', x, '"');
    else if (x instanceof Composite) pieces.push('"', ...x.parts, '"');
    else if (Array.isArray(x)) {
      pieces.push('[');
      x.forEach((e, i) => {
        if (i > 0) pieces.push(',');
        walk(e);
      });
      pieces.push(']');
    } else if (x !== null && typeof x === 'object') {
      pieces.push('{');
      Object.entries(x).forEach(([k, e], i) => {
        if (i > 0) pieces.push(',');
        pieces.push(JSON.stringify(k), ':');
        walk(e);
      });
      pieces.push('}');
    } else pieces.push(JSON.stringify(x));
  };
  walk(v);
  return compose(pieces);
}
