/**
 * TokenGuard-LIM1: one template gives at most MAX_FINDINGS findings, errors first, and one more finding says how many
 * were left out. The engine applies it, so every front door shows it: the engine's own result, the pack's report and
 * the CLI's JSON and SARIF reports.
 */
import '@microsoft/jest-sarif';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as Sarif from 'sarif';
import { auditTemplate } from '../../rules/engine/run';
import type { Finding } from '../../rules/engine/types';
import { FindingLimit, MAX_FINDINGS, thousands } from '../../rules/meta/FindingLimit';
import { TokenGuardChecks } from '../../rules/pack';
import { ALL_RULES } from '../../rules/registry';
import { GOOD_CLIENT } from '../rules/helpers';
import { runCli } from '../cli/audit/cli';
import { tempDir, write } from '../cli/helpers';

/**
 * `clients` app clients named `C0000`…: each has one error (the implicit grant, TokenGuard-COG6) and, when `warnings`,
 * one warning (PreventUserExistenceErrors not set, COG9); every other setting complies.
 */
function clients(count: number, warnings: boolean): Record<string, unknown> {
  const { PreventUserExistenceErrors, ...rest } = GOOD_CLIENT;
  const properties = { UserPoolId: 'eu-west-1_pool', ...rest, AllowedOAuthFlows: ['implicit'], ...(warnings ? {} : { PreventUserExistenceErrors }) };
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) resources[`C${String(i).padStart(4, '0')}`] = { Type: 'AWS::Cognito::UserPoolClient', Properties: properties };
  return { Resources: resources };
}

const audit = (template: Record<string, unknown>) => auditTemplate(template, { rules: ALL_RULES });
const count = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).length;

describe('the engine keeps at most MAX_FINDINGS findings of a template', () => {
  test('at the limit nothing is left out and no note is added', () => {
    const findings = audit(clients(MAX_FINDINGS, false));
    expect(findings).toHaveLength(MAX_FINDINGS);
    expect(count(findings, FindingLimit.id)).toBe(0);
  });

  test('past it, errors come first, the rest keeps report order, and one warning says how many warnings were left out', () => {
    // 700 errors and 700 warnings: every error is kept, then the first 300 warnings in report order.
    const findings = audit(clients(700, true));
    expect(findings).toHaveLength(MAX_FINDINGS + 1);
    expect(count(findings, 'TokenGuard-COG6')).toBe(700);
    const warnings = findings.filter((f) => f.ruleId === 'TokenGuard-COG9').map((f) => f.logicalId);
    expect(warnings).toEqual(Array.from({ length: 300 }, (_, i) => `C${String(i).padStart(4, '0')}`));
    // Report order among the kept ones: by logical id, then rule.
    expect(findings.slice(0, 3).map((f) => `${f.logicalId} ${f.ruleId}`)).toEqual(['C0000 TokenGuard-COG6', 'C0000 TokenGuard-COG9', 'C0001 TokenGuard-COG6']);
    const note = findings[MAX_FINDINGS];
    expect(note).toMatchObject({ ruleId: FindingLimit.id, ruleName: 'FindingLimit', severity: 'warning', kind: 'violation', section: 'Resources', logicalId: '(template)', path: '' });
    expect(note.message).toBe(`400 more findings of this template (0 errors, 400 warnings) are left out: a template reports at most ${thousands(MAX_FINDINGS)}, errors first.`);
  });

  test('with more errors than the limit, only errors are kept and the note is an error', () => {
    const findings = audit(clients(MAX_FINDINGS + 250, true));
    expect(count(findings, 'TokenGuard-COG6')).toBe(MAX_FINDINGS);
    expect(count(findings, 'TokenGuard-COG9')).toBe(0);
    const note = findings[findings.length - 1];
    expect(note.severity).toBe('error');
    expect(note.message).toBe('1,500 more findings of this template (250 errors, 1,250 warnings) are left out: a template reports at most 1,000, errors first.');
  });

  test('thousands() writes numbers as the messages do', () => {
    expect([0, 7, 999, 1000, 12345, 1234567].map(thousands)).toEqual(['0', '7', '999', '1,000', '12,345', '1,234,567']);
  });
});

describe('every front door shows the note', () => {
  test('the pack: a violation of TokenGuard-LIM1 on the stack', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const pool = new cognito.UserPool(new Stack(app, 'S'), 'Pool');
    // A client at CDK's defaults has two errors and six warnings: 150 of them give 1,200 findings.
    for (let i = 0; i < 150; i++) pool.addClient(`Client${i}`);
    const report = new TokenGuardChecks(app).validateScope(app);
    const note = report.violations.find((v) => v.ruleName === FindingLimit.id);
    expect(note?.severity).toBe('warning');
    expect(note?.description).toMatch(/^TokenGuard-LIM1 FindingLimit: 200 more findings of this template \(0 errors, 200 warnings\) are left out/);
    expect(new TokenGuardChecks(app).ruleIds).toContain(FindingLimit.id);
  });

  test('the CLI: in the JSON report, and in SARIF with its rule described', async () => {
    const tmp = tempDir('tg-limit-');
    try {
      const file = write(tmp.dir, 'many.json', JSON.stringify(clients(700, true)));
      const json = await runCli(['audit', file, '--format', 'json']);
      const report = JSON.parse(json.stdout) as { findings: { ruleId: string; message: string }[]; summary: { errors: number; warnings: number } };
      expect(report.findings).toHaveLength(MAX_FINDINGS + 1);
      expect(report.findings[MAX_FINDINGS]).toMatchObject({ ruleId: FindingLimit.id, message: expect.stringContaining('400 more findings') });
      expect(report.summary).toMatchObject({ errors: 700, warnings: 301 });
      const sarif = JSON.parse((await runCli(['audit', file, '--format', 'sarif'])).stdout) as Sarif.Log;
      expect(sarif).toBeValidSarifLog();
      const run = sarif.runs[0];
      const result = run.results!.find((r) => r.ruleId === FindingLimit.id)!;
      expect(run.tool.driver.rules![result.ruleIndex!].name).toBe('FindingLimit');
    } finally {
      tmp.cleanup();
    }
  });
});
