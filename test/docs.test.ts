import * as fs from 'fs';
import * as path from 'path';
import { headingAnchor } from '../rules/docs/anchor';
import { README_MD, renderRulesMarkdown, RULES_MD, updateReadme } from '../rules/docs/generate';
import { ALL_RULES } from '../rules/registry';

const ROOT = path.join(__dirname, '..');
const PAGES = ['README.md', 'RULES.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('RULES.md', () => {
  test('is generated from the rules\' metadata and up to date (run `npm run docs` if this fails)', () => {
    expect(fs.readFileSync(RULES_MD, 'utf8')).toBe(renderRulesMarkdown());
  });

  test('README.md\'s rule list is current (run `npm run docs` if this fails)', () => {
    const readme = fs.readFileSync(README_MD, 'utf8');
    expect(readme).toBe(updateReadme(readme));
    for (const r of ALL_RULES) expect(readme).toContain(`${r.id} ${r.name}`);
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

describe('README and docs', () => {
  test('README.md is a front door: at most 15 KB (the depth lives in docs/)', () => {
    expect(fs.statSync(README_MD).size).toBeLessThanOrEqual(15 * 1024);
  });

  /** The anchors GitHub gives a page: one per heading (repeats numbered), plus explicit `<a id>`s. */
  function anchors(page: string): Set<string> {
    const text = fs.readFileSync(path.join(ROOT, page), 'utf8').replace(/^( *)```[\s\S]*?^\1```/gm, '');
    const seen = new Map<string, number>();
    const out = new Set<string>();
    for (const [, heading] of text.matchAll(/^#{1,6} (.+)$/gm)) {
      const base = headingAnchor(heading);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const [, id] of text.matchAll(/<a id="([^"]+)"/g)) out.add(id);
    return out;
  }

  test.each(PAGES)('%s: every relative link reaches a file, and its #anchor a heading there', (page) => {
    const text = fs.readFileSync(path.join(ROOT, page), 'utf8').replace(/^( *)```[\s\S]*?^\1```/gm, '');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      const [file, anchor] = target.split('#');
      const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
      if (!fs.existsSync(path.join(ROOT, resolved))) broken.push(`${target}: no file ${resolved}`);
      else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${resolved}`);
    }
    expect(broken).toEqual([]);
  });
});
