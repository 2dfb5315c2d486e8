/**
 * Checks, in a real AWS account, the Cognito and Secrets Manager behaviours the token broker relies on, and tells
 * which of the undocumented readings holds there (docs/broker.md, "Checking a real account"). It prints what it
 * found; it never prints a token.
 *
 *   npx tsx scripts/check-aws-behaviour.ts --client-id <id> [--user-pool-id <pool>] < throwaway-refresh-token
 *   npx tsx scripts/check-aws-behaviour.ts --vault <secret-arn>
 *   npx tsx scripts/check-aws-behaviour.ts --probe-version-quota [max]
 *
 * - Cognito (`--client-id`, the refresh token on standard input): an app client with refresh token rotation on and
 *   the token of a throwaway sign-in (a test user: this check uses the grant up and revokes it). It presents the token
 *   twice within the grace period, revokes one of the two new tokens and presents the other, waits out the grace
 *   period and presents the first token again, then presents the newest. Needs no IAM permission (the user-pool APIs
 *   it calls take tokens); `--user-pool-id` lets it read the grace period (cognito-idp:DescribeUserPoolClient).
 * - Secrets Manager, read-only (`--vault`): the vault's versions of the last 24 hours against the broker's daily
 *   budget, lease labels, the rotation schedule, and whether the resource policy denies configuration changes.
 *   Needs secretsmanager:DescribeSecret, ListSecretVersionIds and GetResourcePolicy; it never reads the value.
 * - The version quota (`--probe-version-quota`, writes): creates a throwaway secret, puts versions into it until
 *   Secrets Manager refuses one or `max` (default 160) are in, and deletes it without recovery. About max API calls.
 *
 * Exit codes: 0 every check ran and what the broker relies on holds; 1 something the broker relies on does not hold
 * (the line says what); 2 usage; 5 an AWS call failed.
 */
import { randomBytes } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  type SecretVersionsListEntry,
} from '@aws-sdk/client-secrets-manager';
import { Command, InvalidArgumentError } from 'commander';
import { parseLease } from '../lib/token-broker/grant-keeper';
import { DEFAULT_MAX_VERSIONS_PER_DAY, VERSION_RESERVE } from '../lib/token-broker/runtime';
import { describeError } from '../lib/token-broker/telemetry';

export interface Finding {
  readonly check: string;
  /**
   * `holds`: what the broker relies on holds. `fails`: it does not (the broker's guarantees do not hold as documented).
   * `reading`: which of two documented-as-possible behaviours this account shows (the broker is correct under both).
   */
  readonly verdict: 'holds' | 'fails' | 'reading';
  readonly detail: string;
}

export interface CheckOptions {
  readonly cognito?: { readonly clientId: string; readonly refreshToken: string; readonly userPoolId?: string; readonly graceSeconds?: number; readonly clientSecret?: string };
  readonly vault?: string;
  readonly probeVersionQuota?: { readonly max: number };
}

export interface CheckDeps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly secrets: SecretsManagerClient;
  /** Waits out the grace period (real time; the tests move the stand-ins' clock instead). */
  readonly sleep: (seconds: number) => Promise<void>;
  /** Epoch ms (the tests pass the stand-ins' clock). */
  readonly now: () => number;
}

const DAY_MS = 86_400_000;
const NOT_AUTHORIZED = new Set(['NotAuthorizedException', 'RefreshTokenReuseException']);

export async function checkAwsBehaviour(options: CheckOptions, deps: CheckDeps): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (options.cognito) findings.push(...(await checkCognito(options.cognito, deps)));
  if (options.vault) findings.push(...(await checkVault(options.vault, deps)));
  if (options.probeVersionQuota) findings.push(await probeVersionQuota(options.probeVersionQuota.max, deps));
  return findings;
}

