/**
 * `token-guard audit cdk.out` on an app synthesised here: every stack and nested stack, construct paths from the
 * assembly, the CDK fix in the text report, and acknowledgements that cdk-nag 3 wrote into the templates
 * (`writeSuppressionsToCloudFormation`) honoured as suppressions when they carry a reason.
 */
import * as path from 'node:path';
import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { AuditReport } from '../../../bin/cli/audit/report';
import { TokenGuardChecks } from '../../../rules/pack';
import { tempDir } from '../helpers';
import { runCli } from './cli';

const tmp = tempDir('tg-audit-cdk-');
const outdir = path.join(tmp.dir, 'cdk.out');
afterAll(() => tmp.cleanup());

beforeAll(() => {
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } });
  // The pack is only asked to write acknowledgements into the templates, as a CI synth would; it does not gate here.
  new TokenGuardChecks(app, { writeSuppressionsToCloudFormation: true });
  const top = new Stack(app, 'Top');
  const pool = new cognito.UserPool(top, 'Pool');
  const legacy = pool.addClient('Legacy'); // CDK's defaults: implicit grant, no rotation
  Validations.of(legacy).acknowledge({ id: 'TokenGuard::TokenGuard-COG6', reason: 'The legacy SPA moves to the code flow in Q3; ticket SEC-124' });
  Validations.of(legacy).acknowledge({ id: 'TokenGuard-COG4', reason: 'later' });
  const inner = new NestedStack(top, 'Inner');
  new cognito.UserPool(inner, 'InnerPool').addClient('Partner');
  app.synth();
});

describe('auditing a cdk.out', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = JSON.parse((await runCli(['audit', outdir, '--format', 'json'])).stdout) as AuditReport;
  });

  it('audits every stack and nested stack, naming each by its construct path', () => {
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ files: 1, templates: 2 });
    const stacks = new Set(report.findings.map((f) => `${f.stack} ${path.basename(f.file)}`));
    expect([...stacks].sort()).toEqual(['Top Top.template.json', expect.stringMatching(/^Top\/Inner .*\.nested\.template\.json$/)]);
    const partner = report.findings.find((f) => f.stack === 'Top/Inner' && f.ruleId === 'TokenGuard-COG6')!;
    expect(partner.constructPath).toBe('Top/Inner/InnerPool/Partner/Resource');
    expect(partner.line).toBeGreaterThan(1);
  });

  it('honours acknowledgements written by cdk-nag 3 that have a reason, and flags the one that has none', () => {
    const legacy = report.findings.filter((f) => f.stack === 'Top' && f.constructPath === 'Top/Pool/Legacy/Resource');
    expect(legacy.map((f) => f.ruleId)).not.toContain('TokenGuard-COG6');
    expect(legacy.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['TokenGuard-COG4', 'TokenGuard-ACK1']));
    expect(report.suppressed.map((s) => [s.ruleId, s.constructPath, s.suppression.source, s.suppression.reason])).toEqual([
      ['TokenGuard-COG6', 'Top/Pool/Legacy/Resource', 'cdk_nag', 'The legacy SPA moves to the code flow in Q3; ticket SEC-124'],
    ]);
    expect(legacy.find((f) => f.ruleId === 'TokenGuard-ACK1')!.message).toMatch(/suppression of TokenGuard-COG4 has no reason .*got "later"/);
  });

  it('shows the CDK fix and the stack in the text report', async () => {
    const run = await runCli(['audit', outdir]);
    expect(run.stdout).toContain(`${path.join(outdir, 'Top.template.json')}  (stack Top)\n`);
    expect(run.stdout).toContain('Legacy');
    expect(run.stdout).toContain('fix (CDK)');
    expect(run.code).toBe(1);
  });
});

describe('acknowledgements recorded in the assembly (without writeSuppressionsToCloudFormation)', () => {
  const plain = path.join(tmp.dir, 'plain', 'cdk.out');
  let report: AuditReport;

  beforeAll(async () => {
    const app = new App({ outdir: plain, context: { 'aws:cdk:enable-path-metadata': true } });
    const top = new Stack(app, 'Top');
    const pool = new cognito.UserPool(top, 'Pool');
    const web = pool.addClient('Web');
    pool.addClient('Mobile');
    Validations.of(pool).acknowledge({ id: 'TokenGuard-COG4', reason: 'Rotation waits for the SDK upgrade in Q3; ticket SEC-9' });
    Validations.of(web).acknowledge({ id: 'TokenGuard::TokenGuard-COG6', reason: 'The web client moves to the code flow in Q3; ticket SEC-10' });
    const inner = new NestedStack(top, 'Inner');
    const partner = new cognito.UserPool(inner, 'InnerPool').addClient('Partner');
    Validations.of(partner).acknowledge({ id: 'TokenGuard-COG1', reason: 'tbd' });
    app.synth();
    report = JSON.parse((await runCli(['audit', plain, '--format', 'json'])).stdout) as AuditReport;
  });

  it('suppress the findings of the construct and everything below it, with the reason', () => {
    const suppressed = report.suppressed.map((s) => [s.ruleId, s.constructPath, s.suppression.source, s.suppression.reason, s.line !== undefined, s.suppression.line]);
    expect(suppressed).toEqual(
      expect.arrayContaining([
        ['TokenGuard-COG4', 'Top/Pool/Web/Resource', 'cdk-acknowledge', 'Rotation waits for the SDK upgrade in Q3; ticket SEC-9', true, undefined],
        ['TokenGuard-COG4', 'Top/Pool/Mobile/Resource', 'cdk-acknowledge', 'Rotation waits for the SDK upgrade in Q3; ticket SEC-9', true, undefined],
        ['TokenGuard-COG6', 'Top/Pool/Web/Resource', 'cdk-acknowledge', 'The web client moves to the code flow in Q3; ticket SEC-10', true, undefined],
      ]),
    );
    expect(report.suppressed).toHaveLength(3);
    const mobile = report.findings.filter((f) => f.constructPath === 'Top/Pool/Mobile/Resource').map((f) => f.ruleId);
    expect(mobile).toContain('TokenGuard-COG6');
    expect(mobile).not.toContain('TokenGuard-COG4');
  });

  it('report an acknowledgement without a reason once, as TokenGuard-ACK1, and keep the finding', () => {
    const acks = report.findings.filter((f) => f.ruleId === 'TokenGuard-ACK1');
    expect(acks.map((a) => [a.stack, a.section, a.logicalId, a.constructPath, a.severity])).toEqual([['Top', 'Metadata', 'Top/Inner/InnerPool/Partner', 'Top/Inner/InnerPool/Partner', 'warning']]);
    expect(acks[0].message).toMatch(/^The CDK acknowledgement of TokenGuard-COG1 has no reason .*got "tbd"/);
    expect(report.findings.some((f) => f.ruleId === 'TokenGuard-COG1' && f.constructPath === 'Top/Inner/InnerPool/Partner/Resource')).toBe(true);
  });

  it('names the construct in the text report', async () => {
    const run = await runCli(['audit', plain]);
    expect(run.stdout).toContain('\n  CDK acknowledgements of Top/Inner/InnerPool/Partner\n');
    expect(run.stdout).toMatch(/ {4} {8}warning  TokenGuard-ACK1 AcknowledgementReason\n/);
  });
});
