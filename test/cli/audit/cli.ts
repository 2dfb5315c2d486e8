/** Runs the whole CLI in-process (`main(argv, io)`) with captured streams, and the templates the tests audit. */
import { Readable } from 'node:stream';
import { main } from '../../../bin/token-guard';
import type { CliIo } from '../../../bin/cli/io';
import { GOOD_CLIENT, clientTemplate } from '../../rules/helpers';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stderr split into lines, without the trailing empty one. */
  readonly errLines: string[];
}

export interface CliRunOptions {
  readonly env?: Record<string, string | undefined>;
  /** Both streams are terminals. */
  readonly tty?: boolean;
  readonly stdin?: string | Buffer;
  readonly cwd?: string;
}

export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s) => void (stdout += s), isTTY: options.tty === true, columns: 120 },
    stderr: { write: (s) => void (stderr += s), isTTY: options.tty === true, columns: 120 },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    now: () => performance.now(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, errLines: stderr.split('\n').filter((l) => l !== '') };
}

/** A client with two errors (rotation off; the implicit grant, when not IsProd) and three warnings (lifetimes). */
export const RISKY_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: !If [IsProd, [code], [code, implicit]]
      AllowedOAuthScopes: [openid]
      CallbackURLs: [https://app.example.com/callback]
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      PreventUserExistenceErrors: ENABLED
Outputs:
  PoolId:
    Value: !Ref Pool
`;

/** A client the rules accept. */
export const CLEAN_JSON = JSON.stringify(clientTemplate(GOOD_CLIENT), undefined, 2);

/** Only warnings: Cognito's default token lifetimes on an otherwise careful client. */
export const WARNINGS_ONLY_JSON = JSON.stringify(
  clientTemplate(Object.fromEntries(Object.entries(GOOD_CLIENT).filter(([key]) => !/TokenValidity(Units)?$/.test(key)))),
  undefined,
  2,
);
