/**
 * Prints the real-world table for closing notes: scenario, source, expected, reported (and the difference).
 * Run with `npx tsx test/real-world/table.ts [--markdown]`.
 */
import { corpusCases, expectedKeys, forbidden, key, scenarioCases } from './real-world';

const rows: string[][] = [];
for (const c of [...scenarioCases(), ...corpusCases()]) {
  const reported = c.run();
  const got = reported.map(key).sort();
  const want = expectedKeys(c.expectations);
  const missing = want.filter((k) => { const i = got.indexOf(k); if (i < 0) return true; got.splice(i, 1); return false; });
  const extra = got;
  const errors = (ks: string[]) => ks.filter((k) => / error /.test(k)).length;
  const summary = (n: number, e: number) => `${n} (${e} ERROR)`;
  rows.push([
    c.name,
    c.expectations.source?.repo ?? 'shared corpus',
    summary(want.length, errors(want)),
    summary(reported.length, reported.filter((r) => r.level === 'error').length),
    [
      ...missing.map((m) => `missed: ${m}`),
      ...extra.map((x) => `extra: ${x}`),
      ...forbidden(c.expectations, reported),
      ...(c.expectations.knownDifference ? [`known difference (${c.expectations.knownDifference.class})`] : []),
    ].join('; ') || 'as expected',
  ]);
}
const header = ['scenario', 'source', 'expected', 'reported', 'difference'];
if (process.argv.includes('--markdown')) {
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const r of rows) console.log(`| ${r.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`);
} else {
  for (const r of rows) console.log(r.join('\t'));
}
