import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { captureConsole, errorOf, LeakDetector, seedDelegatedClient, seedMachineClient, startStandIns, type StandIns } from './index';

let s: StandIns;

beforeEach(async () => {
  s = await startStandIns();
});
afterEach(async () => {
  await s.close();
});

describe('leak detector', () => {
  test('finds whole and partial issued tokens in text and reports references, never values', () => {
    const seed = seedDelegatedClient(s);
    const t = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const rtRef = s.cognito.refreshTokenInfo(t.RefreshToken)?.ref as string;
    const middle = t.RefreshToken.slice(600, 620);
    const lines = [
      'refreshing tokens for client', // clean
      `stored token ${t.RefreshToken}`, // full refresh token
      `debug: prefix=${middle}`, // 20-character fragment from the middle
      `Authorization: Bearer ${t.AccessToken}`, // full access token
    ];

    const report = s.leaks.scan(...lines);
    expect(report.count).toBe(2);
    expect(report.findings).toEqual([
      { ref: rtRef, kind: 'refresh_token', match: 'full', input: 1 },
      { ref: rtRef, kind: 'refresh_token', match: 'partial', input: 2 },
      { ref: s.leaks.refOf(t.AccessToken), kind: 'access_token', match: 'full', input: 3 },
    ]);
    const summary = report.summary();
    expect(summary).toContain(rtRef);
    for (const secret of [t.RefreshToken, middle, t.AccessToken]) expect(summary.includes(secret)).toBe(false);
    expect(s.leaks.scan(lines[0]).clean).toBe(true);
  });

  test('follows what an error wraps and what util.inspect prints: cause, AggregateError, non-enumerable properties, Maps, Sets', () => {
    const seed = seedDelegatedClient(s);
    const t = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const ref = s.cognito.refreshTokenInfo(t.RefreshToken)?.ref;
    const found = (input: unknown) => s.leaks.scan(input).findings.map((f) => f.ref);
    // A token three causes deep, inside a non-enumerable property JSON.stringify skips.
    const inner = new Error('inner');
    Object.defineProperty(inner, 'request', { value: { body: { RefreshToken: t.RefreshToken } }, enumerable: false });
    expect(found(new Error('outer', { cause: new Error('middle', { cause: inner }) }))).toEqual([ref]);
    expect(found(new AggregateError([new Error('clean'), new Error(`x ${t.RefreshToken.slice(200, 240)}`)], 'several'))).toEqual([ref]);
    // A Map (JSON.stringify prints {}), a Set, a class instance with a getter.
    expect(found({ cache: new Map([['k', t.RefreshToken]]) })).toEqual([ref]);
    expect(found(new Set([t.RefreshToken]))).toEqual([ref]);
    class Holder {
      private readonly secret = new Map([['refresh', t.RefreshToken]]);
      size() {
        return this.secret.size;
      }
    }
    expect(found([new Holder()])).toEqual([ref]);
    // A cycle is followed once, not forever.
    const cyclic = new Error('cyclic') as Error & { cause?: unknown };
    cyclic.cause = cyclic;
    expect(s.leaks.scan(cyclic).clean).toBe(true);
  });

  test('ignores shared, non-secret parts: the JWT/JWE header, fragments shorter than 16 characters', () => {
    const seed = seedDelegatedClient(s);
    const t = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const jwtHeader = t.AccessToken.split('.')[0] as string;
    const jweHeader = t.RefreshToken.split('.')[0] as string;
    expect(jwtHeader.length).toBeGreaterThan(16);
    expect(s.leaks.scan(jwtHeader, jweHeader, t.RefreshToken.slice(300, 315)).clean).toBe(true);
  });

  test('knows client secrets and Secrets Manager values, including string fields of JSON secrets', async () => {
    const m2m = seedMachineClient(s);
    const { secrets } = s.clients({ maxAttempts: 1 });
    await secrets.send(new CreateSecretCommand({ Name: 'vault', SecretString: JSON.stringify({ refreshToken: 'opaque-stored-credential-0001', note: 'x' }) }));
    expect(s.leaks.scan(`secret=${m2m.clientSecret}`).findings[0]).toMatchObject({ kind: 'client_secret', match: 'full' });
    expect(s.leaks.scan('value: opaque-stored-credential-0001').findings[0]).toMatchObject({ kind: 'secret_value', match: 'full' });
    // JSON key names are not secret.
    expect(s.leaks.scan('{"refreshToken":"<redacted>"}').clean).toBe(true);
  });

  test('scans errors and structured payloads; assertNoLeaks throws a message without the value', async () => {
    const seed = seedDelegatedClient(s);
    const t = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const error = Object.assign(new Error('refresh failed'), { token: t.RefreshToken });
    expect(s.leaks.scan(error).count).toBe(1);
    expect(s.leaks.scan({ metric: 'RefreshFailures', dims: { token: t.IdToken } }).findings[0]?.kind).toBe('id_token');

    const thrown = (() => {
      try {
        s.leaks.assertNoLeaks(['ok line', `oops ${t.RefreshToken}`]);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(thrown?.message).toMatch(/^Leak detected: 1 issued value/);
    expect(thrown?.message.includes(t.RefreshToken.slice(100, 116))).toBe(false);
    expect(() => s.leaks.assertNoLeaks('clean')).not.toThrow();
  });

  test('SDK error messages carry no token material; captureConsole collects log lines for scanning', async () => {
    const seed = seedDelegatedClient(s);
    const { cognito } = s.clients({ maxAttempts: 1 });
    const t = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: t.RefreshToken }));
    const err = await errorOf(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: t.RefreshToken })));
    expect(s.leaks.scan(err).clean).toBe(true);

    const captured = captureConsole();
    try {
      console.log('refresh failed: %s', err.name);
      console.error({ token: t.RefreshToken });
    } finally {
      captured.restore();
    }
    expect(captured.lines).toHaveLength(2);
    const report = s.leaks.scan(...captured.lines);
    expect(report.findings.map((f) => f.input)).toEqual([1]);
  });

  test('a standalone detector: values shorter than 8 characters are not tracked', () => {
    const d = new LeakDetector();
    expect(d.register('short', 'other')).toBeDefined();
    const ref = d.register('a-long-enough-secret-value', 'other', 'mine');
    expect(d.register('a-long-enough-secret-value', 'other')).toBe(ref);
    expect(d.size).toBe(1);
    expect(d.scan('short a-long-enough-secret-value').findings).toEqual([{ ref: 'mine', kind: 'other', match: 'full', input: 0 }]);
  });
});
