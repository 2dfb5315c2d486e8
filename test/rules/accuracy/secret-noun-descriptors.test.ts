/**
 * False ERRORs from secret nouns followed by a descriptor (found by probing, session 4): `TokenSigningAlgorithm`,
 * `TokenTimeout`, `SecretsExtensionPort`, `PASSWORD_HASHER`, `TOKEN_KID` name settings about a secret, not the secret.
 * Where the patterns come from:
 * - JWS/JWA (RFC 7515 §4.1.1 `alg`, §4.1.4 `kid`: a hint naming the key, published with the JWKS; RFC 7518 §3.1
 *   lists RS256/ES256), as issuer templates configure them (`TOKEN_KID`, a `TokenSigningAlgorithm` enum).
 * - The AWS Parameters and Secrets Lambda Extension (docs: PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, default 2773;
 *   aws-cdk-lib ParamsAndSecretsOptions.httpPort / secretsManagerTimeout), AWS::SecretsManager::Secret ReplicaRegions
 *   (a region code), the Cognito user pool's PasswordPolicy (a complexity setting), API Gateway usage plans (a tier),
 *   AWS CLI named profiles (`default`), Django's PASSWORD_HASHERS (`argon2`), Secrets Manager's recovery window.
 * - `SMTP_PASSWORD_PARAMETER: smtp-password`: an SSM parameter name beside the SMTP settings of a mailer function.
 * The value decides where the name alone cannot: a Default or AllowedValues that are small numbers, region codes or
 * an enumeration of words is a setting; a generated-looking Default under `TokenSecret` is still a secret.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const GENERATED = 'q8Zr2Lw7Kp4Xn9Tb6Vd3Hs5Jm1Fc0Ye8';
const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();

const fn = (Variables: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables }, ...more },
});

/** Each parameter is used twice: in a Lambda environment variable (SEC1) and in a tag (SEC8). */
function usedParameters(parameters: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const names = Object.keys(parameters);
  const variables = Object.fromEntries(names.map((n) => [n.toUpperCase(), { Ref: n }]));
  return { Parameters: parameters, Resources: { Fn: fn(variables, { Tags: names.map((n) => ({ Key: n, Value: { Ref: n } })) }) } };
}

const str = (Default: unknown, AllowedValues?: unknown[]) => ({ Type: 'String', Default, ...(AllowedValues ? { AllowedValues } : {}) });

