/** The token-guard program: its subcommands are registered, and `seed` is wired to the broker's seed command. */
import { runCli } from './audit/cli';

describe('token-guard', () => {
  it('lists its subcommands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}audit \[options\] <paths\.\.\.>/m);
    expect(run.stdout).toMatch(/^ {2}seed \[options\]/m);
  });

  it('seed: --vault is required (exit 2), and an empty standard input is not a token (exit 4)', async () => {
    const missing = await runCli(['seed']);
    expect([missing.code, missing.errLines]).toEqual([2, ['token-guard seed: --vault <secret ARN or name> is required']]);
    const empty = await runCli(['seed', '--vault', 'vault/test'], { stdin: '' });
    expect([empty.code, empty.errLines]).toEqual([4, ['token-guard seed: no token on stdin']]);
  });

  it('seed: an unknown flag is a usage error naming the subcommand', async () => {
    const run = await runCli(['seed', '--token', 'abc']);
    expect([run.code, run.errLines]).toEqual([2, ["token-guard: unknown option '--token' (see token-guard seed --help)"]]);
  });
});
