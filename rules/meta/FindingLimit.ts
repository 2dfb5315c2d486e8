import type { RuleMeta } from '../engine/types';

/** Most findings one template gives; see {@link FindingLimit}. */
export const MAX_FINDINGS = 1000;

/**
 * `12,345`. Not `toLocaleString`, whose first call loads the ICU data: about 12 ms, on every run of the CLI that
 * loads this module.
 */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * Not a template rule: the engine keeps at most {@link MAX_FINDINGS} findings of one template (errors before
 * warnings) and reports what it left out as one finding of this rule, in every front door.
 */
export const FindingLimit: RuleMeta = {
  id: 'TokenGuard-LIM1',
  name: 'FindingLimit',
  category: 'meta',
  summary: `A template gives at most ${thousands(MAX_FINDINGS)} findings, errors first; one more finding says how many were left out.`,
  rationale:
    'Thousands of findings in one template are one mistake repeated (a generated template, a pasted file of keys): reporting each would bury the report and cost far more than it tells, and the ones shown say what to fix.',
  fix: {
    cdk: 'address the findings shown and synthesise again: those left out are reported once these are gone',
    cloudFormation: 'address the findings shown and audit again: those left out are reported once these are gone',
  },
  standards: [],
  defaultSeverity: 'error',
  levels: 'the level of the most severe finding left out',
};
