/**
 * Linear time on every input up to the limits (issue 14), bounded by input size and counted, never timed.
 *
 * Each adversarial template (bench/adversarial-templates.ts) is as large as CloudFormation's 1 MB template limit or
 * nested as deep as the CLI allows: sizes at which each shape's old path cost the square of its size and took
 * seconds to minutes (PEM openers without END: 3 to 28 s at 450 KB; 100,000 capitals in a name: 11 s; 100,000 spaces
 * after a JSON key: 16 s; 12,500 `:secret:` before a line break: 3 s; a list of 80,000 strings: 81 s). Here each
 * gives its answer, and the characters that the engine's pattern executions and string searches cross
 * (scan-meter.ts) stay under a fixed number per character of the template's strings: as many as the patterns that
 * may read a string, never a number that grows with the string.
 *
 * The meter sees what the engine asks of its patterns, not how a pattern backtracks inside one execution, and a
 * synchronous test cannot be stopped: a quadratic pattern back in the engine shows here as a test that takes
 * seconds to minutes. So the patterns over template strings are written to move forward only: a header found
 * alone and its end searched for with indexOf (PEM keys), a greedy class that cannot cross its terminator followed
 * by a check in code (dynamic references), no two quantifiers that can trade the same characters.
 */
import { adversarialTemplates, type AdversarialTemplate } from '../../bench/adversarial-templates';
import { MAX_DEPTH_CAP } from '../../bin/cli/limits';
import { auditTemplate } from '../../rules/engine/run';
import type { Finding } from '../../rules/engine/types';
import { ALL_RULES } from '../../rules/registry';
import { findTokens, TokenMatch } from '../../rules/secret-placement/tokens';
import { fake } from '../rules/secret-placement/fixtures';
import { countScans, templateText } from './scan-meter';

/** Pattern executions and searches may cross each character of a string this many times (about 25 patterns, twice). */
const CROSSINGS_PER_CHARACTER = 100;

const byName = new Map(adversarialTemplates().map((t) => [t.name, t]));

function audit(t: AdversarialTemplate | Record<string, unknown>): Finding[] {
  const template = 'template' in t ? (t.template as Record<string, unknown>) : t;
  const text = templateText(template);
  const { result, scans } = countScans(() => auditTemplate(template, { rules: ALL_RULES }));
  expect(scans.crossed).toBeLessThan(CROSSINGS_PER_CHARACTER * text.characters + 1000 * text.strings);
  // A rule that throws becomes a "could not evaluate" finding: none may.
  expect(result.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
  return result;
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.logicalId} ${f.path}`.trim());

describe('adversarial templates at the limits', () => {
  test('one 950 KB value of PEM openers without their END lines: no key, each END searched for once per form', () => {
    const t = byName.get('pem-openers')!;
    expect(audit(t)).toEqual([]);
    const value = Object.values(((t.template.Resources as Record<string, { Properties: { Environment: { Variables: object } } }>).Fn.Properties.Environment.Variables))[0] as string;
    const indexOf = jest.spyOn(String.prototype, 'indexOf');
    try {
      expect(findTokens(value)).toEqual([]);
      const lookupsForEnd = indexOf.mock.calls.filter(([needle]) => String(needle).startsWith('-----END '));
      expect(lookupsForEnd.length).toBeLessThanOrEqual(7); // one per form of opener (seven)
    } finally {
      indexOf.mockRestore();
    }
  });

  test('8,000 token literals on one line: 4,000 in one value make one finding, 4,000 tags 4,000, of which 1,000 are reported', () => {
    // Fingerprints (sha256) are worked out only for the literals a reported message names: ten in the value, one per tag reported.
    const fingerprints = jest.spyOn(TokenMatch.prototype, 'fingerprint');
    try {
      const findings = audit(byName.get('token-literals')!);
      const inValue = findings.find((f) => f.logicalId === 'OneValue')!;
      expect(inValue.message).toMatch(/^The template contains 4,000 token literals at Properties\.DisplayName of OneValue: (a GitHub token \(40 chars, sha256 [0-9a-f]{8}\); ){10}and 3,990 more\. /);
      expect(findings.filter((f) => f.ruleId === 'TokenGuard-SEC10')).toHaveLength(1000);
      expect(findings[1000].message).toBe('3,001 more findings of this template (3,001 errors, 0 warnings) are left out: a template reports at most 1,000, errors first.');
      expect(fingerprints).toHaveBeenCalledTimes(10 + 999);
    } finally {
      fingerprints.mockRestore();
    }
  });

  test('very long values (code, a name, a secret string, an ARN): the one real reference at the end is found', () => {
    expect(summary(audit(byName.get('long-values')!))).toEqual([
      'TokenGuard-SEC8 Fn Properties.Code.ZipFile',
      'TokenGuard-SMG2 Secret',
      'TokenGuard-SMG4 Secret Properties.SecretString',
    ]);
  });

  test('400 risky clients: 3,200 findings, 1,000 reported, errors first', () => {
    const findings = audit(byName.get('many-findings')!);
    expect(findings).toHaveLength(1001);
    expect(findings[1000].message).toBe('2,200 more findings of this template (200 errors, 2,000 warnings) are left out: a template reports at most 1,000, errors first.');
  });

  test('1 MB of resources nested to the CLI\'s default depth limit', () => {
    expect(audit(byName.get('deep-nesting')!)).toEqual([]);
  });

  test('the generated service template at the 1 MB limit gives the findings of its risky units', () => {
    const t = byName.get('at-1mb')!;
    const findings = audit(t);
    const risky = Object.keys(t.template.Parameters as object).filter((p) => p.startsWith('PartnerSecret')).length;
    expect(risky).toBeGreaterThan(20);
    // Each risky unit: a client at Cognito's defaults, a secret fed by a parameter, a function given the client secret.
    expect(findings.filter((f) => f.ruleId === 'TokenGuard-SEC1')).toHaveLength(risky);
    expect(findings.filter((f) => f.ruleId === 'TokenGuard-COG6')).toHaveLength(risky);
    expect(findings.filter((f) => f.ruleId === 'TokenGuard-SEC6')).toHaveLength(risky);
  });

  test(`nesting to the CLI's highest depth limit (${MAX_DEPTH_CAP}): found where the walk reaches, nothing throws`, () => {
    const token = fake.github(77);
    let deep: unknown = { Bottom: token };
    for (let level = MAX_DEPTH_CAP; level > 5; level--) deep = level === 60 ? { Middle: token, Deeper: deep } : level % 2 === 0 ? [deep] : { Deeper: deep };
    const findings = audit({ Resources: { Deep: { Type: 'Custom::Deep', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x', Tags: deep } } } });
    // The walk stops at 128 levels below a subject: the token in the middle is found, the one at the bottom is not.
    expect(findings.filter((f) => f.ruleId === 'TokenGuard-SEC10')).toHaveLength(1);
  });
});
