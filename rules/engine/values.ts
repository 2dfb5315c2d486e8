/**
 * Evaluated CloudFormation values.
 *
 * Evaluation keeps what is known as plain JSON and replaces what is not by an {@link Opaque} leaf that says where
 * the value comes from (its provenance). Strings assembled by `Fn::Sub` / `Fn::Join` from known and unknown pieces
 * become a {@link Composite}. `Fn::If` is not resolved: evaluation yields one {@link Alt} per branch, each carrying
 * the condition assumptions it rests on.
 */

/** Where a value that cannot be known statically comes from. */
export type Source =
  | {
      readonly kind: 'parameter';
      readonly name: string;
      readonly noEcho: boolean;
      readonly type?: string;
      readonly default?: unknown;
      readonly allowedValues?: readonly unknown[];
      /** Set when the value is the parameter's split on this delimiter (`Fn::Split [',', !Ref Urls]`). */
      readonly split?: string;
    }
  | { readonly kind: 'attribute'; readonly logicalId: string; readonly resourceType?: string; readonly attribute: string }
  | { readonly kind: 'resource'; readonly logicalId: string; readonly resourceType?: string }
  | { readonly kind: 'pseudo'; readonly name: string }
  | { readonly kind: 'import'; readonly exportName: string | undefined }
  | { readonly kind: 'unknown-function'; readonly fn: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** What evaluation made (an {@link Opaque} or a {@link Composite}), as opposed to plain JSON: one `instanceof` tells. */
abstract class Evaluated {}

export class Opaque extends Evaluated {
  constructor(public readonly source: Source) {
    super();
  }
}

/** A string built from literal text and opaque pieces. */
export class Composite extends Evaluated {
  constructor(public readonly parts: ReadonlyArray<string | Opaque>) {
    super();
  }
}

export type Value = null | boolean | number | string | Opaque | Composite | Value[] | { [key: string]: Value };

/** Marker for "this property is not set" (absent, or `AWS::NoValue`). */
export const ABSENT: unique symbol = Symbol('absent');
export type Maybe<T> = T | typeof ABSENT;

/** A condition assumed true or false on the way to a value. */
export interface Assumption {
  readonly condition: string;
  readonly value: boolean;
}

/** One alternative of an evaluated node: its value under a set of condition assumptions. */
export interface Alt<T> {
  readonly value: T;
  readonly when: readonly Assumption[];
}

/** A CloudFormation Boolean as written: a boolean, or "true"/"false" in any case (`NoEcho: "True"`); else undefined. */
export function cfnBoolean(v: unknown): boolean | undefined {
  const text = typeof v === 'string' ? v.toLowerCase() : v;
  return text === true || text === 'true' ? true : text === false || text === 'false' ? false : undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Evaluated);
}

/** Adds `extra` to `base` unless they contradict each other (same condition, different value). */
export function mergeAssumptions(
  base: readonly Assumption[],
  extra: readonly Assumption[],
): readonly Assumption[] | undefined {
  if (extra.length === 0) return base;
  if (base.length === 0) return extra;
  const out = [...base];
  for (const a of extra) {
    const existing = out.find((b) => b.condition === a.condition);
    if (existing) {
      if (existing.value !== a.value) return undefined;
    } else {
      out.push(a);
    }
  }
  return out;
}

export function formatAssumptions(when: readonly Assumption[]): string[] {
  return when.map((a) => `${a.condition}=${a.value}`);
}

/** Short human description of where an opaque value comes from, for messages. */
export function describeSource(s: Source): string {
  switch (s.kind) {
    case 'parameter':
      return `parameter ${s.name}`;
    case 'attribute':
      return `${s.attribute} of ${s.logicalId}`;
    case 'resource':
      return `a reference to ${s.logicalId}`;
    case 'pseudo':
      return s.name;
    case 'import':
      return s.exportName !== undefined ? `Fn::ImportValue ${s.exportName}` : 'Fn::ImportValue (of a computed export name)';
    case 'unknown-function':
      return `${s.fn} (an intrinsic function this engine does not evaluate)`;
    case 'unresolved':
      return s.reason;
  }
}
