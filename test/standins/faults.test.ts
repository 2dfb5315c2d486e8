import {
  AddUserPoolClientSecretCommand,
  CognitoIdentityProviderServiceException,
  GetTokensFromRefreshTokenCommand,
  InternalErrorException,
  InternalServerException,
  ListUsersCommand,
  NotAuthorizedException,
  RefreshTokenReuseException,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  InternalServiceError,
  PutSecretValueCommand,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { deferred, errorOf, seedDelegatedClient, startStandIns, type DelegatedClientSeed, type StandIns } from './index';

let s: StandIns;

beforeEach(async () => {
  s = await startStandIns();
});
afterEach(async () => {
  await s.close();
});

function refresher(seed: DelegatedClientSeed, maxAttempts = 1) {
  const { cognito } = s.clients({ maxAttempts, requestTimeoutMs: 1000 });
  return (token: string) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: token }));
}

describe('throttle', () => {
  test('Cognito: TooManyRequestsException; applied: false leaves the token unused', async () => {
    const seed = seedDelegatedClient(s);
    const refresh = refresher(seed);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const fault = s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'throttle' });

    const err = await errorOf(refresh(RefreshToken));
    expect(err).toBeInstanceOf(TooManyRequestsException);
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(fault.fired).toBe(1);
    expect(fault.remaining).toBe(0);
    expect(s.cognito.refreshTokenInfo(RefreshToken)).toMatchObject({ state: 'active', children: [] });
    expect(s.calls.list()[0]).toMatchObject({ outcome: 'fault', fault: 'throttle', applied: false });

    // The fault is used up: the next call goes through.
    expect((await refresh(RefreshToken)).AuthenticationResult?.RefreshToken).toBeDefined();
  });

  test('Cognito: applied: true rotates the token although the caller saw an error — a retry then hits reuse', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 0 });
    const refresh = refresher(seed);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'throttle', applied: true });

    expect(await errorOf(refresh(RefreshToken))).toBeInstanceOf(TooManyRequestsException);
    const info = s.cognito.refreshTokenInfo(RefreshToken);
    expect(info?.state).toBe('invalidated');
    expect(info?.children).toHaveLength(1);
    expect(s.calls.list()[0]).toMatchObject({ outcome: 'fault', applied: true });
    expect(await errorOf(refresh(RefreshToken))).toBeInstanceOf(RefreshTokenReuseException);
  });

  test('Secrets Manager: ThrottlingException, retried by the SDK when attempts remain', async () => {
    const { secrets: once } = s.clients({ maxAttempts: 1 });
    await once.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    s.faults.inject({ service: 'secretsmanager', operation: 'GetSecretValue', kind: 'throttle' });
    const err = await errorOf(once.send(new GetSecretValueCommand({ SecretId: 'vault' })));
    expect(err.name).toBe('ThrottlingException');
    expect(err).toBeInstanceOf(SecretsManagerServiceException);

    const { secrets: twice } = s.clients({ maxAttempts: 2 });
    s.faults.inject({ service: 'secretsmanager', operation: 'GetSecretValue', kind: 'throttle' });
    expect((await twice.send(new GetSecretValueCommand({ SecretId: 'vault' }))).SecretString).toBe('v1');
    expect(s.calls.list({ operation: 'GetSecretValue' }).map((c) => c.outcome)).toEqual(['fault', 'fault', 'ok']);
  });
});

describe('5xx', () => {
  test('Cognito InternalErrorException (InternalServerException for the client-secret APIs), HTTP 500', async () => {
    const seed = seedDelegatedClient(s);
    const { cognito } = s.clients({ maxAttempts: 1 });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: '5xx' });
    const err = await errorOf(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken })));
    expect(err).toBeInstanceOf(InternalErrorException);
    expect(err.$metadata?.httpStatusCode).toBe(500);

    s.faults.inject({ service: 'cognito', operation: 'AddUserPoolClientSecret', kind: '5xx', applied: true });
    const add = await errorOf(cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: seed.userPoolId, ClientId: seed.clientId })));
    expect(add).toBeInstanceOf(InternalServerException);
    // Applied: the secret exists although the caller never saw its value.
    expect(s.cognito.clientSecretValues(seed.clientId)).toHaveLength(2);
  });

  test('Secrets Manager InternalServiceError; applied: false stores nothing', async () => {
    const { secrets } = s.clients({ maxAttempts: 1 });
    await secrets.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: '5xx' });
    const err = await errorOf(secrets.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2' })));
    expect(err).toBeInstanceOf(InternalServiceError);
    expect(s.secrets.value('vault')).toBe('v1');
  });
});

