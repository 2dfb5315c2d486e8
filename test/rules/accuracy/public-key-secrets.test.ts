/**
 * Sweep4 (govuk-one-login/authentication-api, ci/cloudformation/auth/function/mfa-reset-authorize.yaml; rw762): a
 * function encrypts requests to another service with that service's public key, kept whole in a Secrets Manager
 * secret named `/deploy/${env}/auth_internal_api_to_ipv_public_encryption_key` and resolved into
 * IPV_PUBLIC_ENCRYPTION_KEY. SEC1 reported it as a resolved secret (an ERROR).
 * - A whole secret, or a JSON field, named as the public half of a key pair (`public` right before `key`, or before
 *   an encryption, signing, RSA or EC key, with no `private` or `secret` in the name) resolves to a public key.
 * - A private or unnamed key, or a name where `public` qualifies something else (`public_website_signing_key`), is
 *   still secret.
 */
import { audit } from '../helpers';

const sec1 = (value: unknown) =>
  audit({
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'i.h', Runtime: 'java17', Code: { ZipFile: 'x' }, Environment: { Variables: { KEY: value } } } },
    },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => f.kind);

describe('Secrets Manager references to public keys', () => {
  test('compliant: a whole secret or a field named as a public key', () => {
    expect(sec1({ 'Fn::Sub': '{{resolve:secretsmanager:/deploy/${AWS::Region}/auth_to_ipv_public_encryption_key}}' })).toEqual([]);
    expect(sec1('{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-2:111122223333:secret:PublicSigningKey-AbCdEf}}')).toEqual([]);
    expect(sec1('{{resolve:secretsmanager:service/jwt:SecretString:public_key}}')).toEqual([]);
  });

  test('non-compliant: a private key, a key pair, a key whose name says public about something else', () => {
    for (const ref of [
      '{{resolve:secretsmanager:/deploy/prod/ipv_private_encryption_key}}',
      '{{resolve:secretsmanager:service/jwt:SecretString:private_key}}',
      '{{resolve:secretsmanager:/deploy/prod/public_and_private_key_pair}}',
      '{{resolve:secretsmanager:/deploy/prod/public_website_signing_key}}',
      '{{resolve:secretsmanager:service/public-keys:SecretString:secret}}',
    ]) {
      expect([ref, sec1(ref)]).toEqual([ref, ['violation']]);
    }
  });
});
