/**
 * Sweep5 (aquasecurity/cloudformation-aqua-helm-providers, the four contract_test_exports.template.yaml; rw807): a
 * registry's user name read from Parameter Store through an SSM-typed parameter named `ImageCredentialsUsername` was a
 * SEC6 ERROR in each template, "named like a credentials": the secret noun, then `Username`.
 * - A user name after a credential noun (`ImageCredentialsUsername`, `DB_CREDENTIALS_USER`) names the account, as an
 *   e-mail after it (`AdminCredsEmail`) already did.
 * - A password after a user word (`UserPassword`, `UsernamePassword`) is still a password.
 */
import { audit } from '../helpers';

const findings = (t: Record<string, unknown>, rule: string) =>
  audit(t)
    .filter((f) => f.ruleId === rule)
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`)
    .sort();

const ssmTyped = (name: string) => ({ Type: 'AWS::SSM::Parameter::Value<String>', Default: `/contract-test/${name}` });

describe('a user name after a credential noun', () => {
  test('compliant: SSM-typed and plain parameters named …CredentialsUsername / …CREDENTIALS_USER', () => {
    const t = {
      Parameters: { ImageCredentialsUsername: ssmTyped('ImageCredentialsUsername'), DbCredentialsUser: { Type: 'String' } },
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs20.x',
            Handler: 'index.handler',
            Role: 'arn:aws:iam::111122223333:role/fn',
            Code: { ZipFile: 'exports.handler = async () => 1;' },
            Environment: { Variables: { REGISTRY_CREDENTIALS_USER: { Ref: 'ImageCredentialsUsername' }, DB_CREDENTIALS_USER: { Ref: 'DbCredentialsUser' } } },
          },
        },
      },
    };
    expect(findings(t, 'TokenGuard-SEC6')).toEqual([]);
    expect(findings(t, 'TokenGuard-SEC1')).toEqual([]);
  });

  test('non-compliant: the password beside it, and a password after a user word', () => {
    const t = {
      Parameters: { ImageCredentialsPassword: ssmTyped('ImageCredentialsPassword'), UserPassword: { Type: 'String' }, UsernamePassword: { Type: 'String' } },
      Resources: {},
    };
    expect(findings(t, 'TokenGuard-SEC6')).toEqual([
      'violation error ImageCredentialsPassword Parameters.ImageCredentialsPassword.NoEcho',
      'violation error UserPassword Parameters.UserPassword.NoEcho',
      'violation error UsernamePassword Parameters.UsernamePassword.NoEcho',
    ]);
  });

  test('cannot tell: an import under a password name still is; under a user name it is not reported', () => {
    const fn = (variables: Record<string, unknown>) => ({
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' }, Environment: { Variables: variables } },
        },
      },
    });
    expect(findings(fn({ REGISTRY_CREDENTIALS_PASSWORD: { 'Fn::ImportValue': 'registry-credentials-password' } }), 'TokenGuard-SEC1')).toEqual([
      'cannot-tell warning Fn Properties.Environment.Variables.REGISTRY_CREDENTIALS_PASSWORD',
    ]);
    expect(findings(fn({ REGISTRY_CREDENTIALS_USER: { 'Fn::ImportValue': 'registry-credentials-user' } }), 'TokenGuard-SEC1')).toEqual([]);
  });
});
