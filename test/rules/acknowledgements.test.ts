/**
 * The acknowledgement model the pack and the audit CLI share (rules/acknowledgements.ts): what cdk-nag 2 writes into
 * templates, and CDK acknowledgements on constructs and their ancestors. The CLI's own cases are in
 * test/cli/audit/suppressions.test.ts, the pack's in test/pack.test.ts and test/pack-cdk-nag-2.test.ts.
 */
import { collectSuppressions, suppressionFor } from '../../rules/acknowledgements';
import { RULE_IDS } from '../../rules/registry';

const finding = (logicalId: string, section = 'Resources', constructPath?: string) => ({ ruleId: 'TokenGuard-COG3', section, logicalId, constructPath });

describe('cdk-nag 2 suppressions in a template', () => {
  test('on the template (NagSuppressions.addStackSuppressions) they cover every finding of the template', () => {
    const template = {
      Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'TokenGuard-COG3', reason: 'the whole stack is a vendor sandbox' }, { id: 'AwsSolutions-COG1', reason: 'x' }] } },
      Resources: { A: { Type: 'x' } },
    };
    const entries = collectSuppressions(template, RULE_IDS);
    // Another pack's entry is none of our business, not even its short reason.
    expect(entries.map((e) => [e.ruleId, e.source, e.scope, e.problem])).toEqual([['TokenGuard-COG3', 'cdk_nag', { kind: 'template', target: '' }, undefined]]);
    expect(suppressionFor(finding('A'), entries)?.reason).toBe('the whole stack is a vendor sandbox');
    expect(suppressionFor(finding('Secret', 'Outputs'), entries)).toBeDefined();
    expect(suppressionFor({ ...finding('A'), ruleId: 'TokenGuard-COG4' }, entries)).toBeUndefined();
  });

  test('a reason stored base64-encoded (is_reason_encoded) is read as the text it encodes, and judged by it', () => {
    const encode = (text: string) => Buffer.from(text).toString('base64');
    const template = {
      Resources: {
        A: { Type: 'x', Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'TokenGuard-COG3', reason: encode('Ticket SEC-9 — vendor ✓'), is_reason_encoded: true }] } } },
        // Nine characters, so too short, although its base64 form is sixteen.
        B: { Type: 'x', Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'TokenGuard-COG3', reason: encode('✓ checked'), is_reason_encoded: true }] } } },
      },
    };
    const [a, b] = collectSuppressions(template, RULE_IDS);
    expect(a.reason).toBe('Ticket SEC-9 — vendor ✓');
    expect(a.problem).toBeUndefined();
    expect(b.problem).toMatch(/has no reason \(at least 10 characters; got "✓ checked"\)/);
    expect(suppressionFor(finding('B'), [a, b])).toBeUndefined();
  });
});

describe('CDK acknowledgements on constructs', () => {
  const acknowledgements = new Map([
    ['S/Pool', { 'TokenGuard::TokenGuard-COG3': 'vendor needs 90 days until March' }],
    ['', { 'Annotation::TokenGuard-COG4': 'no rotation anywhere in this sandbox app' }],
  ]);
  const entries = collectSuppressions({ Resources: {} }, RULE_IDS, { acknowledgements, constructPathOf: () => undefined });

  test('cover the construct and what is below it, in any id form; the app covers everything', () => {
    expect(suppressionFor(finding('C', 'Resources', 'S/Pool/Client/Resource'), entries)?.reason).toBe('vendor needs 90 days until March');
    expect(suppressionFor(finding('C', 'Resources', 'S/PoolOther/Resource'), entries)).toBeUndefined();
    expect(suppressionFor({ ...finding('C', 'Resources', 'T/Anything'), ruleId: 'TokenGuard-COG4' }, entries)?.source).toBe('cdk-acknowledge');
  });
});
