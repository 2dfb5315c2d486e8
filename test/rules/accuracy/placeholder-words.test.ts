/**
 * Holdout class (session 7, holdout8's rw294, a false ERROR): a secret created with a placeholder word that the
 * workload overwrites later. HashiCorp's Vault Quick Start (aws-quickstart/quickstart-hashicorp-vault,
 * templates/quickstart-hashicorp-vault.template, commit 1dae876775b1ca7f7c0c8dc0f59bfefc5eff6476) creates its
 * root-token secret with `SecretString: empty`; the first node writes the token over it with PutSecretValue. `empty`,
 * `placeholder`, `dummy`, `none`, `null`, `undefined` and `n/a` are fillers like `CHANGE_ME`: no secret is in the
 * template. A word that only contains one (`Placeholder1!`) is a value.
 */
import { audit } from '../helpers';

const smg4 = (secretString: unknown, parameters?: Record<string, unknown>) =>
  audit({
    ...(parameters ? { Parameters: parameters } : {}),
    Resources: { RootToken: { Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'root token', SecretString: secretString } } },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SMG4')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('placeholder words in a SecretString', () => {
  test.each(['empty', 'placeholder', 'Dummy', 'NONE', 'null', 'undefined', 'n/a'])('compliant: the filler %s, whole or under a secret key', (word) => {
    expect(smg4(word)).toEqual([]);
    expect(smg4(JSON.stringify({ username: 'vault', password: word }))).toEqual([]);
  });

  test.each(['Placeholder1!', 'emptyVault2024', 'dummy-root-7Qx'])('non-compliant: a value that only contains a filler (%s)', (value) => {
    expect(smg4(value)).toEqual(['violation error Properties.SecretString']);
  });

  test('cannot tell: an import, whatever it holds', () => {
    expect(smg4({ 'Fn::ImportValue': 'vault-root-token' })).toEqual(['cannot-tell warning Properties.SecretString']);
  });
});
