/** `token-guard revoke` through the program (main): argument handling, and one run end to end against the stand-ins. */
import { quietSdkNodeNotice } from '../../bin/cli/commands/register-aws';
import { runCli } from './audit/cli';
import { describeFindings, tokenFindings, type World, worldPerTest } from '../broker/world';

let w: World;
worldPerTest((world) => (w = world));

describe('token-guard revoke', () => {
  it('is listed, and its argument and flags are checked (exit 2)', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}revoke \[options\] <vault>/m);
    const missing = await runCli(['revoke']);
    expect(missing.code).toBe(2);
    expect(missing.errLines).toHaveLength(1);
    expect(missing.errLines[0]).toMatch(/missing required argument 'vault'/);
    const badMinutes = await runCli(['revoke', 'vault/x', '--access-token-validity', '3']);
    expect(badMinutes.code).toBe(2);
    expect(badMinutes.errLines[0]).toMatch(/--access-token-validity.*between 5 and 1440/);
  });

  it('revokes a seeded grant end to end and prints no token material', async () => {
    await w.seed();
    await w.broker().getAccessToken();
    const saved = { ...process.env };
    Object.assign(process.env, w.s.env());
    try {
      const run = await runCli(['revoke', w.secretArn, '--access-token-validity', '15'], { env: w.s.env() });
      expect(run.errLines).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')[0]).toBe(`revoked ${w.secretArn}: every refresh token it held is revoked at Cognito and the revoked tombstone is current`);
      expect(w.current().record.state).toBe('revoked');
      expect(describeFindings(tokenFindings(w.s.leaks, [run.stdout], [run.stderr]))).toBe('no token material found');
      const again = await runCli(['revoke', w.secretArn, '--json'], { env: w.s.env() });
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'already-revoked' });
    } finally {
      process.env = saved;
    }
  });
});

describe('the AWS SDK\'s Node.js notice', () => {
  it('is turned off for the SDK commands unless the user chose either way', () => {
    const unset: NodeJS.ProcessEnv = {};
    quietSdkNodeNotice(unset);
    expect(unset.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    const chosen: NodeJS.ProcessEnv = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' };
    quietSdkNodeNotice(chosen);
    expect(chosen.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('false');
  });
});
