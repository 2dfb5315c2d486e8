/** Wording shared by rules for values that are not literals. */
import type { Candidate } from './evaluate';
import { ABSENT, Composite, Opaque, describeSource } from './values';

/** A literal list of strings (a single string counts as a one-element list), or undefined if not known. */
export function stringList(v: Candidate['value']): string[] | undefined {
  if (v === ABSENT) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return undefined;
  return v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** "parameter X", "Fn::ImportValue Y", … for a candidate that is not a literal. */
export function describeCandidate(c: Pick<Candidate, 'value'>): string {
  const v = c.value;
  if (v instanceof Opaque) return describeSource(v.source);
  if (v instanceof Composite) {
    const sources = v.parts.filter((p): p is Opaque => p instanceof Opaque).map((p) => describeSource(p.source));
    return `a string built from ${sources.join(', ')}`;
  }
  if (Array.isArray(v)) {
    const inner = v.find((x) => x instanceof Opaque || x instanceof Composite);
    if (inner !== undefined) return `a list containing ${describeCandidate({ value: inner as Opaque })}`;
  }
  return `a value of an unexpected type (${typeof v === 'object' ? 'a structure' : typeof v})`;
}
