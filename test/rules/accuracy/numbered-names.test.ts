/**
 * Numbered names (a sweep of aws/serverless-application-model's SAM examples: `MQBrokerUserSecretName2`, the name of a
 * second broker's secret, gave a false SEC6 ERROR). A number glued to the end of a word hid the word: `SecretName2`
 * read as "secret" followed by an unknown word, so the name was taken for a secret; `DbPassword2` and `ApiKey1` read
 * as no secret at all. Templates with a second database, key or broker number their names this way. A trailing number
 * is now a word of its own; `sha256` and `md5` keep theirs.
 */
import { audit } from '../helpers';

const findings = (template: Record<string, unknown>, rule: string) =>
  audit(template)
    .filter((f) => f.ruleId === rule)
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const fn = (variables: Record<string, unknown>) => ({
  Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Environment: { Variables: variables } } },
});

describe('names that end in a number', () => {
  test('compliant: a parameter named for a secret\'s name, numbered, is not a secret', () => {
    const t = {
      Parameters: { MQBrokerUserSecretName2: { Type: 'String' } },
      Resources: { ...fn({ SECRET_NAME: { Ref: 'MQBrokerUserSecretName2' } }) },
    };
    expect(findings(t, 'TokenGuard-SEC6')).toEqual([]);
    expect(findings(t, 'TokenGuard-SEC1')).toEqual([]);
  });

  test('compliant: a digest name keeps its number (TokenSha256 is a digest, not a token)', () => {
    expect(findings({ Resources: fn({ TokenSha256: { 'Fn::ImportValue': 'shared-token-digest' } }) }, 'TokenGuard-SEC1')).toEqual([]);
  });

  test('non-compliant: a numbered password parameter that is not NoEcho', () => {
    const t = {
      Parameters: { DbPassword2: { Type: 'String' } },
      Resources: { ...fn({ DB_PASS: { Ref: 'DbPassword2' } }) },
    };
    expect(findings(t, 'TokenGuard-SEC6')).toEqual(['violation error DbPassword2 Parameters.DbPassword2.NoEcho']);
  });

  test('cannot tell: a numbered API key from an import', () => {
    expect(findings({ Resources: fn({ ApiKey1: { 'Fn::ImportValue': 'partner-stack-output' } }) }, 'TokenGuard-SEC1')).toEqual([
      'cannot-tell warning Fn Properties.Environment.Variables.ApiKey1',
    ]);
  });
});
