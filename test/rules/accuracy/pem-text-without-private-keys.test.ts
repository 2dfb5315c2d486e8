/**
 * A false-ERROR class found by the holdout rw619-rw643 (rw625, after CloudSnorkel/cdk-github-runners src/secrets.ts,
 * and rw631, after umccr/htsget-deploy lib/htsget-lambda.ts): a secret whose SecretString is PEM text with no private
 * key in it was read as a whole literal secret. cdk-github-runners creates its GitHub App private-key secret with the
 * placeholder `-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----` for the user to replace in every
 * installation; apps store public keys and CA certificates in Secrets Manager beside their private halves (Crypt4GH
 * key pairs, mTLS trust stores). PEM armour around a public key, a certificate or a placeholder body holds no secret
 * material; a private-key block with a body still does, alone or in a bundle, under any key.
 */
import { audit } from '../helpers';

const smg4 = (secretString: unknown) =>
  audit({ Resources: { Keys: { Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'keys', SecretString: secretString } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SMG4')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

// Fakes: random base64 of the length real blocks have (no key or certificate is in this file).
const BODY = 'Q2hhbmdlZEJ5VGVzdHNPbmx5' + 'Zk9yQWNjdXJhY3lDaGVja3M'.repeat(7) + 'wxYz0123';
const pem = (label: string, body = BODY) => `-----BEGIN ${label}-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;

describe('PEM text without a private key in a SecretString', () => {
  test.each([
    ['a public key', pem('PUBLIC KEY')],
    ['a Crypt4GH public key', pem('CRYPT4GH PUBLIC KEY')],
    ['a certificate chain', pem('CERTIFICATE') + pem('CERTIFICATE')],
    ['a private-key placeholder with "..." as its body', '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----'],
  ])('compliant: %s', (_what, text) => {
    expect(smg4(text)).toEqual([]);
  });

  test('compliant: a private-key placeholder under a secret-named JSON key', () => {
    expect(smg4(JSON.stringify({ privateKey: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----' }))).toEqual([]);
  });

  test.each([
    ['a private key', pem('PRIVATE KEY')],
    ['a Crypt4GH private key', pem('CRYPT4GH PRIVATE KEY')],
    ['a certificate with its private key', pem('CERTIFICATE') + pem('RSA PRIVATE KEY')],
    ['a public key followed by other text', `${pem('PUBLIC KEY')}passphrase=Zk9yQWNjdXJhY3lD`],
  ])('non-compliant: %s', (_what, text) => {
    expect(smg4(text)).toEqual(['violation error Properties.SecretString']);
  });

  test('non-compliant: a private key under a secret-named JSON key', () => {
    expect(smg4(JSON.stringify({ privateKey: pem('EC PRIVATE KEY') }))).toEqual(['violation error Properties.SecretString']);
  });

  test('cannot tell: PEM armour around an imported body', () => {
    expect(smg4({ 'Fn::Join': ['', ['{"privateKey": "-----BEGIN PRIVATE KEY-----\\n', { 'Fn::ImportValue': 'shared-signing-key' }, '\\n-----END PRIVATE KEY-----"}']] })).toEqual([
      'cannot-tell warning Properties.SecretString',
    ]);
  });
});
