/**
 * Holdout class (issue 15, found by the real-world holdout rw68, a miss): a NoEcho (or otherwise secret) parameter
 * substituted into plaintext configuration (user data, tags, descriptions, the environment-like settings SEC8 knows)
 * is stored there in plaintext; NoEcho masks only the parameter. The pattern (a database password written into an
 * instance's configuration script) follows awslabs/aws-refarch-wordpress templates/aws-refarch-wordpress-04-web.yaml
 * (commit a61b40270115bd6f542f5f7eadbef2ff93124170).
 */
import { audit } from '../helpers';

const PARAMETERS = {
  DbPassword: { Type: 'String', NoEcho: true },
  DbHost: { Type: 'String' },
  TeamName: { Type: 'String', Default: 'orders' },
  ApiToken: { Type: 'String', Description: 'Token for the partner API' },
};
const instance = (properties: Record<string, unknown>) => ({ Parameters: PARAMETERS, Resources: { Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', ...properties } } } });
const sec8 = (t: Record<string, unknown>) => audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC8').map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('secret parameters in plaintext configuration', () => {
  test('compliant: user data that fetches the secret at boot, and names in tags', () => {
    const t = instance({
      UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\nexport DB_HOST=${DbHost}\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text)\n' } },
      Tags: [{ Key: 'team', Value: { Ref: 'TeamName' } }],
    });
    expect(sec8(t)).toEqual([]);
  });

  test('compliant: a NoEcho parameter in a credential property is not plaintext configuration', () => {
    const t = { Parameters: PARAMETERS, Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUsername: 'app', MasterUserPassword: { Ref: 'DbPassword' } } } } };
    expect(sec8(t)).toEqual([]);
  });

  test('non-compliant: a NoEcho password substituted into user data', () => {
    const t = instance({ UserData: { 'Fn::Base64': { 'Fn::Sub': "#!/bin/bash\necho \"define('DB_PASSWORD', '${DbPassword}');\" > /var/www/config.php\n" } } });
    const found = audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC8');
    expect(found.map((f) => `${f.kind} ${f.severity} ${f.path}`)).toEqual(['violation error Properties.UserData']);
    expect(found[0].message).toContain('Parameter DbPassword (NoEcho');
  });

  test('non-compliant: a parameter described as a token, placed in a tag under one branch of a condition', () => {
    const t = {
      ...instance({ Tags: [{ Key: 'partner', Value: { 'Fn::If': ['Tagged', { Ref: 'ApiToken' }, 'none'] } }] }),
      Conditions: { Tagged: { 'Fn::Equals': [{ Ref: 'TeamName' }, 'orders'] } },
    };
    expect(sec8(t)).toEqual(['violation error Properties.Tags.0.Value']);
  });

  test('cannot tell is not raised here: an imported value in user data is judged where it is exported (SEC7)', () => {
    expect(sec8(instance({ UserData: { 'Fn::Base64': { 'Fn::Sub': ['echo ${P}', { P: { 'Fn::ImportValue': 'shared-db-password' } }] } } }))).toEqual([]);
  });
});
