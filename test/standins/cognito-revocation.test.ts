import {
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  NotAuthorizedException,
  RefreshTokenReuseException,
  RevokeTokenCommand,
  UnauthorizedException,
  UnsupportedOperationException,
  UnsupportedTokenTypeException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { errorOf, seedDelegatedClient, startStandIns, type DelegatedClientSeed, type StandIns } from './index';

let s: StandIns;
let idp: CognitoIdentityProviderClient;

beforeEach(async () => {
  s = await startStandIns();
  idp = s.clients({ maxAttempts: 1 }).cognito;
});
afterEach(async () => {
  await s.close();
});

const refresh = (seed: DelegatedClientSeed, token: string) =>
  idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: token }));
const revoke = (seed: DelegatedClientSeed, token: string, secret: string | undefined = seed.clientSecret) =>
  idp.send(new RevokeTokenCommand({ ClientId: seed.clientId, ClientSecret: secret, Token: token }));
const getUser = (accessToken: string) => idp.send(new GetUserCommand({ AccessToken: accessToken }));

describe('RevokeToken', () => {
  test('a revoked token cannot mint, and GetUser with its access tokens fails', async () => {
    const seed = seedDelegatedClient(s, { rotation: false });
    const signIn = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const minted = await refresh(seed, signIn.RefreshToken);
    const mintedAccess = minted.AuthenticationResult?.AccessToken as string;
    expect((await getUser(signIn.AccessToken)).Username).toBe(seed.username);
    expect((await getUser(mintedAccess)).Username).toBe(seed.username);

    await revoke(seed, signIn.RefreshToken);

    const err = await errorOf(refresh(seed, signIn.RefreshToken));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err.message).toMatch(/revoked/);
    expect(await errorOf(getUser(signIn.AccessToken))).toBeInstanceOf(NotAuthorizedException);
    expect(await errorOf(getUser(mintedAccess))).toBeInstanceOf(NotAuthorizedException);
    expect(s.cognito.canMint(signIn.RefreshToken)).toBe(false);
    expect(s.cognito.jwts({ username: seed.username, state: 'active' })).toEqual([]);
  });

  test('revokes exactly the presented token: rotated descendants keep working (revoke each token you hold)', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 60 });
    const signIn = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const child = await refresh(seed, signIn.RefreshToken);
    const childToken = child.AuthenticationResult?.RefreshToken as string;

    await revoke(seed, signIn.RefreshToken);
    expect(s.cognito.refreshTokenInfo(signIn.RefreshToken)?.state).toBe('revoked');
    // Access tokens minted by presenting the revoked token are revoked too...
    expect(s.cognito.introspectAccessToken(child.AuthenticationResult?.AccessToken as string)).toEqual({ active: false, reason: 'revoked' });
    // ...but the rotated child is not: it still mints.
    expect(s.cognito.canMint(childToken)).toBe(true);
    const grandChild = await refresh(seed, childToken);
    expect((await getUser(grandChild.AuthenticationResult?.AccessToken as string)).Username).toBe(seed.username);

    // Revoking the newest token ends the grant.
    await revoke(seed, grandChild.AuthenticationResult?.RefreshToken as string);
    expect(await errorOf(refresh(seed, grandChild.AuthenticationResult?.RefreshToken as string))).toBeInstanceOf(NotAuthorizedException);
    expect(await errorOf(getUser(grandChild.AuthenticationResult?.AccessToken as string))).toBeInstanceOf(NotAuthorizedException);
  });

  test('option revocation "family": revoking one rotated token ends its siblings, descendants and ancestors, and reuse ends them too', async () => {
    const strict = await startStandIns({ cognito: { revocation: 'family' } });
    try {
      const client = strict.clients({ maxAttempts: 1 }).cognito;
      const seed = seedDelegatedClient(strict, { graceSeconds: 60 });
      const send = (t: string) => client.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken: t }));
      const signIn = strict.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
      const other = strict.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
      // Two children of one token (both presented within the grace period), and a grandchild of the first.
      const a = (await send(signIn.RefreshToken)).AuthenticationResult?.RefreshToken as string;
      const b = (await send(signIn.RefreshToken)).AuthenticationResult;
      const grandChild = (await send(a)).AuthenticationResult?.RefreshToken as string;
      await client.send(new RevokeTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, Token: b?.RefreshToken as string }));
      for (const t of [signIn.RefreshToken, a, b?.RefreshToken as string, grandChild]) expect(strict.cognito.refreshTokenInfo(t)?.state).toBe('revoked');
      expect(strict.cognito.introspectAccessToken(b?.AccessToken as string)).toEqual({ active: false, reason: 'revoked' });
      expect(strict.calls.list({ operation: 'RevokeToken' })[0]?.detail).toMatch(/revocation scope family/);
      // Another sign-in (another family) is untouched.
      expect(strict.cognito.canMint(other.RefreshToken)).toBe(true);

      // Reuse after the grace period ends the family as well.
      const c = (await send(other.RefreshToken)).AuthenticationResult?.RefreshToken as string;
      strict.clock.advance(61);
      expect(await errorOf(send(other.RefreshToken))).toBeInstanceOf(RefreshTokenReuseException);
      expect(strict.cognito.refreshTokenInfo(c)?.state).toBe('revoked');
    } finally {
      await strict.close();
    }
  });

  test('is idempotent: revoking an already revoked token succeeds', async () => {
    const seed = seedDelegatedClient(s);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    await revoke(seed, RefreshToken);
    await expect(revoke(seed, RefreshToken)).resolves.toBeDefined();
    const [first, second] = s.calls.list({ operation: 'RevokeToken' });
    expect(first?.outcome).toBe('ok');
    expect(second?.detail).toMatch(/already revoked/);
  });

  test('requires EnableTokenRevocation (UnsupportedOperationException otherwise)', async () => {
    const seed = seedDelegatedClient(s, { overrides: { EnableTokenRevocation: false } });
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    expect(await errorOf(revoke(seed, RefreshToken))).toBeInstanceOf(UnsupportedOperationException);
    expect(s.cognito.canMint(RefreshToken)).toBe(true);
  });

  test('checks the client secret (UnauthorizedException)', async () => {
    const seed = seedDelegatedClient(s);
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const missing = idp.send(new RevokeTokenCommand({ ClientId: seed.clientId, Token: RefreshToken }));
    expect(await errorOf(missing)).toBeInstanceOf(UnauthorizedException);
    expect(await errorOf(revoke(seed, RefreshToken, 'wrongsecretwrongsecretwrongsecret'))).toBeInstanceOf(UnauthorizedException);
    expect(s.cognito.canMint(RefreshToken)).toBe(true);
  });

  test('refuses access tokens (UnsupportedTokenTypeException) and tokens of another client (UnauthorizedException)', async () => {
    const seed = seedDelegatedClient(s);
    const signIn = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    expect(await errorOf(revoke(seed, signIn.AccessToken))).toBeInstanceOf(UnsupportedTokenTypeException);

    const other = s.cognito.createUserPoolClient({ UserPoolId: seed.userPoolId, RefreshTokenRotation: { Feature: 'ENABLED' } });
    const err = await errorOf(idp.send(new RevokeTokenCommand({ ClientId: other.ClientId, Token: signIn.RefreshToken })));
    expect(err).toBeInstanceOf(UnauthorizedException);
    expect(s.cognito.canMint(signIn.RefreshToken)).toBe(true);
  });

  test('an unknown token is not an error (RFC 7009) and the call log says nothing was revoked', async () => {
    const seed = seedDelegatedClient(s);
    await revoke(seed, 'eyJjdHkiOiJKV1QifQ.unknown.token.never.issued');
    const [call] = s.calls.list({ operation: 'RevokeToken' });
    expect(call).toMatchObject({ outcome: 'ok', applied: true });
    expect(call?.detail).toMatch(/unknown token/);
    expect(call?.refs.tokenRef).toBeUndefined();
  });
});

