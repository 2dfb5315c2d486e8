/**
 * Whether synth failed on the validation report, for every aws-cdk-lib the package supports: from 2.262 synth throws
 * the report in jest (in-memory mode); 2.258 to 2.261 print it and set `process.exitCode = 1`, which is what fails
 * `cdk synth` there. The compatibility job runs the pack tests on both ends of the range, so they ask this.
 */
import type { App } from 'aws-cdk-lib';

export interface SynthOutcome {
  readonly failed: boolean;
  /** The report as thrown or printed. */
  readonly output: string;
}

export function synthOutcome(app: App): SynthOutcome {
  const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    app.synth();
    return { failed: process.exitCode === 1, output: printed.mock.calls.join('\n') };
  } catch (e) {
    return { failed: true, output: `${(e as Error).message}\n${printed.mock.calls.join('\n')}` };
  } finally {
    printed.mockRestore();
    process.exitCode = exitCode;
  }
}