/** The outcome of presenting a token: a new refresh token, or the error's name (never its message). */
async function present(deps: CheckDeps, o: NonNullable<CheckOptions['cognito']>, token: string): Promise<{ token?: string; error?: string }> {
  try {
    const out = await deps.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: o.clientId, RefreshToken: token, ...(o.clientSecret ? { ClientSecret: o.clientSecret } : {}) }));
    return { token: out.AuthenticationResult?.RefreshToken ?? '' };
  } catch (e) {
    const name = describeError(e).errorName;
    if (NOT_AUTHORIZED.has(name)) return { error: name };
    throw e;
  }
}

async function checkCognito(o: NonNullable<CheckOptions['cognito']>, deps: CheckDeps): Promise<Finding[]> {
  const findings: Finding[] = [];
  const revoke = (token: string) => deps.cognito.send(new RevokeTokenCommand({ ClientId: o.clientId, Token: token, ...(o.clientSecret ? { ClientSecret: o.clientSecret } : {}) }));
  let grace = o.graceSeconds;
  if (o.userPoolId) {
    const client = await deps.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: o.userPoolId, ClientId: o.clientId }));
    const rotation = client.UserPoolClient?.RefreshTokenRotation;
    if (rotation?.Feature !== 'ENABLED') return [{ check: 'refresh token rotation', verdict: 'fails', detail: 'the client does not have refresh token rotation on; the broker needs it' }];
    grace = rotation.RetryGracePeriodSeconds ?? 0;
  }
  grace ??= 60;

  // 1. The same token twice within the grace period: two new tokens (a retry after a lost answer recovers the grant).
  const first = await present(deps, o, o.refreshToken);
  if (!first.token) return [{ check: 'refresh', verdict: 'fails', detail: `Cognito refused the token (${first.error}): sign a test user in again and pass its refresh token` }];
  if (first.token === o.refreshToken || first.token === '') {
    return [{ check: 'refresh token rotation', verdict: 'fails', detail: 'GetTokensFromRefreshToken returned no new refresh token: rotation is off for this client' }];
  }
  const second = await present(deps, o, o.refreshToken);
  findings.push(
    second.token
      ? { check: 'retry within the grace period', verdict: 'holds', detail: 'presenting the same token again right away mints again (a retry after a lost answer recovers the grant)' }
      : { check: 'retry within the grace period', verdict: 'fails', detail: `presenting the same token again right away was refused (${second.error}): the grace period is 0; the broker needs at least 30 seconds` },
  );
  const a = first.token;
  let b = second.token;

  // 2. Revoke one of the two siblings and present the other: which reading of revocation holds here.
  let live = a;
  if (b) {
    await revoke(b);
    const after = await present(deps, o, a);
    if (after.token) {
      findings.push({ check: 'revoking one rotated token', verdict: 'reading', detail: 'revoking one of two sibling tokens left the other usable: revocation ends one token here (the broker never revokes a live grant\'s token either way)' });
      live = after.token;
    } else {
      findings.push({ check: 'revoking one rotated token', verdict: 'reading', detail: `revoking one of two sibling tokens ended the other too (${after.error}): revocation ends the origin_jti family here (the broker never revokes a live grant's token, so this is safe)` });
      findings.push({ check: 'the grace period', verdict: 'reading', detail: 'not checked: the family was revoked; run the check again with a new sign-in to check the grace period' });
      return findings;
    }
    b = undefined;
  }

  // 3. After the grace period, the token presented in step 2 (a) is refused; is the newest (its child) still usable?
  await deps.sleep(grace + 5);
  const late = await present(deps, o, a);
  findings.push(
    late.token
      ? { check: 'the grace period', verdict: 'fails', detail: `a rotated-out token still minted ${grace + 5} s after its first use: the grace period is longer than the client says, or rotation does not invalidate` }
      : { check: 'the grace period', verdict: 'holds', detail: `a rotated-out token is refused ${grace + 5} s after its first use (${late.error})` },
  );
  if (late.token) live = late.token;
  const newest = await present(deps, o, live);
  findings.push(
    newest.token
      ? { check: 'reuse after the grace period', verdict: 'reading', detail: 'presenting a rotated-out token did not end its newest descendant here' }
      : { check: 'reuse after the grace period', verdict: 'reading', detail: `presenting a rotated-out token ended its newest descendant too (${newest.error}): reuse ends the family here (the broker never presents a token that may be past its grace period while a successor may be stored)` },
  );
  // The throwaway grant is ended: its newest token (and with it, where revocation ends the family, every other).
  if (newest.token) await revoke(newest.token);
  await revoke(live);
  return findings;
}

