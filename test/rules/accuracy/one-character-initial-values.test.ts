/**
 * Sweep5 (lacework-alliances/lacework-control-tower-cfn, templates/control-tower-integration.template.yaml and its
 * cfn-abi copy, and lacework-alliances/aws-org-cf-lacework; rw802): a vendor's API credentials secret is joined from
 * the access key id, a NoEcho secret key and `"AccessToken": "0"`, `"TokenExpiry": 0`: the empty state of a session
 * token the setup function writes back after its first sign-in. SMG4 reported the "0" under AccessToken as a literal
 * secret, an ERROR in three templates.
 * - One character under a secret-named key is an initial value, not secret material.
 * - Two or more characters under it are still a literal secret; a NoEcho parameter beside it is still a warning.
 */
import { audit } from '../helpers';

const smg4 = (pieces: unknown[]) =>
  audit({
    Parameters: { VendorSecretKey: { Type: 'String', NoEcho: true } },
    Resources: { Credentials: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { 'Fn::Join': ['', pieces] } } } },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SMG4')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

const joined = (token: string) => ['{"SecretKey":"', { Ref: 'VendorSecretKey' }, `","AccessToken": "${token}"`, ',"TokenExpiry": 0 }'];

describe('a one-character initial value under a token key', () => {
  test.each(['0', '1', 'a'])('compliant (only the NoEcho warning): AccessToken %p', (token) => {
    expect(smg4(joined(token))).toEqual(['violation warning Properties.SecretString']);
  });

  test.each(['00', 'x7', 'tok-4f2a9c1e'])('non-compliant: AccessToken %p is written in the template', (token) => {
    expect(smg4(joined(token))).toEqual(['violation error Properties.SecretString']);
  });

  test('compliant: a whole SecretString of one JSON object with a one-character token', () => {
    const f = audit({ Resources: { S: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: '{"AccessToken":"0","TokenExpiry":0}' } } } });
    expect(f.filter((x) => x.ruleId === 'TokenGuard-SMG4')).toEqual([]);
  });

  test('cannot tell: an imported value under the token key', () => {
    expect(smg4(['{"AccessToken":"', { 'Fn::ImportValue': 'vendor-access-token' }, '"}'])).toEqual(['cannot-tell warning Properties.SecretString']);
  });
});
