/**
 * Every rule, in the order RULES.md lists them. Adding a rule: write its file, export it from its folder's
 * index.ts, list it here, run `npm run docs`.
 */
import * as appClient from './app-client';
import * as secretPlacement from './secret-placement';
import * as secretsManager from './secrets-manager';
import type { Rule } from './engine/types';

/** Module namespaces list their exports alphabetically; rules read better in id order (COG1, COG2, … COG10). */
function byId(rules: Rule[]): readonly Rule[] {
  const key = (id: string) => id.replace(/\d+$/, (n) => n.padStart(4, '0'));
  return rules.sort((a, b) => (key(a.id) < key(b.id) ? -1 : 1));
}

export const APP_CLIENT_RULES: readonly Rule[] = byId(Object.values(appClient));
export const SECRET_PLACEMENT_RULES: readonly Rule[] = byId(Object.values(secretPlacement));
export const SECRETS_MANAGER_RULES: readonly Rule[] = byId(Object.values(secretsManager));

export const ALL_RULES: readonly Rule[] = [...APP_CLIENT_RULES, ...SECRET_PLACEMENT_RULES, ...SECRETS_MANAGER_RULES];

export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
