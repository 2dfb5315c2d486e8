/**
 * Names that say a value is not secret material, decided in session 10 after rw532 (binxio/cfn-secret-provider
 * cloudformation/demo-stack.yaml) and the AWS Lambda blueprints that keep KMS ciphertext in environment variables
 * (`kmsEncryptedToken`, slack-echo-command): a value named as KMS ciphertext (`EncryptedApiKey`, `kmsEncryptedToken`,
 * `API_KEY_CIPHERTEXT`) is useless without kms:Decrypt on its key, and a `PublicKey` attribute is the published half
 * of a key pair. Neither is a secret by its name (SEC6, SEC1) nor a cannot-tell on a custom resource named for a key
 * (SEC7, SEC9). NoEcho still says a parameter is secret, whatever its name.
 */
import { audit } from '../helpers';

const fn = (variables: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: variables } },
});
const findings = (template: Record<string, unknown>) => audit(template).map((f) => `${f.ruleId} ${f.kind} ${f.severity} ${f.path}`);

describe('KMS ciphertext and public keys, by name', () => {
  test.each(['kmsEncryptedToken', 'EncryptedApiKey', 'ApiKeyCiphertext', 'ENCRYPTED_PASSWORD'])('compliant: a visible parameter named %s, into the environment', (name) => {
    expect(findings({ Parameters: { [name]: { Type: 'String' } }, Resources: { Fn: fn({ VALUE: { Ref: name } }) } })).toEqual([]);
  });

  test.each(['SlackToken', 'ApiKey', 'DbPassword'])('non-compliant: a visible parameter named %s is a secret', (name) => {
    expect(findings({ Parameters: { [name]: { Type: 'String' } }, Resources: { Fn: fn({ VALUE: { Ref: name } }) } })).toEqual([
      `TokenGuard-SEC6 violation error Parameters.${name}.NoEcho`,
      `TokenGuard-SEC1 violation error Properties.Environment.Variables.VALUE`,
    ]);
  });

  test('non-compliant: NoEcho still makes an encrypted-named parameter a secret in the environment', () => {
    expect(findings({ Parameters: { EncryptedApiKey: { Type: 'String', NoEcho: true } }, Resources: { Fn: fn({ VALUE: { Ref: 'EncryptedApiKey' } }) } })).toEqual([
      'TokenGuard-SEC1 violation error Properties.Environment.Variables.VALUE',
    ]);
  });

  const keyPair = (attribute: string) => ({
    Resources: { SigningKey: { Type: 'Custom::RSAKey', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:provider', Name: '/demo/signing-key' } } },
    Outputs: { Out: { Value: { 'Fn::GetAtt': ['SigningKey', attribute] } } },
  });

  test('compliant: the PublicKey attribute of a custom resource named for a key', () => {
    expect(findings(keyPair('PublicKey'))).toEqual([]);
  });

  test('cannot tell: another attribute of the same resource', () => {
    expect(findings(keyPair('KeyMaterial'))).toEqual(['TokenGuard-SEC7 cannot-tell warning Outputs.Out.Value']);
  });
});
