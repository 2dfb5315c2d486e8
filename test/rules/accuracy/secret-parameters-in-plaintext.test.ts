/**
 * Holdout class (issue 15, found by the real-world holdout rw68, a miss): a NoEcho (or otherwise secret) parameter
 * substituted into plaintext configuration (user data, tags, descriptions, the environment-like settings SEC8 knows)
 * is stored there in plaintext; NoEcho masks only the parameter. The pattern (a database password written into an
 * instance's configuration script) follows awslabs/aws-refarch-wordpress templates/aws-refarch-wordpress-04-web.yaml
 * (commit a61b40270115bd6f542f5f7eadbef2ff93124170). A key named like a credential inside such configuration (a Glue
 * job's `--db_password` argument, holdout rw84 after the Glue job example of the CloudFormation user guide) is still
 * plaintext: InlineCredential judges a literal written there, this rule what is resolved or substituted into it.
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

describe('credential-named keys inside plaintext configuration (Glue job arguments)', () => {
  const job = (password: unknown, key = '--db_password') => ({
    Parameters: PARAMETERS,
    Resources: { Extract: { Type: 'AWS::Glue::Job', Properties: { Role: 'arn:aws:iam::111122223333:role/glue', Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/x.py' }, DefaultArguments: { [key]: password } } } },
  });
  const found = (password: unknown, key?: string) =>
    audit(job(password, key)).filter((f) => f.ruleId === 'TokenGuard-SEC8' || f.ruleId === 'TokenGuard-SEC11').map((f) => `${f.ruleId} ${f.kind} ${f.path}`);

  test('compliant: the argument names the secret instead', () => {
    expect(found('etl/source-db', '--db_secret_id')).toEqual([]);
  });

  test('non-compliant: a NoEcho parameter and a resolved secret are stored in the job (SEC8)', () => {
    expect(found({ Ref: 'DbPassword' })).toEqual(['TokenGuard-SEC8 violation Properties.DefaultArguments.--db_password']);
    expect(found('{{resolve:secretsmanager:etl/source-db:SecretString:password}}')).toEqual(['TokenGuard-SEC8 violation Properties.DefaultArguments.--db_password']);
  });

  test('non-compliant: a literal password there stays InlineCredential\'s finding (SEC11)', () => {
    expect(found('Harbor-Lantern-4417')).toEqual(['TokenGuard-SEC11 violation Properties.DefaultArguments.--db_password']);
  });

  test('cannot tell: an imported value there is InlineCredential\'s cannot-tell', () => {
    expect(found({ 'Fn::ImportValue': 'etl-db-password' })).toEqual(['TokenGuard-SEC11 cannot-tell Properties.DefaultArguments.--db_password']);
  });
});
