/**
 * The CLI over the 15 real public templates in the shared corpus (read from the shared folder, never copied):
 * every one is audited, none is an input error, and a few findings we checked by hand are where they should be.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditReport } from '../../../bin/cli/audit/report';
import { runCli } from './cli';

const corpus = [process.env.TOKEN_GUARD_REAL_TEMPLATES, '/work/shared/corpus/real-templates', path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-templates')].find(
  (c): c is string => c !== undefined && c !== '' && fs.existsSync(c),
);
const describeCorpus = corpus === undefined ? describe.skip : describe;

describeCorpus('token-guard audit on the real templates', () => {
  let report: AuditReport;
  const of = (prefix: string) => report.findings.filter((f) => path.basename(f.file).startsWith(prefix));

  beforeAll(async () => {
    const run = await runCli(['audit', corpus!, '--format', 'json']);
    report = JSON.parse(run.stdout) as AuditReport;
  });

  it('audits all 15 without an input error', () => {
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ files: 15, templates: 15, inputErrors: 0, exitCode: 1 });
    expect(new Set(report.findings.map((f) => path.basename(f.file).slice(0, 2))).size).toBe(14); // 15 has none
  });

  it('finds the client secret in SAM Globals and the Slack token in a function environment', () => {
    expect(of('01').find((f) => f.ruleId === 'TokenGuard-SEC1')).toMatchObject({ section: 'Globals', logicalId: 'Function', line: 12 });
    expect(of('14').map((f) => f.ruleId).sort()).toEqual(['TokenGuard-SEC1', 'TokenGuard-SEC6']);
  });

  it('says the implicit grant of 04 depends on the UsePostman condition, at the line of AllowedOAuthFlows', () => {
    expect(of('04').find((f) => f.ruleId === 'TokenGuard-COG6')).toMatchObject({ conditions: ['UsePostman=true'], line: 52 });
  });

  it('accepts an SSM parameter path in an environment variable named like a token (15)', () => {
    expect(of('15')).toEqual([]);
  });
});
