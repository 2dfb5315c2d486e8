/**
 * In-template suppressions: our own `cdk-token-guard` key (on resources, and in the template's Metadata with a
 * target), cdk-nag's `cdk_nag.rules_to_suppress`; reasons required; suppressed findings listed, not dropped.
 */
import type { AuditReport } from '../../../bin/cli/audit/report';
import { bareRuleId, collectSuppressions, suppressionFor } from '../../../rules/acknowledgements';
import { RULE_IDS } from '../../../rules/registry';
import { tempDir, write } from '../helpers';
import { runCli } from './cli';

const tmp = tempDir('tg-suppress-');
afterAll(() => tmp.cleanup());

const RISKY_CLIENT = `    Properties:
      UserPoolId: pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [implicit]
      AllowedOAuthScopes: [openid]
      CallbackURLs: [https://app.example.com/callback]
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]
      PreventUserExistenceErrors: ENABLED`;

const TEMPLATE = `Metadata:
  cdk-token-guard:
    suppress:
      - id: TokenGuard-SEC6
        target: Parameters.LegacyClientSecret
        reason: The partner rotates it weekly and the pipeline passes it with NoEcho overrides; ticket SEC-7
      - id: TokenGuard-COG9
        reason: no target given, so this must not suppress anything
Parameters:
  LegacyClientSecret:
    Type: String
Resources:
  Suppressed:
    Type: AWS::Cognito::UserPoolClient
    Metadata:
      cdk-token-guard:
        suppress:
          - id: TokenGuard-COG4
            reason: Vendor SDK cannot use rotated refresh tokens before v5; ticket SEC-123
      cdk_nag:
        rules_to_suppress:
          - id: TokenGuard::TokenGuard-COG6
            reason: The single-page app moves to the code flow in Q3; ticket SEC-124
          - id: AwsSolutions-COG7
          - id: TokenGuard-COG1
            reason: ok
${RISKY_CLIENT}
  Unsuppressed:
    Type: AWS::Cognito::UserPoolClient
${RISKY_CLIENT}
`;

async function audit(template: string, ...flags: string[]): Promise<{ report: AuditReport; code: number; stdout: string }> {
  const file = write(tmp.dir, `t${Math.random().toString(36).slice(2)}.yaml`, template);
  const run = await runCli(['audit', file, '--format', 'json', ...flags]);
  return { report: JSON.parse(run.stdout) as AuditReport, code: run.code, stdout: run.stdout };
}

const on = (report: AuditReport, logicalId: string) => report.findings.filter((f) => f.logicalId === logicalId).map((f) => f.ruleId);

