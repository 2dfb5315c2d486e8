/**
 * Holdout rw274 (a Serverless Framework v3 compiled template): `${ssm:/…~true}` in serverless.yml makes the framework
 * decrypt a SecureString at package time and write its value into the template, here a MongoDB connection string
 * with the database password in the URL's userinfo (`mongodb+srv://app:<password>@cluster/db`). No token format
 * covers that and the key (MONGODB_URI) is not named like a secret, so the literal passed. A password in a URL's
 * userinfo is secret material wherever a literal is judged as such (SEC1-SEC5, SEC7, SEC13, SMG4, a parameter's
 * Default for SEC6, a custom resource's credential property for SEC11); a URL without a password and a placeholder
 * password are not. The passwords here are made up.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const PASSWORD = 'Vq7Tz2LmR9xKc4Wd';
const URI = `mongodb+srv://payments_app:${PASSWORD}@payments-cluster.x8k2mq.mongodb.net/?retryWrites=true&w=majority`;

const fn = (variables: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...extra,
  Resources: {
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } },
  },
});
const of = (findings: Finding[], rule: string) => findings.filter((f) => f.ruleId === rule);
const sec1 = (t: Record<string, unknown>) => of(audit(t), 'TokenGuard-SEC1').map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe("a password in a URL's userinfo", () => {
  test('non-compliant: a connection string with its password in a Lambda environment, under a key not named like a secret', () => {
    const findings = of(audit(fn({ MONGODB_URI: URI, STAGE: 'dev' })), 'TokenGuard-SEC1');
    expect(findings.map((f) => `${f.kind} ${f.severity} ${f.path}`)).toEqual(['violation error Properties.Environment.Variables.MONGODB_URI']);
    expect(findings[0].message).toContain("A password in a URL's userinfo (16 chars, sha256 ");
    // Neither the password nor the user name is printed.
    expect(findings[0].message).not.toContain(PASSWORD);
    expect(findings[0].message).not.toContain('payments_app');
    // Not a token format: the rule for token-shaped literals anywhere in the template does not report it.
    expect(of(audit(fn({ MONGODB_URI: URI })), 'TokenGuard-SEC10')).toEqual([]);
  });

  test('non-compliant: other schemes, a literal piece of Fn::Sub, and a URL inside a longer value', () => {
    expect(
      sec1(
        fn({
          AMQP_URL: 'amqps://orders:Zt8wPq3nVx6@b-1234.mq.eu-west-1.amazonaws.com:5671',
          REDIS_URL: 'rediss://:k9Lm2Qw7Rt5Z@cache.example.net:6380/0',
          DATABASE_URL: { 'Fn::Sub': 'postgresql://app:Hunter2Pass9@${Db.Endpoint.Address}:5432/app' },
          JDBC_OPTS: 'primary=https://svc:Pa55w0rdX1@api.example.com/v1 timeout=30',
        }),
      ),
    ).toEqual([
      'violation error Properties.Environment.Variables.AMQP_URL',
      'violation error Properties.Environment.Variables.DATABASE_URL',
      'violation error Properties.Environment.Variables.JDBC_OPTS',
      'violation error Properties.Environment.Variables.REDIS_URL',
    ]);
  });

  test('compliant: URLs without a password, placeholder passwords, and an @ outside the userinfo', () => {
    expect(
      sec1(
        fn({
          A: 'https://api.example.com/v1',
          B: 'https://deploy@git.example.com/repo.git',
          C: 'ssh://git@github.com:22/org/repo.git',
          D: 'mongodb://app:<password>@cluster.example.net/db',
          E: 'mongodb://app:${DB_PASSWORD}@cluster.example.net/db',
          F: 'postgres://app:****@db.example.net/app',
          G: 'postgres://app:password@localhost:5432/app',
          H: 'postgres://app:changeme@localhost:5432/app',
          I: 'postgres://app:@db.example.net/app',
          J: 'postgres://app:{{resolve:ssm:app-db-password-name}}@db.example.net/app',
          K: 'https://api.example.com/v1/users?email=someone@example.com',
          L: 'https://api.example.com:8443/path/user:pw@x',
          M: 'git@github.com:org/repo.git',
          N: { 'Fn::Sub': 'postgresql://${DbUser}@${Db.Endpoint.Address}:5432/app' },
          O: 'https://user:pw@example.com',
        }, { Parameters: { DbUser: { Type: 'String', Default: 'app' } } }),
      ),
    ).toEqual([]);
  });

  test('one finding for a secure dynamic reference in the userinfo: the reference, not the URL', () => {
    const findings = of(audit(fn({ DATABASE_URL: 'postgres://app:{{resolve:secretsmanager:prod/db:SecretString:password}}@db.example.net/app' })), 'TokenGuard-SEC1');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('Secrets Manager dynamic reference');
  });

  test('cannot tell: the password piece of a connection string comes from an import named like a secret', () => {
    const t = fn({ DATABASE_URL: { 'Fn::Sub': ['postgres://app:${Pw}@db.example.net/app', { Pw: { 'Fn::ImportValue': 'shared-db-password' } }] } });
    expect(sec1(t)).toEqual(['cannot-tell warning Properties.Environment.Variables.DATABASE_URL']);
  });

  test("cannot tell: a CodeBuild variable whose Type comes from a parameter holds a URL's password", () => {
    const t = {
      Parameters: { VarType: { Type: 'String' } },
      Resources: {
        Build: {
          Type: 'AWS::CodeBuild::Project',
          Properties: { Environment: { Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL', EnvironmentVariables: [{ Name: 'DB_URL', Type: { Ref: 'VarType' }, Value: URI }] } },
        },
      },
    };
    const [f, ...rest] = of(audit(t), 'TokenGuard-SEC3');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'cannot-tell', path: 'Properties.Environment.EnvironmentVariables.0.Value' });
    expect(f.message).toContain("A password in a URL's userinfo");
  });

  test('non-compliant in every place a literal is judged as secret material (SEC2-SEC7, SEC11, SEC13, SMG4)', () => {
    const t = {
      Parameters: { DatabaseUrl: { Type: 'String', Default: URI } },
      Resources: {
        Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'app:1', Environment: [{ Name: 'MONGODB_URI', Value: URI }] }] } },
        Build: {
          Type: 'AWS::CodeBuild::Project',
          Properties: { Environment: { Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL', EnvironmentVariables: [{ Name: 'DB_URL', Value: URI }] } },
        },
        Job: { Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: { Image: 'app:1', Environment: [{ Name: 'DB_URL', Value: URI }] } } },
        Param: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/app/db-url', Type: 'String', Value: URI } },
        Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: JSON.stringify({ engine: 'mongo', uri: URI }) } },
        Sync: { Type: 'Custom::MongoUserSync', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:sync', AdminToken: URI } },
        Web: {
          Type: 'AWS::EC2::Instance',
          Metadata: { 'AWS::CloudFormation::Init': { config: { files: { '/etc/app.env': { content: `STAGE=prod\nMONGODB_URI=${URI}\n` } } } } },
          Properties: { ImageId: 'ami-0123456789abcdef0' },
        },
      },
      Outputs: { ConnectionString: { Value: URI } },
    };
    const findings = audit(t).filter((f) => f.kind === 'violation' && /SEC([2-7]|11|13)$|SMG4$/.test(f.ruleId));
    expect(findings.map((f) => `${f.ruleId} ${f.logicalId} ${f.path}`).sort()).toEqual([
      'TokenGuard-SEC11 Sync Properties.AdminToken',
      'TokenGuard-SEC13 Web Metadata.AWS::CloudFormation::Init.config.files./etc/app.env.content',
      'TokenGuard-SEC2 Task Properties.ContainerDefinitions.0.Environment.0.Value',
      'TokenGuard-SEC3 Build Properties.Environment.EnvironmentVariables.0.Value',
      'TokenGuard-SEC4 Job Properties.ContainerProperties.Environment.0.Value',
      'TokenGuard-SEC5 Param Properties.Value',
      'TokenGuard-SEC6 DatabaseUrl Parameters.DatabaseUrl.Default',
      'TokenGuard-SEC6 DatabaseUrl Parameters.DatabaseUrl.NoEcho',
      'TokenGuard-SEC7 ConnectionString Outputs.ConnectionString.Value',
      'TokenGuard-SMG4 Secret Properties.SecretString',
    ]);
    for (const f of findings) {
      expect(f.message).toMatch(/a password in a URL's userinfo/i);
      expect(f.message).not.toContain(PASSWORD);
    }
  });
});
