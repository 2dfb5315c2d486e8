import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  LimitExceededException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS, errorOf, startStandIns, type RotationRequest, type StandIns } from './index';

let s: StandIns;
let sm: SecretsManagerClient;

beforeEach(async () => {
  s = await startStandIns();
  sm = s.clients({ maxAttempts: 1 }).secrets;
});
afterEach(async () => {
  await s.close();
});

const token = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:rotator';

describe('secrets and values', () => {
  test('CreateSecret, then GetSecretValue by name, full ARN and partial ARN; absent secrets are ResourceNotFoundException', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'app/refresh-token', SecretString: 'v1', ClientRequestToken: token(1) }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/refresh-token-[A-Za-z0-9]{6}$/);
    expect(created.VersionId).toBe(token(1));

    for (const id of ['app/refresh-token', created.ARN as string, (created.ARN as string).slice(0, -7)]) {
      const got = await sm.send(new GetSecretValueCommand({ SecretId: id }));
      expect(got).toMatchObject({ SecretString: 'v1', VersionId: token(1), VersionStages: [AWSCURRENT], ARN: created.ARN, Name: 'app/refresh-token' });
      expect(got.CreatedDate).toBeInstanceOf(Date);
    }
    expect(await errorOf(sm.send(new GetSecretValueCommand({ SecretId: 'nope' })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await errorOf(sm.send(new GetSecretValueCommand({ SecretId: 'app/refresh-token', VersionStage: AWSPENDING })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(await errorOf(sm.send(new CreateSecretCommand({ Name: 'app/refresh-token', SecretString: 'x' })))).toBeInstanceOf(ResourceExistsException);
  });

  test('SecretBinary round-trips', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await sm.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: bytes }));
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'bin' }));
    expect(Array.from(got.SecretBinary ?? [])).toEqual(Array.from(bytes));
    expect(got.SecretString).toBeUndefined();
  });

  test('DescribeSecret reports versions, rotation, tags and dates', async () => {
    const created = await sm.send(
      new CreateSecretCommand({ Name: 'described', SecretString: 'v1', KmsKeyId: 'alias/vault', Description: 'vault', Tags: [{ Key: 'owner', Value: 'broker' }] }),
    );
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'described' }));
    expect(d).toMatchObject({
      ARN: created.ARN,
      Name: 'described',
      Description: 'vault',
      KmsKeyId: 'alias/vault',
      RotationEnabled: false,
      Tags: [{ Key: 'owner', Value: 'broker' }],
      VersionIdsToStages: { [created.VersionId as string]: [AWSCURRENT] },
    });
    expect(d.CreatedDate?.getTime()).toBe(s.clock.now());
    expect(d.DeletedDate).toBeUndefined();
  });
});

