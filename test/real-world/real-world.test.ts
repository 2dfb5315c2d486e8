/**
 * The real-world set (test/real-world/README.md): every scenario and every shared-corpus template is audited and its
 * findings compared with the expectations written before the rules were run on it. A regression (a missed finding,
 * a new false one) fails here with the difference.
 */
import { contractKeys, corpusCases, CORPUS, forbidden, key, scenarioCases, type Case } from './real-world';

function check(c: Case): void {
  const reported = c.run();
  // A known difference (README: "Known differences") pins today's answer; its expected findings stay as written.
  expect(reported.map(key).sort()).toEqual(contractKeys(c.expectations));
  const extra = new Set(c.expectations.knownDifference?.extra ?? []);
  const judged = reported.filter((r) => !extra.has(key(r)));
  expect(forbidden(c.expectations, judged)).toEqual([]);
  if (c.expectations.clean === true) expect(judged.filter((r) => r.level === 'error')).toEqual([]);
}

describe('the real-world scenarios', () => {
  const cases = scenarioCases();

  it('has at least 25 scenarios, each naming its public source', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const c of cases) expect(c.expectations.source?.repo).toBeTruthy();
  });

  it('gives every known difference a class, a reason and at least one finding', () => {
    for (const c of cases.filter((k) => k.expectations.knownDifference !== undefined)) {
      const d = c.expectations.knownDifference!;
      expect([c.name, d.class.length > 0, d.why.length > 0, (d.missed?.length ?? 0) + (d.extra?.length ?? 0) > 0]).toEqual([c.name, true, true, true]);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c), 60_000);
});

const describeCorpus = CORPUS === undefined ? describe.skip : describe;

describeCorpus('the shared corpus, read in place', () => {
  it.each(corpusCases().map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});
