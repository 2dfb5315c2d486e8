import { CognitoIdentityProviderClient, GetTokensFromRefreshTokenCommand, NotAuthorizedException, RefreshTokenReuseException } from '@aws-sdk/client-cognito-identity-provider';
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { addCrashPoint, errorOf, seedDelegatedClient, SimulatedCrash, startStandIns, type StandIns } from './index';

let s: StandIns;

beforeEach(async () => {
  s = await startStandIns();
});
afterEach(async () => {
  await s.close();
});

describe('crash points', () => {
  test('beforeSend: the call never reaches the service', async () => {
    const seed = seedDelegatedClient(s);
    const { cognito } = s.clients({ maxAttempts: 1 });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const crash = addCrashPoint(cognito, { operation: 'GetTokensFromRefreshToken', when: 'beforeSend' });

    const err = await errorOf(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken })));
    expect(err).toBeInstanceOf(SimulatedCrash);
    expect(err).toMatchObject({ operation: 'GetTokensFromRefreshToken', point: 'beforeSend' });
    expect(crash.fired).toBe(1);
    expect(s.calls.count()).toBe(0);
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.state).toBe('active');
  });

  test('afterResponse: Cognito rotated the token but the process died before storing the new one', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 0 });
    const { cognito } = s.clients({ maxAttempts: 1 });
    const send = (t: string) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: t }));
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    addCrashPoint(cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });

    const err = await errorOf(send(RefreshToken));
    expect(err).toBeInstanceOf(SimulatedCrash);
    expect(s.leaks.scan(err).clean).toBe(true);
    expect(s.calls.list()[0]).toMatchObject({ operation: 'GetTokensFromRefreshToken', outcome: 'ok', applied: true });
    const [lost] = s.cognito.refreshTokens({ state: 'active' });
    expect(lost?.parent).toBe(s.cognito.refreshTokenInfo(RefreshToken)?.ref);

    // The crash point is used up; the restarted process only has the old token, and the grant is lost.
    expect(await errorOf(send(RefreshToken))).toBeInstanceOf(RefreshTokenReuseException);
  });

  test('afterResponse is not used up by a call that failed at the service', async () => {
    const seed = seedDelegatedClient(s);
    const { cognito } = s.clients({ maxAttempts: 1 });
    const crash = addCrashPoint(cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse', times: 2 });
    const bad = await errorOf(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: 'a.b.c.d.e' })));
    expect(bad).toBeInstanceOf(NotAuthorizedException);
    expect(crash.remaining).toBe(2);
    crash.remove();
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    await expect(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken }))).resolves.toBeDefined();
  });

  test('works on Secrets Manager clients and only for the named operation', async () => {
    const { secrets } = s.clients({ maxAttempts: 1 });
    await secrets.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    addCrashPoint(secrets, { operation: 'PutSecretValue', when: 'afterResponse' });
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'vault' }))).SecretString).toBe('v1');
    expect(await errorOf(secrets.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2' })))).toBeInstanceOf(SimulatedCrash);
    expect(s.secrets.value('vault')).toBe('v2');
  });

  test('skip lets the first matching calls through: crash the n-th call of an operation', async () => {
    const { secrets } = s.clients({ maxAttempts: 1 });
    await secrets.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    const crash = addCrashPoint(secrets, { operation: 'GetSecretValue', when: 'beforeSend', skip: 2 });
    for (let i = 0; i < 2; i++) expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'vault' }))).SecretString).toBe('v1');
    expect(await errorOf(secrets.send(new GetSecretValueCommand({ SecretId: 'vault' })))).toBeInstanceOf(SimulatedCrash);
    expect(crash.fired).toBe(1);
    expect(s.calls.count({ operation: 'GetSecretValue' })).toBe(2);
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'vault' }))).SecretString).toBe('v1');
  });
});

describe('call log', () => {
  test('records service, operation, outcome and token references, never values', async () => {
    const seed = seedDelegatedClient(s);
    const { cognito, secrets } = s.clients({ maxAttempts: 1 });
    const signIn = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const out = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: signIn.RefreshToken }));
    await secrets.send(new CreateSecretCommand({ Name: 'vault', SecretString: JSON.stringify({ refreshToken: out.AuthenticationResult?.RefreshToken }) }));
    await errorOf(secrets.send(new GetSecretValueCommand({ SecretId: 'missing' })));

    expect(s.calls.sequence()).toEqual(['cognito:GetTokensFromRefreshToken', 'secretsmanager:CreateSecret', 'secretsmanager:GetSecretValue']);
    expect(s.calls.count({ service: 'cognito', operation: 'GetTokensFromRefreshToken' })).toBe(1);
    const [refresh, create, missing] = s.calls.list();
    expect(refresh).toMatchObject({
      seq: 1,
      outcome: 'ok',
      applied: true,
      at: s.clock.now(),
      refs: { clientId: seed.clientId, userPoolId: seed.userPoolId, username: seed.username, tokenRef: s.cognito.refreshTokenInfo(signIn.RefreshToken)?.ref },
    });
    expect(refresh?.refs.issuedRefs).toContain(s.cognito.refreshTokenInfo(out.AuthenticationResult?.RefreshToken as string)?.ref);
    expect(create).toMatchObject({ outcome: 'ok', refs: { secretId: 'vault' } });
    expect(missing).toMatchObject({ outcome: 'error', errorType: 'ResourceNotFoundException', applied: false });

    // Nothing in the log is token or secret material.
    expect(s.leaks.scan(s.calls.list()).clean).toBe(true);
  });

  test('mark/since isolate one step ("a cache hit made no AWS call")', async () => {
    const { secrets } = s.clients({ maxAttempts: 1 });
    await secrets.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    const mark = s.calls.mark();
    expect(s.calls.since(mark)).toEqual([]);
    await secrets.send(new GetSecretValueCommand({ SecretId: 'vault' }));
    expect(s.calls.since(mark).map((c) => c.operation)).toEqual(['GetSecretValue']);
    s.calls.clear();
    expect(s.calls.count()).toBe(0);
  });
});

describe('env()', () => {
  test('clients built by code under test without an explicit endpoint reach the stand-in', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, s.env());
    try {
      const sm = new SecretsManagerClient({ maxAttempts: 1 });
      const idp = new CognitoIdentityProviderClient({ maxAttempts: 1 });
      await sm.send(new CreateSecretCommand({ Name: 'via-env', SecretString: 'v1' }));
      await errorOf(idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'nosuchclient', RefreshToken: 'a.b.c.d.e' })));
      sm.destroy();
      idp.destroy();
    } finally {
      process.env = saved;
    }
    expect(s.calls.sequence()).toEqual(['secretsmanager:CreateSecret', 'cognito:GetTokensFromRefreshToken']);
  });
});

test('the README example', async () => {
  const seed = seedDelegatedClient(s, { graceSeconds: 0 });
  const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
  const { cognito } = s.clients({ maxAttempts: 1, requestTimeoutMs: 1000 });
  addCrashPoint(cognito, { operation: 'GetTokensFromRefreshToken', when: 'afterResponse' });
  const send = () => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken }));
  expect(await errorOf(send())).toBeInstanceOf(SimulatedCrash);
  expect(await errorOf(send())).toBeInstanceOf(RefreshTokenReuseException);
  expect(s.calls.count({ operation: 'GetTokensFromRefreshToken' })).toBe(2);
});
