import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Duration, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { TokenGuardChecks } from '../rules/pack';
import { PolicyError } from '../rules/engine/policy';
import { goodClient, synthOutcome } from './pack-helpers';

function newApp(context: Record<string, unknown> = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-pack-'));
  return new App({ builtinCloudFormationValidation: false, outdir, context });
}

const ruleNames = (report: { violations: { ruleName: string }[] }) => report.violations.map((v) => v.ruleName).sort();

describe('TokenGuardChecks', () => {
  test('reports errors and warnings with construct path and property location (validateScope, no synth)', () => {
    const app = newApp();
    const pool = new cognito.UserPool(new Stack(app, 'S'), 'Pool');
    pool.addClient('Plain');
    const report = new TokenGuardChecks(app).validateScope(app);
    expect(report.success).toBe(false);
    const rotation = report.violations.find((v) => v.ruleName === 'TokenGuard-COG4')!;
    expect(rotation.severity).toBe('error');
    expect(rotation.violatingResources).toEqual([{ constructPath: 'S/Pool/Plain/Resource', locations: ['Properties.RefreshTokenRotation.Feature'] }]);
    expect(rotation.fix).toContain('RefreshTokenRotation');
    expect(rotation.ruleMetadata?.standards).toContain('RFC9700 §2.2.2');
    expect(report.violations.find((v) => v.ruleName === 'TokenGuard-COG9')!.severity).toBe('warning');
  });

  test('a compliant client passes, and synth succeeds', () => {
    const app = newApp();
    goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Good');
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    expect(synthOutcome(app)).toMatchObject({ failed: false });
  });

  test('an ERROR fails synth and names the rule', () => {
    const app = newApp();
    new cognito.UserPool(new Stack(app, 'S'), 'Pool').addClient('Plain', { refreshTokenValidity: Duration.days(3650) });
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG3 RefreshTokenLifetime: Refresh tokens live 3650 days/) });
  });

  test('WARN findings are reported but do not fail synth', () => {
    const app = newApp();
    const client = goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Slow');
    (client.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('AccessTokenValidity', 30);
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    const outcome = synthOutcome(app);
    expect(outcome.failed).toBe(false);
    // Printed (each aws-cdk-lib release formats the report its own way) and written into the cloud assembly.
    expect(outcome.output).toMatch(/warning/i);
    expect(outcome.output).toContain('TokenGuard-COG1');
    expect(outcome.output).toContain('Access tokens live 30 minutes');
    const reports = fs.readdirSync(app.outdir).filter((f) => f.endsWith('validation-report.json'));
    expect(reports.map((f) => fs.readFileSync(path.join(app.outdir, f), 'utf8')).join('')).toContain('TokenGuard-COG1');
  });

  test('an escape hatch cannot bypass the gate: addPropertyOverride of AccessTokenValidity to 1440 minutes', () => {
    const app = newApp();
    const client = goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Hatch');
    (client.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('AccessTokenValidity', 1440);
    const report = new TokenGuardChecks(app).validateScope(app);
    const v = report.violations.find((x) => x.ruleName === 'TokenGuard-COG1')!;
    expect(v.severity).toBe('error');
    expect(v.description).toContain('1 day');
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG1/) });
  });

  test('resources brought in with CfnInclude are judged like any other', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-include-'));
    const file = path.join(dir, 'legacy.json');
    fs.writeFileSync(file, JSON.stringify({
      Resources: {
        Pool: { Type: 'AWS::Cognito::UserPool' },
        Legacy: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, RefreshTokenValidity: 3650, EnableTokenRevocation: false } },
      },
    }));
    const app = newApp();
    const include = new CfnInclude(new Stack(app, 'Legacy'), 'Tpl', { templateFile: file });
    const report = new TokenGuardChecks(app).validateScope(app);
    expect(report.violations.filter((v) => v.violatingResources[0].constructPath === 'Legacy/Tpl/Legacy').map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['TokenGuard-COG3', 'TokenGuard-COG4', 'TokenGuard-COG5']),
    );
    Validations.of(include.getResource('Legacy')).acknowledge({ id: 'TokenGuard::TokenGuard-COG8', reason: 'custom auth is used by the legacy kiosk sign-in' });
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG5/) });
  });

  test('findings in nested stacks are reported with their construct path', () => {
    const app = newApp();
    const parent = new Stack(app, 'Parent');
    const pool = new cognito.UserPool(parent, 'Pool');
    new cognito.UserPoolClient(new NestedStack(parent, 'Child'), 'Inner', { userPool: pool, enableTokenRevocation: false });
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG5[\s\S]*Parent\/Child\/Inner\/Resource/) });
  });

  describe('acknowledgements', () => {
    function riskyApp() {
      const app = newApp();
      const client = goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Legacy', 90);
      return { app, client };
    }

    test('without one, the 90-day refresh token fails synth', () => {
      const { app } = riskyApp();
      Validations.of(app).addPlugins(new TokenGuardChecks(app));
      expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG3/) });
    });

    test('the namespaced id (the form CDK prints) suppresses the finding on that construct', () => {
      const { app, client } = riskyApp();
      Validations.of(client).acknowledge({ id: 'TokenGuard::TokenGuard-COG3', reason: 'vendor integration requires 90 days until March' });
      Validations.of(app).addPlugins(new TokenGuardChecks(app));
      expect(synthOutcome(app)).toMatchObject({ failed: false });
    });

    test('the bare id (cdk-nag\'s form) suppresses it too', () => {
      const { app, client } = riskyApp();
      Validations.of(client).acknowledge({ id: 'TokenGuard-COG3', reason: 'vendor integration requires 90 days until March' });
      expect(ruleNames(new TokenGuardChecks(app).validateScope(app))).not.toContain('TokenGuard-COG3');
    });

    test('the bare id on an ancestor (the stack) covers the resources below it', () => {
      const { app } = riskyApp();
      Validations.of(app.node.findChild('S')).acknowledge({ id: 'TokenGuard-COG3', reason: 'the whole stack is a vendor sandbox' });
      expect(ruleNames(new TokenGuardChecks(app).validateScope(app))).not.toContain('TokenGuard-COG3');
    });

    test('an acknowledgement on one construct does not silence another', () => {
      const { app } = riskyApp();
      const other = goodClient(new cognito.UserPool(new Stack(app, 'T'), 'Pool'), 'Other');
      Validations.of(other).acknowledge({ id: 'TokenGuard-COG3', reason: 'a reason that is long enough' });
      expect(ruleNames(new TokenGuardChecks(app).validateScope(app))).toContain('TokenGuard-COG3');
    });

    test('at synth too: an acknowledgement on one client leaves another client\'s finding failing synth', () => {
      const { app, client } = riskyApp();
      goodClient(new cognito.UserPool(new Stack(app, 'T'), 'Pool'), 'Other', 90);
      // The bare id: the namespaced one is scoped by CDK itself only from aws-cdk-lib 2.271 (docs/compatibility.md).
      Validations.of(client).acknowledge({ id: 'TokenGuard-COG3', reason: 'vendor integration requires 90 days until March' });
      Validations.of(app).addPlugins(new TokenGuardChecks(app));
      expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG3[\s\S]*T\/Pool\/Other\/Resource/) });
    });

    test('an acknowledgement without a reason is itself an error', () => {
      const { app, client } = riskyApp();
      Validations.of(client).acknowledge({ id: 'TokenGuard::TokenGuard-COG3', reason: ' ' });
      const report = new TokenGuardChecks(app).validateScope(app);
      const ack = report.violations.find((v) => v.ruleName === 'TokenGuard-ACK1')!;
      expect(ack.severity).toBe('error');
      expect(ack.violatingResources[0].constructPath).toBe('S/Pool/Legacy');
    });
  });

  describe('acknowledgements in the template and in older aws-cdk-lib', () => {
    test('our own cdk-token-guard metadata in an included template counts, as in the audit CLI', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-include-'));
      const file = path.join(dir, 'legacy.json');
      const reason = 'the kiosk sign-in needs 3650 days until its replacement ships';
      fs.writeFileSync(file, JSON.stringify({
        Resources: {
          Pool: { Type: 'AWS::Cognito::UserPool' },
          Legacy: {
            Type: 'AWS::Cognito::UserPoolClient',
            Metadata: { 'cdk-token-guard': { suppress: [{ id: 'TokenGuard-COG3', reason }] } },
            Properties: { UserPoolId: { Ref: 'Pool' }, RefreshTokenValidity: 3650 },
          },
        },
      }));
      const app = newApp();
      new CfnInclude(new Stack(app, 'Legacy'), 'Tpl', { templateFile: file });
      const names = ruleNames(new TokenGuardChecks(app).validateScope(app));
      expect(names).toContain('TokenGuard-COG4');
      expect(names).not.toContain('TokenGuard-COG3');
    });

    test('writeSuppressionsToCloudFormation copies acknowledgements into the resources below, keeping entries already there', () => {
      const app = newApp();
      const client = goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Legacy', 90);
      new TokenGuardChecks(app, { writeSuppressionsToCloudFormation: true });
      const cfn = client.node.defaultChild as cognito.CfnUserPoolClient;
      cfn.addMetadata('cdk_nag', { rules_to_suppress: [{ id: 'AwsSolutions-COG7', reason: 'written by NagSuppressions before' }] });
      Validations.of(client).acknowledge({ id: 'TokenGuard::TokenGuard-COG3', reason: 'vendor integration requires 90 days until March' });
      const template = JSON.parse(fs.readFileSync(path.join(app.synth().directory, 'S.template.json'), 'utf8'));
      const [logicalId] = Object.keys(template.Resources).filter((id) => template.Resources[id].Type === 'AWS::Cognito::UserPoolClient');
      expect(template.Resources[logicalId].Metadata.cdk_nag.rules_to_suppress).toEqual([
        { id: 'AwsSolutions-COG7', reason: 'written by NagSuppressions before' },
        { id: 'TokenGuard::TokenGuard-COG3', reason: 'vendor integration requires 90 days until March' },
      ]);
    });

    test('on aws-cdk-lib before 2.262 (no stackTemplates in the context) it finds each stack by where its template is written', () => {
      const app = newApp();
      const client = goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Legacy', 90);
      goodClient(new cognito.UserPool(new Stack(app, 'T'), 'Pool'), 'Other', 90);
      Validations.of(client).acknowledge({ id: 'TokenGuard-COG3', reason: 'vendor integration requires 90 days until March' });
      const assembly = app.synth();
      const templatePaths = assembly.stacks.map((s) => path.join(assembly.directory, s.templateFile));
      const report = new TokenGuardChecks(app).validate({ appConstruct: app, templatePaths } as never);
      expect(report.violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.constructPath)])).toEqual([['TokenGuard-COG3', ['T/Pool/Other/Resource']]]);
      expect(report.success).toBe(false);
    });
  });

  describe('policy', () => {
    test('from cdk.json context, with props winning', () => {
      const app = newApp({ 'cdk-token-guard:policy': { refreshTokenDays: { warnAbove: 1, errorAbove: 3 } } });
      goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Weekly');
      expect(new TokenGuardChecks(app).validateScope(app).violations.find((v) => v.ruleName === 'TokenGuard-COG3')?.severity).toBe('error');
      const relaxed = new TokenGuardChecks(app, { policy: { refreshTokenDays: { errorAbove: 30 } } });
      expect(relaxed.validateScope(app).violations.find((v) => v.ruleName === 'TokenGuard-COG3')?.severity).toBe('warning');
    });

    test('a bad value fails at construction with the setting and its source named', () => {
      const app = newApp();
      expect(() => new TokenGuardChecks(app, { policy: { accessTokenMinutes: { errorAbove: 0 } } })).toThrow(PolicyError);
      expect(() => new TokenGuardChecks(app, { policy: { accessTokenMinutes: { errorAbove: 0 } } })).toThrow(/TokenGuardChecks props.*accessTokenMinutes.errorAbove/);
      const bad = newApp({ 'cdk-token-guard:policy': { cannotTell: 'never' } });
      expect(() => new TokenGuardChecks(bad)).toThrow(/cdk.json context "cdk-token-guard:policy".*cannotTell/);
    });
  });

  test('a template that cannot be read is an error naming the stack, not a crash or a silent pass', () => {
    const app = newApp();
    goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Good');
    const report = new TokenGuardChecks(app).validate({
      appConstruct: app,
      templatePaths: [path.join(app.outdir, 'missing.template.json')],
      stackTemplates: [{ stackConstructPath: 'S', templatePath: path.join(app.outdir, 'missing.template.json'), accountId: undefined, region: undefined }],
    });
    expect(report.success).toBe(false);
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0]).toMatchObject({ ruleName: 'TokenGuard-TEMPLATE', severity: 'error', violatingResources: [{ constructPath: 'S' }] });
    expect(report.violations[0].description).toMatch(/could not read the template of S: ENOENT/);
  });

  test('a CfnParameter-driven value is a cannot-tell warning, not a crash or a silent pass', () => {
    const app = newApp();
    const stack = new Stack(app, 'S');
    const ttl = new CfnParameter(stack, 'Ttl', { type: 'Number' });
    const client = goodClient(new cognito.UserPool(stack, 'Pool'), 'Param');
    (client.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('AccessTokenValidity', ttl.valueAsNumber);
    const v = new TokenGuardChecks(app).validateScope(app).violations.find((x) => x.ruleName === 'TokenGuard-COG1')!;
    expect(v.severity).toBe('warning');
    expect(v.description).toMatch(/^TokenGuard-COG1 AccessTokenLifetime: \[cannot tell\].*parameter Ttl/);
  });
});
