import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { DelegatedClient, DelegatedClientProps } from '../../lib/delegated-client';
import { TokenGuardValidationError } from '../../lib/internal/policy';
import { poolStack, testApp } from './helpers';

const CLIENT = 'AWS::Cognito::UserPoolClient';

function build(props: Partial<DelegatedClientProps> = {}, context?: Record<string, unknown>): { stack: Stack; client: DelegatedClient } {
  const { stack, pool } = poolStack(testApp(context ? { context } : {}));
  const client = new DelegatedClient(stack, 'Integration', { userPool: pool, callbackUrls: ['https://app.example.com/callback'], ...props });
  return { stack, client };
}

describe('DelegatedClient: what it deploys', () => {
  const { stack, client } = build();
  const template = Template.fromStack(stack);

  test('code flow only, explicit scopes, HTTPS callback, no secret', () => {
    template.hasResourceProperties(CLIENT, {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://app.example.com/callback'],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
    });
  });

  test('5-minute access and ID tokens, 7-day refresh tokens, all in explicit units', () => {
    template.hasResourceProperties(CLIENT, {
      AccessTokenValidity: 5,
      IdTokenValidity: 5,
      RefreshTokenValidity: 7 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect(client.refreshTokenValidity.toDays()).toBe(7);
  });

  test('refresh token rotation on with a 60-second grace period; revocation on; no user-existence errors; 3-minute sessions', () => {
    template.hasResourceProperties(CLIENT, {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      AuthSessionValidity: 3,
    });
    expect(client.refreshTokenRotationGracePeriod.toSeconds()).toBe(60);
  });

  test('explicit auth flows: SRP only, and never ALLOW_REFRESH_TOKEN_AUTH (refused on rotation clients)', () => {
    template.hasResourceProperties(CLIENT, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] });
  });

  test('no implicit flow, no admin scope, no client-credentials flow anywhere', () => {
    const props = Object.values(template.findResources(CLIENT))[0].Properties;
    expect(JSON.stringify(props)).not.toMatch(/implicit|aws\.cognito\.signin\.user\.admin|client_credentials|ALLOW_CUSTOM_AUTH|PASSWORD/);
  });

  test('exposes what the vault and the broker need', () => {
    expect(client.userPoolClient).toBeInstanceOf(cognito.UserPoolClient);
    expect(stack.resolve(client.userPoolClientId)).toEqual({ Ref: expect.stringMatching(/^Integration/) });
    expect(client.accessTokenValidity.toMinutes()).toBe(5);
  });
});