describe('GetUser', () => {
  test('fails once the access token expires', async () => {
    const seed = seedDelegatedClient(s);
    const { AccessToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const user = await getUser(AccessToken);
    expect(user.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe('alice@example.com');
    s.clock.advance(300);
    const err = await errorOf(getUser(AccessToken));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err.message).toMatch(/expired/);
  });

  test('needs the aws.cognito.signin.user.admin scope; introspection is scope-independent', async () => {
    const seed = seedDelegatedClient(s);
    const oauth = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username, via: 'oauth' });
    const err = await errorOf(getUser(oauth.AccessToken));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err.message).toMatch(/scopes/);
    expect(s.cognito.introspectAccessToken(oauth.AccessToken)).toEqual({ active: true });
    expect(s.cognito.introspectAccessToken(oauth.IdToken)).toEqual({ active: false, reason: 'not-access-token' });
  });
});

describe('sign-out', () => {
  test('AdminUserGlobalSignOut invalidates every refresh token of that user and only that user', async () => {
    const seed = seedDelegatedClient(s);
    s.cognito.createUser({ UserPoolId: seed.userPoolId, Username: 'bob' });
    const a1 = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const a2 = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const b = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: 'bob' });

    await idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: seed.userPoolId, Username: seed.username }));

    for (const t of [a1, a2]) {
      expect(await errorOf(refresh(seed, t.RefreshToken))).toBeInstanceOf(NotAuthorizedException);
      expect(await errorOf(getUser(t.AccessToken))).toBeInstanceOf(NotAuthorizedException);
    }
    expect(s.cognito.refreshTokens({ username: seed.username }).map((i) => i.revokedBy)).toEqual(['AdminUserGlobalSignOut', 'AdminUserGlobalSignOut']);
    expect(s.cognito.canMint(b.RefreshToken)).toBe(true);

    const missing = await errorOf(idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: seed.userPoolId, Username: 'nobody' })));
    expect(missing).toBeInstanceOf(UserNotFoundException);
  });

  test('GlobalSignOut with a user access token signs that user out', async () => {
    const seed = seedDelegatedClient(s);
    const t = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    await idp.send(new GlobalSignOutCommand({ AccessToken: t.AccessToken }));
    expect(s.cognito.canMint(t.RefreshToken)).toBe(false);
  });
});
