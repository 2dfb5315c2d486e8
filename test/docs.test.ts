import * as fs from 'fs';
import { README_MD, renderRulesMarkdown, RULES_MD, updateReadme } from '../rules/docs/generate';
import { ALL_RULES } from '../rules/registry';

describe('RULES.md', () => {
  test('is generated from the rules\' metadata and up to date (run `npm run docs` if this fails)', () => {
    expect(fs.readFileSync(RULES_MD, 'utf8')).toBe(renderRulesMarkdown());
  });

  test('README.md\'s rule list is current (run `npm run docs` if this fails)', () => {
    const readme = fs.readFileSync(README_MD, 'utf8');
    expect(readme).toBe(updateReadme(readme));
  });

  test('every rule documents what it checks, why, how to fix it in CDK and CloudFormation, and its level', () => {
    const ids = new Set<string>();
    for (const r of ALL_RULES) {
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(r.id).toMatch(/^TokenGuard-[A-Z]+\d+$/);
      for (const text of [r.summary, r.rationale, r.fix.cdk, r.fix.cloudFormation, r.levels]) expect(text.length).toBeGreaterThan(2);
    }
  });
});