describe('timeout', () => {
  test('the server never answers and the SDK request timeout fires; applied: true stored the value anyway', async () => {
    const { secrets } = s.clients({ maxAttempts: 1, requestTimeoutMs: 1000 });
    await secrets.send(new CreateSecretCommand({ Name: 'vault', SecretString: 'v1' }));
    const fault = s.faults.inject({ service: 'secretsmanager', operation: 'PutSecretValue', kind: 'timeout', applied: true });
    const err = await errorOf(secrets.send(new PutSecretValueCommand({ SecretId: 'vault', SecretString: 'v2' })));
    // The client's own request timeout ended the call (not the server, which never answers), after one request.
    expect(err.name).toBe('TimeoutError');
    expect(fault.fired).toBe(1);
    expect(s.calls.count({ operation: 'PutSecretValue' })).toBe(1);
    expect(s.secrets.value('vault')).toBe('v2');
    expect(s.calls.list({ operation: 'PutSecretValue' })[0]).toMatchObject({ outcome: 'fault', fault: 'timeout', applied: true });
  });

  test('applied: false: the Cognito token is untouched after the timeout', async () => {
    const seed = seedDelegatedClient(s);
    const refresh = refresher(seed);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'timeout' });
    expect((await errorOf(refresh(RefreshToken))).name).toBe('TimeoutError');
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.state).toBe('active');
  });
});

describe('reset', () => {
  test('the socket is destroyed; with applied: true the rotation happened', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 60 });
    const refresh = refresher(seed);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'reset', applied: true });
    const err = await errorOf(refresh(RefreshToken));
    expect(`${err.code ?? ''} ${err.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.state).toBe('grace');
    // Within the grace period a retry with the same token still succeeds: the recovery path.
    expect((await refresh(RefreshToken)).AuthenticationResult?.RefreshToken).toBeDefined();
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.children).toHaveLength(2);
  });

  test('the SDK retries a reset when attempts remain (applied: false, so the retry is the first real call)', async () => {
    const seed = seedDelegatedClient(s);
    const refresh = refresher(seed, 2);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'reset' });
    expect((await refresh(RefreshToken)).AuthenticationResult?.RefreshToken).toBeDefined();
    expect(s.calls.list().map((c) => c.outcome)).toEqual(['fault', 'ok']);
  });
});

describe('other fault controls', () => {
  test('delay with a gate holds a call until released; applied: false applies it after the wait', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 0 });
    const refresh = refresher(seed);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const gate = deferred();
    const held = s.faults.inject({ service: 'cognito', operation: 'GetTokensFromRefreshToken', kind: 'delay', until: gate.promise });

    const slow = refresh(RefreshToken);
    await held.firstFired;
    // The second caller overtakes the held one and rotates first.
    const fast = await refresh(RefreshToken);
    expect(fast.AuthenticationResult?.RefreshToken).toBeDefined();
    gate.resolve();
    expect(await errorOf(slow)).toBeInstanceOf(RefreshTokenReuseException);
    expect(s.calls.list().map((c) => [c.seq, c.outcome, c.fault])).toEqual([
      [1, 'error', 'delay'],
      [2, 'ok', undefined],
    ]);
  });

  test('times, when-predicates, custom errors and cancel', async () => {
    const seed = seedDelegatedClient(s);
    const refresh = refresher(seed);
    const a = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const b = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const onlyB = s.faults.inject({
      service: 'cognito',
      operation: '*',
      kind: 'error',
      errorType: 'NotAuthorizedException',
      message: 'injected',
      times: 2,
      when: (input) => input.RefreshToken === b.RefreshToken,
    });
    expect((await refresh(a.RefreshToken)).AuthenticationResult).toBeDefined();
    const err = await errorOf(refresh(b.RefreshToken));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err.message).toBe('injected');
    expect(onlyB.remaining).toBe(1);
    onlyB.cancel();
    expect(s.faults.pending()).toEqual([]);
    expect((await refresh(b.RefreshToken)).AuthenticationResult).toBeDefined();
  });

  test('unknown operations answer with the SDK-visible service base exception', async () => {
    const { cognito } = s.clients({ maxAttempts: 1 });
    const err = await errorOf(cognito.send(new ListUsersCommand({ UserPoolId: 'us-east-1_x' })));
    expect(err).toBeInstanceOf(CognitoIdentityProviderServiceException);
    expect(err.name).toBe('StandInNotImplemented');
  });
});