describe('PutSecretValue', () => {
  test('defaults to AWSCURRENT and moves the previous AWSCURRENT to AWSPREVIOUS', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', ClientRequestToken: token(1) }));
    const put2 = await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2', ClientRequestToken: token(2) }));
    expect(put2.VersionStages).toEqual([AWSCURRENT]);
    await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v3', ClientRequestToken: token(3) }));
    expect(s.secrets.stages('vault')).toEqual({ [token(2)]: [AWSPREVIOUS], [token(3)]: [AWSCURRENT] });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'vault', VersionStage: AWSPREVIOUS }))).SecretString).toBe('v2');

    // Version 1 lost its last label: deprecated, listed only on request.
    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'vault' }));
    expect(listed.Versions?.map((v) => v.VersionId).sort()).toEqual([token(2), token(3)]);
    const all = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'vault', IncludeDeprecated: true }));
    expect(all.Versions?.map((v) => v.VersionId).sort()).toEqual([token(1), token(2), token(3)]);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'vault', VersionId: token(1) }))).VersionStages).toEqual([]);
  });

  test('ClientRequestToken idempotency: same value is a no-op, different value is ResourceExistsException', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', ClientRequestToken: token(1) }));
    await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2', ClientRequestToken: token(2) }));
    const before = s.secrets.describe('vault');

    const retry = await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2', ClientRequestToken: token(2) }));
    expect(retry.VersionId).toBe(token(2));
    expect(s.secrets.describe('vault').Versions).toEqual(before.Versions);
    expect(s.calls.list({ operation: 'PutSecretValue' })[1]?.detail).toMatch(/idempotent/);

    const conflict = await errorOf(sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'other', ClientRequestToken: token(2) })));
    expect(conflict).toBeInstanceOf(ResourceExistsException);
    expect(s.secrets.value('vault', { versionId: token(2) })).toBe('v2');
  });

  test('AWSPENDING puts do not touch AWSCURRENT, and a stage named on a put moves from its holder', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', ClientRequestToken: token(1) }));
    await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'p1', ClientRequestToken: token(2), VersionStages: [AWSPENDING] }));
    await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'p2', ClientRequestToken: token(3), VersionStages: [AWSPENDING] }));
    expect(s.secrets.stages('vault')).toEqual({ [token(1)]: [AWSCURRENT], [token(3)]: [AWSPENDING] });
  });

  test('validates its input', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    expect(await errorOf(sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'x', ClientRequestToken: 'short' })))).toBeInstanceOf(
      InvalidParameterException,
    );
    expect(await errorOf(sm.send(new PutSecretValueCommand({ SecretId: 'vault' })))).toBeInstanceOf(InvalidParameterException);
    expect(await errorOf(sm.send(new PutSecretValueCommand({ SecretId: 'missing', SecretString: 'x' })))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('UpdateSecretVersionStage', () => {
  beforeEach(async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', ClientRequestToken: token(1) }));
    await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2', ClientRequestToken: token(2), VersionStages: [AWSPENDING] }));
  });

  test('moving a label attached elsewhere needs RemoveFromVersionId naming its holder', async () => {
    const missing = await errorOf(sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSCURRENT, MoveToVersionId: token(2) })));
    expect(missing).toBeInstanceOf(InvalidParameterException);
    expect(missing.message).toMatch(/RemoveFromVersionId can't be empty/);

    const wrong = await errorOf(
      sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSCURRENT, MoveToVersionId: token(2), RemoveFromVersionId: token(2) })),
    );
    expect(wrong).toBeInstanceOf(InvalidParameterException);
    expect(s.secrets.stages('vault')).toEqual({ [token(1)]: [AWSCURRENT], [token(2)]: [AWSPENDING] });
  });

  test('moving AWSCURRENT moves AWSPREVIOUS automatically; AWSPENDING is then removed explicitly', async () => {
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSCURRENT, MoveToVersionId: token(2), RemoveFromVersionId: token(1) }));
    expect(s.secrets.stages('vault')).toEqual({ [token(1)]: [AWSPREVIOUS], [token(2)]: [AWSPENDING, AWSCURRENT] });
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSPENDING, RemoveFromVersionId: token(2) }));
    expect(s.secrets.stages('vault')).toEqual({ [token(1)]: [AWSPREVIOUS], [token(2)]: [AWSCURRENT] });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'vault' }))).SecretString).toBe('v2');
  });

  test('AWSCURRENT cannot be removed outright; unknown versions are ResourceNotFoundException; moving onto the holder is a no-op', async () => {
    expect(await errorOf(sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSCURRENT, RemoveFromVersionId: token(1) })))).toBeInstanceOf(
      InvalidParameterException,
    );
    expect(await errorOf(sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSCURRENT, MoveToVersionId: token(9) })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(await errorOf(sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: 'CUSTOM', RemoveFromVersionId: token(1) })))).toBeInstanceOf(
      InvalidParameterException,
    );
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSCURRENT, MoveToVersionId: token(1) }));
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: 'CUSTOM', MoveToVersionId: token(2) }));
    expect(s.secrets.stages('vault')).toEqual({ [token(1)]: [AWSCURRENT], [token(2)]: [AWSPENDING, 'CUSTOM'] });
  });
});

