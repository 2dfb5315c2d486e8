/**
 * False ERRORs from names that end in a thumbprint, fingerprint or digest (found by probing, holdout 5):
 * `SigningKeyThumbprint`, `PrivateKeyFingerprint`, `/idp/private-key-fingerprint`, `API_KEY_SHA256` and
 * `SESSION_TOKEN_DIGEST` name a published or stored digest of a key or a certificate, not the key (`…Hash` already
 * counted as one). Where the pattern comes from: EC2 key pairs (GetAtt KeyFingerprint), IAM OIDC providers
 * (ThumbprintList), SFTP host-key fingerprints (`SHA256:…`), JWKS `x5t` thumbprints, API-key hashes stored to check
 * presented keys. Before, the secret noun (`signing key`, `private key`, `api key`, `client secret`) made a hex or
 * base64 digest look like a generated secret in outputs (SEC7), SSM String parameters (SEC5), function environments
 * (SEC1) and parameter defaults (SEC6). The value still decides where it can: token material is token material under
 * any name, and an import named like a secret stays cannot-tell. Trade-off: the secret itself written under such a
 * name (`ClientSecretDigest` holding the secret) is no longer judged by its name.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';
import { fake } from '../secret-placement/fixtures';

const HEX_THUMBPRINT = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';
const SSH_FINGERPRINT = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
const GENERATED = 'q8Zr2Lw7Kp4Xn9Tb6Vd3Hs5Jm1Fc0Ye8';
const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();

const fn = (Variables: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables } },
});
const ssm = (Name: string, Value: unknown) => ({ Type: 'AWS::SSM::Parameter', Properties: { Name, Type: 'String', Value } });

describe('thumbprints, fingerprints and digests of keys', () => {
  test('compliant: digests under key-named outputs, SSM parameters, variables and parameter defaults', () => {
    const t = {
      Parameters: {
        SigningKeyThumbprint: { Type: 'String', Default: HEX_THUMBPRINT },
        ApiKeyFingerprint: { Type: 'String', Default: SSH_FINGERPRINT },
      },
      Resources: {
        Fingerprint: ssm('/idp/private-key-fingerprint', '3b:5a:2f:9c:11:8e:4d:07:c2:aa:61:f0:93:7e:15:b4'),
        Fn: fn({
          SIGNING_KEY_THUMBPRINT: { Ref: 'SigningKeyThumbprint' },
          API_KEY_FINGERPRINT: { Ref: 'ApiKeyFingerprint' },
          CLIENT_SECRET_THUMBPRINT: '5f1c0a7d9e3b2c8a4d6f0e1b3c5a7d9e2f4b6c8a',
          API_KEY_SHA256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
          SESSION_TOKEN_DIGEST: 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5',
        }),
      },
      Outputs: {
        TokenSigningKeyThumbprint: { Value: HEX_THUMBPRINT },
        PrivateKeyFingerprint: { Value: '3b5a2f9c118e4d07c2aa61f0937e15b4' },
        HostKeyFingerprints: { Value: SSH_FINGERPRINT },
        ApiKeySha256: { Value: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' },
        WebhookSecretChecksum: { Value: 'd41d8cd98f00b204e9800998ecf8427e' },
      },
    };
    expect(sec(audit(t))).toEqual([]);
  });

  test('non-compliant: the key itself under the same nouns, and a thumbprint word before the noun does not qualify it', () => {
    const t = {
      Parameters: { SigningKey: { Type: 'String', Default: GENERATED } },
      Resources: { Fn: fn({ THUMBPRINT_SIGNING_KEY: GENERATED }) },
      Outputs: { PrivateKey: { Value: GENERATED } },
    };
    expect(sec(audit(t))).toEqual([
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.THUMBPRINT_SIGNING_KEY',
      'TokenGuard-SEC6 violation SigningKey Parameters.SigningKey.Default',
      'TokenGuard-SEC6 violation SigningKey Parameters.SigningKey.NoEcho',
      'TokenGuard-SEC7 violation PrivateKey Outputs.PrivateKey.Value',
    ]);
  });

  test('non-compliant: token material under a fingerprint name is still token material (the value decides)', () => {
    expect(sec(audit({ Resources: {}, Outputs: { TokenFingerprint: { Value: fake.jwt() } } }))).toEqual(['TokenGuard-SEC7 violation TokenFingerprint Outputs.TokenFingerprint.Value']);
  });

  test('cannot tell: an import named like a secret under a fingerprint-named output (the import decides)', () => {
    const t = { Resources: {}, Outputs: { SigningKeyFingerprint: { Value: { 'Fn::ImportValue': 'shared-SigningKey' } } } };
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC7 cannot-tell SigningKeyFingerprint Outputs.SigningKeyFingerprint.Value']);
  });
});
