/**
 * `token-guard revoke <vault>`: the flags, registered like every other subcommand. The command itself
 * (bin/cli/commands/revoke.ts, with the AWS SDK) is loaded only when it runs.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { CommandContext } from '../io';
import { quietSdkNodeNotice } from './sdk-notice';
import type * as RevokeModule from './revoke';

interface RevokeFlags {
  readonly clientId?: string;
  readonly accessTokenValidity?: number;
  readonly signOutUser?: string;
  readonly userPoolId?: string;
  readonly json?: boolean;
  readonly region?: string;
  readonly endpointUrl?: string;
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
      const code = await revokeCommand(
        {
          vault,
          clientId: flags.clientId,
          accessTokenValidityMinutes: flags.accessTokenValidity,
          signOutUser: flags.signOutUser,
          userPoolId: flags.userPoolId,
          json: flags.json,
          region: flags.region,
          endpointUrl: flags.endpointUrl,
        },
        { stdout: ctx.io.stdout, stderr: ctx.io.stderr },
      );
      ctx.setExitCode(code);
    });
}