describe('suppressions in the template', () => {
  it('suppress with a reason, by our key or cdk-nag\'s, only where they are written; suppressed findings are listed with reasons', async () => {
    const { report } = await audit(TEMPLATE);
    expect(on(report, 'Unsuppressed')).toEqual(expect.arrayContaining(['TokenGuard-COG4', 'TokenGuard-COG6']));
    expect(on(report, 'Suppressed')).not.toContain('TokenGuard-COG4');
    expect(on(report, 'Suppressed')).not.toContain('TokenGuard-COG6');
    expect(on(report, 'LegacyClientSecret')).toEqual([]);
    const suppressed = report.suppressed.map((s) => [s.logicalId, s.ruleId, s.suppression.source, s.suppression.reason, s.suppression.line]);
    expect(suppressed).toEqual(
      expect.arrayContaining([
        ['Suppressed', 'TokenGuard-COG4', 'cdk-token-guard', 'Vendor SDK cannot use rotated refresh tokens before v5; ticket SEC-123', 18],
        ['Suppressed', 'TokenGuard-COG6', 'cdk_nag', 'The single-page app moves to the code flow in Q3; ticket SEC-124', 22],
        ['LegacyClientSecret', 'TokenGuard-SEC6', 'cdk-token-guard', expect.stringMatching(/^The partner rotates it weekly/), 4],
      ]),
    );
    expect(report.summary.suppressed).toBe(report.suppressed.length);
    // Suppressed findings keep everything a finding has.
    expect(report.suppressed[0]).toMatchObject({ file: expect.any(String), path: expect.any(String), message: expect.any(String), severity: expect.any(String) });
  });

  it('without a reason a suppression is a TokenGuard-ACK1 warning at its own line, and the finding stays', async () => {
    const { report } = await audit(TEMPLATE);
    expect(on(report, 'Suppressed')).toContain('TokenGuard-COG1'); // "ok" is not a reason
    const acks = report.findings.filter((f) => f.ruleId === 'TokenGuard-ACK1');
    expect(acks.map((a) => [a.severity, a.section, a.logicalId, a.path, a.line])).toEqual([
      ['warning', 'Resources', 'Suppressed', 'Metadata.cdk_nag.rules_to_suppress.2', 25],
      ['warning', 'Metadata', '(template)', 'Metadata.cdk-token-guard.suppress.1', 7],
    ]);
    expect(acks[0].message).toBe(
      'The cdk_nag suppression of TokenGuard-COG1 has no reason (at least 10 characters; got "ok"), so it is ignored and the finding is reported: say why the risk is accepted.',
    );
    expect(acks[1].message).toMatch(/^The cdk-token-guard suppression of TokenGuard-COG9 in the template's Metadata needs a target/);
    // Another pack's entry without a reason is not ours to judge.
    expect(JSON.stringify(report)).not.toContain('AwsSolutions-COG7');
  });

  it('a suppression whose reason is only whitespace, or that is absent, does not suppress', async () => {
    for (const reason of [undefined, '"          "', '42', '"  too short "']) {
      const entry = reason === undefined ? '          - id: TokenGuard-COG6\n' : `          - id: TokenGuard-COG6\n            reason: ${reason}\n`;
      const template = `Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Metadata:\n      cdk-token-guard:\n        suppress:\n${entry}${RISKY_CLIENT}\n`;
      const { report, code } = await audit(template);
      expect(on(report, 'C')).toEqual(expect.arrayContaining(['TokenGuard-COG6', 'TokenGuard-ACK1']));
      expect(report.suppressed).toEqual([]);
      expect(code).toBe(1);
    }
  });

  it('suppressing every error makes the audit pass, and ACK1 warnings fail it only with --fail-on warning', async () => {
    const template = `Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - { id: TokenGuard-COG4, reason: "Rotation breaks the vendor SDK; ticket SEC-1" }\n          - { id: TokenGuard-COG6, reason: "Implicit flow until the SPA migrates; ticket SEC-2" }\n          - { id: TokenGuard-COG1 }\n${RISKY_CLIENT}\n`;
    const { report, code } = await audit(template);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
    expect((await audit(template, '--fail-on', 'warning')).code).toBe(1);
  });

  it('template-level targets reach parameters, outputs and Globals; a section alone covers all of it', async () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Metadata:
  cdk-token-guard:
    suppress:
      - { id: TokenGuard-SEC6, target: Parameters, reason: "Test fixture for the partner sandbox only" }
      - { id: TokenGuard-SEC7, target: Outputs.ClientSecretOut, reason: "Read by the sandbox bootstrap; deleted after use" }
      - { id: TokenGuard-SEC1, target: Globals, reason: "Sandbox functions only; production uses Secrets Manager" }
Parameters:
  ApiClientSecret:
    Type: String
Globals:
  Function:
    Environment:
      Variables:
        API_CLIENT_SECRET: !Ref ApiClientSecret
Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: pool
      GenerateSecret: true
Outputs:
  ClientSecretOut:
    Value: !GetAtt Client.ClientSecret
`;
    const { report } = await audit(template);
    const suppressedSubjects = report.suppressed.map((s) => `${s.ruleId} ${s.section}.${s.logicalId}`);
    expect(suppressedSubjects).toEqual(
      expect.arrayContaining(['TokenGuard-SEC6 Parameters.ApiClientSecret', 'TokenGuard-SEC7 Outputs.ClientSecretOut', 'TokenGuard-SEC1 Globals.Function']),
    );
    expect(report.findings.filter((f) => f.section !== 'Resources' && ['TokenGuard-SEC1', 'TokenGuard-SEC7', 'TokenGuard-SEC6'].includes(f.ruleId))).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'TokenGuard-ACK1')).toEqual([]);
  });

  it('names what is wrong with a malformed entry, an unknown rule or an attempt to suppress ACK1', async () => {
    const template = `Metadata:
  cdk-token-guard:
    suppress:
      - { id: TokenGuard-SEC6, target: Parameters.A.B, reason: "a reason long enough" }
Resources:
  A:
    Type: AWS::SNS::Topic
    Metadata:
      cdk-token-guard: { suppress: TokenGuard-COG1 }
  B:
    Type: AWS::SNS::Topic
    Metadata:
      cdk-token-guard:
        suppress:
          - TokenGuard-COG1
          - { id: TokenGuard-COG99, reason: "a typo in the rule id" }
          - { id: TokenGuard-ACK1, reason: "we do not want reasons" }
`;
    const { report } = await audit(template);
    expect(report.findings.map((f) => [f.logicalId, f.path, f.message])).toEqual([
      ['A', 'Metadata.cdk-token-guard', 'The cdk-token-guard metadata must be { suppress: [ { id, reason } ] }, so it suppresses nothing.'],
      ['B', 'Metadata.cdk-token-guard.suppress.0', 'A cdk-token-guard suppression must be { id, reason }, so this one suppresses nothing.'],
      ['B', 'Metadata.cdk-token-guard.suppress.1', 'The cdk-token-guard suppression names "TokenGuard-COG99", which is not a TokenGuard rule, so it suppresses nothing.'],
      ['B', 'Metadata.cdk-token-guard.suppress.2', 'TokenGuard-ACK1 cannot be suppressed: give the other suppressions their reasons.'],
      ['(template)', 'Metadata.cdk-token-guard.suppress.0', expect.stringContaining('"Parameters.A.B" is not one, so it suppresses nothing')],
    ]);
    expect(report.findings.every((f) => f.ruleId === 'TokenGuard-ACK1' && f.severity === 'warning')).toBe(true);
  });

  it('the text report hides suppressed findings unless --verbose', async () => {
    const file = write(tmp.dir, 'text.yaml', TEMPLATE);
    expect((await runCli(['audit', file])).stdout).not.toMatch(/suppressed TokenGuard/);
    const verbose = await runCli(['audit', file, '--verbose']);
    expect(verbose.stdout).toMatch(/27:5\s+suppressed TokenGuard-COG4 RefreshTokenRotation {2}\(cdk-token-guard: "Vendor SDK cannot use rotated refresh tokens before v5; ticket SEC-123"\)/);
    expect(verbose.errLines.at(-1)).toMatch(/, 3 suppressed, /);
  });
});

describe('the suppression model', () => {
  it('normalises ids as CDK and cdk-nag write them', () => {
    expect(['TokenGuard-COG3', 'TokenGuard::TokenGuard-COG3', 'Annotation::TokenGuard::TokenGuard-COG3', 'annotation::TokenGuard-COG3', ' TokenGuard-COG3 '].map(bareRuleId)).toEqual(
      Array(5).fill('TokenGuard-COG3'),
    );
  });

  it('prefers a resource-level entry to a template-level one, and never matches another resource', () => {
    const template = {
      Metadata: { 'cdk-token-guard': { suppress: [{ id: 'TokenGuard-COG1', target: 'Resources', reason: 'every client in this fixture' }] } },
      Resources: { A: { Type: 'x', Metadata: { 'cdk-token-guard': { suppress: [{ id: 'TokenGuard-COG1', reason: 'this client in particular' }] } } }, B: { Type: 'x' } },
    };
    const entries = collectSuppressions(template, RULE_IDS);
    expect(suppressionFor({ ruleId: 'TokenGuard-COG1', section: 'Resources', logicalId: 'A' }, entries)?.reason).toBe('this client in particular');
    expect(suppressionFor({ ruleId: 'TokenGuard-COG1', section: 'Resources', logicalId: 'B' }, entries)?.reason).toBe('every client in this fixture');
    expect(suppressionFor({ ruleId: 'TokenGuard-COG2', section: 'Resources', logicalId: 'A' }, entries)).toBeUndefined();
    expect(suppressionFor({ ruleId: 'TokenGuard-COG1', section: 'Parameters', logicalId: 'A' }, entries)).toBeUndefined();
  });
});