describe('rotation configuration', () => {
  test('RotateSecret records the configuration and the rotation request, and notifies listeners', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', ClientRequestToken: token(1) }));
    const seen: RotationRequest[] = [];
    const notified = new Promise<void>((resolve) =>
      s.secrets.onRotation((r) => {
        seen.push(r);
        resolve();
      }),
    );
    const out = await sm.send(
      new RotateSecretCommand({ SecretId: 'vault', RotationLambdaARN: LAMBDA, RotationRules: { ScheduleExpression: 'rate(4 hours)' }, ClientRequestToken: token(2) }),
    );
    expect(out.VersionId).toBe(token(2));
    await notified;
    // RotationToken is sensitive: compare it without printing it.
    const { RotationToken, ...request } = seen[0] as RotationRequest;
    expect(request).toMatchObject({ SecretId: out.ARN, ClientRequestToken: token(2), RotationLambdaARN: LAMBDA, rotateImmediately: true });
    expect(/^[0-9a-f]{64}$/.test(RotationToken)).toBe(true);

    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'vault' }));
    expect(d).toMatchObject({ RotationEnabled: true, RotationLambdaARN: LAMBDA, RotationRules: { ScheduleExpression: 'rate(4 hours)' } });
    expect(d.NextRotationDate?.getTime()).toBe(s.clock.now() + 4 * 3600_000);

    // Play the rotation Lambda: createSecret, then finishSecret.
    await sm.send(
      new PutSecretValueCommand({ SecretId: out.ARN, SecretString: 'v2', ClientRequestToken: token(2), VersionStages: [AWSPENDING], RotationToken }),
    );
    expect(s.calls.list({ operation: 'PutSecretValue' })[0]?.detail).toBe('RotationToken of a started rotation');
    s.clock.advance(5);
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: out.ARN, VersionStage: AWSCURRENT, MoveToVersionId: token(2), RemoveFromVersionId: token(1) }));
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'vault' }))).LastRotatedDate?.getTime()).toBe(s.clock.now());
  });

  test('RotateSecret stages AWSPENDING on an empty version that createSecret fills; RotateImmediately false creates none', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', ClientRequestToken: token(1) }));
    await sm.send(new RotateSecretCommand({ SecretId: 'vault', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 1 }, ClientRequestToken: token(2) }));
    // What a rotation function sees first: the request's version id, staged AWSPENDING, with no value yet.
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'vault' }))).VersionIdsToStages).toEqual({ [token(1)]: [AWSCURRENT], [token(2)]: [AWSPENDING] });
    const noValue = await errorOf(sm.send(new GetSecretValueCommand({ SecretId: 'vault', VersionId: token(2), VersionStage: AWSPENDING })));
    expect(noValue).toBeInstanceOf(ResourceNotFoundException);
    expect(await errorOf(sm.send(new GetSecretValueCommand({ SecretId: 'vault', VersionStage: AWSPENDING })))).toBeInstanceOf(ResourceNotFoundException);
    expect(s.secrets.value('vault', { versionId: token(2) })).toBeUndefined();

    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2', ClientRequestToken: token(2), VersionStages: [AWSPENDING] }));
    expect(put.VersionStages).toEqual([AWSPENDING]);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'vault', VersionId: token(2) }))).SecretString).toBe('v2');
    // The filled version is an ordinary one now: the same put again is an idempotent retry, another value is refused.
    await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2', ClientRequestToken: token(2), VersionStages: [AWSPENDING] }));
    expect(await errorOf(sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v3', ClientRequestToken: token(2), VersionStages: [AWSPENDING] })))).toBeInstanceOf(
      ResourceExistsException,
    );

    // Only a rotation that runs now creates the version; RotateImmediately: false runs testSecret on the current one.
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: AWSCURRENT, MoveToVersionId: token(2), RemoveFromVersionId: token(1) }));
    await sm.send(new RotateSecretCommand({ SecretId: 'vault', RotateImmediately: false, ClientRequestToken: token(3) }));
    expect(s.secrets.describe('vault').Versions.map((v) => v.VersionId)).toEqual([token(1), token(2)]);
  });

  test('a stray AWSPENDING makes the next RotateSecret fail; CancelRotateSecret turns rotation off', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', ClientRequestToken: token(1) }));
    await sm.send(new RotateSecretCommand({ SecretId: 'vault', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 1 }, ClientRequestToken: token(2) }));
    await sm.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2', ClientRequestToken: token(2), VersionStages: [AWSPENDING] }));

    const again = await errorOf(sm.send(new RotateSecretCommand({ SecretId: 'vault', ClientRequestToken: token(3) })));
    expect(again).toBeInstanceOf(InvalidRequestException);
    expect(again.message).toMatch(/previous rotation isn't complete/);

    const cancelled = await sm.send(new CancelRotateSecretCommand({ SecretId: 'vault' }));
    expect(cancelled.VersionId).toBe(token(2));
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'vault' }));
    expect(d.RotationEnabled).toBe(false);
    expect(d.NextRotationDate).toBeUndefined();
    expect(s.secrets.rotationRequests('vault').map((r) => r.ClientRequestToken)).toEqual([token(2)]);
  });

  test('rotation rules are validated (schedules as often as every four hours)', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    const tooOften = await errorOf(sm.send(new RotateSecretCommand({ SecretId: 'vault', RotationLambdaARN: LAMBDA, RotationRules: { ScheduleExpression: 'rate(3 hours)' } })));
    expect(tooOften).toBeInstanceOf(InvalidParameterException);
    const noLambda = await errorOf(sm.send(new RotateSecretCommand({ SecretId: 'vault' })));
    expect(noLambda).toBeInstanceOf(InvalidRequestException);
    expect(s.secrets.describe('vault').RotationEnabled).toBe(false);
  });
});

