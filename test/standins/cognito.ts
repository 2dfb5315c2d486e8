/**
 * Cognito user pools model: pools, app clients (with up to two client secrets), users, and the
 * refresh / access / ID tokens they issue, with rotation, grace periods, expiry and revocation.
 *
 * Two faces:
 * - the test-side seeding and inspection API (`createUserPool`, `createUserPoolClient`,
 *   `createUser`, `issueRefreshToken`, `refreshTokenInfo`, ...), called directly by tests;
 * - `execute(operation, input)`, called by the HTTP server for requests from the real SDK.
 *
 * Modelling assumptions where AWS does not document the behaviour are marked ASSUMPTION and
 * collected in README.md.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CallRefs } from './calls';
import type { Clock } from './clock';
import { ServiceError, StandInUsageError } from './errors';
import type { LeakDetector } from './leaks';
import { epochSeconds, type ExecResult, type Input, optObj, optStr, optStrList, reqStr } from './params';
import { makeClientId, makeClientSecret, makeJwt, makeRefreshToken, randomAlnum } from './tokens';

export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export interface RefreshTokenRotationConfig {
  Feature: 'ENABLED' | 'DISABLED';
  RetryGracePeriodSeconds?: number;
}

/** The subset of CreateUserPoolClient's request that the model understands (same field names). */
export interface CreateUserPoolClientInput {
  UserPoolId: string;
  ClientName?: string;
  /** Let the stand-in generate a client secret (like Cognito's GenerateSecret). */
  GenerateSecret?: boolean;
  /** Use this custom client secret (24–64 characters of [\w+]). */
  ClientSecret?: string;
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: { AccessToken?: TimeUnit; IdToken?: TimeUnit; RefreshToken?: TimeUnit };
  ExplicitAuthFlows?: string[];
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  SupportedIdentityProviders?: string[];
  PreventUserExistenceErrors?: 'LEGACY' | 'ENABLED';
  EnableTokenRevocation?: boolean;
  AuthSessionValidity?: number;
  RefreshTokenRotation?: RefreshTokenRotationConfig;
}

export type UpdateUserPoolClientInput = Partial<Omit<CreateUserPoolClientInput, 'UserPoolId' | 'GenerateSecret' | 'ClientSecret'>>;

export interface CognitoOptions {
  /**
   * When a rotated-out refresh token is presented after its grace period, also revoke every token
   * of its family (RFC 9700 §4.14.2 reuse detection). Cognito does not document doing this, so the
   * default is false; turn it on to test against the stricter behaviour.
   */
  reuseRevokesFamily?: boolean;
  /**
   * What `RevokeToken` ends. `token` (default): the presented refresh token and the access and ID tokens minted from it
   * or issued with it; its rotated descendants and siblings stay valid. `family`: every token of its `origin_jti`
   * family (every refresh token rotated from the same sign-in, and their access and ID tokens). AWS documents that
   * revocation ends the presented token and the tokens issued from it, and not whether rotated siblings share that
   * fate; `family` is the stricter reading. It also makes reuse after the grace period revoke the family, as
   * `reuseRevokesFamily` does: the world in which revoking, or presenting, the wrong token ends the grant.
   */
  revocation?: 'token' | 'family';
  /**
   * Expiry of a refresh token minted by rotation: `inherit` (default) keeps the expiry of the token
   * it replaces (secondary sources say Cognito does this); `fresh` starts a new validity period.
   */
  rotatedTokenExpiry?: 'inherit' | 'fresh';
  region?: string;
  accountId?: string;
}

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export type RefreshTokenState = 'active' | 'grace' | 'invalidated' | 'revoked' | 'expired';
export type JwtState = 'active' | 'revoked' | 'expired';

/** What the model knows about a refresh token (never its value). */
export interface RefreshTokenInfo {
  ref: string;
  kind: 'refresh';
  clientId: string;
  userPoolId: string;
  username: string;
  family: string;
  /** The token whose use minted this one (rotation), if any. */
  parent?: string;
  children: string[];
  issuedAt: Date;
  expiresAt: Date;
  /** First time it was presented to GetTokensFromRefreshToken on a rotating client. */
  firstUsedAt?: Date;
  /** When rotation invalidates it (first use + RetryGracePeriodSeconds). */
  invalidAfter?: Date;
  revokedAt?: Date;
  revokedBy?: string;
  /** Successful refreshes made with it. */
  uses: number;
  state: RefreshTokenState;
}

export interface JwtInfo {
  ref: string;
  kind: 'access' | 'id';
  clientId: string;
  userPoolId: string;
  username?: string;
  /** The refresh token presented to mint it. */
  mintedFrom?: string;
  /** The refresh token issued in the same response. */
  issuedWith?: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
  scopes: string[];
  state: JwtState;
}

interface Pool {
  id: string;
  name: string;
  arn: string;
  createdAt: number;
  users: Map<string, User>;
}

interface User {
  username: string;
  sub: string;
  attributes: Record<string, string>;
  createdAt: number;
}

interface ClientSecretRec {
  id: string;
  value: string;
  createdAt: number;
  generated: boolean;
}

interface AppClient {
  poolId: string;
  clientId: string;
  config: Omit<CreateUserPoolClientInput, 'UserPoolId' | 'GenerateSecret' | 'ClientSecret'>;
  secrets: ClientSecretRec[];
  createdAt: number;
  lastModifiedAt: number;
}

interface RefreshRec {
  ref: string;
  value: string;
  clientId: string;
  poolId: string;
  username: string;
  sub: string;
  family: string;
  originJti: string;
  parent?: string;
  children: string[];
  issuedAt: number;
  expiresAt: number;
  scopes: string[];
  authTime: number;
  firstUsedAt?: number;
  invalidAfter?: number;
  revokedAt?: number;
  revokedBy?: string;
  uses: number;
}

