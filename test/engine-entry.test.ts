/**
 * The engine's subpath entry (`cdk-token-guard/engine`, lib/engine.ts): every rule id a finding may carry is known
 * through it, the template rules through `ruleById`, the report-only rules through `META_RULES`.
 */
import { ALL_RULES, META_RULES, RULE_IDS, ruleById } from '../lib/engine';

describe('cdk-token-guard/engine', () => {
  it('lists the report-only rules apart from the template rules', () => {
    const metaIds = META_RULES.map((r) => r.id);
    expect(metaIds).toEqual(expect.arrayContaining(['TokenGuard-ACK1', 'TokenGuard-LIM1']));
    for (const id of metaIds) {
      expect(RULE_IDS.has(id)).toBe(false);
      expect(ruleById(id)).toBeUndefined();
    }
    expect(ALL_RULES.length).toBe(RULE_IDS.size);
  });
});