async function checkVault(vault: string, deps: CheckDeps): Promise<Finding[]> {
  const findings: Finding[] = [];
  const versions: SecretVersionsListEntry[] = [];
  let next: string | undefined;
  do {
    const page = await deps.secrets.send(new ListSecretVersionIdsCommand({ SecretId: vault, IncludeDeprecated: true, MaxResults: 100, NextToken: next }));
    versions.push(...(page.Versions ?? []));
    next = page.NextToken;
  } while (next);
  const young = versions.filter((v) => (v.CreatedDate?.getTime() ?? 0) > deps.now() - DAY_MS).length;
  const stop = DEFAULT_MAX_VERSIONS_PER_DAY - VERSION_RESERVE;
  findings.push({
    check: 'versions in the last 24 hours',
    verdict: young <= stop ? 'holds' : 'fails',
    detail: `${young} of ${versions.length} versions were created in the last 24 hours; the broker's default budget is ${DEFAULT_MAX_VERSIONS_PER_DAY} and refreshes stop at ${stop}`,
  });
  const leases = versions.flatMap((v) => (v.VersionStages ?? []).map(parseLease).filter((l) => l !== undefined));
  findings.push({
    check: 'refresh leases',
    verdict: 'holds',
    detail: leases.length === 0 ? 'no refresh lease is held' : `${leases.length} refresh lease label(s), the oldest ${Math.round((deps.now() - Math.min(...leases.map((l) => l.at))) / 1000)} s old`,
  });
  const meta = await deps.secrets.send(new DescribeSecretCommand({ SecretId: vault }));
  findings.push({
    check: 'rotation',
    verdict: meta.RotationEnabled ? 'holds' : 'fails',
    detail: meta.RotationEnabled ? `rotation on (${meta.RotationRules?.ScheduleExpression ?? `every ${meta.RotationRules?.AutomaticallyAfterDays} days`})` : 'rotation is off',
  });
  const policy = await deps.secrets.send(new GetResourcePolicyCommand({ SecretId: vault }));
  const statements = policy.ResourcePolicy ? (JSON.parse(policy.ResourcePolicy) as { Statement?: { Sid?: string; Effect?: string; Action?: string | string[] }[] }).Statement ?? [] : [];
  const denied = new Set(statements.filter((s) => s.Effect === 'Deny').flatMap((s) => ([] as string[]).concat(s.Action ?? [])));
  const missing = ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy', 'secretsmanager:UpdateSecret', 'secretsmanager:ReplicateSecretToRegions', 'secretsmanager:GetSecretValue'].filter(
    (a) => !denied.has(a),
  );
  findings.push({
    check: 'resource policy',
    verdict: missing.length === 0 ? 'holds' : 'fails',
    detail: missing.length === 0 ? 'denies reads and configuration changes to all but the principals it names' : `does not deny ${missing.join(', ')}`,
  });
  return findings;
}

