/**
 * The real-world set (test/real-world/README.md): every scenario and every shared-corpus template is audited and its
 * findings compared with the expectations written before the rules were run on it. A regression (a missed finding,
 * a new false one) fails here with the difference.
 */
import { corpusCases, CORPUS, expectedKeys, forbidden, key, scenarioCases, type Case } from './real-world';

function check(c: Case): void {
  const reported = c.run();
  expect(reported.map(key).sort()).toEqual(expectedKeys(c.expectations));
  expect(forbidden(c.expectations, reported)).toEqual([]);
  if (c.expectations.clean === true) expect(reported.filter((r) => r.level === 'error')).toEqual([]);
}

describe('the real-world scenarios', () => {
  const cases = scenarioCases();

  it('has at least 25 scenarios, each naming its public source', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const c of cases) expect(c.expectations.source?.repo).toBeTruthy();
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c), 60_000);
});

const describeCorpus = CORPUS === undefined ? describe.skip : describe;

describeCorpus('the shared corpus, read in place', () => {
  it.each(corpusCases().map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});
