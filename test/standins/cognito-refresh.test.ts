import {
  AddUserPoolClientSecretCommand,
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  RefreshTokenReuseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwtPayload, errorOf, secretHash, seedDelegatedClient, startStandIns, type DelegatedClientSeed, type StandIns } from './index';

let s: StandIns;
let idp: CognitoIdentityProviderClient;

beforeEach(async () => {
  s = await startStandIns();
  idp = s.clients({ maxAttempts: 1 }).cognito;
});
afterEach(async () => {
  await s.close();
});

function refresh(seed: DelegatedClientSeed, token: string, secret = seed.clientSecret) {
  return idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: secret, RefreshToken: token }));
}

describe('GetTokensFromRefreshToken with rotation enabled', () => {
  test('returns new access, ID and refresh tokens shaped like Cognito’s', async () => {
    const seed = seedDelegatedClient(s);
    const signIn = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    expect(signIn.RefreshToken.split('.').length).toBe(5);

    const out = await refresh(seed, signIn.RefreshToken);
    const result = out.AuthenticationResult;
    expect(result?.RefreshToken).toBeDefined();
    expect(result?.RefreshToken === signIn.RefreshToken).toBe(false);
    expect(result?.RefreshToken?.split('.').length).toBe(5);
    expect(result?.TokenType).toBe('Bearer');
    expect(result?.ExpiresIn).toBe(300);

    const access = decodeJwtPayload(result?.AccessToken as string);
    const id = decodeJwtPayload(result?.IdToken as string);
    expect(access.token_use).toBe('access');
    expect(access.client_id).toBe(seed.clientId);
    expect(access.username).toBe(seed.username);
    expect(Number(access.exp) - Number(access.iat)).toBe(300);
    expect(id.token_use).toBe('id');
    expect(id.aud).toBe(seed.clientId);
    // Tokens refreshed from one sign-in share its origin_jti.
    expect(access.origin_jti).toBe(decodeJwtPayload(signIn.AccessToken).origin_jti);

    const child = s.cognito.refreshTokenInfo(result?.RefreshToken as string);
    const parent = s.cognito.refreshTokenInfo(signIn.RefreshToken);
    expect(child?.parent).toBe(parent?.ref);
    expect(child?.family).toBe(parent?.family);
    expect(parent?.children).toEqual([child?.ref]);
  });

  test('grace period 0: the presented token is invalid immediately and reuse raises RefreshTokenReuseException', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 0 });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const out = await refresh(seed, RefreshToken);
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.state).toBe('invalidated');

    expect(await errorOf(refresh(seed, RefreshToken))).toBeInstanceOf(RefreshTokenReuseException);
    // The new token works, and rotates in turn.
    const next = await refresh(seed, out.AuthenticationResult?.RefreshToken as string);
    expect(next.AuthenticationResult?.RefreshToken).toBeDefined();
  });

  test('within the grace period the old token may be presented again and mints another new token', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 30 });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const a = await refresh(seed, RefreshToken);
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.state).toBe('grace');

    s.clock.advance(29);
    const b = await refresh(seed, RefreshToken);
    expect(b.AuthenticationResult?.RefreshToken).toBeDefined();
    expect(b.AuthenticationResult?.RefreshToken === a.AuthenticationResult?.RefreshToken).toBe(false);
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.children).toHaveLength(2);

    // The grace period runs from the first use, not the latest one.
    s.clock.advance(1);
    expect(await errorOf(refresh(seed, RefreshToken))).toBeInstanceOf(RefreshTokenReuseException);
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.state).toBe('invalidated');

    // Both children stay usable.
    expect(s.cognito.canMint(a.AuthenticationResult?.RefreshToken as string)).toBe(true);
    expect(s.cognito.canMint(b.AuthenticationResult?.RefreshToken as string)).toBe(true);
  });

  test('rotated tokens keep the original expiry; expired tokens raise NotAuthorizedException', async () => {
    const seed = seedDelegatedClient(s);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const original = s.cognito.refreshTokenInfo(RefreshToken);
    s.clock.advance(10 * 86400);
    const out = await refresh(seed, RefreshToken);
    const child = out.AuthenticationResult?.RefreshToken as string;
    expect(s.cognito.refreshTokenInfo(child)?.expiresAt).toEqual(original?.expiresAt);

    s.clock.advance(20 * 86400);
    const err = await errorOf(refresh(seed, child));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err.message).toMatch(/expired/i);
    expect(s.cognito.refreshTokenInfo(child)?.state).toBe('expired');
  });

  test('option rotatedTokenExpiry "fresh" starts a new validity period for rotated tokens', async () => {
    const fresh = await startStandIns({ cognito: { rotatedTokenExpiry: 'fresh' } });
    try {
      const seed = seedDelegatedClient(fresh);
      const client = fresh.clients({ maxAttempts: 1 }).cognito;
      const { RefreshToken } = fresh.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
      fresh.clock.advance(86400);
      const out = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken }));
      const before = fresh.cognito.refreshTokenInfo(RefreshToken)?.expiresAt.getTime() as number;
      const after = fresh.cognito.refreshTokenInfo(out.AuthenticationResult?.RefreshToken as string)?.expiresAt.getTime() as number;
      expect(after - before).toBe(86400_000);
    } finally {
      await fresh.close();
    }
  });

  test('option reuseRevokesFamily: presenting a rotated-out token revokes the whole family', async () => {
    const strict = await startStandIns({ cognito: { reuseRevokesFamily: true } });
    try {
      const seed = seedDelegatedClient(strict);
      const client = strict.clients({ maxAttempts: 1 }).cognito;
      const send = (t: string) => client.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: t }));
      const { RefreshToken } = strict.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
      const child = (await send(RefreshToken)).AuthenticationResult?.RefreshToken as string;
      expect(await errorOf(send(RefreshToken))).toBeInstanceOf(RefreshTokenReuseException);
      expect(await errorOf(send(child))).toBeInstanceOf(NotAuthorizedException);
      expect(strict.cognito.refreshTokenInfo(child)?.revokedBy).toBe('ReuseDetection');
      expect(strict.calls.list({ errorType: 'RefreshTokenReuseException' })[0]?.detail).toMatch(/^reuse detected/);
    } finally {
      await strict.close();
    }
  });

  test('unknown tokens, tokens of another client and unknown clients are refused', async () => {
    const seed = seedDelegatedClient(s);
    const other = s.cognito.createUserPoolClient({ UserPoolId: seed.userPoolId, GenerateSecret: true, RefreshTokenRotation: { Feature: 'ENABLED' } });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });

    const unknown = await errorOf(refresh(seed, 'eyJjdHkiOiJKV1QifQ.aaaa.bbbb.cccc.dddd'));
    expect(unknown).toBeInstanceOf(NotAuthorizedException);
    expect(unknown.message).toBe('Invalid Refresh Token.');

    const crossClient = await errorOf(
      idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: other.ClientId, ClientSecret: other.ClientSecret, RefreshToken })),
    );
    expect(crossClient).toBeInstanceOf(NotAuthorizedException);
    // Refused calls do not use the token up.
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.state).toBe('active');

    const noClient = await errorOf(idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'nosuchclient', RefreshToken })));
    expect(noClient).toBeInstanceOf(ResourceNotFoundException);
  });

  test('the client secret is checked against every active secret', async () => {
    const seed = seedDelegatedClient(s);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const noSecret = idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, RefreshToken }));
    expect(await errorOf(noSecret)).toBeInstanceOf(NotAuthorizedException);
    expect(await errorOf(refresh(seed, RefreshToken, 'wrongsecretwrongsecretwrongsecret'))).toBeInstanceOf(NotAuthorizedException);

    const added = await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: seed.userPoolId, ClientId: seed.clientId }));
    const second = added.ClientSecretDescriptor?.ClientSecretValue as string;
    const out = await refresh(seed, RefreshToken, second);
    expect(out.AuthenticationResult?.AccessToken).toBeDefined();
  });
});

