/**
 * Holdout class (issue 15, found by the real-world holdout rw60, a false ERROR): a KMS ciphertext blob (base64,
 * `AQICAH…`) is what Lambda's encryption helpers put in an environment variable, as the cloudwatch-alarm-to-slack
 * blueprint of aws/serverless-application-model (examples/apps/cloudwatch-alarm-to-slack-python3, commit
 * 1d93419c55164a53ede8ad46bcb0a649d3457729) expects in kmsEncryptedHookUrl: only kms:Decrypt on the key reads it, so
 * it is not plaintext secret material even under a token name. The ciphertexts here are made up.
 */
import { audit } from '../helpers';

const CIPHERTEXT =
  'AQICAHhvZ3pL8QmXc1r5dT9eKjN2bV7yWq4sU0aF6gH3iJ1kOlQmAAAAfjB8BgkqhkiG9w0BBwagbzBtAgEAMGgGCSqGSIb3DQEHATAeBglghkgBZQMEAS4wEQQM7tY2pR9wK4xN1cB6AgEQgDvH2mL5qT8zR1wE4kY7nB0cV3xJ6pA9sD2fG5hK8lM1oN4rQ7tU0wZ3yB6eC9==';
const sec1 = (variables: Record<string, unknown>) =>
  audit({ Resources: { Notify: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'python3.12', Environment: { Variables: variables } } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('KMS ciphertext in an environment', () => {
  test('compliant: a KMS ciphertext blob under a token name', () => {
    expect(sec1({ KMS_ENCRYPTED_BOT_TOKEN: CIPHERTEXT, kmsEncryptedHookUrl: CIPHERTEXT.replace('AQICAH', 'AQECAH') })).toEqual([]);
  });

  test('non-compliant: a generated-looking plaintext value under the same name, even one starting like a blob', () => {
    expect(sec1({ BOT_TOKEN: 'AQICAHq7Rk2vXw9LmT4zNc8bHd3s' })).toEqual(['violation error Properties.Environment.Variables.BOT_TOKEN']);
  });

  test('cannot tell: an import under a token name', () => {
    expect(sec1({ BOT_TOKEN: { 'Fn::ImportValue': 'bot-token' } })).toEqual(['cannot-tell warning Properties.Environment.Variables.BOT_TOKEN']);
  });
});
