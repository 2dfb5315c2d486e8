/**
 * The WorkloadClient's client-secret rotation handler against the stand-ins, with the real SDK v3 clients: the
 * seeding rotation, steady-state rotations under the two-secret limit, repeated steps, throttling, and crashes
 * between AddUserPoolClientSecret and PutSecretValue. No secret material may reach the logs or the errors.
 */
import { GetClientTokenCommand, NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { PutSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { createLogger, HandlerError } from '../../lib/handlers/log';
import { UNSEEDED_CLIENT_CREDENTIALS } from '../../lib/workload-client';
import type { ClientCredentials } from '../../lib/workload-client';
import { createClientSecretRotation } from '../../lib/workload-client/secret-rotation.handler';
import { addCrashPoint, AWSCURRENT, AWSPENDING, AWSPREVIOUS, errorOf, seedMachineClient, startStandIns, StandIns } from '../standins';

const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:workload-secret-rotation';

interface Rig {
  readonly s: StandIns;
  readonly clientId: string;
  readonly userPoolId: string;
  /** The secret CloudFormation created the client with (GenerateSecret): never published, deleted by seeding. */
  readonly birthSecret: string;
  readonly secretArn: string;
  readonly lines: string[];
  readonly clients: ReturnType<StandIns['clients']>;
  rotate(step: string, versionId: string, rotationToken?: string): Promise<void>;
  /** Starts a rotation as Secrets Manager does (RotateSecret) and returns its version id and rotation token. */
  start(): Promise<{ versionId: string; rotationToken: string }>;
  /** One whole rotation, every step once. */
  rotation(): Promise<string>;
  current(): ClientCredentials;
  works(secret: string): Promise<boolean>;
}

let rig: Rig;

async function makeRig(options: { maxAttempts?: number } = {}): Promise<Rig> {
  const s = await startStandIns();
  const seed = seedMachineClient(s, { scopes: ['api/read'] });
  const secret = s.secrets.createSecret({ Name: 'workload-credentials', SecretString: UNSEEDED_CLIENT_CREDENTIALS });
  const clients = s.clients({ maxAttempts: options.maxAttempts ?? 3 });
  const lines: string[] = [];
  const handler = createClientSecretRotation(
    { cognito: clients.cognito, sm: clients.secrets, log: createLogger({ write: (l) => lines.push(l) }) },
    { userPoolId: seed.userPoolId, clientId: seed.clientId, secretArn: secret.ARN, sleep: async () => undefined },
  );
  const r: Rig = {
    s,
    clientId: seed.clientId,
    userPoolId: seed.userPoolId,
    birthSecret: seed.clientSecret,
    secretArn: secret.ARN,
    lines,
    clients,
    rotate: (step, versionId, rotationToken) => handler({ Step: step, SecretId: secret.ARN, ClientRequestToken: versionId, RotationToken: rotationToken }),
    async start() {
      const before = s.secrets.rotationRequests(secret.ARN).length;
      await clients.secrets.send(new RotateSecretCommand({ SecretId: secret.ARN, RotationLambdaARN: LAMBDA_ARN, RotationRules: { ScheduleExpression: 'rate(30 days)' } }));
      const request = s.secrets.rotationRequests(secret.ARN)[before];
      return { versionId: request.ClientRequestToken, rotationToken: request.RotationToken };
    },
    async rotation() {
      const { versionId, rotationToken } = await r.start();
      for (const step of STEPS) await r.rotate(step, versionId, rotationToken);
      s.clock.advance(60);
      return versionId;
    },
    current: () => JSON.parse(s.secrets.value(secret.ARN, { versionStage: AWSCURRENT }) as string) as ClientCredentials,
    async works(value) {
      try {
        const out = await clients.cognito.send(new GetClientTokenCommand({ ClientId: seed.clientId, Secret: value }));
        return Boolean(out.ClientAuthenticationResult?.AccessToken);
      } catch (e) {
        if (e instanceof NotAuthorizedException) return false;
        throw e;
      }
    },
  };
  return r;
}

/**
 * No secret material in `inputs`. The stand-ins register every client secret Cognito issues (kind client_secret),
 * every rotation token, and every secret value with each of its JSON string fields (kind secret_value, `#<field>`).
 * A client secret stored in the secret is the same value as the one Cognito issued, so it is reported as
 * client_secret; the other fields of our value are identifiers (user pool id, client id, client secret id), which
 * the handler logs on purpose. So: no finding of any kind but secret_value, and none of a whole secret value.
 */
function expectNoSecretMaterial(s: StandIns, ...inputs: unknown[]): void {
  const findings = s.leaks.scan(...inputs).findings.filter((f) => f.kind !== 'secret_value' || !f.ref.includes('#'));
  expect(findings).toEqual([]);
}

afterEach(async () => {
  // Whatever a test did, nothing it logged may carry a client secret, a secret value or a rotation token.
  expectNoSecretMaterial(rig.s, rig.lines);
  for (const line of rig.lines) expect(() => JSON.parse(line)).not.toThrow();
  await rig.s.close();
});

describe('the seeding rotation (the first one, run when the stack creates the schedule)', () => {
  beforeEach(async () => {
    rig = await makeRig();
  });

  test('stores a secret Cognito generated, which works; deletes the secret CloudFormation created the client with', async () => {
    expect(await rig.works(rig.birthSecret)).toBe(true);
    const versionId = await rig.rotation();

    const stored = rig.current();
    expect(stored).toEqual({ userPoolId: rig.userPoolId, clientId: rig.clientId, clientSecret: expect.any(String), clientSecretId: expect.stringMatching(new RegExp(`^${rig.clientId}--`)) });
    expect(await rig.works(stored.clientSecret)).toBe(true);
    expect(await rig.works(rig.birthSecret)).toBe(false);
    expect(rig.s.cognito.clientSecretValues(rig.clientId)).toHaveLength(1);
    expect(rig.s.secrets.stages(rig.secretArn)[versionId]).toEqual([AWSCURRENT]);
    expect(Object.values(rig.s.secrets.stages(rig.secretArn)).flat()).not.toContain(AWSPENDING);
    expect(rig.s.secrets.describe(rig.secretArn).LastRotatedDate).toBeDefined();
  });

  test('passes the rotation token to PutSecretValue', async () => {
    await rig.rotation();
    expect(rig.s.calls.list({ operation: 'PutSecretValue' }).map((c) => c.detail)).toEqual(['RotationToken of a started rotation']);
  });

  test('logs every step as one JSON line with level, message, service, step and version id', async () => {
    const versionId = await rig.rotation();
    const done = rig.lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'rotation step done');
    expect(done.map((l) => l.step)).toEqual([...STEPS]);
    for (const l of done) expect(l).toMatchObject({ level: 'INFO', service: 'cdk-token-guard', versionId, secretId: rig.secretArn, timestamp: expect.any(String) });
    expect(rig.lines.join('\n')).toMatch(/seeding: added the first managed client secret/);
  });
});

describe('steady state: two active secrets at most, the previous one kept for one interval', () => {
  beforeEach(async () => {
    rig = await makeRig();
  });

  test('each rotation adds a secret, keeps the previous (AWSPREVIOUS) working and deletes the one before it', async () => {
    await rig.rotation();
    const first = rig.current().clientSecret;
    await rig.rotation();
    const second = rig.current().clientSecret;
    expect(second).not.toBe(first);
    expect(JSON.parse(rig.s.secrets.value(rig.secretArn, { versionStage: AWSPREVIOUS }) as string).clientSecret).toBe(first);
    expect(await rig.works(first)).toBe(true);
    expect(await rig.works(second)).toBe(true);
    expect(rig.s.cognito.clientSecretValues(rig.clientId)).toHaveLength(2);

    await rig.rotation();
    const third = rig.current().clientSecret;
    expect(await rig.works(first)).toBe(false);
    expect(await rig.works(second)).toBe(true);
    expect(await rig.works(third)).toBe(true);
    expect(rig.s.cognito.clientSecretValues(rig.clientId).sort()).toEqual([second, third].sort());
  });

  test('the delete comes before the add, so the client never needs a third secret', async () => {
    await rig.rotation();
    await rig.rotation();
    const mark = rig.s.calls.mark();
    await rig.rotation();
    const cognitoCalls = rig.s.calls.since(mark, { service: 'cognito' }).map((c) => c.operation);
    expect(cognitoCalls.slice(0, 3)).toEqual(['ListUserPoolClientSecrets', 'DeleteUserPoolClientSecret', 'AddUserPoolClientSecret']);
    expect(rig.s.calls.count({ errorType: 'LimitExceededException' })).toBe(0);
  });
});

describe('every step is safe to repeat', () => {
  beforeEach(async () => {
    rig = await makeRig();
  });

  test('each step run twice: one secret added, one version written, the same end state', async () => {
    await rig.rotation();
    const { versionId, rotationToken } = await rig.start();
    for (const step of STEPS) {
      await rig.rotate(step, versionId, rotationToken);
      await rig.rotate(step, versionId, rotationToken);
    }
    expect(rig.s.calls.count({ operation: 'AddUserPoolClientSecret' })).toBe(2);
    expect(rig.s.calls.count({ operation: 'PutSecretValue' })).toBe(2);
    expect(rig.s.secrets.stages(rig.secretArn)[versionId]).toEqual([AWSCURRENT]);
    expect(await rig.works(rig.current().clientSecret)).toBe(true);
    expect(rig.s.cognito.clientSecretValues(rig.clientId)).toHaveLength(2);
  });

  test('a whole rotation replayed after it finished changes nothing', async () => {
    const versionId = await rig.rotation();
    const before = rig.current();
    const mark = rig.s.calls.mark();
    for (const step of STEPS) await rig.rotate(step, versionId);
    expect(rig.current()).toEqual(before);
    expect(rig.s.calls.since(mark, { operation: 'AddUserPoolClientSecret' })).toHaveLength(0);
    expect(rig.s.calls.since(mark, { operation: 'PutSecretValue' })).toHaveLength(0);
  });

  test('the step may be spelt create_secret (as the Secrets Manager user guide writes it)', async () => {
    const { versionId } = await rig.start();
    for (const step of ['create_secret', 'set_secret', 'test_secret', 'finish_secret']) await rig.rotate(step, versionId);
    expect(rig.s.secrets.stages(rig.secretArn)[versionId]).toEqual([AWSCURRENT]);
  });
});

describe('faults', () => {
  test('throttling on every call the rotation makes is absorbed by the SDK’s retries', async () => {
    rig = await makeRig({ maxAttempts: 3 });
    await rig.rotation();
    for (const operation of ['ListUserPoolClientSecrets', 'AddUserPoolClientSecret', 'DeleteUserPoolClientSecret', 'GetClientToken']) {
      rig.s.faults.inject({ service: 'cognito', operation, kind: 'throttle' });
    }
    for (const operation of ['DescribeSecret', 'GetSecretValue', 'PutSecretValue', 'UpdateSecretVersionStage']) {
      rig.s.faults.inject({ service: 'secretsmanager', operation, kind: 'throttle' });
    }
    await rig.rotation();
    await rig.rotation();
    expect(rig.s.calls.count({ outcome: 'fault' })).toBe(8);
    expect(await rig.works(rig.current().clientSecret)).toBe(true);
    expect(rig.s.cognito.clientSecretValues(rig.clientId)).toHaveLength(2);
  });

  test('throttling that outlasts the retries fails the step loudly; the retried rotation completes', async () => {
    rig = await makeRig({ maxAttempts: 2 });
    await rig.rotation();
    rig.s.faults.inject({ service: 'cognito', operation: 'AddUserPoolClientSecret', kind: 'throttle', times: 2 });
    const { versionId, rotationToken } = await rig.start();
    const error = await errorOf(rig.rotate('createSecret', versionId, rotationToken));
    expect(error).toBeInstanceOf(HandlerError);
    expect(error.message).toBe('rotation step createSecret failed: TooManyRequestsException');
    expect(rig.lines.map((l) => JSON.parse(l)).find((l) => l.level === 'ERROR')).toMatchObject({ message: 'rotation step failed', errorName: 'TooManyRequestsException', step: 'createSecret' });
    for (const step of STEPS) await rig.rotate(step, versionId, rotationToken);
    expect(await rig.works(rig.current().clientSecret)).toBe(true);
  });

  describe('a crash between AddUserPoolClientSecret and PutSecretValue leaves an orphan at the two-secret limit', () => {
    test.each([
      ['during the seeding rotation', 0, 'PutSecretValue', 'beforeSend'],
      ['during a later rotation', 1, 'PutSecretValue', 'beforeSend'],
      ['when Cognito’s answer to the add is lost', 1, 'AddUserPoolClientSecret', 'afterResponse'],
    ] as const)('%s: the retried createSecret deletes the orphan and the rotation completes', async (_name, earlier, operation, when) => {
      rig = await makeRig();
      for (let i = 0; i < earlier; i++) await rig.rotation();
      const before = rig.s.cognito.clientSecretValues(rig.clientId);
      const { versionId, rotationToken } = await rig.start();
      const crash = addCrashPoint(operation === 'PutSecretValue' ? rig.clients.secrets : rig.clients.cognito, { operation, when });
      expect(await errorOf(rig.rotate('createSecret', versionId, rotationToken))).toBeInstanceOf(Error);
      expect(crash.fired).toBe(1);
      const orphaned = rig.s.cognito.clientSecretValues(rig.clientId);
      expect(orphaned).toHaveLength(2); // the limit: without cleanup, no further secret could be added
      const orphan = orphaned.find((v) => !before.includes(v))!;

      for (const step of STEPS) await rig.rotate(step, versionId, rotationToken);
      const now = rig.s.cognito.clientSecretValues(rig.clientId);
      expect(now).not.toContain(orphan);
      expect(now).toContain(rig.current().clientSecret);
      expect(await rig.works(rig.current().clientSecret)).toBe(true);
      expect(rig.s.calls.count({ errorType: 'LimitExceededException' })).toBe(0);
    });

    test('an add applied but answered with an error, retried by the SDK into the limit, is cleaned up in the same invocation', async () => {
      rig = await makeRig({ maxAttempts: 2 });
      await rig.rotation();
      rig.s.faults.inject({ service: 'cognito', operation: 'AddUserPoolClientSecret', kind: '5xx', applied: true });
      const { versionId, rotationToken } = await rig.start();
      for (const step of STEPS) await rig.rotate(step, versionId, rotationToken);
      expect(rig.s.calls.count({ operation: 'AddUserPoolClientSecret', errorType: 'LimitExceededException' })).toBeGreaterThan(0);
      expect(rig.s.cognito.clientSecretValues(rig.clientId)).toHaveLength(2);
      expect(await rig.works(rig.current().clientSecret)).toBe(true);
    });
  });

  test('a pending secret that does not work is never promoted', async () => {
    rig = await makeRig();
    await rig.rotation();
    const current = rig.current();
    const { versionId, rotationToken } = await rig.start();
    await rig.rotate('createSecret', versionId, rotationToken);
    rig.s.faults.inject({ service: 'cognito', operation: 'GetClientToken', kind: 'error', errorType: 'NotAuthorizedException', times: 3 });
    const mark = rig.s.calls.mark();
    const error = await errorOf(rig.rotate('testSecret', versionId, rotationToken));
    expect(error.message).toBe('rotation step testSecret failed: NotAuthorizedException');
    expect(rig.s.calls.since(mark, { operation: 'GetClientToken' })).toHaveLength(3); // retried while it might be propagating
    expect(rig.current()).toEqual(current);
    expect(rig.s.secrets.stages(rig.secretArn)[versionId]).toEqual([AWSPENDING]);
  });

  test('a crash while promoting: the repeated finishSecret completes it and deletes the seeding leftovers', async () => {
    rig = await makeRig();
    const { versionId, rotationToken } = await rig.start();
    for (const step of STEPS.slice(0, 3)) await rig.rotate(step, versionId, rotationToken);
    addCrashPoint(rig.clients.cognito, { operation: 'ListUserPoolClientSecrets', when: 'beforeSend' });
    await errorOf(rig.rotate('finishSecret', versionId, rotationToken)); // AWSCURRENT moved; cleanup did not run
    expect(await rig.works(rig.birthSecret)).toBe(true);
    await rig.rotate('finishSecret', versionId, rotationToken);
    expect(await rig.works(rig.birthSecret)).toBe(false);
    expect(rig.s.cognito.clientSecretValues(rig.clientId)).toEqual([rig.current().clientSecret]);
  });
});

describe('refusals', () => {
  beforeEach(async () => {
    rig = await makeRig();
  });

  test('an event for another secret, a version not pending rotation, an unknown step', async () => {
    const { versionId } = await rig.start();
    const other = rig.s.secrets.createSecret({ Name: 'other', SecretString: '{}' });
    const handler = createClientSecretRotation({ cognito: rig.clients.cognito, sm: rig.clients.secrets, log: createLogger({ write: (l) => rig.lines.push(l) }) }, { userPoolId: rig.userPoolId, clientId: rig.clientId, secretArn: rig.secretArn });
    expect((await errorOf(handler({ Step: 'createSecret', SecretId: other.ARN, ClientRequestToken: versionId }))).message).toBe('this function rotates one secret only, and this event names another');
    // Before createSecret the version is the empty one Secrets Manager staged: nothing to test. A version staged
    // otherwise is not ours to rotate.
    expect((await errorOf(rig.rotate('testSecret', versionId))).message).toBe('the pending version holds no client credentials to test');
    const custom = '0b6bd5a5-2f2a-4d8f-9d8e-2b1d0c9f7a11';
    await rig.clients.secrets.send(new PutSecretValueCommand({ SecretId: rig.secretArn, ClientRequestToken: custom, SecretString: '{}', VersionStages: ['CUSTOM'] }));
    expect((await errorOf(rig.rotate('createSecret', custom))).message).toBe('the version is not staged AWSPENDING for rotation');
    expect((await errorOf(rig.rotate('rotateEverything', versionId))).message).toBe('unknown rotation step "rotateEverything"');
  });

  test('a secret value that is not JSON is reported without quoting it', async () => {
    const garbage = 'not-json-but-a-secret-looking-value-0123456789';
    rig.s.leaks.register(garbage, 'client_secret', 'garbage');
    await rig.clients.secrets.send(new PutSecretValueCommand({ SecretId: rig.secretArn, SecretString: garbage }));
    const { versionId } = await rig.start();
    const error = await errorOf(rig.rotate('createSecret', versionId));
    expect(error.message).toBe('the current version is not JSON');
    expectNoSecretMaterial(rig.s, error, rig.lines);
    expect(rig.s.leaks.scan(error, rig.lines).clean).toBe(true);
  });
});
