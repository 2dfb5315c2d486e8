/** The redaction check shared by the realistic and corpus tests. */
import type { Finding } from '../../../rules/engine/types';
import { findTokens, looksGenerated } from '../../../rules/secret-placement/tokens';

/**
 * Every string in a template that looks like secret material: token-shaped, or generated-looking unless it is the
 * logical id of something in the template (CDK's ids look generated, and messages name them on purpose).
 */
export function secretLookingLiterals(template: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  for (const section of ['Resources', 'Parameters', 'Outputs', 'Conditions', 'Mappings']) {
    const s = template[section];
    if (s !== null && typeof s === 'object') for (const k of Object.keys(s)) ids.add(k);
  }
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      if (findTokens(node, { awsAccessKeyIdNearby: true }).length > 0) out.push(node);
      else if (looksGenerated(node) && !ids.has(node) && !ids.has(node.split('.')[0])) out.push(node);
    } else if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node !== null && typeof node === 'object') {
      Object.values(node).forEach(walk);
    }
  };
  walk(template);
  return out;
}

/** The first 20-character run of a secret-looking literal that some finding message repeats, if any. */
export function leakedRun(findings: readonly Finding[], literals: readonly string[]): string | undefined {
  const text = findings.map((f) => `${f.message}\n${f.path}`).join('\n');
  for (const literal of literals) {
    for (let i = 0; i + 20 <= literal.length; i++) {
      const run = literal.slice(i, i + 20);
      if (text.includes(run)) return run;
    }
  }
  return undefined;
}
