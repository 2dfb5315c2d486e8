/**
 * Every construct, alone and together, passes TokenGuardChecks and cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA and
 * PCI DSS packs with no unacknowledged finding (warnings included), and every acknowledgement has a reason that
 * docs/constructs.md lists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as nag2 from 'cdk-nag-v2';
import { ReferenceStack } from '../../bin/reference-stack';
import { DelegatedClient, RefreshTokenVault, TokenBroker, WorkloadClient } from '../../lib';
import { TokenGuardChecks } from '../../rules/pack';
import { allPacks, packFindings, poolStack, testApp } from './helpers';

function delegated(app: App = testApp(), accessTokenValidity?: Duration) {
  const s = poolStack(app);
  return { ...s, client: new DelegatedClient(s.stack, 'Integration', { userPool: s.pool, callbackUrls: ['https://app.example.com/callback'], accessTokenValidity }) };
}

function workload(app: App = testApp()) {
  const s = poolStack(app);
  const consumer = new iam.Role(s.stack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { ...s, client: new WorkloadClient(s.stack, 'Workload', { userPool: s.pool, scopes: [s.readScope], consumers: [consumer] }) };
}

function vault(app: App = testApp(), accessTokenValidity?: Duration) {
  const s = delegated(app, accessTokenValidity);
  const reader = new iam.Role(s.stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { ...s, vault: new RefreshTokenVault(s.stack, 'Vault', { client: s.client, readers: [reader] }) };
}

/** A vault with its broker (which needs access tokens of at least 12 minutes: 15, the policy's target). */
function brokered(app: App = testApp()) {
  const s = vault(app, Duration.minutes(15));
  const worker = new iam.Role(s.stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { ...s, broker: new TokenBroker(s.stack, 'Broker', { vault: s.vault, consumers: [worker] }) };
}

function everything(app: App = testApp()) {
  const s = brokered(app);
  const consumer = new iam.Role(s.stack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const w = new WorkloadClient(s.stack, 'Workload', { userPool: s.pool, scopes: [s.readScope], consumers: [consumer] });
  return { ...s, workload: w };
}

describe('no unacknowledged finding from TokenGuardChecks, AwsSolutions, NIST 800-53 R5, HIPAA or PCI DSS', () => {
  test.each([
    ['DelegatedClient alone', () => delegated().app],
    ['WorkloadClient alone', () => workload().app],
    ['RefreshTokenVault (with its client)', () => vault().app],
    ['TokenBroker (with its vault and client)', () => brokered().app],
    ['all four together', () => everything().app],
  ])('%s', (_name, build) => {
    expect(packFindings(build())).toEqual([]);
  });

  test('end to end: synth with the five packs registered succeeds, the pre-built bundles staged', () => {
    const app = testApp();
    everything(app);
    Validations.of(app).addPlugins(...allPacks());
    const assembly = app.synth();
    const stack = assembly.getStackByName('Stack');
    // The workload client's rotator, the broker and the broker's rotation and revocation functions (the rotation
    // replaced the vault's default rotator: that one was staged when the vault was built, but nothing deploys it).
    const functions = Object.values(stack.template.Resources as Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    expect(functions).toHaveLength(4);
    // Every deployed handler is its pre-built bundle, with the SDK clients it needs inside.
    const bundles = functions.map((f) => fs.readFileSync(path.join(assembly.directory, `asset.${String(f.Properties.Code?.S3Key).replace(/\.zip$/, '')}`, 'index.js'), 'utf8'));
    expect(bundles.filter((b) => b.includes('holds no client credentials to test')).length).toBe(1);
    expect(bundles.filter((b) => b.includes('TOKENGUARD_STAGED')).length).toBe(3);
    for (const b of bundles) expect(/require\("@aws-sdk\/client-/.test(b)).toBe(false);
  });

  test('the reference app (bin/reference-stack.ts): the complete picture, with no unacknowledged finding', () => {
    const app = testApp();
    const stack = new ReferenceStack(app, 'Reference');
    expect(packFindings(app)).toEqual([]);
    const t = Template.fromStack(stack);
    const types = Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    const count = (type: string) => types.filter((x) => x === type).length;
    // A user pool with a delegated client (vault, broker, rotation, revocation) and a workload client (and its rotator).
    expect([count('AWS::Cognito::UserPool'), count('AWS::Cognito::UserPoolClient'), count('AWS::SecretsManager::Secret'), count('AWS::Lambda::Function')]).toEqual([1, 2, 2, 4]);
    // Four alarms and the unexpected-read rule, all to the one encrypted topic.
    const alarms = t.findResources('AWS::CloudWatch::Alarm');
    expect(Object.values(alarms).map((a) => a.Properties.MetricName).sort()).toEqual(['BrokerFailure', 'GrantUnusable', 'RevocationFailure', 'RotationFailure']);
    const topics = Object.keys(t.findResources('AWS::SNS::Topic'));
    expect(topics).toHaveLength(1);
    for (const a of Object.values(alarms)) expect(a.Properties.AlarmActions).toEqual([{ Ref: topics[0] }]);
    t.hasResourceProperties('AWS::Events::Rule', { State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', Targets: [{ Arn: { Ref: topics[0] }, Id: 'Target0', InputTransformer: Match.anyValue() }] });
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
  // CDK records an id without a well-known prefix as "Annotation::<id>" (lower-case in older releases); cdk-nag matches the bare id.
  const acks = collectAcknowledgements(everything().app).map((a) => ({ ...a, id: a.id.replace(/^annotation::/i, '') }));
  const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'constructs.md'), 'utf8');

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

  test('each has a reason of substance, and docs/constructs.md lists each id with its reason', () => {
    for (const a of acks) {
      expect(a.reason.length).toBeGreaterThan(80);
      expect(docs).toContain(a.id);
      expect(docs.replace(/\s+/g, ' ')).toContain(a.reason.replace(/\s+/g, ' ').slice(0, 60));
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

describe('the constructs in an app on cdk-nag 2', () => {
  test('pass its AwsSolutions, NIST 800-53 R5, HIPAA and PCI packs and TokenGuardChecks: no error or warning', () => {
    const { app, stack, pool } = everything();
    // A vault without a broker keeps its default rotator, so every function the constructs deploy is checked.
    new RefreshTokenVault(stack, 'OtherVault', { client: new DelegatedClient(stack, 'Other', { userPool: pool, callbackUrls: ['https://app.example.com/cb'] }) });
    for (const pack of [new nag2.AwsSolutionsChecks(), new nag2.NIST80053R5Checks(), new nag2.HIPAASecurityChecks(), new nag2.PCIDSS321Checks()]) Aspects.of(app).add(pack);
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    app.synth();
    const findings = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:error' || m.type === 'aws:cdk:warning').map((m) => `${c.node.path}: ${String(m.data).split(':')[0]}`));
    expect(findings).toEqual([]);
  });
});