async function probeVersionQuota(max: number, deps: CheckDeps): Promise<Finding> {
  const name = `cdk-token-guard-quota-probe-${randomBytes(6).toString('hex')}`;
  await deps.secrets.send(new CreateSecretCommand({ Name: name, SecretString: 'probe-0', Description: 'cdk-token-guard: version quota probe (deleted when the probe ends)' }));
  let accepted = 1;
  try {
    for (; accepted < max; accepted++) {
      try {
        await deps.secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: `probe-${accepted}`, VersionStages: ['PROBE'] }));
      } catch (e) {
        if (describeError(e).errorName !== 'LimitExceededException') throw e;
        // A vault's labels (AWSCURRENT, AWSPREVIOUS, TOKENGUARD_STAGED, AWSPENDING) may keep up to four older versions,
        // which count if the quota counts every version and not only those of the last 24 hours.
        const budget = accepted - 4;
        const verdict = budget >= DEFAULT_MAX_VERSIONS_PER_DAY ? 'holds' : accepted >= DEFAULT_MAX_VERSIONS_PER_DAY ? 'reading' : 'fails';
        return {
          check: 'version quota',
          verdict,
          detail: `a new secret took ${accepted} versions in a few seconds and refused the next (LimitExceededException)${
            verdict === 'holds' ? '' : `; if the quota counts every version, set TokenBroker maxVersionsPerDay to at most ${budget} (the quota less the four versions a vault's labels may keep)`
          }`,
        };
      }
    }
    return { check: 'version quota', verdict: 'holds', detail: `a new secret took ${accepted} versions in a few seconds without a refusal (the probe stops at ${max})` };
  } finally {
    await deps.secrets.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
  }
}

/** One line a finding. */
export function formatFinding(f: Finding): string {
  return `${f.verdict === 'holds' ? 'ok  ' : f.verdict === 'fails' ? 'FAIL' : 'note'}  ${f.check}: ${f.detail}`;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > 64 * 1024) break;
  }
  return text.trim();
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('check-aws-behaviour')
    .description('checks the Cognito and Secrets Manager behaviours the cdk-token-guard broker relies on (docs/broker.md)')
    .option('--client-id <id>', 'an app client with refresh token rotation on; a throwaway refresh token of it on stdin')
    .option('--user-pool-id <id>', "the client's user pool (reads its grace period)")
    .option('--grace-seconds <n>', "the client's grace period, when --user-pool-id is not given", (v) => positive(v), 60)
    .option('--vault <secret>', 'a vault to report on, read-only')
    .option('--probe-version-quota [max]', 'create a throwaway secret and put versions until refused (writes)', (v) => positive(v))
    .option('--region <region>')
    .option('--endpoint-url <url>', 'send every call here (a stand-in)')
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch {
    return 2;
  }
  const o = program.opts<{ clientId?: string; userPoolId?: string; graceSeconds: number; vault?: string; probeVersionQuota?: number | true; region?: string; endpointUrl?: string }>();
  if (!o.clientId && !o.vault && o.probeVersionQuota === undefined) {
    process.stderr.write('check-aws-behaviour: nothing to check: give --client-id, --vault or --probe-version-quota\n');
    return 2;
  }
  const config = { ...(o.region ? { region: o.region } : {}), ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}) };
  const deps: CheckDeps = {
    cognito: new CognitoIdentityProviderClient(config),
    secrets: new SecretsManagerClient(config),
    sleep: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
    now: () => Date.now(),
  };
  const refreshToken = o.clientId ? await readStdin() : '';
  if (o.clientId && !refreshToken) {
    process.stderr.write('check-aws-behaviour: --client-id needs a throwaway refresh token on standard input\n');
    return 2;
  }
  try {
    const findings = await checkAwsBehaviour(
      {
        ...(o.clientId ? { cognito: { clientId: o.clientId, refreshToken, userPoolId: o.userPoolId, graceSeconds: o.graceSeconds, clientSecret: process.env.TOKEN_GUARD_CLIENT_SECRET } } : {}),
        ...(o.vault ? { vault: o.vault } : {}),
        ...(o.probeVersionQuota !== undefined ? { probeVersionQuota: { max: o.probeVersionQuota === true ? 160 : o.probeVersionQuota } } : {}),
      },
      deps,
    );
    for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`);
    return findings.some((f) => f.verdict === 'fails') ? 1 : 0;
  } catch (e) {
    const d = describeError(e);
    process.stderr.write(`check-aws-behaviour: an AWS call failed: ${d.errorName}${d.httpStatus ? ` (HTTP ${d.httpStatus})` : ''}\n`);
    return 5;
  }
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number');
  return n;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

export { main };
