/**
 * Sweep class (session 8, sweep1's rw540, a false ERROR): a secret created with an instruction to replace its value.
 * A company's shared-resources stack (Yashprime1/genzinfra-cloudformation, templates/sharedresources/
 * sharedresources.json, commit 5166fbdf0d328c9f0ce0e2b8a996f5c7e29a0e5b) creates its signing keys as
 * `SecretString: replacewithactualkey` and its log token as `{"splunk-token":"replacesplunktoken"}`; an operator sets
 * the real values by hand after the first deployment. Seven SMG4 ERRORs across the repository's stacks. The public
 * pattern: secrets made in CloudFormation with `REPLACE_WITH_…` / `update-me-later` text and filled in the console.
 * Plain words (lower-case or upper snake case, no digits glued on) that start with replace, update, change or fill
 * are such instructions, like `CHANGE_ME`; a value with mixed case, digits or symbols is a value.
 */
import { audit } from '../helpers';

const findings = (template: Record<string, unknown>, rule: string) =>
  audit(template)
    .filter((f) => f.ruleId === rule)
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);
const smg4 = (secretString: unknown) =>
  findings({ Resources: { Key: { Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'signing key', SecretString: secretString } } } }, 'TokenGuard-SMG4');
const sec1 = (value: string) =>
  findings(
    { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' }, Environment: { Variables: { DB_PASSWORD: value } } } } } },
    'TokenGuard-SEC1',
  );

describe('instructions to replace a value', () => {
  test.each(['replacewithactualkey', 'REPLACE_WITH_REAL_TOKEN', 'update-me-later', 'fill_in_after_deploy', 'changethis'])(
    'compliant: %s, whole, under a secret key, and as a literal password',
    (text) => {
      expect(smg4(text)).toEqual([]);
      expect(smg4(JSON.stringify({ 'splunk-token': text }))).toEqual([]);
      expect(sec1(text)).toEqual([]);
    },
  );

  test.each(['Replace2024!x', 'replacementHorse9', 'updatedPassw0rd', 'correcthorsebatterystaple'])('non-compliant: a value (%s)', (text) => {
    expect(smg4(text)).toEqual(['violation error Properties.SecretString']);
    expect(sec1(text)).toEqual(['violation error Properties.Environment.Variables.DB_PASSWORD']);
  });

  test('cannot tell: an imported SecretString', () => {
    expect(smg4({ 'Fn::ImportValue': 'shared-signing-key' })).toEqual(['cannot-tell warning Properties.SecretString']);
  });
});
