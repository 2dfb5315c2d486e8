/** Checks on OAuth settings that only take effect when `AllowedOAuthFlowsUserPoolClient` is true. */
import type { Evaluator } from '../engine/evaluate';
import type { ResourceEntry } from '../engine/template';
import type { Observation } from '../engine/types';
import { ABSENT, Assumption, cfnBoolean, mergeAssumptions, Value } from '../engine/values';
import { describeCandidate, stringList } from '../engine/describe';

/**
 * Calls `judge` with every known value of list property `property` under which OAuth is (or may be) enabled, and
 * reports "cannot tell" for alternatives where the list or the OAuth switch is not known statically.
 *
 * `partial` may stand in for list elements that are not literals but are known well enough for the judge, e.g. a
 * scope `{Ref Server}/read` (a resource-server scope, whatever the identifier): it returns a description to judge
 * instead, or `undefined` when the element really cannot be told.
 */
export function oauthListObservations(
  r: ResourceEntry,
  ev: Evaluator,
  property: string,
  judge: (values: string[], when: readonly Assumption[], via: string | undefined) => Observation[],
  partial?: (element: Value) => string | undefined,
): Observation[] {
  const out: Observation[] = [];
  for (const enabled of ev.scalars(r.properties, ['AllowedOAuthFlowsUserPoolClient'], r.when)) {
    if (enabled.value === ABSENT || cfnBoolean(enabled.value) === false) continue;
    const flagKnown = cfnBoolean(enabled.value) === true;
    for (const c of ev.scalars(r.properties, [property], enabled.when)) {
      const when = mergeAssumptions(enabled.when, c.when);
      if (when === undefined) continue;
      const list = stringList(c.value) ?? (partial ? partialList(c.value, partial) : undefined);
      if (list === undefined) {
        out.push({ outcome: 'cannot-tell', path: `Properties.${property}`, when, message: `${property} cannot be determined: it comes from ${describeCandidate(c)}.` });
        continue;
      }
      const found = judge(list, when, c.via);
      if (found.length > 0 && !flagKnown) {
        out.push({
          outcome: 'cannot-tell',
          path: 'Properties.AllowedOAuthFlowsUserPoolClient',
          when,
          message: `${found[0].message} Whether OAuth is enabled cannot be determined: AllowedOAuthFlowsUserPoolClient comes from ${describeCandidate(enabled)}.`,
        });
      } else {
        out.push(...found);
      }
    }
  }
  return out;
}

function partialList(v: unknown, partial: (element: Value) => string | undefined): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const x of v as Value[]) {
    const s = typeof x === 'string' ? x : partial(x);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}
