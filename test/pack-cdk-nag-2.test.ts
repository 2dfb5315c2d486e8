/**
 * TokenGuardChecks in apps that are not on cdk-nag 3: an app still on cdk-nag 2 (packs as Aspects, suppressions with
 * `NagSuppressions`), and an app without cdk-nag. The pack is a CDK policy-validation plugin of its own; cdk-nag 3 is
 * made unloadable here to prove it is never needed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag-v2';
import { TokenGuardChecks } from '../rules/pack';
import { goodClient, synthOutcome } from './pack-helpers';

jest.mock('cdk-nag', () => {
  throw new Error('cdk-nag 3 must not be needed');
});

function riskyApp(options: { nag2?: boolean } = {}) {
  const app = new App({ builtinCloudFormationValidation: false, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'tg-nag2-')) });
  const stack = new Stack(app, 'S');
  const pool = new cognito.UserPool(stack, 'Pool');
  // Passes every rule but the refresh-token lifetime: 90 days is over the policy's ceiling (an ERROR).
  const client = goodClient(pool, 'Legacy', 90);
  if (options.nag2) Aspects.of(app).add(new AwsSolutionsChecks());
  Validations.of(app).addPlugins(new TokenGuardChecks(app));
  return { app, stack, client };
}

const REASON = 'vendor integration requires 90 days until March';

describe('an app still on cdk-nag 2', () => {
  test('is gated: the ERROR fails synth, while cdk-nag 2 reports its own findings as annotations', () => {
    const { app, stack } = riskyApp({ nag2: true });
    expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG3 RefreshTokenLifetime/) });
    // cdk-nag 2 ran as an Aspect in the same synth: the default pool fails AwsSolutions-COG1 (an error annotation).
    const errors = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:error').map((m) => String(m.data)));
    expect(errors.some((e) => e.includes('AwsSolutions-COG1'))).toBe(true);
  });

  test('NagSuppressions.addResourceSuppressions acknowledges a TokenGuard finding on that resource', () => {
    const { app, client } = riskyApp({ nag2: true });
    NagSuppressions.addResourceSuppressions(client, [{ id: 'TokenGuard-COG3', reason: REASON }]);
    expect(synthOutcome(app)).toMatchObject({ failed: false });
  });

  test('NagSuppressions.addStackSuppressions acknowledges it for the whole stack', () => {
    const { app, stack } = riskyApp({ nag2: true });
    NagSuppressions.addStackSuppressions(stack, [{ id: 'TokenGuard-COG3', reason: REASON }]);
    expect(synthOutcome(app)).toMatchObject({ failed: false });
  });

  test('a suppression of another resource, or of another rule, does not', () => {
    const { app, stack, client } = riskyApp();
    NagSuppressions.addResourceSuppressions(stack.node.findChild('Pool'), [{ id: 'TokenGuard-COG3', reason: REASON }]);
    NagSuppressions.addResourceSuppressions(client, [{ id: 'TokenGuard-COG1', reason: REASON }]);
    expect(synthOutcome(app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG3/) });
  });

  test('a reason cdk-nag 2 stores base64-encoded (it has characters beyond Latin-1) is honoured', () => {
    const { app, client } = riskyApp();
    NagSuppressions.addResourceSuppressions(client, [{ id: 'TokenGuard-COG3', reason: `${REASON} — ticket SEC-9 ✓` }]);
    const metadata = (client.node.defaultChild as cognito.CfnUserPoolClient).getMetadata('cdk_nag') as { rules_to_suppress: { is_reason_encoded?: boolean }[] };
    expect(metadata.rules_to_suppress[0].is_reason_encoded).toBe(true);
    expect(synthOutcome(app)).toMatchObject({ failed: false });
  });

  test('an unknown TokenGuard rule in a suppression is itself an error (TokenGuard-ACK1), not silently ignored', () => {
    const { app, client } = riskyApp();
    NagSuppressions.addResourceSuppressions(client, [{ id: 'TokenGuard-COG33', reason: REASON }]);
    const report = new TokenGuardChecks(app).validateScope(app);
    const ack = report.violations.find((v) => v.ruleName === 'TokenGuard-ACK1')!;
    expect(ack.severity).toBe('error');
    expect(ack.description).toMatch(/"TokenGuard-COG33", which is not a TokenGuard rule/);
    expect(ack.violatingResources).toEqual([
      { constructPath: 'S/Pool/Legacy/Resource', locations: [expect.stringMatching(/^Resources\.PoolLegacy\w+\.Metadata\.cdk_nag\.rules_to_suppress\.0$/)] },
    ]);
  });

  test('with path metadata on (as under cdk synth), suppressions are placed by aws:cdk:path, without mapping the construct tree', () => {
    const app = new App({
      builtinCloudFormationValidation: false,
      outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'tg-nag2-')),
      context: { 'aws:cdk:enable-path-metadata': true },
    });
    const client = goodClient(new cognito.UserPool(new Stack(app, 'S'), 'Pool'), 'Legacy', 90);
    NagSuppressions.addResourceSuppressions(client, [{ id: 'TokenGuard-COG3', reason: REASON }]);
    // With a CDK acknowledgement in the app too, each cdk_nag entry on a resource is matched to its construct path.
    Validations.of(client).acknowledge({ id: 'TokenGuard-COG9', reason: REASON });
    const plugin = new TokenGuardChecks(app);
    const validate = plugin.validate.bind(plugin);
    let resolved = -1;
    plugin.validate = (context) => {
      const resolve = jest.spyOn(Stack.prototype, 'resolve');
      try {
        return validate(context);
      } finally {
        resolved = resolve.mock.calls.length;
        resolve.mockRestore();
      }
    };
    Validations.of(app).addPlugins(plugin);
    expect(synthOutcome(app)).toMatchObject({ failed: false });
    expect(resolved).toBe(0);
  });
});

describe('an app without cdk-nag', () => {
  test('is gated, and acknowledgements work', () => {
    const failing = riskyApp();
    expect(synthOutcome(failing.app)).toMatchObject({ failed: true, output: expect.stringMatching(/TokenGuard-COG3/) });
    const acknowledged = riskyApp();
    Validations.of(acknowledged.client).acknowledge({ id: 'TokenGuard::TokenGuard-COG3', reason: REASON });
    expect(synthOutcome(acknowledged.app)).toMatchObject({ failed: false });
  });
});
