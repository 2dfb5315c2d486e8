/**
 * A false ERROR found by the holdout rw594-rw618 (rw603, after govuk-one-login/ipv-cri-kbv-api
 * infrastructure/lambda/template.yaml): a health check is told the names of its keystore secrets,
 * `KeyStorePassword: experian/keystore-password`, and reads them from Secrets Manager at run time (its policy grants
 * GetSecretValue on that prefix). Secret names are usually written as paths without a leading slash
 * (`prod/db/password`), so SEC1 read the name under a password-named variable as a written-out password. A literal
 * that is a lower-case path of words is a name, as an SSM path with its leading slash already was.
 */
import { audit } from '../helpers';

const sec1 = (variables: Record<string, unknown>) =>
  audit({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: variables } } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('secret names written as paths', () => {
  test.each(['provider/keystore-password', 'prod/db/password', 'payments/stripe_api.key'])('compliant: %s under a password name is a secret name', (value) => {
    expect(sec1({ KeyStorePassword: value })).toEqual([]);
  });

  test.each(['Kestrel-Harbor-4419', 'kp9/Xq2!zR7w'])('non-compliant: %s under a password name is a password', (value) => {
    expect(sec1({ KeyStorePassword: value })).toEqual(['violation error Properties.Environment.Variables.KeyStorePassword']);
  });

  test('cannot tell: an import under a password name stays unknown', () => {
    expect(sec1({ KeyStorePassword: { 'Fn::ImportValue': 'keystore-password' } })).toEqual(['cannot-tell warning Properties.Environment.Variables.KeyStorePassword']);
  });
});
