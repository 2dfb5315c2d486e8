/**
 * `--format sarif`: valid against the published SARIF 2.1.0 schema (@microsoft/jest-sarif), with rule metadata,
 * help, levels, physical and logical locations, suppressions with their justification, and input errors as
 * tool execution notifications.
 */
import '@microsoft/jest-sarif';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { META_RULES } from '../../../rules/meta';
import { ALL_RULES } from '../../../rules/registry';
import { tempDir, write } from '../helpers';
import { RISKY_YAML, runCli } from './cli';

const tmp = tempDir('tg-sarif-');
afterAll(() => tmp.cleanup());

const SUPPRESSED = `Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Metadata:
      cdk_nag:
        rules_to_suppress:
          - id: TokenGuard::TokenGuard-COG6
            reason: The single-page app moves to the code flow in Q3; ticket SEC-124
    Properties:
      UserPoolId: pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [implicit]
      AllowedOAuthScopes: [openid]
      CallbackURLs: [https://app.example.com/callback]
`;

let log: Sarif.Log;
let run: Sarif.Run;
let code: number;

beforeAll(async () => {
  write(tmp.dir, 'templates/risky stack.yaml', RISKY_YAML);
  write(tmp.dir, 'templates/suppressed.yaml', SUPPRESSED);
  write(tmp.dir, 'templates/broken.json', '{"Resources": {"A": }}');
  const result = await runCli(
    ['audit', path.join(tmp.dir, 'templates', 'risky stack.yaml'), path.join(tmp.dir, 'templates', 'suppressed.yaml'), path.join(tmp.dir, 'templates', 'broken.json'), '--format', 'sarif'],
    { cwd: tmp.dir },
  );
  code = result.code;
  log = JSON.parse(result.stdout) as Sarif.Log;
  run = log.runs[0];
});

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    expect(log).toBeValidSarifLog();
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(code).toBe(2);
  });

  it('describes every rule: summary, rationale, fix as help, default level, help URI to its RULES.md section, standards', () => {
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([...ALL_RULES, ...META_RULES].map((r) => r.id));
    const cog6 = rules.find((r) => r.id === 'TokenGuard-COG6')!;
    expect(cog6).toMatchObject({
      name: 'ImplicitGrant',
      shortDescription: { text: expect.stringContaining('implicit') },
      fullDescription: { text: expect.any(String) },
      help: { text: expect.stringContaining('Fix in CloudFormation: AllowedOAuthFlows: [code]'), markdown: expect.stringContaining('**Fix in CDK:**') },
      helpUri: expect.stringMatching(/RULES\.md#tokenguard-cog6-implicitgrant$/),
      defaultConfiguration: { level: 'error' },
    });
    expect(cog6.properties!.tags).toEqual(expect.arrayContaining(['security', 'RFC9700 §2.1.2']));
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives each result its level, message, file and line, and the resource as a logical location', () => {
    const implicit = run.results!.find((r) => r.ruleId === 'TokenGuard-COG6' && r.suppressions === undefined)!;
    expect(implicit.level).toBe('error');
    expect(implicit.message.text).toBe('The implicit grant is enabled (AllowedOAuthFlows [code, implicit]); tokens travel in the redirect URL. (when IsProd=false)');
    expect(run.tool.driver.rules![implicit.ruleIndex!].id).toBe('TokenGuard-COG6');
    const [location] = implicit.locations!;
    expect(location.physicalLocation).toEqual({
      artifactLocation: { uri: 'templates/risky%20stack.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 16, startColumn: 7 },
    });
    expect(location.logicalLocations).toEqual([{ name: 'Client', fullyQualifiedName: 'Client', kind: 'resource' }]);
    expect(run.originalUriBaseIds!['%SRCROOT%'].uri).toBe(`file://${tmp.dir}/`);
    expect(implicit.partialFingerprints!['tokenGuardFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
    const warning = run.results!.find((r) => r.ruleId === 'TokenGuard-COG1')!;
    expect(warning.level).toBe('warning');
  });

  it('keeps suppressed findings as results with an in-source suppression and its justification', () => {
    const suppressed = run.results!.filter((r) => r.suppressions !== undefined);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].ruleId).toBe('TokenGuard-COG6');
    expect(suppressed[0].suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'The single-page app moves to the code flow in Q3; ticket SEC-124',
        location: { physicalLocation: { artifactLocation: { uri: 'templates/suppressed.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 13 } } },
        properties: { source: 'cdk_nag' },
      },
    ]);
  });

  it('reports input errors as notifications of an unsuccessful invocation', () => {
    const [invocation] = run.invocations!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.exitCode).toBe(2);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: `${path.join(tmp.dir, 'templates', 'broken.json')}:1:21: malformed JSON: expected a value but found "}"` },
        descriptor: { id: 'syntax' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'templates/broken.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 21 } } }],
      },
    ]);
  });

  it('uses absolute file URIs outside the working directory, and is valid for standard input and a clean run too', async () => {
    const outside = await runCli(['audit', path.join(tmp.dir, 'templates', 'suppressed.yaml'), '--format', 'sarif'], { cwd: path.join(tmp.dir, 'elsewhere') });
    const uri = (JSON.parse(outside.stdout) as Sarif.Log).runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri;
    expect(uri).toBe(`file://${tmp.dir}/templates/suppressed.yaml`);
    expect(JSON.parse(outside.stdout)).toBeValidSarifLog();

    const stdin = await runCli(['audit', '-', '--format', 'sarif'], { stdin: RISKY_YAML });
    expect(JSON.parse(stdin.stdout)).toBeValidSarifLog();
    const clean = write(tmp.dir, 'clean.yaml', 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    const none = JSON.parse((await runCli(['audit', clean, '--format', 'sarif'])).stdout) as Sarif.Log;
    expect(none).toBeValidSarifLog();
    expect(none.runs[0].results).toEqual([]);
  });

  it('writes atomically with --output', async () => {
    const target = path.join(tmp.dir, 'report.sarif');
    const result = await runCli(['audit', path.join(tmp.dir, 'templates', 'suppressed.yaml'), '-f', 'sarif', '-o', target]);
    expect(result.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toBeValidSarifLog();
  });
});
