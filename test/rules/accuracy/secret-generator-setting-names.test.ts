/**
 * A false ERROR found by the holdout rw594-rw618 (rw616, after govuk-one-login/data-analytics-platform
 * iac/main/resources/redshift.yml): a parameter named `RedshiftSecretExcludeCharacters` (Default `"'@/\`) is passed to
 * the secret's GenerateSecretString.ExcludeCharacters and to its rotator as `PASSWORD_EXCLUDE_CHARS`. It names a
 * setting of the generator, as `SecretLength` or `PasswordComplexity` do, but the secret noun made it a secret: SEC6
 * on the parameter (not NoEcho) and SEC1 on the variable. `characters`/`chars` ending a name after the noun now make it
 * a setting.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();
const rotator = (name: string, parameter: Record<string, unknown>, value: unknown = { Ref: name }) => ({
  Parameters: { [name]: { Type: 'String', ...parameter } },
  Resources: {
    Rotator: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: { PASSWORD_EXCLUDE_CHARS: value } } } },
  },
});

describe('parameters named for a secret generator setting', () => {
  test.each(['RedshiftSecretExcludeCharacters', 'DbPasswordExcludeChars', 'SECRET_EXCLUDE_CHARACTERS'])('compliant: %s with a character-set Default', (name) => {
    expect(sec(audit(rotator(name, { Default: `"'@/\\`, Description: 'String of characters to exclude from the password stored in secretsmanager' })))).toEqual([]);
  });

  test('non-compliant: a visible password parameter in the same variable is still a secret', () => {
    expect(sec(audit(rotator('RedshiftSecret', { Default: 'Kestrel-Harbor-4419' })))).toEqual([
      'TokenGuard-SEC1 violation Rotator Properties.Environment.Variables.PASSWORD_EXCLUDE_CHARS',
      'TokenGuard-SEC6 violation RedshiftSecret Parameters.RedshiftSecret.Default',
      'TokenGuard-SEC6 violation RedshiftSecret Parameters.RedshiftSecret.NoEcho',
    ]);
  });

  test('cannot tell: an import named like a secret stays unknown; one named for the setting does not', () => {
    const imported = (name: string) => ({ Resources: { Rotator: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: { PASSWORD_EXCLUDE_CHARS: { 'Fn::ImportValue': name } } } } } } });
    expect(sec(audit(imported('warehouse-password')))).toEqual(['TokenGuard-SEC1 cannot-tell Rotator Properties.Environment.Variables.PASSWORD_EXCLUDE_CHARS']);
    expect(sec(audit(imported('warehouse-password-exclude-chars')))).toEqual([]);
  });
});