describe('tags and deletion', () => {
  test('TagResource merges, UntagResource removes', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1', Tags: [{ Key: 'a', Value: '1' }] }));
    await sm.send(new TagResourceCommand({ SecretId: 'vault', Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }] }));
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'vault' }))).Tags).toEqual([{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }]);
    await sm.send(new UntagResourceCommand({ SecretId: 'vault', TagKeys: ['a'] }));
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'vault' }))).Tags).toEqual([{ Key: 'b', Value: '3' }]);
  });

  test('a secret scheduled for deletion is unreadable, restorable, and gone after its recovery window', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    const del = await sm.send(new DeleteSecretCommand({ SecretId: 'vault', RecoveryWindowInDays: 7 }));
    expect(del.DeletionDate?.getTime()).toBe(s.clock.now() + 7 * 86400_000);
    expect(await errorOf(sm.send(new GetSecretValueCommand({ SecretId: 'vault' })))).toBeInstanceOf(InvalidRequestException);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'vault' }))).DeletedDate?.getTime()).toBe(s.clock.now());

    await sm.send(new RestoreSecretCommand({ SecretId: 'vault' }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'vault' }))).SecretString).toBe('v1');

    await sm.send(new DeleteSecretCommand({ SecretId: 'vault', RecoveryWindowInDays: 7 }));
    s.clock.advance(7 * 86400);
    expect(await errorOf(sm.send(new DescribeSecretCommand({ SecretId: 'vault' })))).toBeInstanceOf(ResourceNotFoundException);

    await sm.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'x' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'gone', ForceDeleteWithoutRecovery: true }));
    expect(s.secrets.exists('gone')).toBe(false);
  });
});

describe('quotas', () => {
  const put = (client: SecretsManagerClient, n: number, stages?: string[]) =>
    client.send(new PutSecretValueCommand({ SecretId: 'vault', ClientRequestToken: token(n), SecretString: `v${n}`, ...(stages ? { VersionStages: stages } : {}) }));

  test('versions: 144 a day are accepted (one per 10 minutes); the 145th within 24 hours is refused; older unlabeled ones make room', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v0', ClientRequestToken: token(0) }));
    for (let n = 1; n < 144; n++) await put(sm, n, ['STAGED']);
    expect(await errorOf(put(sm, 144, ['STAGED']))).toBeInstanceOf(LimitExceededException);
    // A retry of an existing version is not a new version.
    await put(sm, 143, ['STAGED']);
    // Ten minutes after the first one was created 24 hours ago, it is no longer young; and once there are more than
    // 100 versions, unlabeled ones 24 hours old or more are removed to make room (never a labelled one: v0 is AWSCURRENT).
    s.clock.advance(86400);
    await put(sm, 144, ['STAGED']);
    const ids = s.secrets.describe('vault').Versions.map((v) => v.VersionId);
    expect(ids).toHaveLength(100);
    expect(ids).toContain(token(0));
    expect(ids).not.toContain(token(1));
  });

  test('versions, the strictest reading: a total of 100', async () => {
    const strict = await startStandIns({ secretsManager: { versionQuota: { total: 100 } } });
    try {
      const client = strict.clients({ maxAttempts: 1 }).secrets;
      await client.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v0' }));
      for (let n = 1; n < 100; n++) await put(client, n, ['STAGED']);
      const refused = await errorOf(put(client, 100, ['STAGED']));
      expect(refused).toBeInstanceOf(LimitExceededException);
      expect(strict.calls.list({ operation: 'PutSecretValue' }).at(-1)?.errorType).toBe('LimitExceededException');
    } finally {
      await strict.close();
    }
  });

  test('staging labels: at most 20 across the versions of a secret', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v0', ClientRequestToken: token(0) }));
    await put(sm, 1, ['STAGED']);
    for (let n = 0; n < 18; n++) await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: `L${n}`, MoveToVersionId: token(n % 2) }));
    expect(await errorOf(sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: 'L18', MoveToVersionId: token(0) })))).toBeInstanceOf(LimitExceededException);
    expect(await errorOf(put(sm, 2, ['ANOTHER']))).toBeInstanceOf(LimitExceededException);
    // Moving an existing label is no new label.
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: 'L0', MoveToVersionId: token(1), RemoveFromVersionId: token(0) }));
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: 'L0', RemoveFromVersionId: token(1) }));
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'vault', VersionStage: 'L18', MoveToVersionId: token(0) }));
  });
});