describe('DelegatedClient: options', () => {
  test('choice-based sign-in, more scopes, logout URLs and a shorter grace period', () => {
    const { stack } = build({
      authFlows: { userSrp: false, user: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      logoutUrls: ['https://app.example.com/bye'],
      refreshTokenRotationGracePeriod: Duration.seconds(30),
      refreshTokenValidity: Duration.days(1),
    });
    Template.fromStack(stack).hasResourceProperties(CLIENT, {
      ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email']),
      LogoutURLs: ['https://app.example.com/bye'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
      RefreshTokenValidity: 1440,
    });
  });

  test('loopback callbacks only when asked for (a development client)', () => {
    expect(() => build({ callbackUrls: ['http://localhost:3000/cb'] })).toThrow(
      'DelegatedClient callbackUrls[0]: http://localhost:3000 is a loopback host; set allowLoopbackCallbacks: true for a development client',
    );
    const { stack } = build({ callbackUrls: ['http://localhost:3000/cb'], allowLoopbackCallbacks: true });
    Template.fromStack(stack).hasResourceProperties(CLIENT, { CallbackURLs: ['http://localhost:3000/cb'] });
  });

  test('a callback URL built from a token must start with a literal https://', () => {
    const { stack, pool } = poolStack();
    const host = pool.userPoolProviderName; // a token
    expect(() => new DelegatedClient(stack, 'Ok', { userPool: pool, callbackUrls: [`https://${host}/cb`] })).not.toThrow();
    expect(() => new DelegatedClient(stack, 'Bad', { userPool: pool, callbackUrls: [`${host}/cb`] })).toThrow(/must start with a literal "https:\/\/"/);
  });

  test('a policy from cdk.json context sets the limits; the policy prop overrides it', () => {
    const context = { 'cdk-token-guard:policy': { accessTokenMinutes: { warnAbove: 5, errorAbove: 10 } } };
    expect(() => build({ accessTokenValidity: Duration.minutes(15) }, context)).toThrow(
      'DelegatedClient accessTokenValidity: 15 minutes exceeds the policy ceiling of 10 minutes (accessTokenMinutes.errorAbove)',
    );
    expect(() => build({ accessTokenValidity: Duration.minutes(15), policy: { accessTokenMinutes: { errorAbove: 20 } } }, context)).not.toThrow();
  });

  test('a stricter refresh-token target lowers the default lifetime to stay inside it', () => {
    const { client } = build({ policy: { refreshTokenDays: { warnAbove: 1, errorAbove: 2 } } });
    expect(client.refreshTokenValidity.toHours()).toBe(24);
  });

  test('a value between target and ceiling is allowed, with a warning that names the setting', () => {
    const { stack } = build({ refreshTokenValidity: Duration.days(14) });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Integration',
      Match.stringLikeRegexp('DelegatedClient refreshTokenValidity: 14 days is above the policy target of 7 days \\(refreshTokenDays.warnAbove\\)'),
    );
  });
});

describe('DelegatedClient: props beyond the policy or Cognito fail at synth, naming prop, value and limit', () => {
  test.each<[string, Partial<DelegatedClientProps>, string]>([
    ['access token', { accessTokenValidity: Duration.hours(2) }, 'DelegatedClient accessTokenValidity: 2 hours exceeds the policy ceiling of 60 minutes (accessTokenMinutes.errorAbove)'],
    ['ID token', { idTokenValidity: Duration.minutes(61) }, 'DelegatedClient idTokenValidity: 1 hour 1 minute exceeds the policy ceiling of 60 minutes (idTokenMinutes.errorAbove)'],
    ['refresh token', { refreshTokenValidity: Duration.days(90) }, 'DelegatedClient refreshTokenValidity: 90 days exceeds the policy ceiling of 30 days (refreshTokenDays.errorAbove)'],
    ['grace period', { refreshTokenRotationGracePeriod: Duration.seconds(90) }, "DelegatedClient refreshTokenRotationGracePeriod: must be between 0 seconds and 1 minute (Cognito's RetryGracePeriodSeconds range); received 1 minute 30 seconds"],
    ['auth session', { authSessionValidity: Duration.minutes(30) }, "DelegatedClient authSessionValidity: must be between 3 minutes and 15 minutes (Cognito's AuthSessionValidity range); received 30 minutes"],
    ['plain HTTP', { callbackUrls: ['http://app.example.com/cb'] }, 'DelegatedClient callbackUrls[0]: http://app.example.com does not use https'],
    ['fragment', { callbackUrls: ['https://app.example.com/cb#x'] }, 'DelegatedClient callbackUrls[0]: a redirect URL must not contain a fragment'],
    ['relative URL', { callbackUrls: ['/cb'] }, 'DelegatedClient callbackUrls[0]: "/cb" is not an absolute URL'],
    ['no callback', { callbackUrls: [] }, 'DelegatedClient callbackUrls: at least one callback URL is required'],
    ['loopback logout', { logoutUrls: ['http://127.0.0.1/bye'] }, 'DelegatedClient logoutUrls[0]: http://127.0.0.1 is a loopback host'],
    ['no sign-in flow', { authFlows: { userSrp: false } }, 'DelegatedClient authFlows: at least one of userSrp or user must be true'],
  ])('%s', (_name, props, message) => {
    let error: unknown;
    try {
      build(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenGuardValidationError);
    expect((error as Error).message).toContain(message);
    expect((error as TokenGuardValidationError).constructPath).toBe('Stack/Integration');
  });
});
