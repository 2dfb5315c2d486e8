/**
 * `DelegatedClient`: a Cognito app client for an integration that acts for a user. Authorization-code flow only,
 * short access and ID tokens, refresh token rotation and revocation on, and every setting the CDK L2 or Cognito
 * would otherwise default written out, so the template says what will be deployed.
 */
import { Duration, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { TokenGuardPolicy, TokenGuardPolicyInput } from '../rules/engine/policy';
import { checkAgainstPolicy, checkRange, constructPolicy, knownDuration, TokenGuardValidationError } from './internal/policy';

const KIND = 'DelegatedClient';

/**
 * What a `RefreshTokenVault` (and the token broker) needs to know about the client whose refresh token it holds.
 * `DelegatedClient` implements it; implement it yourself to put an imported client's grant in a vault.
 */
export interface IRefreshTokenClient {
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  /** How long a refresh token of this client is valid: the vault rotates well inside it. */
  readonly refreshTokenValidity: Duration;
  /** How long Cognito keeps accepting a refresh token after rotating it. */
  readonly refreshTokenRotationGracePeriod: Duration;
}

/** API sign-in flows (`ExplicitAuthFlows`). Password and custom-auth flows are not offered. */
export interface DelegatedClientAuthFlows {
  /**
   * `ALLOW_USER_SRP_AUTH`: sign in through the API with Secure Remote Password (the password never leaves the client).
   * @default true
   */
  readonly userSrp?: boolean;
  /**
   * `ALLOW_USER_AUTH`: choice-based sign-in (passkeys, one-time passwords, SRP). Needs the Essentials tier or higher.
   * @default false
   */
  readonly user?: boolean;
}

export interface DelegatedClientProps {
  /** The user pool the client belongs to. */
  readonly userPool: cognito.IUserPool;
  /**
   * Where Cognito may send authorization codes. `https://` only; a URL must not carry a fragment. Loopback hosts
   * (`localhost`, `127.0.0.1`, `[::1]`, over http or https) are refused unless `allowLoopbackCallbacks` is set.
   */
  readonly callbackUrls: string[];
  /**
   * Where Cognito may redirect after sign-out; same rules as `callbackUrls`.
   * @default - none
   */
  readonly logoutUrls?: string[];
  /**
   * Accept loopback callback and logout URLs. For a development client only: the TokenGuard pack still reports
   * a loopback callback as a warning (TokenGuard-COG11), because in a deployed client any local process could
   * receive the codes.
   * @default false
   */
  readonly allowLoopbackCallbacks?: boolean;
  /**
   * OAuth scopes, listed explicitly. `aws.cognito.signin.user.admin` (`OAuthScope.COGNITO_ADMIN`) is included only
   * if you list it, and TokenGuard-COG12 will still warn about it.
   * @default [OAuthScope.OPENID]
   */
  readonly scopes?: cognito.OAuthScope[];
  /**
   * Identity providers users may sign in with.
   * @default [UserPoolClientIdentityProvider.COGNITO]
   */
  readonly supportedIdentityProviders?: cognito.UserPoolClientIdentityProvider[];
  /**
   * API sign-in flows. At least one must be on: an empty `ExplicitAuthFlows` is not something the rules or Cognito
   * can tell apart from "not set", which means Cognito's default (including `ALLOW_CUSTOM_AUTH`).
   * `ALLOW_REFRESH_TOKEN_AUTH` is never added: refresh goes through `GetTokensFromRefreshToken`, and Cognito refuses
   * `REFRESH_TOKEN_AUTH` on clients with refresh token rotation.
   * @default { userSrp: true }
   */
  readonly authFlows?: DelegatedClientAuthFlows;
  /**
   * Access token lifetime: also how long an access token stays usable after its grant is revoked.
   * Must not exceed the policy's `accessTokenMinutes.errorAbove` (default 60 minutes).
   * @default Duration.minutes(5)
   */
  readonly accessTokenValidity?: Duration;
  /**
   * ID token lifetime. Must not exceed the policy's `idTokenMinutes.errorAbove` (default 60 minutes).
   * @default Duration.minutes(5)
   */
  readonly idTokenValidity?: Duration;
  /**
   * Refresh token lifetime: how long the standing grant lasts before the user must sign in again. Must not exceed
   * the policy's `refreshTokenDays.errorAbove` (default 30 days).
   * @default - 7 days, or the policy's `refreshTokenDays.warnAbove` if that is shorter (at least 60 minutes)
   */
  readonly refreshTokenValidity?: Duration;
  /**
   * How long Cognito keeps accepting a refresh token after `GetTokensFromRefreshToken` has rotated it (0 to 60
   * seconds). The default is the maximum: a broker that crashes after Cognito answered but before the new token was
   * stored can repeat the refresh with the stored (old) token for this long, instead of losing the grant. The cost
   * is that a copy of the old token also works for this long after each rotation.
   * @default Duration.seconds(60)
   */
  readonly refreshTokenRotationGracePeriod?: Duration;
  /**
   * How long a sign-in session (between authentication challenges) may last, 3 to 15 minutes.
   * @default Duration.minutes(3)
   */
  readonly authSessionValidity?: Duration;
  /**
   * Name of the app client.
   * @default - generated by CloudFormation
   */
  readonly userPoolClientName?: string;
  /**
   * Policy settings layered over the `cdk.json` context key `cdk-token-guard:policy`.
   * @default - the context's settings, else the documented defaults
   */
  readonly policy?: TokenGuardPolicyInput;
}

/** Cognito's floor for refresh tokens. */
const MIN_REFRESH = Duration.minutes(60);
const DEFAULT_REFRESH = Duration.days(7);

export class DelegatedClient extends Construct implements IRefreshTokenClient {
  public readonly userPool: cognito.IUserPool;
  /** The app client (an L2 `UserPoolClient`; its L1 is `userPoolClient.node.defaultChild`). */
  public readonly userPoolClient: cognito.IUserPoolClient;
  public readonly userPoolClientId: string;
  public readonly accessTokenValidity: Duration;
  public readonly idTokenValidity: Duration;
  public readonly refreshTokenValidity: Duration;
  public readonly refreshTokenRotationGracePeriod: Duration;
  /** The policy the props were checked against. */
  public readonly policy: TokenGuardPolicy;

  constructor(scope: Construct, id: string, props: DelegatedClientProps) {
    super(scope, id);
    const policy = constructPolicy(this, KIND, props.policy);
    this.policy = policy;
    this.userPool = props.userPool;

    this.accessTokenValidity = this.lifetime('accessTokenValidity', props.accessTokenValidity ?? Duration.minutes(5), policy.accessTokenMinutes, 'accessTokenMinutes');
    this.idTokenValidity = this.lifetime('idTokenValidity', props.idTokenValidity ?? Duration.minutes(5), policy.idTokenMinutes, 'idTokenMinutes');
    this.refreshTokenValidity = this.refreshLifetime(props.refreshTokenValidity, policy);
    this.refreshTokenRotationGracePeriod = knownDuration(this, KIND, 'refreshTokenRotationGracePeriod', props.refreshTokenRotationGracePeriod ?? Duration.seconds(60));
    checkRange(this, KIND, 'refreshTokenRotationGracePeriod', this.refreshTokenRotationGracePeriod, Duration.seconds(0), Duration.seconds(60), "Cognito's RetryGracePeriodSeconds range");
    const authSession = knownDuration(this, KIND, 'authSessionValidity', props.authSessionValidity ?? Duration.minutes(3));
    checkRange(this, KIND, 'authSessionValidity', authSession, Duration.minutes(3), Duration.minutes(15), "Cognito's AuthSessionValidity range");
    checkAgainstPolicy({ scope: this, kind: KIND, prop: 'authSessionValidity', value: authSession, setting: 'authSessionMinutes', unit: 'minutes', warnAbove: policy.authSessionMinutes.warnAbove });

    const loopbackOk = props.allowLoopbackCallbacks ?? false;
    if (props.callbackUrls.length === 0) throw new TokenGuardValidationError(`${KIND} callbackUrls: at least one callback URL is required for the authorization-code flow`, this);
    props.callbackUrls.forEach((u, i) => checkRedirectUrl(this, `callbackUrls[${i}]`, u, loopbackOk));
    (props.logoutUrls ?? []).forEach((u, i) => checkRedirectUrl(this, `logoutUrls[${i}]`, u, loopbackOk));

    const flows = { userSrp: props.authFlows?.userSrp ?? true, user: props.authFlows?.user ?? false };
    if (!flows.userSrp && !flows.user) {
      throw new TokenGuardValidationError(
        `${KIND} authFlows: at least one of userSrp or user must be true (an empty ExplicitAuthFlows reads as "not set", i.e. Cognito's default flows including ALLOW_CUSTOM_AUTH)`,
        this,
      );
    }

    this.userPoolClient = new cognito.UserPoolClient(this, 'Resource', {
      userPool: props.userPool,
      userPoolClientName: props.userPoolClientName,
      generateSecret: false,
      // With a grace period set, the L2 does not append ALLOW_REFRESH_TOKEN_AUTH (which rotation clients refuse).
      authFlows: { userSrp: flows.userSrp, user: flows.user, userPassword: false, adminUserPassword: false, custom: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: props.scopes ?? [cognito.OAuthScope.OPENID],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.logoutUrls,
      },
      supportedIdentityProviders: props.supportedIdentityProviders ?? [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: this.accessTokenValidity,
      idTokenValidity: this.idTokenValidity,
      refreshTokenValidity: this.refreshTokenValidity,
      refreshTokenRotationGracePeriod: this.refreshTokenRotationGracePeriod,
      authSessionValidity: authSession,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    this.userPoolClientId = this.userPoolClient.userPoolClientId;
  }

  private lifetime(prop: string, value: Duration, limits: { warnAbove: number; errorAbove: number }, setting: string): Duration {
    knownDuration(this, KIND, prop, value);
    checkAgainstPolicy({ scope: this, kind: KIND, prop, value, setting, unit: 'minutes', ...limits });
    return value;
  }

  private refreshLifetime(given: Duration | undefined, policy: TokenGuardPolicy): Duration {
    if (given === undefined) {
      // The default stays inside the policy's target, so an unconfigured client draws no warning.
      const targetMinutes = Math.floor(policy.refreshTokenDays.warnAbove * 1440);
      return targetMinutes < DEFAULT_REFRESH.toMinutes() ? Duration.minutes(Math.max(MIN_REFRESH.toMinutes(), targetMinutes)) : DEFAULT_REFRESH;
    }
    knownDuration(this, KIND, 'refreshTokenValidity', given);
    checkAgainstPolicy({ scope: this, kind: KIND, prop: 'refreshTokenValidity', value: given, setting: 'refreshTokenDays', unit: 'days', ...policy.refreshTokenDays });
    return given;
  }
}

const LOOPBACK_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function checkRedirectUrl(scope: Construct, prop: string, url: string, loopbackOk: boolean): void {
  const fail = (why: string): never => {
    throw new TokenGuardValidationError(`${KIND} ${prop}: ${why}`, scope);
  };
  if (Token.isUnresolved(url)) {
    // A URL assembled from tokens (a distribution's domain name, say) can still be checked for its scheme.
    if (!url.toLowerCase().startsWith('https://')) fail('a URL built from tokens must start with a literal "https://"');
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(`${JSON.stringify(url)} is not an absolute URL`);
  }
  if (parsed.hash) fail('a redirect URL must not contain a fragment (RFC 6749 §3.1.2)');
  const loopback = LOOPBACK_HOST.test(parsed.hostname);
  if (loopback) {
    if (!loopbackOk) fail(`${parsed.protocol}//${parsed.host} is a loopback host; set allowLoopbackCallbacks: true for a development client`);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(`scheme ${parsed.protocol} is not http(s)`);
    return;
  }
  if (parsed.protocol !== 'https:') fail(`${parsed.protocol}//${parsed.host} does not use https; authorization codes must not cross the network in plain text`);
}
