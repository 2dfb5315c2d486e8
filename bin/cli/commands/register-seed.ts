/**
 * `token-guard seed`: the flags, registered like every other subcommand. The command itself (bin/cli/commands/seed.ts,
 * with the AWS SDK) is loaded only when it runs, so the other commands do not pay for the SDK.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../io';
import { quietSdkNodeNotice } from './sdk-notice';
import type * as SeedModule from './seed';

interface SeedFlags {
  readonly vault?: string;
  readonly clientId?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly interactive?: boolean;
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
      const code = await seedCommand(
        { vault: flags.vault ?? '', clientId: flags.clientId, region: flags.region, endpointUrl: flags.endpointUrl, interactive: flags.interactive },
        { stdin: ctx.io.stdin, stdout: ctx.io.stdout, stderr: ctx.io.stderr },
      );
      ctx.setExitCode(code);
    });
}
