import {
  AddUserPoolClientSecretCommand,
  CognitoIdentityProviderClient,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetClientTokenCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InvalidParameterException,
  LimitExceededException,
  ListUserPoolClientSecretsCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwtPayload, errorOf, seedDelegatedClient, seedMachineClient, startStandIns, StandInUsageError, type StandIns } from './index';

let s: StandIns;
let idp: CognitoIdentityProviderClient;

beforeEach(async () => {
  s = await startStandIns();
  idp = s.clients({ maxAttempts: 1 }).cognito;
});
afterEach(async () => {
  await s.close();
});

describe('client secrets (two-secret model)', () => {
  test('add, list, delete: at most two active secrets, values only returned when Cognito generated them', async () => {
    const seed = seedMachineClient(s);
    const ids = { UserPoolId: seed.userPoolId, ClientId: seed.clientId };

    const listed = await idp.send(new ListUserPoolClientSecretsCommand(ids));
    expect(listed.ClientSecrets).toHaveLength(1);
    const original = listed.ClientSecrets?.[0];
    expect(original?.ClientSecretId).toMatch(new RegExp(`^${seed.clientId}--\\d+$`));
    expect(original?.ClientSecretCreateDate).toBeInstanceOf(Date);
    expect(typeof original?.ClientSecretValue).toBe('undefined');

    s.clock.advance(60);
    const generated = await idp.send(new AddUserPoolClientSecretCommand(ids));
    expect(/^[a-z0-9]{52}$/.test(generated.ClientSecretDescriptor?.ClientSecretValue ?? '')).toBe(true);
    expect(generated.ClientSecretDescriptor?.ClientSecretCreateDate?.getTime()).toBe(s.clock.now());

    const third = await errorOf(idp.send(new AddUserPoolClientSecretCommand(ids)));
    expect(third).toBeInstanceOf(LimitExceededException);

    const afterAdd = await idp.send(new ListUserPoolClientSecretsCommand(ids));
    expect(afterAdd.ClientSecrets?.map((c) => c.ClientSecretId)).toEqual([original?.ClientSecretId, generated.ClientSecretDescriptor?.ClientSecretId]);
    expect(afterAdd.ClientSecrets?.every((c) => c.ClientSecretValue === undefined)).toBe(true);

    await idp.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: original?.ClientSecretId }));
    const custom = 'customSecret_0123456789abcdefXYZ';
    const added = await idp.send(new AddUserPoolClientSecretCommand({ ...ids, ClientSecret: custom }));
    expect(added.ClientSecretDescriptor?.ClientSecretId).toBeDefined();
    expect(typeof added.ClientSecretDescriptor?.ClientSecretValue).toBe('undefined');
    // Compare without printing secret values on failure.
    const values = s.cognito.clientSecretValues(seed.clientId);
    expect(values.length === 2 && values[0] === generated.ClientSecretDescriptor?.ClientSecretValue && values[1] === custom).toBe(true);
  });

  test('the last secret cannot be deleted; unknown ids and clients are ResourceNotFoundException', async () => {
    const seed = seedMachineClient(s);
    const ids = { UserPoolId: seed.userPoolId, ClientId: seed.clientId };
    const [only] = (await idp.send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets ?? [];
    expect(await errorOf(idp.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: only?.ClientSecretId })))).toBeInstanceOf(
      InvalidParameterException,
    );
    expect(await errorOf(idp.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: `${seed.clientId}--1` })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(await errorOf(idp.send(new ListUserPoolClientSecretsCommand({ ...ids, ClientId: 'nosuchclient' })))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('custom secrets are validated and public clients cannot get one', async () => {
    const seed = seedMachineClient(s);
    const tooShort = await errorOf(idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: seed.userPoolId, ClientId: seed.clientId, ClientSecret: 'short' })));
    expect(tooShort).toBeInstanceOf(InvalidParameterException);

    const pub = seedDelegatedClient(s, { secret: false });
    const err = await errorOf(idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pub.userPoolId, ClientId: pub.clientId })));
    expect(err).toBeInstanceOf(InvalidParameterException);
  });

  test('a deleted secret stops working; the remaining one keeps working (rotation without downtime)', async () => {
    const seed = seedDelegatedClient(s);
    const ids = { UserPoolId: seed.userPoolId, ClientId: seed.clientId };
    const { RefreshToken } = s.cognito.issueRefreshToken({ clientId: seed.clientId, username: seed.username });
    const [oldId] = ((await idp.send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets ?? []).map((c) => c.ClientSecretId);
    const fresh = (await idp.send(new AddUserPoolClientSecretCommand(ids))).ClientSecretDescriptor?.ClientSecretValue as string;
    await idp.send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: oldId }));

    const withOld = idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: seed.clientSecret, RefreshToken }));
    expect(await errorOf(withOld)).toBeInstanceOf(NotAuthorizedException);
    const withNew = await idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.clientId, ClientSecret: fresh, RefreshToken }));
    expect(withNew.AuthenticationResult?.RefreshToken).toBeDefined();
  });
});

