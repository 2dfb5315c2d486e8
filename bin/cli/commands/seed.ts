/**
 * `token-guard seed --vault <secret>`: puts the first refresh token of a grant into a RefreshTokenVault.
 *
 * The token is read from standard input only: never from an argument (process arguments are visible to other users
 * of the machine and land in shell history) and never echoed. A terminal on stdin is refused unless `--interactive`
 * is given, and then the input is read without echo; piping is the normal way (`pbpaste | token-guard seed ...`,
 * `token-guard seed ... < file`, then delete the file). What is printed names the vault, the version and the length
 * of the token, never the token.
 *
 * Exit codes: 0 seeded; 2 usage (bad options, a terminal without --interactive); 3 refused (the vault holds an
 * active grant, belongs to another client, or changed meanwhile); 4 the input is not a refresh token;
 * 5 an AWS call failed; 130 interrupted.
 */
import { randomUUID } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { seedVault } from '../../../lib/token-broker/seed-vault';
import { describeError } from '../../../lib/token-broker/telemetry';
import { VaultFormatError } from '../../../lib/token-broker/vault-record';
import { readLimited, type CliInput } from '../io';

export interface SeedOptions {
  /** The vault's secret: ARN or name. */
  readonly vault: string;
  /** The app client the token belongs to (recorded; a broker for another client refuses the vault). */
  readonly clientId?: string;
  readonly region?: string;
  /** Secrets Manager endpoint; otherwise the SDK's own resolution (`AWS_ENDPOINT_URL` included). */
  readonly endpointUrl?: string;
  /** Accept a terminal on stdin and read the token from it without echo. */
  readonly interactive?: boolean;
}

export interface SeedIO {
  readonly stdin: CliInput;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** A Secrets Manager client to use instead of one built from the options (tests). */
  readonly secrets?: SecretsManagerClient;
}

export const SEED_EXIT = { ok: 0, usage: 2, refused: 3, notAToken: 4, aws: 5, interrupted: 130 } as const;

/** More than any refresh token: input beyond this is not one, and is not read further. */
const MAX_INPUT = 64 * 1024;

export async function seedCommand(options: SeedOptions, io: SeedIO): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`token-guard seed: ${message}\n`);
    return code;
  };
  if (!options.vault) return fail(SEED_EXIT.usage, '--vault <secret ARN or name> is required');
  if (options.clientId !== undefined && !/^[\w+]{1,128}$/.test(options.clientId)) return fail(SEED_EXIT.usage, '--client-id is not an app client id');

  let token: string | undefined;
  if (io.stdin.isTTY) {
    if (!options.interactive) {
      return fail(
        SEED_EXIT.usage,
        'stdin is a terminal: pipe the token in (for example `pbpaste | token-guard seed ...` or `< file`), or pass --interactive to type or paste it without echo',
      );
    }
    token = await readHidden(io.stdin, io.stderr);
    if (token === undefined) return fail(SEED_EXIT.interrupted, 'interrupted; nothing was written');
  } else {
    const read = await readLimited(io.stdin, MAX_INPUT);
    if (read === undefined) return fail(SEED_EXIT.notAToken, `the input is larger than ${MAX_INPUT} bytes; that is not a refresh token`);
    token = read.toString('utf8');
  }
  token = token.trim();
  if (token === '') return fail(SEED_EXIT.notAToken, 'no token on stdin');

  const secrets = io.secrets ?? new SecretsManagerClient({ ...(options.region ? { region: options.region } : {}), ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}) });
  try {
    const result = await seedVault(
      {
        secrets,
        now: () => Date.now(),
        wallNow: () => Date.now(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        newVersionId: () => randomUUID(),
      },
      { secretId: options.vault, clientId: options.clientId, refreshToken: token },
    );
    if (!result.ok) return fail(result.problem === 'shape' ? SEED_EXIT.notAToken : SEED_EXIT.refused, result.message);
    io.stdout.write(
      `seeded ${options.vault}: version ${result.versionId} is AWSCURRENT (it replaces ${result.previousVersionId}, which was ${result.previousState}); ` +
        `a refresh token of ${token.length} characters${result.clientId ? ` for app client ${result.clientId}` : ' (no app client recorded: pass --client-id to have the broker check it)'}, read from stdin and not shown\n`,
    );
    return SEED_EXIT.ok;
  } catch (e) {
    if (e instanceof VaultFormatError) return fail(SEED_EXIT.refused, e.message);
    const { errorName, httpStatus } = describeError(e);
    return fail(SEED_EXIT.aws, `Secrets Manager call failed: ${errorName}${httpStatus ? ` (HTTP ${httpStatus})` : ''}; nothing was seeded`);
  } finally {
    if (!io.secrets) secrets.destroy();
  }
}

/** Reads one line from a terminal in raw mode, echoing nothing. Undefined on Ctrl-C. */
function readHidden(stdin: CliInput, stderr: SeedIO['stderr']): Promise<string | undefined> {
  stderr.write('Paste the refresh token, then press Enter (input is not shown): ');
  stdin.setEncoding?.('utf8');
  stdin.setRawMode?.(true);
  stdin.resume?.();
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | undefined) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause?.();
      stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(typed);
        if (ch === '\u0003') return finish(undefined);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
