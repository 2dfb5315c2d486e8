/**
 * `token-guard seed` and `token-guard revoke`, the commands that call AWS: their flags, registered like every other
 * subcommand. Each command itself (bin/cli/commands/seed.ts, revoke.ts, with the AWS SDK) is a bundle of its own,
 * loaded only when it runs, so the other commands do not pay for the SDK.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { CommandContext } from '../io';
import type * as RevokeModule from './revoke';
import type * as SeedModule from './seed';

type SeedFlags = Partial<SeedModule.SeedOptions>;
type RevokeFlags = Omit<RevokeModule.RevokeOptions, 'vault' | 'accessTokenValidityMinutes'> & { readonly accessTokenValidity?: number };

/**
 * The AWS SDK prints a multi-line notice on Node.js below 22 (its future releases will need 22) the first time a
 * client is made. It says nothing about the command being run and would break the CLI's one-line-per-problem stderr,
 * so the commands that use the SDK turn it off unless the user has set the SDK's own switch either way.
 */
export function quietSdkNodeNotice(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

export function registerSeed(program: Command, ctx: CommandContext): void {
  program
    .command('seed')
    .description('put the first refresh token of a grant into a RefreshTokenVault; the token is read from standard input only, never shown')
    .option('--vault <secret>', 'the vault\'s secret: ARN or name (required)')
    .option('--client-id <id>', 'the app client the token belongs to (the broker then checks it)')
    .option('--region <region>', 'AWS Region of the vault (default: the SDK\'s own resolution)')
    .option('--endpoint-url <url>', 'Secrets Manager endpoint (default: the SDK\'s own resolution, AWS_ENDPOINT_URL included)')
    .option('--interactive', 'accept a terminal on standard input and read the token from it without echo')
    .addHelpText('after', '\nExit codes: 0 seeded; 2 usage; 3 refused (the vault holds an active grant, belongs to another client or changed meanwhile);\n4 the input is not a refresh token; 5 an AWS call failed; 130 interrupted. See docs/broker.md.')
    .action(async (flags: SeedFlags) => {
      quietSdkNodeNotice();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { seedCommand } = require('./seed') as typeof SeedModule;
      ctx.setExitCode(await seedCommand({ ...flags, vault: flags.vault ?? '' }, { stdin: ctx.io.stdin, stdout: ctx.io.stdout, stderr: ctx.io.stderr }));
    });
}

function minutes(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 5 || n > 1440) throw new InvalidArgumentError('a whole number of minutes between 5 and 1440');
  return n;
}

export function registerRevoke(program: Command, ctx: CommandContext): void {
  program
    .command('revoke')
    .description('end a grant everywhere: revoke every refresh token the vault holds in any version, tombstone the vault, report the residual exposure')
    .argument('<vault>', 'the vault\'s secret: ARN or name')
    .option('--client-id <id>', 'the app client, for versions that do not name theirs')
    .option('--access-token-validity <minutes>', 'the client\'s access-token lifetime, for the residual exposure (default: measured from the vault)', minutes)
    .option('--sign-out-user <username>', 'also sign a dedicated service user out of every session (AdminUserGlobalSignOut); needs --user-pool-id')
    .option('--user-pool-id <id>', 'the user pool of --sign-out-user')
    .option('--json', 'print the report as JSON')
    .option('--region <region>', 'AWS Region of the vault (default: the SDK\'s own resolution)')
    .option('--endpoint-url <url>', 'endpoint for Secrets Manager and Cognito (default: the SDK\'s own resolution, AWS_ENDPOINT_URL included)')
    .addHelpText('after', '\nExit codes: 0 revoked, or revoked already; 2 usage; 3 not a vault; 5 an AWS call failed; 6 incomplete (rerun). See README, "Incident: revoke a grant".')
    .action(async (vault: string, flags: RevokeFlags) => {
      quietSdkNodeNotice();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { revokeCommand } = require('./revoke') as typeof RevokeModule;
      const { accessTokenValidity: accessTokenValidityMinutes, ...options } = flags;
      ctx.setExitCode(await revokeCommand({ vault, accessTokenValidityMinutes, ...options }, { stdout: ctx.io.stdout, stderr: ctx.io.stderr }));
    });
}
