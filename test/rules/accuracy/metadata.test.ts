/**
 * Class 3 of issue 15: secrets in resource Metadata (TokenGuard-SEC13 MetadataSecret). Fixtures follow
 * aws-cloudformation/aws-cloudformation-templates aws/solutions/WordPress_Single_Instance.yaml (commit 5d7877e8…):
 * NoEcho database passwords substituted into AWS::CloudFormation::Init files and commands. The docs say CloudFormation
 * does not mask NoEcho parameters in a resource's Metadata attribute, and that secure dynamic references cannot be used
 * in it (aws-cloudformation/cfn-lint issue #3065 asks for the same check).
 */
import { audit } from '../helpers';

function instance(init: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Parameters: {
      DBPassword: { Type: 'String', NoEcho: true },
      DBName: { Type: 'String', Default: 'blog' },
      DbSecretArn: { Type: 'String', Description: 'ARN of the Secrets Manager secret with the database credentials' },
      ...((extra.Parameters as Record<string, unknown>) ?? {}),
    },
    Resources: {
      Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'ci' } },
      Web: { Type: 'AWS::EC2::Instance', Metadata: { 'AWS::CloudFormation::Init': { config: init } }, Properties: { ImageId: 'ami-0123456789abcdef0' } },
    },
  };
}
const sec13 = (t: Record<string, unknown>) => audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC13').map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('TokenGuard-SEC13 MetadataSecret', () => {
  test('non-compliant: a NoEcho password in a cfn-init file and in a command', () => {
    const t = instance({
      files: { '/tmp/setup.sql': { content: { 'Fn::Sub': "CREATE USER 'blog'@'localhost' IDENTIFIED BY '${DBPassword}';" } } },
      commands: { '01_root': { command: { 'Fn::Sub': "mysqladmin -u root password '${DBPassword}'" } } },
    });
    expect(sec13(t)).toEqual([
      'violation error Metadata.AWS::CloudFormation::Init.config.commands.01_root.command',
      'violation error Metadata.AWS::CloudFormation::Init.config.files./tmp/setup.sql.content',
    ]);
    expect(audit(t).find((f) => f.ruleId === 'TokenGuard-SEC13')!.message).toContain('Parameter DBPassword (NoEcho; named like a password) reaches Metadata.AWS::CloudFormation::Init');
  });

  test('non-compliant: a secret attribute in cfn-init environment variables', () => {
    const t = instance({ commands: { run: { command: 'deploy.sh', env: { AWS_SECRET_ACCESS_KEY: { 'Fn::GetAtt': ['Key', 'SecretAccessKey'] } } } } });
    expect(sec13(t)).toEqual(['violation error Metadata.AWS::CloudFormation::Init.config.commands.run.env.AWS_SECRET_ACCESS_KEY']);
    // The place is this rule's: the anywhere rule for secret attributes does not report it again.
    expect(audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC9')).toEqual([]);
  });

  test("compliant: only the secret's ARN and a plain SSM value, read at boot", () => {
    const t = instance({
      files: { '/etc/app.env': { content: { 'Fn::Sub': 'DB_HOST={{resolve:ssm:/blog/db-host}}\nDB_SECRET=${DbSecretArn}\nDB_NAME=${DBName}\n' } } },
      commands: { fetch: { command: { 'Fn::Sub': 'aws secretsmanager get-secret-value --secret-id ${DbSecretArn} > /etc/app/db.json' } } },
    });
    expect(sec13(t)).toEqual([]);
  });

  test('compliant: a secure dynamic reference stays unresolved in Metadata (CloudFormation does not resolve it there)', () => {
    expect(sec13(instance({ files: { '/etc/pw': { content: '{{resolve:secretsmanager:blog/db:SecretString:password}}' } } }))).toEqual([]);
  });

  test("compliant: CDK's own metadata keys", () => {
    const t = { Resources: { Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'Stack/Fn/Resource', 'aws:asset:path': 'asset.1234' }, Properties: {} } } };
    expect(sec13(t)).toEqual([]);
  });

  test('cannot tell: a value imported under a secret-named key', () => {
    const t = instance({ commands: { run: { command: 'deploy.sh', env: { DB_PASSWORD: { 'Fn::ImportValue': 'shared-db-password' } } } } });
    expect(sec13(t)).toEqual(['cannot-tell warning Metadata.AWS::CloudFormation::Init.config.commands.run.env.DB_PASSWORD']);
  });

  test("the template's own Metadata section is not a resource's (CloudFormation does not evaluate it)", () => {
    const t = { ...instance({}), Metadata: { Notes: { Ref: 'DBPassword' } } };
    expect(sec13(t)).toEqual([]);
  });
});
