/** Shared by the pack's tests (test/pack*.test.ts). */
import { type App, Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/** A client that passes every rule (a refresh token over 7 days is over the policy's target, over 30 its ceiling). */
export function goodClient(pool: cognito.UserPool, id: string, refreshDays = 7): cognito.UserPoolClient {
  return pool.addClient(id, {
    accessTokenValidity: Duration.minutes(5),
    idTokenValidity: Duration.minutes(5),
    refreshTokenValidity: Duration.days(refreshDays),
    refreshTokenRotationGracePeriod: Duration.seconds(60),
    preventUserExistenceErrors: true,
    authFlows: { userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['https://app.example.com/cb'] },
  });
}

/**
 * Whether synth failed on the validation report, for every aws-cdk-lib the package supports: from 2.262 synth throws
 * the report in jest (in-memory mode); 2.258 to 2.261 print it and set `process.exitCode = 1`, which is what fails
 * `cdk synth` there. The compatibility job runs the pack tests on both ends of the range, so they ask this.
 */
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
