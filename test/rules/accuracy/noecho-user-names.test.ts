/**
 * False ERRORs found by the real-world holdout rw235 (after aws-quickstart/quickstart-atlassian-services
 * templates/quickstart-postgres-for-atlassian-services.yaml) and rw239 (after aws-samples/cognito-device-grant-flow):
 * - a NoEcho parameter named as a user name (`DBMasterUsername`, Default `postgres`, passed to MasterUsername) was
 *   reported by SEC6 as a secret written into the template: NoEcho counted as proof of secret material. Authors mark
 *   user names NoEcho often (AWS's WordPress sample does); a user name is an identifier, so NoEcho on a parameter
 *   named as one is no evidence. Anything else still is: a credential use, token material, a secret noun.
 * - an enumeration setting whose words are joined by `+` (`ID+ACCESS+REFRESH`) was not read as a setting, so a
 *   parameter named like a token holding one was a secret.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();
const db = (parameters: Record<string, unknown>, username: unknown, password: unknown) => ({
  Parameters: parameters,
  Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: username, MasterUserPassword: password } } },
});
const noEcho = (extra: Record<string, unknown> = {}) => ({ Type: 'String', NoEcho: 'true', ...extra });

describe('NoEcho user names', () => {
  test('compliant: NoEcho user names with a Default, passed to MasterUsername; the password NoEcho without Default', () => {
    for (const name of ['DBMasterUsername', 'DBUser', 'MasterUserName', 'AdminLogin', 'db_login_name']) {
      const t = db({ [name]: noEcho({ Default: 'postgres', Description: 'The database admin account username' }), DBPassword: noEcho() }, { Ref: name }, { Ref: 'DBPassword' });
      expect(sec(audit(t))).toEqual([]);
    }
  });

  test('non-compliant: a NoEcho user-named parameter passed to a password, or described as a password, is still a secret', () => {
    const asPassword = db({ DBUser: noEcho({ Default: 'Kestrel-Harbor-4419' }) }, 'admin', { Ref: 'DBUser' });
    expect(sec(audit(asPassword))).toEqual(['TokenGuard-SEC6 violation DBUser Parameters.DBUser.Default']);
    const described = db({ ServiceUser: noEcho({ Default: 'Kestrel-Harbor-4419', Description: 'Password of the service user' }), DBPassword: noEcho() }, 'admin', { Ref: 'DBPassword' });
    expect(sec(audit(described))).toEqual(['TokenGuard-SEC6 violation ServiceUser Parameters.ServiceUser.Default']);
    // "user" before the noun does not make a name of it: UserPassword is a password.
    const userPassword = db({ UserPassword: noEcho({ Default: 'Kestrel-Harbor-4419' }) }, 'admin', { Ref: 'UserPassword' });
    expect(sec(audit(userPassword))).toEqual(['TokenGuard-SEC6 violation UserPassword Parameters.UserPassword.Default']);
  });

  test('cannot tell: an imported value in MasterUserPassword stays cannot-tell beside a NoEcho user name', () => {
    const t = db({ DBUser: noEcho({ Default: 'admin' }) }, { Ref: 'DBUser' }, { 'Fn::ImportValue': 'shared-db-password' });
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC11 cannot-tell Db Properties.MasterUserPassword']);
  });
});

describe("enumerations joined by '+'", () => {
  const tokenSet = (extra: Record<string, unknown>) => ({
    Parameters: { ResultTokenSet: { Type: 'String', Description: 'Content of the token set returned to the client', ...extra } },
    Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: { RESULT_TOKEN_SET: { Ref: 'ResultTokenSet' } } } } } },
  });

  test('compliant: a token-named parameter whose Default is one of its AllowedValues, words joined by +', () => {
    expect(sec(audit(tokenSet({ Default: 'ACCESS+REFRESH', AllowedValues: ['ID+ACCESS+REFRESH', 'ACCESS+REFRESH', 'ACCESS'] })))).toEqual([]);
  });

  test('non-compliant: a Default outside AllowedValues, or one long unbroken piece, is not a setting', () => {
    expect(sec(audit(tokenSet({ Default: 'ACCESS+REFRESH' })))).toContain('TokenGuard-SEC6 violation ResultTokenSet Parameters.ResultTokenSet.NoEcho');
    const longPiece = tokenSet({ Default: 'Qx7Lm2Vb9Rt4Wz8Kp3', AllowedValues: ['Qx7Lm2Vb9Rt4Wz8Kp3', 'Hn5Jd1Fs6Gy0Ce2Ua7'] });
    expect(sec(audit(longPiece))).toContain('TokenGuard-SEC6 violation ResultTokenSet Parameters.ResultTokenSet.NoEcho');
  });

  test('cannot tell: an imported token set in the environment is cannot-tell whatever the parameter holds', () => {
    const t = {
      Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: { RESULT_TOKEN: { 'Fn::ImportValue': 'device-grant-ResultToken' } } } } } },
    };
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.RESULT_TOKEN']);
  });
});
