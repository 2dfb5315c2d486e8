/**
 * GitHub-style anchors of sections in RULES.md. Its own module so that the CLI (SARIF help links) does not
 * bundle generate.ts, whose `require.main === module` script block would run inside the bundle.
 */
import type { RuleMeta } from '../engine/types';

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** The anchor of a rule's section (`### TokenGuard-COG1 AccessTokenLifetime`). */
export function anchor(r: Pick<RuleMeta, 'id' | 'name'>): string {
  return headingAnchor(`${r.id} ${r.name}`);
}
