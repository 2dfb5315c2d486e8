#!/usr/bin/env node
/**
 * The reference app: what `npx cdk synth` synthesises through the TokenGuard gate.
 *
 * `-c variant=risky` builds the same stack with the settings the gate exists to stop (Cognito defaults, a
 * 3650-day refresh token, the implicit flow, rotation off); the tests synthesise it with the real CLI and expect
 * a non-zero exit naming the rules.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { TokenGuardChecks } from '../rules/pack';
import { ReferenceStack } from './reference-stack';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'reference';
if (variant !== 'reference' && variant !== 'risky') {
  throw new Error(`context "variant" must be "reference" or "risky"; got ${JSON.stringify(variant)}`);
}
new ReferenceStack(app, variant === 'risky' ? 'TokenGuardRisky' : 'TokenGuardReference', { risky: variant === 'risky' });
// The gate, next to cdk-nag's own packs: the constructs pass all five with no unacknowledged finding.
Validations.of(app).addPlugins(
  new TokenGuardChecks(app),
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new HIPAASecurityChecks(app),
  new PCIDSS321Checks(app),
);
app.synth();
