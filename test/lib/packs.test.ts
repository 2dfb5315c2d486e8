/**
 * Every construct, alone and together, passes TokenGuardChecks and cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA and
 * PCI DSS packs with no unacknowledged finding (warnings included), and every acknowledgement has a reason that
 * README lists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { DelegatedClient, RefreshTokenVault, WorkloadClient } from '../../lib';
import { allPacks, packFindings, poolStack, testApp } from './helpers';

function delegated(app: App = testApp()) {
  const s = poolStack(app);
  return { ...s, client: new DelegatedClient(s.stack, 'Integration', { userPool: s.pool, callbackUrls: ['https://app.example.com/callback'] }) };
}

function workload(app: App = testApp()) {
  const s = poolStack(app);
  const consumer = new iam.Role(s.stack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { ...s, client: new WorkloadClient(s.stack, 'Workload', { userPool: s.pool, scopes: [s.readScope], consumers: [consumer] }) };
}

function vault(app: App = testApp()) {
  const s = delegated(app);
  const reader = new iam.Role(s.stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { ...s, vault: new RefreshTokenVault(s.stack, 'Vault', { client: s.client, readers: [reader] }) };
}

function everything(app: App = testApp()) {
  const s = vault(app);
  const consumer = new iam.Role(s.stack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const w = new WorkloadClient(s.stack, 'Workload', { userPool: s.pool, scopes: [s.readScope], consumers: [consumer] });
  return { ...s, workload: w };
}

describe('no unacknowledged finding from TokenGuardChecks, AwsSolutions, NIST 800-53 R5, HIPAA or PCI DSS', () => {
  test.each([
    ['DelegatedClient alone', () => delegated().app],
    ['WorkloadClient alone', () => workload().app],
    ['RefreshTokenVault (with its client)', () => vault().app],
    ['all three together', () => everything().app],
  ])('%s', (_name, build) => {
    expect(packFindings(build())).toEqual([]);
  });

  test('end to end: synth with the five packs registered succeeds, bundling included', () => {
    const app = testApp({}, { bundle: true });
    everything(app);
    Validations.of(app).addPlugins(...allPacks());
    const assembly = app.synth();
    const stack = assembly.getStackByName('Stack');
    expect(Object.values(stack.template.Resources as Record<string, { Type: string }>).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(2);
    // Both handlers bundled by the local esbuild, with the SDK clients they need inside the bundle.
    const bundles = fs
      .readdirSync(assembly.directory)
      .filter((f) => f.startsWith('asset.'))
      .map((dir) => fs.readFileSync(path.join(assembly.directory, dir, 'index.js'), 'utf8'));
    expect(bundles).toHaveLength(2);
    expect(bundles.some((b) => b.includes('AddUserPoolClientSecret'))).toBe(true);
    for (const b of bundles) expect(b).not.toMatch(/require\("@aws-sdk\/client-/);
  });

  test('the pack still sees risky settings around the constructs (the checks are not switched off wholesale)', () => {
    const s = everything();
    s.pool.addClient('Risky', { oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] } });
    const findings = packFindings(s.app);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['TokenGuard-COG3', 'TokenGuard-COG4', 'TokenGuard-COG6']));
    expect(findings.every((f) => f.path.startsWith('Stack/Pool/Risky/'))).toBe(true);
  });
});

describe('acknowledgements', () => {
  // CDK records an id without a well-known prefix as "Annotation::<id>"; cdk-nag matches the bare id.
  const acks = collectAcknowledgements(everything().app).map((a) => ({ ...a, id: a.id.replace(/^Annotation::/, '') }));
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  test('the constructs acknowledge only cdk-nag findings and CloudFormation-Validate W3030, never a TokenGuard rule', () => {
    expect([...new Set(acks.map((a) => a.id))].sort()).toEqual([
      'CloudFormation-Validate::W3030',
      'HIPAA.Security-LambdaDLQ',
      'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R5-LambdaDLQ',
      'NIST.800.53.R5-LambdaInsideVPC',
      'PCI.DSS.321-LambdaInsideVPC',
    ]);
  });

  test('each has a reason of substance, and README lists each id with its reason', () => {
    for (const a of acks) {
      expect(a.reason.length).toBeGreaterThan(80);
      expect(readme).toContain(a.id);
      expect(readme.replace(/\s+/g, ' ')).toContain(a.reason.replace(/\s+/g, ' ').slice(0, 60));
    }
  });
});

function collectAcknowledgements(root: IConstruct): { id: string; reason: string; path: string }[] {
  const out: { id: string; reason: string; path: string }[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) out.push({ id, reason, path: c.node.path });
    }
  }
  return out;
}
