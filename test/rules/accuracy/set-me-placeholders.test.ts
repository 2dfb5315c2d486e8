/**
 * Sweep4 (govuk-one-login/account-components, solutions/app-infra/template.yaml; rw764): a notification service's
 * API key secret is created as `SecretString: set-me` and the real key is put in by hand after the first
 * deployment (the same pattern as sweep1's `replacewithactualkey`, rw540). SMG4 reported it as a literal secret.
 * - Plain words that start with "set me" (`set-me`, `SET_ME_LATER`, `setme`) are an instruction, like `change-me`.
 * - Words that merely start with "set" (`settings-value`, `setup2024`), or a value with mixed case and digits, are not.
 */
import { audit } from '../helpers';

const smg4 = (secretString: unknown) =>
  audit({ Resources: { Key: { Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'notification API key', SecretString: secretString } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SMG4')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('set-me placeholders', () => {
  test.each(['set-me', 'SET_ME_LATER', 'setme', 'set_me'])('compliant: %s, whole and under a secret key', (text) => {
    expect(smg4(text)).toEqual([]);
    expect(smg4(JSON.stringify({ apiKey: text }))).toEqual([]);
  });

  test.each(['Setme2024!', 'settingsvalue', 'setup-hunter-key'])('non-compliant: a value (%s)', (text) => {
    expect(smg4(text)).toEqual(['violation error Properties.SecretString']);
  });

  test('cannot tell: an imported SecretString', () => {
    expect(smg4({ 'Fn::ImportValue': 'notify-api-key' })).toEqual(['cannot-tell warning Properties.SecretString']);
  });
});
