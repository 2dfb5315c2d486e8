/**
 * Sweep class (session 9, sweep3's rw584, a false ERROR): a placeholder at the key Secrets Manager generates.
 * An admin panel's committed cdk.out (Xpectrum-AI/admin-panel, cdk/cdk.out/AdminPanelStack.template.json, commit
 * af865b11a76a0ed0ff294f32cf162f5c541528da) generates its database password and Stripe key with
 * `generateStringKey: 'password'` / `'secretKey'` and a SecretStringTemplate that already names that key
 * (`"password":"{{password}}"`, `"secretKey":"sk_test_..."`): two SMG4 ERRORs. Secrets Manager adds the generated value
 * at GenerateStringKey, so whatever the template writes there is replaced and never stored. The public pattern: CDK
 * `generateSecretString: { secretStringTemplate: JSON.stringify({ username, password: '…' }), generateStringKey:
 * 'password' }` with the generated key spelled out in the template. Other keys of the template are judged as before.
 */
import { audit } from '../helpers';

const smg4 = (generate: Record<string, unknown>) =>
  audit({ Parameters: { Seed: { Type: 'String', NoEcho: true } }, Resources: { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: generate } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SMG4')
    .map((f) => `${f.kind} ${f.severity} ${f.message}`);

describe('the key GenerateStringKey fills', () => {
  test.each([
    ['{{password}}', 'password'],
    ['sk_test_...', 'secretKey'],
    ['Xk29vLq8Zr7TnB4wQe5s', 'apiKey'],
  ])('compliant: %s at the generated key %s', (value, key) => {
    expect(smg4({ GenerateStringKey: key, SecretStringTemplate: JSON.stringify({ username: 'admin', [key]: value }) })).toEqual([]);
    expect(smg4({ GenerateStringKey: key, SecretStringTemplate: { 'Fn::Sub': `{"username":"\${AWS::StackName}","${key}":"${value}"}` } })).toEqual([]);
  });

  test('non-compliant: a written-out secret at another key', () => {
    expect(smg4({ GenerateStringKey: 'password', SecretStringTemplate: JSON.stringify({ password: '{{password}}', apiKey: 'Xk29vLq8Zr7TnB4wQe5s' }) })).toEqual([
      'violation error SecretStringTemplate key "apiKey" holds a literal written in the template (20 characters, not shown).',
    ]);
    expect(smg4({ SecretStringTemplate: JSON.stringify({ secretKey: 'Xk29vLq8Zr7TnB4wQe5s' }) })).toHaveLength(1);
  });

  test('cannot tell: an import at another secret key; nothing for one at the generated key', () => {
    const imported = (key: string) => ({ 'Fn::Join': ['', [`{"${key}":"`, { 'Fn::ImportValue': 'shared-token' }, '"}']] });
    expect(smg4({ GenerateStringKey: 'password', SecretStringTemplate: imported('token') }).map((m) => m.split(' ')[0])).toEqual(['cannot-tell']);
    expect(smg4({ GenerateStringKey: 'token', SecretStringTemplate: imported('token') })).toEqual([]);
  });
});