describe('secret nouns followed by a descriptor', () => {
  test.each([
    ['TokenSigningAlgorithm', str('RS256', ['RS256', 'ES256'])],
    ['TokenTimeout', str('300')],
    ['SecretsExtensionPort', str('2773')],
    ['SecretReplicaRegion', str('eu-west-1')],
    ['PasswordComplexity', str('high')],
    ['CredentialsProfile', str('default')],
    ['ApiKeyUsagePlanTier', str('basic')],
    ['SecretRecoveryWindow', str('7')],
    ['TokenEncoding', str('base64url')],
    ['PasswordHashingStrategy', str('bcrypt')],
    ['TokenRefreshThreshold', str('0.8')],
  ])('compliant: parameter %s and its uses in an environment variable and a tag', (name, definition) => {
    expect(sec(audit(usedParameters({ [name]: definition })))).toEqual([]);
  });

  test.each([
    ['an enumeration of words', 'RefreshTokenCookieSameSite', str('Strict', ['Strict', 'Lax', 'None'])],
    ['a small number', 'SessionTokenRefreshSkew', str('60')],
    ['a number written as a number', 'ApiTokenRetries', { Type: 'String', Default: 3 }],
    ['a region code', 'SecretsFailover', str('eu-central-1')],
    ['a boolean', 'RequireTokenBinding', str('false', ['true', 'false'])],
  ])('compliant: a secret-named parameter whose Default and AllowedValues are %s', (_what, name, definition) => {
    expect(sec(audit(usedParameters({ [name]: definition })))).toEqual([]);
  });

  test('compliant: a hasher name, a key id and an SSM parameter name under secret nouns (SEC1, SEC5, SEC7)', () => {
    const t = {
      Resources: {
        Fn: fn({ PASSWORD_HASHER: 'argon2id', TOKEN_KID: 'k3J9xP2qL8mN4vB7', SMTP_PASSWORD_PARAMETER: 'smtp-password' }),
        Kid: { Type: 'AWS::SSM::Parameter', Properties: { Name: 'TOKEN_KID', Type: 'String', Value: 'k3J9xP2qL8mN4vB7' } },
        Hasher: { Type: 'AWS::SSM::Parameter', Properties: { Name: 'PASSWORD_HASHER', Type: 'String', Value: 'argon2id' } },
      },
      Outputs: { TokenKid: { Value: 'k3J9xP2qL8mN4vB7' }, PasswordHasher: { Value: 'argon2id' } },
    };
    expect(sec(audit(t))).toEqual([]);
  });

  test('non-compliant: a generated-looking Default under TokenSecret is still a secret', () => {
    expect(sec(audit({ Parameters: { TokenSecret: str(GENERATED) }, Resources: {} }))).toEqual([
      'TokenGuard-SEC6 violation TokenSecret Parameters.TokenSecret.Default',
      'TokenGuard-SEC6 violation TokenSecret Parameters.TokenSecret.NoEcho',
    ]);
  });

  test('non-compliant: a written-out password Default and an enumeration of generated values stay secrets', () => {
    const t = { Parameters: { AdminPassword: str('letmein99'), ApiToken: str(GENERATED, [GENERATED, `${GENERATED}x`]) }, Resources: {} };
    expect(sec(audit(t))).toEqual([
      'TokenGuard-SEC6 violation AdminPassword Parameters.AdminPassword.Default',
      'TokenGuard-SEC6 violation AdminPassword Parameters.AdminPassword.NoEcho',
      'TokenGuard-SEC6 violation ApiToken Parameters.ApiToken.AllowedValues',
      'TokenGuard-SEC6 violation ApiToken Parameters.ApiToken.Default',
      'TokenGuard-SEC6 violation ApiToken Parameters.ApiToken.NoEcho',
    ]);
  });

  test('non-compliant: a NoEcho DbPassword without Default in an environment variable (SEC1, as before)', () => {
    const t = usedParameters({ DbPassword: { Type: 'String', NoEcho: true } });
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC1 violation Fn Properties.Environment.Variables.DBPASSWORD', 'TokenGuard-SEC8 violation Fn Properties.Tags.0.Value']);
  });

  test('non-compliant: a literal password and a generated token under plain secret names', () => {
    expect(sec(audit({ Resources: { Fn: fn({ SMTP_PASSWORD: 'hunter2-Mail', SIGNING_TOKEN: GENERATED }) } }))).toEqual([
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.SIGNING_TOKEN',
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.SMTP_PASSWORD',
    ]);
  });

  test('non-compliant: a setting word inside the name does not end it (`apiKeyBasicTierValue` is the key\'s value, as in rw147)', () => {
    const t = { Resources: { Value: { Type: 'AWS::SSM::Parameter', Properties: { Name: 'apiKeyBasicTierValue', Type: 'String', Value: GENERATED } } } };
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC5 violation Value Properties.Value']);
  });

  test('cannot tell: an import under a secret name, while one under a descriptor name is a setting', () => {
    const imported = (name: string) => ({ 'Fn::ImportValue': name });
    const variables = { TOKEN_SIGNING_ALGORITHM: imported('auth-alg'), TOKEN_KID: imported('auth-kid'), SIGNING_TOKEN: imported('auth-token') };
    expect(sec(audit({ Resources: { Fn: fn(variables) } }))).toEqual(['TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.SIGNING_TOKEN']);
  });

  test('non-compliant: without a Default the name is all there is, and it still says secret', () => {
    expect(sec(audit({ Parameters: { RefreshTokenCookieSameSite: { Type: 'String' } }, Resources: {} }))).toEqual([
      'TokenGuard-SEC6 violation RefreshTokenCookieSameSite Parameters.RefreshTokenCookieSameSite.NoEcho',
    ]);
  });
});
