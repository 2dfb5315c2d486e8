/**
 * The vault's default (empty-vault) rotator against the Secrets Manager stand-in: it rotates the placeholder and
 * refuses, without touching the vault or printing the token, once the vault holds a refresh token.
 */
import { PutSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { createLogger } from '../../lib/handlers/log';
import { EMPTY_VAULT_VALUE } from '../../lib/handlers/vault-format';
import { createEmptyVaultRotation, REFUSAL } from '../../lib/refresh-token-vault/rotation.handler';
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS, errorOf, seedDelegatedClient, startStandIns, StandIns } from '../standins';

const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

let s: StandIns;
let lines: string[];
let arn: string;
let rotate: (step: string, versionId: string) => Promise<void>;

beforeEach(async () => {
  s = await startStandIns();
  arn = s.secrets.createSecret({ Name: 'vault', SecretString: EMPTY_VAULT_VALUE }).ARN;
  lines = [];
  const { secrets } = s.clients();
  const handler = createEmptyVaultRotation({ sm: secrets, log: createLogger({ write: (l) => lines.push(l) }) }, { secretArn: arn });
  rotate = (Step, ClientRequestToken) => handler({ Step, SecretId: arn, ClientRequestToken });
});

afterEach(async () => {
  s.leaks.assertNoLeaks(lines);
  await s.close();
});

async function start(): Promise<string> {
  const { secrets } = s.clients();
  await secrets.send(new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:vault-rotator', RotationRules: { ScheduleExpression: 'rate(42 hours)' } }));
  return s.secrets.rotationRequests(arn).at(-1)!.ClientRequestToken;
}

test('an empty vault rotates: the placeholder moves to a new version, every step repeatable', async () => {
  const versionId = await start();
  for (const step of STEPS) {
    await rotate(step, versionId);
    await rotate(step, versionId);
  }
  expect(s.secrets.stages(arn)[versionId]).toEqual([AWSCURRENT]);
  expect(s.secrets.value(arn)).toBe(EMPTY_VAULT_VALUE);
  expect(Object.values(s.secrets.stages(arn))).toContainEqual([AWSPREVIOUS]);
  expect(s.calls.count({ operation: 'PutSecretValue' })).toBe(1);
});

test('a vault holding a refresh token is refused loudly and left as it was', async () => {
  const seed = seedDelegatedClient(s, { graceSeconds: 60 });
  const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
  const { secrets } = s.clients();
  await secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: JSON.stringify({ refreshToken: RefreshToken }) }));

  const versionId = await start();
  // Secrets Manager has staged AWSPENDING on an empty version for the rotation; the rotator adds nothing to it.
  const before = s.secrets.stages(arn);
  expect(before[versionId]).toEqual([AWSPENDING]);
  const error = await errorOf(rotate('createSecret', versionId));
  expect(error.message).toBe(REFUSAL);
  expect(s.secrets.stages(arn)).toEqual(before);
  expect(s.calls.list({ operation: 'PutSecretValue' })).toHaveLength(1); // the seeding put only
  expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: 'ERROR', errorMessage: REFUSAL, step: 'createSecret' }));
  s.leaks.assertNoLeaks(error);
});
