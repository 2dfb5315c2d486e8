/**
 * The GitHub-style anchor of a rule's section in RULES.md. Its own module so that the CLI (SARIF help links) does not
 * bundle generate.ts, whose `require.main === module` script block would run inside the bundle.
 */
import type { RuleMeta } from '../engine/types';

export function anchor(r: Pick<RuleMeta, 'id' | 'name'>): string {
  return `${r.id} ${r.name}`.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}
