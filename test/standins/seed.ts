/**
 * Seeding shortcuts for the common shapes: a delegated (user) app client with refresh token
 * rotation, and a machine-to-machine client. Both return everything a test needs to call the API.
 */
import type { CreateUserPoolClientInput } from './cognito';
import type { StandIns } from './server';

export interface DelegatedClientSeed {
  userPoolId: string;
  clientId: string;
  /** Present when the client has a secret. */
  clientSecret?: string;
  username: string;
}

/**
 * A pool, a user and an app client shaped like our delegated client construct: rotation on (grace
 * `graceSeconds`, default 0), revocation on, 5-minute access/ID tokens, 30-day refresh tokens, a
 * client secret unless `secret: false`. `overrides` are applied last.
 */
export function seedDelegatedClient(
  s: StandIns,
  options: { graceSeconds?: number; rotation?: boolean; secret?: boolean; username?: string; overrides?: Partial<CreateUserPoolClientInput> } = {},
): DelegatedClientSeed {
  const pool = s.cognito.createUserPool({ PoolName: 'delegated' });
  const username = options.username ?? 'alice';
  s.cognito.createUser({ UserPoolId: pool.Id, Username: username, Attributes: { email: `${username}@example.com` } });
  const rotation = options.rotation ?? true;
  const client = s.cognito.createUserPoolClient({
    UserPoolId: pool.Id,
    ClientName: 'delegated',
    GenerateSecret: options.secret ?? true,
    AccessTokenValidity: 5,
    IdTokenValidity: 5,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    ExplicitAuthFlows: rotation ? ['ALLOW_USER_SRP_AUTH'] : ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    AllowedOAuthFlowsUserPoolClient: true,
    CallbackURLs: ['https://app.example.com/callback'],
    EnableTokenRevocation: true,
    PreventUserExistenceErrors: 'ENABLED',
    AuthSessionValidity: 3,
    RefreshTokenRotation: rotation ? { Feature: 'ENABLED', RetryGracePeriodSeconds: options.graceSeconds ?? 0 } : { Feature: 'DISABLED' },
    ...options.overrides,
  });
  return { userPoolId: pool.Id, clientId: client.ClientId, clientSecret: client.ClientSecret, username };
}

export interface MachineClientSeed {
  userPoolId: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** A pool and a client-credentials client that may call GetClientToken. */
export function seedMachineClient(s: StandIns, options: { scopes?: string[]; accessMinutes?: number } = {}): MachineClientSeed {
  const pool = s.cognito.createUserPool({ PoolName: 'workload' });
  const scopes = options.scopes ?? ['api/read'];
  const client = s.cognito.createUserPoolClient({
    UserPoolId: pool.Id,
    ClientName: 'workload',
    GenerateSecret: true,
    ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH'],
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: scopes,
    AllowedOAuthFlowsUserPoolClient: true,
    AccessTokenValidity: options.accessMinutes ?? 5,
    TokenValidityUnits: { AccessToken: 'minutes' },
  });
  return { userPoolId: pool.Id, clientId: client.ClientId, clientSecret: client.ClientSecret as string, scopes };
}