describe('GetTokensFromRefreshToken with rotation off', () => {
  test('returns access and ID tokens only, and the refresh token stays valid', async () => {
    const seed = seedDelegatedClient(s, { rotation: false });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const a = await refresh(seed, RefreshToken);
    const b = await refresh(seed, RefreshToken);
    expect(typeof a.AuthenticationResult?.RefreshToken).toBe('undefined');
    expect(a.AuthenticationResult?.AccessToken).toBeDefined();
    expect(a.AuthenticationResult?.IdToken).toBeDefined();
    expect(b.AuthenticationResult?.AccessToken === a.AuthenticationResult?.AccessToken).toBe(false);
    expect(s.cognito.refreshTokenInfo(RefreshToken)).toMatchObject({ state: 'active', uses: 2, children: [] });
  });
});

describe('InitiateAuth REFRESH_TOKEN_AUTH', () => {
  test('is refused with InvalidParameterException on a client with rotation enabled', async () => {
    const seed = seedDelegatedClient(s);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    for (const AuthFlow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
      const err = await errorOf(
        idp.send(
          new InitiateAuthCommand({
            AuthFlow,
            ClientId: seed.clientId,
            AuthParameters: { REFRESH_TOKEN: RefreshToken, SECRET_HASH: secretHash(seed.clientSecret as string, seed.username, seed.clientId) },
          }),
        ),
      );
      expect(err).toBeInstanceOf(InvalidParameterException);
    }
    expect(s.cognito.refreshTokenInfo(RefreshToken)?.uses).toBe(0);
  });

  test('returns access and ID tokens only on a client without rotation; SECRET_HASH is required', async () => {
    const seed = seedDelegatedClient(s, { rotation: false });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const missingHash = await errorOf(
      idp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: seed.clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken } })),
    );
    expect(missingHash).toBeInstanceOf(NotAuthorizedException);

    const out = await idp.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: seed.clientId,
        AuthParameters: { REFRESH_TOKEN: RefreshToken, SECRET_HASH: secretHash(seed.clientSecret as string, seed.username, seed.clientId) },
      }),
    );
    expect(out.AuthenticationResult?.AccessToken).toBeDefined();
    expect(out.AuthenticationResult?.IdToken).toBeDefined();
    expect(typeof out.AuthenticationResult?.RefreshToken).toBe('undefined');
  });

  test('is refused when the client does not allow ALLOW_REFRESH_TOKEN_AUTH', async () => {
    const seed = seedDelegatedClient(s, { rotation: false, secret: false, overrides: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] } });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const err = await errorOf(
      idp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: seed.clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken } })),
    );
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect(err.message).toMatch(/flow not enabled/);
  });
});
