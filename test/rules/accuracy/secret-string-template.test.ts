/**
 * A silent miss found by the real-world holdout rw432 (after aws-quickstart/quickstart-duo-mfa
 * templates/quickstart-duo-mfa.yaml, commit e75abd27…): a generated secret's SecretStringTemplate carries the partner's
 * NoEcho secret key (`"DuoSecretKey":"${DuoSecretKey}"`) beside the generated RADIUS secret. The template's other
 * keys end up in the stored secret as written, so a NoEcho parameter or a literal secret there passes through
 * CloudFormation exactly as it would in SecretString; only the generated key is generated. SMG4 now judges the
 * template as it judges SecretString (a JSON object: a literal that is not a placeholder cannot be a whole secret).
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const PATH = 'Properties.GenerateSecretString.SecretStringTemplate';
const smg4 = (t: Record<string, unknown>) =>
  audit(t).filter((f: Finding) => f.ruleId === 'TokenGuard-SMG4').map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`).sort();
const generated = (template: unknown) => ({
  Type: 'AWS::SecretsManager::Secret',
  Properties: { KmsKeyId: 'alias/app', GenerateSecretString: { SecretStringTemplate: template, GenerateStringKey: 'password', PasswordLength: 32 } },
});

describe("a generated secret's SecretStringTemplate", () => {
  test('compliant: a user name, a host and a parameter that names an identifier beside the generated key', () => {
    const t = {
      Parameters: { DbUser: { Type: 'String' }, DuoIntegrationKeyId: { Type: 'String' } },
      Resources: {
        Literal: generated('{"username": "admin", "host": "db.internal.example.com"}'),
        FromParameters: generated({ 'Fn::Sub': '{"username": "${DbUser}", "keyId": "${DuoIntegrationKeyId}"}' }),
      },
    };
    expect(smg4(t)).toEqual([]);
  });

  test('non-compliant: a NoEcho parameter under a secret key (warning) and a generated-looking literal (error)', () => {
    const t = {
      Parameters: { DuoSecretKey: { Type: 'String', NoEcho: true } },
      Resources: {
        FromNoEcho: generated({ 'Fn::Sub': '{"DuoSecretKey": "${DuoSecretKey}", "DuoApiHostName": "api-1a2b3c4d.example.com"}' }),
        WrittenOut: generated('{"username": "svc", "apiKey": "Qm9yZWFsaXMtN2Y0ZTJhLWI5YzEtNDhkMi04ZTNh"}'),
      },
    };
    expect(smg4(t)).toEqual([`violation error WrittenOut ${PATH}`, `violation warning FromNoEcho ${PATH}`]);
  });

  test('cannot tell: an import under a secret key of the template', () => {
    const t = { Resources: { Imported: generated({ 'Fn::Sub': ['{"token": "${Token}"}', { Token: { 'Fn::ImportValue': 'shared-partner-token' } }] }) } };
    expect(smg4(t)).toEqual([`cannot-tell warning Imported ${PATH}`]);
  });
});