interface JwtRec {
  ref: string;
  kind: 'access' | 'id';
  value: string;
  clientId: string;
  poolId: string;
  username?: string;
  mintedFrom?: string;
  issuedWith?: string;
  issuedAt: number;
  expiresAt: number;
  revokedAt?: number;
  scopes: string[];
}

export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';
const DEFAULT_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];
const LEGACY_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);
const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const SECRET_PATTERN = /^[\w+]+$/;
const TOKEN_PATTERN = /^[A-Za-z0-9\-_=.]+$/;

export class CognitoModel {
  readonly region: string;
  readonly accountId: string;
  private readonly pools = new Map<string, Pool>();
  private readonly clients = new Map<string, AppClient>();
  private readonly refreshByValue = new Map<string, RefreshRec>();
  private readonly refreshByRef = new Map<string, RefreshRec>();
  private readonly jwtByValue = new Map<string, JwtRec>();
  private readonly jwtByRef = new Map<string, JwtRec>();
  private counters = { rt: 0, at: 0, it: 0, fam: 0 };
  private lastSecretStamp = 0;

  constructor(
    private readonly clock: Clock,
    private readonly leaks: LeakDetector,
    private readonly options: CognitoOptions = {},
  ) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
  }

  // ---------------------------------------------------------------------------------------------
  // Test-side seeding API
  // ---------------------------------------------------------------------------------------------

  createUserPool(input: { PoolName?: string; Id?: string } = {}): { Id: string; Name: string; Arn: string } {
    const id = input.Id ?? `${this.region}_${randomAlnum(9)}`;
    if (this.pools.has(id)) throw new StandInUsageError(`user pool ${id} already exists`);
    const name = input.PoolName ?? `pool-${this.pools.size + 1}`;
    const arn = `arn:aws:cognito-idp:${this.region}:${this.accountId}:userpool/${id}`;
    this.pools.set(id, { id, name, arn, createdAt: this.clock.now(), users: new Map() });
    return { Id: id, Name: name, Arn: arn };
  }

  /**
   * Creates an app client. Same field names as CreateUserPoolClient; validation follows Cognito's
   * documented ranges and throws `ServiceError('InvalidParameterException')`. Returns the client id
   * and, when the client has a secret, its value (as CreateUserPoolClient does).
   */
  createUserPoolClient(input: CreateUserPoolClientInput): { ClientId: string; ClientSecret?: string; ClientSecretId?: string } {
    const pool = this.poolOr404(input.UserPoolId);
    const { UserPoolId: _pool, GenerateSecret, ClientSecret, ...config } = input;
    validateClientConfig(config);
    if (ClientSecret !== undefined) validateCustomSecret(ClientSecret);
    const clientId = makeClientId();
    const now = this.clock.now();
    const client: AppClient = { poolId: pool.id, clientId, config: structuredClone(config), secrets: [], createdAt: now, lastModifiedAt: now };
    this.clients.set(clientId, client);
    if (ClientSecret !== undefined || GenerateSecret) {
      const rec = this.addSecret(client, ClientSecret);
      return { ClientId: clientId, ClientSecret: rec.value, ClientSecretId: rec.id };
    }
    return { ClientId: clientId };
  }

  /** Changes an app client's configuration (test-side stand-in for UpdateUserPoolClient). */
  updateUserPoolClient(clientId: string, patch: UpdateUserPoolClientInput): void {
    const client = this.clientOr404(clientId);
    const next = { ...client.config, ...structuredClone(patch) };
    validateClientConfig(next);
    client.config = next;
    client.lastModifiedAt = this.clock.now();
  }

  createUser(input: { UserPoolId: string; Username: string; Attributes?: Record<string, string> }): { Username: string; Sub: string } {
    const pool = this.poolOr404(input.UserPoolId);
    if (pool.users.has(input.Username)) throw new ServiceError('UsernameExistsException', 'User account already exists');
    const sub = randomUUID();
    pool.users.set(input.Username, { username: input.Username, sub, attributes: { ...(input.Attributes ?? {}) }, createdAt: this.clock.now() });
    return { Username: input.Username, Sub: sub };
  }

  /**
   * Issues tokens as a successful sign-in would: a new refresh token (a new family) plus the access
   * and ID tokens issued with it. `via: 'api'` (default) models InitiateAuth sign-in, whose access
   * tokens carry the `aws.cognito.signin.user.admin` scope; `via: 'oauth'` models the authorization
   * code flow, whose scopes are `scopes` or the client's AllowedOAuthScopes.
   */
  issueRefreshToken(input: { clientId: string; username: string; via?: 'api' | 'oauth'; scopes?: string[] }): AuthenticationResult {
    const client = this.clientOr404(input.clientId);
    if (isClientTokenOnly(client) || isClientCredentialsOnly(client)) {
      throw new StandInUsageError(`client ${client.clientId} is a machine-to-machine client: Cognito never issues it refresh tokens`);
    }
    const pool = this.poolOr404(client.poolId);
    const user = pool.users.get(input.username);
    if (!user) throw new StandInUsageError(`user ${input.username} does not exist in ${pool.id}`);
    const scopes = input.scopes ?? (input.via === 'oauth' ? client.config.AllowedOAuthScopes ?? ['openid'] : [ADMIN_SCOPE]);
    const now = this.clock.now();
    const refresh = this.mintRefresh({
      client,
      user,
      family: `fam-${++this.counters.fam}`,
      originJti: randomUUID(),
      expiresAt: now + validitySeconds(client, 'RefreshToken') * 1000,
      scopes,
      authTime: now,
    });
    const access = this.mintAccess(client, user, refresh, { issuedWith: refresh.ref });
    const id = this.mintId(client, user, refresh, { issuedWith: refresh.ref });
    return { AccessToken: access.value, IdToken: id.value, RefreshToken: refresh.value, ExpiresIn: validitySeconds(client, 'AccessToken'), TokenType: 'Bearer' };
  }

  // ---------------------------------------------------------------------------------------------
  // Test-side inspection API (never returns token values)
  // ---------------------------------------------------------------------------------------------

  /** What the model knows about a refresh token, or undefined if it never issued it. */
  refreshTokenInfo(tokenOrRef: string): RefreshTokenInfo | undefined {
    const rec = this.refreshByValue.get(tokenOrRef) ?? this.refreshByRef.get(tokenOrRef);
    return rec && this.refreshInfo(rec);
  }

  /** What the model knows about an access or ID token. */
  jwtInfo(tokenOrRef: string): JwtInfo | undefined {
    const rec = this.jwtByValue.get(tokenOrRef) ?? this.jwtByRef.get(tokenOrRef);
    return rec && this.jwtInfoOf(rec);
  }

  /** Refresh tokens, optionally filtered, in issue order. */
  refreshTokens(filter: { clientId?: string; username?: string; family?: string; state?: RefreshTokenState } = {}): RefreshTokenInfo[] {
    return [...this.refreshByRef.values()]
      .map((r) => this.refreshInfo(r))
      .filter(
        (i) =>
          (filter.clientId === undefined || i.clientId === filter.clientId) &&
          (filter.username === undefined || i.username === filter.username) &&
          (filter.family === undefined || i.family === filter.family) &&
          (filter.state === undefined || i.state === filter.state),
      );
  }

  /** Access/ID tokens, optionally filtered. */
  jwts(filter: { clientId?: string; username?: string; kind?: 'access' | 'id'; state?: JwtState } = {}): JwtInfo[] {
    return [...this.jwtByRef.values()]
      .map((r) => this.jwtInfoOf(r))
      .filter(
        (i) =>
          (filter.clientId === undefined || i.clientId === filter.clientId) &&
          (filter.username === undefined || i.username === filter.username) &&
          (filter.kind === undefined || i.kind === filter.kind) &&
          (filter.state === undefined || i.state === filter.state),
      );
  }

  /**
   * Whether GetTokensFromRefreshToken (for the token's own client, with the right secret) would
   * succeed right now. No side effects, no call-log entry.
   */
  canMint(refreshToken: string): boolean {
    const rec = this.refreshByValue.get(refreshToken);
    if (!rec) return false;
    const state = this.refreshState(rec);
    return state === 'active' || state === 'grace';
  }

  /**
   * Resource-server view of an access token, independent of scopes: whether Cognito would accept it
   * (exists, unexpired, unrevoked). GetUser additionally needs the admin scope.
   */
  introspectAccessToken(accessToken: string): { active: boolean; reason?: 'unknown' | 'revoked' | 'expired' | 'not-access-token' } {
    const rec = this.jwtByValue.get(accessToken);
    if (!rec) return { active: false, reason: 'unknown' };
    if (rec.kind !== 'access') return { active: false, reason: 'not-access-token' };
    const state = this.jwtState(rec);
    return state === 'active' ? { active: true } : { active: false, reason: state };
  }

  /** Active client secret values of a client (test-side only; the API never lists values). */
  clientSecretValues(clientId: string): string[] {
    return this.clientOr404(clientId).secrets.map((s) => s.value);
  }

  // ---------------------------------------------------------------------------------------------
  // Wire operations
  // ---------------------------------------------------------------------------------------------

  static readonly operations = [
    'GetTokensFromRefreshToken',
    'InitiateAuth',
    'AdminInitiateAuth',
    'RevokeToken',
    'GetUser',
    'GlobalSignOut',
    'AdminUserGlobalSignOut',
    'AddUserPoolClientSecret',
    'DeleteUserPoolClientSecret',
    'ListUserPoolClientSecrets',
    'DescribeUserPoolClient',
    'GetClientToken',
  ] as const;

  /** @internal Runs one wire operation; throws ServiceError for service errors. */
  execute(operation: string, input: Input, refs: CallRefs): ExecResult {
    switch (operation) {
      case 'GetTokensFromRefreshToken':
        return { output: this.getTokensFromRefreshToken(input, refs) };
      case 'InitiateAuth':
        return { output: this.initiateAuth(input, refs, false) };
      case 'AdminInitiateAuth':
        return { output: this.initiateAuth(input, refs, true) };
      case 'RevokeToken':
        return this.revokeToken(input, refs);
      case 'GetUser':
        return { output: this.getUser(input, refs) };
      case 'GlobalSignOut':
        return { output: this.globalSignOut(input, refs) };
      case 'AdminUserGlobalSignOut':
        return { output: this.adminUserGlobalSignOut(input, refs) };
      case 'AddUserPoolClientSecret':
        return { output: this.addUserPoolClientSecret(input, refs) };
      case 'DeleteUserPoolClientSecret':
        return { output: this.deleteUserPoolClientSecret(input, refs) };
      case 'ListUserPoolClientSecrets':
        return { output: this.listUserPoolClientSecrets(input, refs) };
      case 'DescribeUserPoolClient':
        return { output: this.describeUserPoolClient(input, refs) };
      case 'GetClientToken':
        return { output: this.getClientToken(input, refs) };
      default:
        throw new ServiceError('StandInNotImplemented', `The Cognito stand-in does not implement ${operation}`);
    }
  }

  private getTokensFromRefreshToken(input: Input, refs: CallRefs): unknown {
    const clientId = reqStr(input, 'ClientId');
    refs.clientId = clientId;
    const token = reqStr(input, 'RefreshToken');
    const client = this.clientOr404(clientId);
    refs.userPoolId = client.poolId;
    this.checkClientSecret(client, optStr(input, 'ClientSecret'), 'NotAuthorizedException');
    const rec = this.refreshByValue.get(token);
    if (rec) refs.tokenRef = rec.ref;
    const usable = this.assertRefreshUsable(rec, client);
    refs.username = usable.username;
    const user = this.userOf(usable);
    const now = this.clock.now();
    let newRefresh: RefreshRec | undefined;
    if (rotationEnabled(client)) {
      if (usable.firstUsedAt === undefined) {
        usable.firstUsedAt = now;
        usable.invalidAfter = now + graceSeconds(client) * 1000;
      }
      newRefresh = this.mintRefresh({
        client,
        user,
        family: usable.family,
        originJti: usable.originJti,
        parent: usable,
        // ASSUMPTION: a rotated refresh token keeps the expiry of the token it replaces.
        expiresAt: this.options.rotatedTokenExpiry === 'fresh' ? now + validitySeconds(client, 'RefreshToken') * 1000 : usable.expiresAt,
        scopes: usable.scopes,
        authTime: usable.authTime,
      });
    }
    usable.uses++;
    const access = this.mintAccess(client, user, usable, { mintedFrom: usable.ref, issuedWith: newRefresh?.ref });
    const id = this.mintId(client, user, usable, { mintedFrom: usable.ref, issuedWith: newRefresh?.ref });
    refs.issuedRefs = [access.ref, id.ref, ...(newRefresh ? [newRefresh.ref] : [])];
    return {
      AuthenticationResult: {
        AccessToken: access.value,
        ExpiresIn: validitySeconds(client, 'AccessToken'),
        TokenType: 'Bearer',
        IdToken: id.value,
        ...(newRefresh ? { RefreshToken: newRefresh.value } : {}),
      },
    };
  }

  private initiateAuth(input: Input, refs: CallRefs, admin: boolean): unknown {
    const authFlow = reqStr(input, 'AuthFlow');
    refs.authFlow = authFlow;
    const clientId = reqStr(input, 'ClientId');
    refs.clientId = clientId;
    const client = this.clientOr404(clientId);
    refs.userPoolId = client.poolId;
    if (admin) {
      const poolId = reqStr(input, 'UserPoolId');
      if (poolId !== client.poolId) throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    }
    if (authFlow !== 'REFRESH_TOKEN_AUTH' && authFlow !== 'REFRESH_TOKEN') {
      throw new ServiceError('StandInNotImplemented', `The Cognito stand-in implements only REFRESH_TOKEN_AUTH for ${admin ? 'AdminInitiateAuth' : 'InitiateAuth'}; use cognito.issueRefreshToken() to sign in`);
    }
    const params = (optObj(input, 'AuthParameters') ?? {}) as Record<string, unknown>;
    const token = typeof params.REFRESH_TOKEN === 'string' ? params.REFRESH_TOKEN : undefined;
    if (!token) throw new ServiceError('InvalidParameterException', 'Missing required parameter REFRESH_TOKEN');
    // ASSUMPTION (error type): Cognito reports a flow the client does not allow as
    // InvalidParameterException ("<FLOW> flow not enabled for this client"); with rotation on, the
    // client must not allow REFRESH_TOKEN_AUTH, so the same error is returned.
    if (rotationEnabled(client)) {
      throw new ServiceError('InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client: refresh token rotation is enabled, use GetTokensFromRefreshToken');
    }
    const flows = effectiveFlows(client);
    if (!flows.includes('ALLOW_REFRESH_TOKEN_AUTH') && !flows.some((f) => LEGACY_FLOWS.has(f))) {
      throw new ServiceError('InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client');
    }
    const rec = this.refreshByValue.get(token);
    if (rec) refs.tokenRef = rec.ref;
    if (client.secrets.length > 0) {
      const hash = typeof params.SECRET_HASH === 'string' ? params.SECRET_HASH : undefined;
      const candidates = [typeof params.USERNAME === 'string' ? params.USERNAME : undefined, rec?.username, rec?.sub].filter(
        (x): x is string => typeof x === 'string',
      );
      const ok =
        hash !== undefined &&
        client.secrets.some((s) => candidates.some((u) => safeEqual(hash, secretHash(s.value, u, client.clientId))));
      if (!ok) throw new ServiceError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
    }
    const usable = this.assertRefreshUsable(rec, client);
    refs.username = usable.username;
    const user = this.userOf(usable);
    usable.uses++;
    const access = this.mintAccess(client, user, usable, { mintedFrom: usable.ref });
    const id = this.mintId(client, user, usable, { mintedFrom: usable.ref });
    refs.issuedRefs = [access.ref, id.ref];
    return {
      ChallengeParameters: {},
      AuthenticationResult: { AccessToken: access.value, ExpiresIn: validitySeconds(client, 'AccessToken'), TokenType: 'Bearer', IdToken: id.value },
    };
  }

  private revokeToken(input: Input, refs: CallRefs): ExecResult {
    const token = reqStr(input, 'Token');
    const clientId = reqStr(input, 'ClientId');
    refs.clientId = clientId;
    const client = this.clients.get(clientId);
    if (!client) throw new ServiceError('UnauthorizedException', `Client ${clientId} is not authorized to revoke tokens`);
    refs.userPoolId = client.poolId;
    // The API reference lists UnsupportedOperationException for "an operation that isn't enabled
    // for the user pool client"; token revocation switched off is exactly that.
    if (client.config.EnableTokenRevocation === false) {
      throw new ServiceError('UnsupportedOperationException', 'Token revocation is not enabled for this app client');
    }
    this.checkClientSecret(client, optStr(input, 'ClientSecret'), 'UnauthorizedException');
    if (!TOKEN_PATTERN.test(token)) {
      throw new ServiceError('InvalidParameterException', "1 validation error detected: Value at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+");
    }
    const jwt = this.jwtByValue.get(token);
    if (jwt) {
      refs.tokenRef = jwt.ref;
      throw new ServiceError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked');
    }
    const rec = this.refreshByValue.get(token);
    if (!rec) {
      // ASSUMPTION: RFC 7009 §2.2 – an invalid or unknown token is not an error.
      return { output: {}, detail: 'unknown token: nothing revoked (RFC 7009 success)' };
    }
    refs.tokenRef = rec.ref;
    refs.username = rec.username;
    if (rec.clientId !== client.clientId) {
      throw new ServiceError('UnauthorizedException', 'The token was not issued to this client');
    }
    const already = rec.revokedAt !== undefined;
    if (this.options.revocation === 'family') {
      this.revokeFamily(rec, 'RevokeToken');
      return { output: {}, detail: `${already ? 'already revoked; ' : ''}revocation scope family: every token of ${rec.family} revoked` };
    }
    this.revokeRefresh(rec, 'RevokeToken');
    return { output: {}, detail: already ? 'already revoked (idempotent success)' : undefined };
  }

  private getUser(input: Input, refs: CallRefs): unknown {
    const rec = this.usableAccessToken(reqStr(input, 'AccessToken'), refs);
    const user = this.userOf(rec);
    return {
      Username: user.username,
      UserAttributes: [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }))],
    };
  }

  private globalSignOut(input: Input, refs: CallRefs): unknown {
    const rec = this.usableAccessToken(reqStr(input, 'AccessToken'), refs);
    this.signOutUser(rec.poolId, rec.username as string, 'GlobalSignOut');
    return {};
  }

  private adminUserGlobalSignOut(input: Input, refs: CallRefs): unknown {
    const poolId = reqStr(input, 'UserPoolId');
    const username = reqStr(input, 'Username');
    refs.userPoolId = poolId;
    refs.username = username;
    const pool = this.poolOr404(poolId);
    if (!pool.users.has(username)) throw new ServiceError('UserNotFoundException', 'User does not exist.');
    this.signOutUser(poolId, username, 'AdminUserGlobalSignOut');
    return {};
  }

  private addUserPoolClientSecret(input: Input, refs: CallRefs): unknown {
    const client = this.clientInPool(input, refs);
    const custom = optStr(input, 'ClientSecret');
    if (client.secrets.length === 0) {
      throw new ServiceError('InvalidParameterException', `Client ${client.clientId} is a public client without a client secret`);
    }
    if (client.secrets.length >= 2) {
      throw new ServiceError('LimitExceededException', 'An app client can have at most 2 active client secrets');
    }
    if (custom !== undefined) validateCustomSecret(custom);
    const rec = this.addSecret(client, custom);
    refs.clientSecretId = rec.id;
    return {
      ClientSecretDescriptor: {
        ClientSecretId: rec.id,
        ...(rec.generated ? { ClientSecretValue: rec.value } : {}),
        ClientSecretCreateDate: epochSeconds(rec.createdAt),
      },
    };
  }

  private deleteUserPoolClientSecret(input: Input, refs: CallRefs): unknown {
    const client = this.clientInPool(input, refs);
    const id = reqStr(input, 'ClientSecretId');
    refs.clientSecretId = id;
    const index = client.secrets.findIndex((s) => s.id === id);
    if (index < 0) throw new ServiceError('ResourceNotFoundException', `Client secret ${id} does not exist.`);
    // ASSUMPTION (error type): the docs say the last secret cannot be deleted but not with which error.
    if (client.secrets.length === 1) {
      throw new ServiceError('InvalidParameterException', 'You cannot delete the last remaining client secret of an app client');
    }
    client.secrets.splice(index, 1);
    client.lastModifiedAt = this.clock.now();
    return {};
  }

  private listUserPoolClientSecrets(input: Input, refs: CallRefs): unknown {
    const client = this.clientInPool(input, refs);
    return { ClientSecrets: client.secrets.map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: epochSeconds(s.createdAt) })) };
  }

  private describeUserPoolClient(input: Input, refs: CallRefs): unknown {
    const client = this.clientInPool(input, refs);
    return { UserPoolClient: this.describeClient(client) };
  }

  private getClientToken(input: Input, refs: CallRefs): unknown {
    const clientId = reqStr(input, 'ClientId');
    refs.clientId = clientId;
    const secret = reqStr(input, 'Secret');
    const client = this.clientOr404(clientId);
    refs.userPoolId = client.poolId;
    if (!isClientTokenOnly(client)) {
      throw new ServiceError('InvalidParameterException', 'ALLOW_CLIENT_TOKEN_AUTH flow not enabled for this client');
    }
    if (client.secrets.length === 0 || !client.secrets.some((s) => safeEqual(secret, s.value))) {
      throw new ServiceError('NotAuthorizedException', `Unable to verify secret for client ${client.clientId}`);
    }
    const allowed = client.config.AllowedOAuthScopes ?? [];
    const requested = optStrList(input, 'Scopes') ?? allowed;
    const bad = requested.filter((s) => !allowed.includes(s));
    if (bad.length > 0) throw new ServiceError('InvalidParameterException', `invalid_scope: ${bad.join(' ')}`);
    const access = this.mintJwt('access', client, undefined, undefined, { scopes: requested });
    refs.issuedRefs = [access.ref];
    return { ClientAuthenticationResult: { AccessToken: access.value, ExpiresIn: validitySeconds(client, 'AccessToken'), TokenType: 'Bearer' } };
  }

  // ---------------------------------------------------------------------------------------------
  // Internals
  // ---------------------------------------------------------------------------------------------

  private poolOr404(poolId: string): Pool {
    const pool = this.pools.get(poolId);
    if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
    return pool;
  }

  private clientOr404(clientId: string): AppClient {
    const client = this.clients.get(clientId);
    if (!client) throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return client;
  }

  private clientInPool(input: Input, refs: CallRefs): AppClient {
    const poolId = reqStr(input, 'UserPoolId');
    const clientId = reqStr(input, 'ClientId');
    refs.userPoolId = poolId;
    refs.clientId = clientId;
    this.poolOr404(poolId);
    const client = this.clients.get(clientId);
    if (!client || client.poolId !== poolId) throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return client;
  }

  private userOf(rec: { poolId: string; username?: string }): User {
    const user = rec.username === undefined ? undefined : this.pools.get(rec.poolId)?.users.get(rec.username);
    if (!user) throw new ServiceError('NotAuthorizedException', 'User does not exist.');
    return user;
  }

  private addSecret(client: AppClient, custom: string | undefined): ClientSecretRec {
    // Ids follow the documented <client-id>--<epoch-create-time> format (milliseconds here), kept
    // unique even when the stand-in clock has not moved between two additions.
    const stamp = Math.max(this.clock.now(), this.lastSecretStamp + 1);
    this.lastSecretStamp = stamp;
    const rec: ClientSecretRec = { id: `${client.clientId}--${stamp}`, value: custom ?? makeClientSecret(), createdAt: this.clock.now(), generated: custom === undefined };
    client.secrets.push(rec);
    client.lastModifiedAt = this.clock.now();
    this.leaks.register(rec.value, 'client_secret', `client-secret:${rec.id}`);
    return rec;
  }

  /** Checks a raw ClientSecret parameter against every active secret of the client. */
  private checkClientSecret(client: AppClient, presented: string | undefined, errorType: string): void {
    if (client.secrets.length === 0) {
      // ASSUMPTION: a secret sent for a public client is refused rather than ignored.
      if (presented !== undefined) throw new ServiceError(errorType, `Client ${client.clientId} has no client secret`);
      return;
    }
    if (presented === undefined || !client.secrets.some((s) => safeEqual(presented, s.value))) {
      throw new ServiceError(errorType, `Unable to verify client secret for client ${client.clientId}`);
    }
  }

  private assertRefreshUsable(rec: RefreshRec | undefined, client: AppClient): RefreshRec {
    if (!rec || rec.clientId !== client.clientId) throw new ServiceError('NotAuthorizedException', 'Invalid Refresh Token.');
    const state = this.refreshState(rec);
    switch (state) {
      case 'revoked':
        throw new ServiceError('NotAuthorizedException', 'Refresh Token has been revoked');
      case 'expired':
        throw new ServiceError('NotAuthorizedException', 'Refresh Token has expired');
      case 'invalidated':
        {
          const err = new ServiceError('RefreshTokenReuseException', 'The refresh token has already been used and is no longer valid');
          if (this.options.reuseRevokesFamily || this.options.revocation === 'family') {
            this.revokeFamily(rec, 'ReuseDetection');
            err.detail = `reuse detected: every token of ${rec.family} revoked`;
          }
          throw err;
        }
      default:
        return rec;
    }
  }

  private usableAccessToken(token: string, refs: CallRefs): JwtRec {
    const rec = this.jwtByValue.get(token);
    if (rec) refs.tokenRef = rec.ref;
    if (!rec || rec.kind !== 'access') throw new ServiceError('NotAuthorizedException', 'Invalid Access Token');
    refs.clientId = rec.clientId;
    refs.userPoolId = rec.poolId;
    refs.username = rec.username;
    const state = this.jwtState(rec);
    if (state === 'revoked') throw new ServiceError('NotAuthorizedException', 'Access Token has been revoked');
    if (state === 'expired') throw new ServiceError('NotAuthorizedException', 'Access Token has expired');
    if (rec.username === undefined || !rec.scopes.includes(ADMIN_SCOPE)) {
      throw new ServiceError('NotAuthorizedException', 'Access Token does not have required scopes');
    }
    return rec;
  }

  private refreshState(rec: RefreshRec): RefreshTokenState {
    const now = this.clock.now();
    if (rec.revokedAt !== undefined) return 'revoked';
    if (now >= rec.expiresAt) return 'expired';
    if (rec.invalidAfter !== undefined) return now >= rec.invalidAfter ? 'invalidated' : 'grace';
    return 'active';
  }

  private jwtState(rec: JwtRec): JwtState {
    if (rec.revokedAt !== undefined) return 'revoked';
    if (this.clock.now() >= rec.expiresAt) return 'expired';
    return 'active';
  }

  /** Revokes one refresh token and the access/ID tokens minted from it or issued with it. */
  private revokeRefresh(rec: RefreshRec, by: string): void {
    const now = this.clock.now();
    if (rec.revokedAt === undefined) {
      rec.revokedAt = now;
      rec.revokedBy = by;
    }
    for (const jwt of this.jwtByRef.values()) {
      if ((jwt.mintedFrom === rec.ref || jwt.issuedWith === rec.ref) && jwt.revokedAt === undefined) jwt.revokedAt = now;
    }
  }

  /** Revokes every refresh token of `rec`'s family (one sign-in and everything rotated from it) and their JWTs. */
  private revokeFamily(rec: RefreshRec, by: string): void {
    for (const member of this.refreshByRef.values()) {
      if (member.family === rec.family) this.revokeRefresh(member, by);
    }
  }

  private signOutUser(poolId: string, username: string, by: string): void {
    const now = this.clock.now();
    for (const rec of this.refreshByRef.values()) {
      if (rec.poolId === poolId && rec.username === username) this.revokeRefresh(rec, by);
    }
    for (const jwt of this.jwtByRef.values()) {
      if (jwt.poolId === poolId && jwt.username === username && jwt.revokedAt === undefined) jwt.revokedAt = now;
    }
  }

  private mintRefresh(args: {
    client: AppClient;
    user: User;
    family: string;
    originJti: string;
    parent?: RefreshRec;
    expiresAt: number;
    scopes: string[];
    authTime: number;
  }): RefreshRec {
    const material = makeRefreshToken();
    const ref = `rt-${++this.counters.rt}`;
    const rec: RefreshRec = {
      ref,
      value: material.value,
      clientId: args.client.clientId,
      poolId: args.client.poolId,
      username: args.user.username,
      sub: args.user.sub,
      family: args.family,
      originJti: args.originJti,
      parent: args.parent?.ref,
      children: [],
      issuedAt: this.clock.now(),
      expiresAt: args.expiresAt,
      scopes: [...args.scopes],
      authTime: args.authTime,
      uses: 0,
    };
    args.parent?.children.push(ref);
    this.refreshByValue.set(rec.value, rec);
    this.refreshByRef.set(ref, rec);
    this.leaks.register(rec.value, 'refresh_token', ref, { partialSources: material.partialSources });
    return rec;
  }

  private mintAccess(client: AppClient, user: User, from: RefreshRec, links: { mintedFrom?: string; issuedWith?: string }): JwtRec {
    return this.mintJwt('access', client, user, from, { scopes: from.scopes, ...links });
  }

  private mintId(client: AppClient, user: User, from: RefreshRec, links: { mintedFrom?: string; issuedWith?: string }): JwtRec {
    return this.mintJwt('id', client, user, from, { scopes: from.scopes, ...links });
  }

  private mintJwt(
    kind: 'access' | 'id',
    client: AppClient,
    user: User | undefined,
    from: RefreshRec | undefined,
    opts: { scopes: string[]; mintedFrom?: string; issuedWith?: string },
  ): JwtRec {
    const now = this.clock.now();
    const iat = Math.floor(now / 1000);
    const ttl = validitySeconds(client, kind === 'access' ? 'AccessToken' : 'IdToken');
    const iss = `https://cognito-idp.${this.region}.amazonaws.com/${client.poolId}`;
    const jti = randomUUID();
    const authTime = Math.floor((from?.authTime ?? now) / 1000);
    const claims: Record<string, unknown> =
      kind === 'access'
        ? {
            sub: user?.sub ?? client.clientId,
            iss,
            client_id: client.clientId,
            ...(from ? { origin_jti: from.originJti } : {}),
            event_id: randomUUID(),
            token_use: 'access',
            scope: opts.scopes.join(' '),
            auth_time: authTime,
            exp: iat + ttl,
            iat,
            jti,
            ...(user ? { username: user.username } : { version: 2 }),
          }
        : {
            sub: user?.sub,
            aud: client.clientId,
            ...(from ? { origin_jti: from.originJti } : {}),
            event_id: randomUUID(),
            token_use: 'id',
            auth_time: authTime,
            iss,
            'cognito:username': user?.username,
            exp: iat + ttl,
            iat,
            jti,
            ...(user?.attributes.email ? { email: user.attributes.email } : {}),
          };
    const material = makeJwt(`standin-${client.poolId}`, claims);
    const ref = `${kind === 'access' ? 'at' : 'it'}-${kind === 'access' ? ++this.counters.at : ++this.counters.it}`;
    const rec: JwtRec = {
      ref,
      kind,
      value: material.value,
      clientId: client.clientId,
      poolId: client.poolId,
      username: user?.username,
      mintedFrom: opts.mintedFrom,
      issuedWith: opts.issuedWith,
      issuedAt: now,
      expiresAt: now + ttl * 1000,
      scopes: [...opts.scopes],
    };
    this.jwtByValue.set(rec.value, rec);
    this.jwtByRef.set(ref, rec);
    this.leaks.register(rec.value, kind === 'access' ? 'access_token' : 'id_token', ref, { partialSources: material.partialSources });
    return rec;
  }

  private refreshInfo(rec: RefreshRec): RefreshTokenInfo {
    const d = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      ref: rec.ref,
      kind: 'refresh',
      clientId: rec.clientId,
      userPoolId: rec.poolId,
      username: rec.username,
      family: rec.family,
      parent: rec.parent,
      children: [...rec.children],
      issuedAt: new Date(rec.issuedAt),
      expiresAt: new Date(rec.expiresAt),
      firstUsedAt: d(rec.firstUsedAt),
      invalidAfter: d(rec.invalidAfter),
      revokedAt: d(rec.revokedAt),
      revokedBy: rec.revokedBy,
      uses: rec.uses,
      state: this.refreshState(rec),
    };
  }

  private jwtInfoOf(rec: JwtRec): JwtInfo {
    return {
      ref: rec.ref,
      kind: rec.kind,
      clientId: rec.clientId,
      userPoolId: rec.poolId,
      username: rec.username,
      mintedFrom: rec.mintedFrom,
      issuedWith: rec.issuedWith,
      issuedAt: new Date(rec.issuedAt),
      expiresAt: new Date(rec.expiresAt),
      revokedAt: rec.revokedAt === undefined ? undefined : new Date(rec.revokedAt),
      scopes: [...rec.scopes],
      state: this.jwtState(rec),
    };
  }

  private describeClient(client: AppClient): Record<string, unknown> {
    const c = client.config;
    return {
      UserPoolId: client.poolId,
      ClientName: c.ClientName,
      ClientId: client.clientId,
      // ASSUMPTION: with two active secrets, DescribeUserPoolClient shows the oldest one.
      ...(client.secrets[0] ? { ClientSecret: client.secrets[0].value } : {}),
      LastModifiedDate: epochSeconds(client.lastModifiedAt),
      CreationDate: epochSeconds(client.createdAt),
      RefreshTokenValidity: c.RefreshTokenValidity ?? 30,
      AccessTokenValidity: c.AccessTokenValidity,
      IdTokenValidity: c.IdTokenValidity,
      TokenValidityUnits: c.TokenValidityUnits,
      ExplicitAuthFlows: effectiveFlows(client),
      SupportedIdentityProviders: c.SupportedIdentityProviders,
      CallbackURLs: c.CallbackURLs,
      LogoutURLs: c.LogoutURLs,
      AllowedOAuthFlows: c.AllowedOAuthFlows,
      AllowedOAuthScopes: c.AllowedOAuthScopes,
      AllowedOAuthFlowsUserPoolClient: c.AllowedOAuthFlowsUserPoolClient ?? false,
      PreventUserExistenceErrors: c.PreventUserExistenceErrors ?? 'LEGACY',
      EnableTokenRevocation: c.EnableTokenRevocation ?? true,
      AuthSessionValidity: c.AuthSessionValidity ?? 3,
      ...(c.RefreshTokenRotation ? { RefreshTokenRotation: c.RefreshTokenRotation } : {}),
    };
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers
// -----------------------------------------------------------------------------------------------

function effectiveFlows(client: AppClient): string[] {
  return client.config.ExplicitAuthFlows ?? DEFAULT_FLOWS;
}

function rotationEnabled(client: AppClient): boolean {
  return client.config.RefreshTokenRotation?.Feature === 'ENABLED';
}

function graceSeconds(client: AppClient): number {
  return client.config.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0;
}

function isClientTokenOnly(client: AppClient): boolean {
  const flows = client.config.ExplicitAuthFlows;
  return flows !== undefined && flows.length === 1 && flows[0] === 'ALLOW_CLIENT_TOKEN_AUTH';
}

function isClientCredentialsOnly(client: AppClient): boolean {
  const flows = client.config.AllowedOAuthFlows;
  return flows !== undefined && flows.length === 1 && flows[0] === 'client_credentials';
}

/** Effective lifetime in seconds, applying Cognito's defaults (1 h / 1 h / 30 d) and units. */
export function validitySeconds(client: { config: CreateUserPoolClientInput | AppClient['config'] }, which: 'AccessToken' | 'IdToken' | 'RefreshToken'): number {
  const c = client.config;
  const units = c.TokenValidityUnits ?? {};
  if (which === 'RefreshToken') {
    const v = c.RefreshTokenValidity;
    if (v === undefined || v === 0) return 30 * 86400;
    return v * UNIT_SECONDS[units.RefreshToken ?? 'days'];
  }
  const v = which === 'AccessToken' ? c.AccessTokenValidity : c.IdTokenValidity;
  if (v === undefined) return 3600;
  return v * UNIT_SECONDS[(which === 'AccessToken' ? units.AccessToken : units.IdToken) ?? 'hours'];
}

function validateClientConfig(config: AppClient['config']): void {
  const bad = (message: string) => new ServiceError('InvalidParameterException', message);
  const probe = { config };
  const access = validitySeconds(probe, 'AccessToken');
  const id = validitySeconds(probe, 'IdToken');
  const refresh = validitySeconds(probe, 'RefreshToken');
  if (access < 300 || access > 86400) throw bad('Invalid range for token validity: access token must be between 5 minutes and 1 day');
  if (id < 300 || id > 86400) throw bad('Invalid range for token validity: ID token must be between 5 minutes and 1 day');
  if (refresh < 3600 || refresh > 3650 * 86400) throw bad('Invalid range for token validity: refresh token must be between 60 minutes and 10 years');
  const rotation = config.RefreshTokenRotation;
  if (rotation) {
    if (rotation.Feature !== 'ENABLED' && rotation.Feature !== 'DISABLED') throw bad('RefreshTokenRotation.Feature must be ENABLED or DISABLED');
    const g = rotation.RetryGracePeriodSeconds ?? 0;
    if (!Number.isInteger(g) || g < 0 || g > 60) throw bad('RetryGracePeriodSeconds must be between 0 and 60');
  }
  const session = config.AuthSessionValidity;
  if (session !== undefined && (session < 3 || session > 15)) throw bad('AuthSessionValidity must be between 3 and 15 minutes');
  const flows = config.ExplicitAuthFlows;
  if (flows?.includes('ALLOW_CLIENT_TOKEN_AUTH') && flows.length > 1) {
    throw bad('ALLOW_CLIENT_TOKEN_AUTH must be the only authentication flow of the app client');
  }
  if (flows && flows.some((f) => LEGACY_FLOWS.has(f)) && flows.some((f) => f.startsWith('ALLOW_'))) {
    throw bad('Legacy ExplicitAuthFlows values cannot be combined with ALLOW_ values');
  }
  const oauth = config.AllowedOAuthFlows;
  if (oauth?.includes('client_credentials') && oauth.length > 1) throw bad('client_credentials cannot be combined with other OAuth flows');
  if (config.EnableTokenRevocation !== undefined && typeof config.EnableTokenRevocation !== 'boolean') throw bad('EnableTokenRevocation must be a boolean');
}

function validateCustomSecret(secret: string): void {
  if (secret.length < 24 || secret.length > 64 || !SECRET_PATTERN.test(secret)) {
    throw new ServiceError('InvalidParameterException', 'ClientSecret must be 24 to 64 characters matching [\\w+]+');
  }
}

/** Cognito's SECRET_HASH: Base64(HMAC-SHA256(key = client secret, message = username + client id)). */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
