/**
 * Holdout class (issue 15, found by the real-world holdout rw42): a `{{resolve:secretsmanager:…}}` reference that
 * selects a JSON key naming an identifier of the credential (`username`, `host`, `port`, `dbname`, `engine`, a client
 * id) resolves to text that is not secret; the password or a whole SecretString is. The pattern (a SAM function's
 * environment with DB_USER and DB_PASSWORD both resolved from the database secret) follows public SAM templates found
 * by code search, and the RDS secret structure of aws-samples/aws-secrets-manager-rotation-lambdas
 * (SecretsManagerRDSMySQLRotationSingleUser/lambda_function.py, commit b4b8eca63e1f61bbcfb18c291b640f4fc3b0deb8).
 */
import { audit } from '../helpers';

const fn = (variables: Record<string, unknown>) => ({
  Parameters: { DbSecretArn: { Type: 'String', Description: 'ARN of the database secret' }, SharedDb: { Type: 'String' } },
  Resources: { Report: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } } },
});
const sec1 = (variables: Record<string, unknown>) =>
  audit(fn(variables)).filter((f) => f.ruleId === 'TokenGuard-SEC1').map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('dynamic references to identifier fields of a secret', () => {
  test.each([
    ['username', '{{resolve:secretsmanager:reporting/db:SecretString:username}}'],
    ['host (with version stage)', '{{resolve:secretsmanager:reporting/db:SecretString:host:AWSCURRENT}}'],
    ['dbname from an ARN built with Fn::Sub', { 'Fn::Sub': '{{resolve:secretsmanager:${DbSecretArn}:SecretString:dbname}}' }],
    ['port of a full ARN', '{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:111122223333:secret:reporting/db-AbCdEf:SecretString:port::}}'],
  ])('compliant: %s is not secret material', (_what, value) => {
    expect(sec1({ DB_FIELD: value })).toEqual([]);
  });

  // Holdout class (session 5, holdout4 probes): more identifier fields of AWS's own secret structures (a multi-user
  // rotation secret's `masterarn`, DocumentDB's `ssl`) and of OAuth/API-client secrets (tenant, audience, key id).
  test.each(['masterarn', 'ssl', 'endpoint', 'email', 'account', 'tenant_id', 'scope', 'audience', 'kid', 'key_id', 'access_key_id'])(
    'compliant: the %s field of a secret is not secret material',
    (field) => {
      expect(sec1({ FIELD: `{{resolve:secretsmanager:partner/oauth:SecretString:${field}}}` })).toEqual([]);
    },
  );

  test.each(['client_secret', 'secret_access_key', 'private_key', 'api_key', 'key', 'refresh_token'])('non-compliant: the %s field of a secret is secret material', (field) => {
    expect(sec1({ FIELD: `{{resolve:secretsmanager:partner/oauth:SecretString:${field}}}` })).toEqual(['violation error Properties.Environment.Variables.FIELD']);
  });

  test.each([
    ['the password', '{{resolve:secretsmanager:reporting/db:SecretString:password}}'],
    ['the whole SecretString', '{{resolve:secretsmanager:reporting/db}}'],
    ['a key that is not an identifier', { 'Fn::Sub': '{{resolve:secretsmanager:${DbSecretArn}:SecretString:apiKey}}' }],
    ['a key chosen by a parameter (it may select the password)', { 'Fn::Sub': '{{resolve:secretsmanager:reporting/db:SecretString:${SharedDb}}}' }],
  ])('non-compliant: %s resolved into the environment', (_what, value) => {
    expect(sec1({ DB_FIELD: value })).toEqual(['violation error Properties.Environment.Variables.DB_FIELD']);
  });

  test('cannot tell: an imported value under a password name is still reported as unknown', () => {
    expect(sec1({ DB_PASSWORD: { 'Fn::ImportValue': 'reporting-db-password' } })).toEqual(['cannot-tell warning Properties.Environment.Variables.DB_PASSWORD']);
  });

  test('the same reading holds for plaintext places (SEC8) and leaves credential properties alone (SEC11)', () => {
    const t = {
      Resources: {
        Bucket: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            Tags: [
              { Key: 'db-user', Value: '{{resolve:secretsmanager:reporting/db:SecretString:username}}' },
              { Key: 'db-pass', Value: '{{resolve:secretsmanager:reporting/db:SecretString:password}}' },
            ],
          },
        },
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUsername: '{{resolve:secretsmanager:reporting/db:SecretString:username}}', MasterUserPassword: '{{resolve:secretsmanager:reporting/db:SecretString:password}}' } },
      },
    };
    const found = audit(t).filter((f) => ['TokenGuard-SEC8', 'TokenGuard-SEC11'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.logicalId} ${f.path}`);
    expect(found).toEqual(['TokenGuard-SEC8 Bucket Properties.Tags.1.Value']);
  });
});

describe('identifier fields in a literal SecretString (SMG4)', () => {
  // Holdout class (session 5, holdout5 probes): a Cognito pool or app client id kept next to a client secret.
  const smg4 = (secretString: Record<string, string>) =>
    audit({ Resources: { Cfg: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: JSON.stringify(secretString) } } } })
      .filter((f) => f.ruleId === 'TokenGuard-SMG4')
      .map((f) => `${f.kind} ${f.logicalId}`);

  test.each([
    ['user_pool_id', 'eu-west-2_AbCdEfGh1'],
    ['identityPoolId', 'eu-west-2:0f3c9a51-7d2e-4b8a-9c61-2e5d7f4a8b13'],
    ['app_client_id', '4k2q9v7m1s5d8f3h6j0l2p4r7t'],
  ])('compliant: %s holds an identifier', (key, value) => {
    expect(smg4({ [key]: value })).toEqual([]);
  });

  test('non-compliant: a generated-looking client secret next to them is still reported', () => {
    expect(smg4({ user_pool_id: 'eu-west-2_AbCdEfGh1', client_secret: 'q7Vx2LmP9sKd4RtZ8wNb3YcH6fJe1UgAq7Vx2LmP9sKd4RtZ8w' })).toEqual(['violation Cfg']);
  });
});