describe('DescribeUserPoolClient', () => {
  test('returns the client configuration', async () => {
    const seed = seedDelegatedClient(s, { graceSeconds: 45 });
    const out = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: seed.userPoolId, ClientId: seed.clientId }));
    expect(out.UserPoolClient).toMatchObject({
      ClientId: seed.clientId,
      UserPoolId: seed.userPoolId,
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 45 },
      EnableTokenRevocation: true,
      AccessTokenValidity: 5,
      IdTokenValidity: 5,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      AllowedOAuthFlows: ['code'],
      PreventUserExistenceErrors: 'ENABLED',
      AuthSessionValidity: 3,
    });
    expect(out.UserPoolClient?.CreationDate).toBeInstanceOf(Date);
  });

  test('updateUserPoolClient changes the configuration the API reports and enforces', async () => {
    const seed = seedDelegatedClient(s);
    s.clock.advance(10);
    s.cognito.updateUserPoolClient(seed.clientId, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 }, EnableTokenRevocation: false });
    const out = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: seed.userPoolId, ClientId: seed.clientId }));
    expect(out.UserPoolClient).toMatchObject({ RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 }, EnableTokenRevocation: false });
    expect(out.UserPoolClient?.LastModifiedDate?.getTime()).toBe(s.clock.now());
    expect(() => s.cognito.updateUserPoolClient(seed.clientId, { AuthSessionValidity: 16 })).toThrow(/AuthSessionValidity/);
  });

  test('applies Cognito defaults to a bare client', async () => {
    const pool = s.cognito.createUserPool();
    const client = s.cognito.createUserPoolClient({ UserPoolId: pool.Id });
    const out = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: client.ClientId }));
    expect(out.UserPoolClient).toMatchObject({
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'LEGACY',
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      RefreshTokenValidity: 30,
    });
    expect(out.UserPoolClient?.RefreshTokenRotation).toBeUndefined();
    expect(out.UserPoolClient?.ClientSecret).toBeUndefined();
  });

  test('seeding validates Cognito’s documented ranges', () => {
    const pool = s.cognito.createUserPool();
    expect(() => s.cognito.createUserPoolClient({ UserPoolId: pool.Id, AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } })).toThrow(
      /access token/,
    );
    expect(() => s.cognito.createUserPoolClient({ UserPoolId: pool.Id, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 } })).toThrow(
      /RetryGracePeriodSeconds/,
    );
    expect(() => s.cognito.createUserPoolClient({ UserPoolId: pool.Id, ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'] })).toThrow(
      /only authentication flow/,
    );
  });
});

describe('GetClientToken', () => {
  test('returns an access token only, with the client’s scopes', async () => {
    const seed = seedMachineClient(s, { scopes: ['api/read', 'api/write'] });
    const out = await idp.send(new GetClientTokenCommand({ ClientId: seed.clientId, Secret: seed.clientSecret }));
    const result = out.ClientAuthenticationResult;
    expect(result?.TokenType).toBe('Bearer');
    expect(result?.ExpiresIn).toBe(300);
    expect(Object.keys(result ?? {}).sort()).toEqual(['AccessToken', 'ExpiresIn', 'TokenType']);
    const claims = decodeJwtPayload(result?.AccessToken as string);
    expect(claims).toMatchObject({ token_use: 'access', client_id: seed.clientId, sub: seed.clientId, scope: 'api/read api/write' });

    const narrowed = await idp.send(new GetClientTokenCommand({ ClientId: seed.clientId, Secret: seed.clientSecret, Scopes: ['api/read'] }));
    expect(decodeJwtPayload(narrowed.ClientAuthenticationResult?.AccessToken as string).scope).toBe('api/read');
    expect(s.cognito.refreshTokens({ clientId: seed.clientId })).toEqual([]);
  });

  test('refuses a wrong secret, unknown scopes, user clients; M2M tokens cannot call GetUser', async () => {
    const seed = seedMachineClient(s);
    expect(await errorOf(idp.send(new GetClientTokenCommand({ ClientId: seed.clientId, Secret: 'wrongsecretwrongsecretwrongsecret' })))).toBeInstanceOf(
      NotAuthorizedException,
    );
    expect(await errorOf(idp.send(new GetClientTokenCommand({ ClientId: seed.clientId, Secret: seed.clientSecret, Scopes: ['api/admin'] })))).toBeInstanceOf(
      InvalidParameterException,
    );
    const user = seedDelegatedClient(s);
    expect(await errorOf(idp.send(new GetClientTokenCommand({ ClientId: user.clientId, Secret: user.clientSecret })))).toBeInstanceOf(
      InvalidParameterException,
    );

    const m2m = await idp.send(new GetClientTokenCommand({ ClientId: seed.clientId, Secret: seed.clientSecret }));
    const access = m2m.ClientAuthenticationResult?.AccessToken as string;
    expect(await errorOf(idp.send(new GetUserCommand({ AccessToken: access })))).toBeInstanceOf(NotAuthorizedException);
    expect(s.cognito.introspectAccessToken(access)).toEqual({ active: true });
  });

  test('machine-to-machine clients never receive refresh tokens, not even from the seeding API', () => {
    const seed = seedMachineClient(s);
    s.cognito.createUser({ UserPoolId: seed.userPoolId, Username: 'svc' });
    expect(() => s.cognito.issueRefreshToken({ clientId: seed.clientId, username: 'svc' })).toThrow(StandInUsageError);
  });
});
