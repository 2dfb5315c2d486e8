/**
 * Class 6 of issue 15: parameters named like secrets whose uses say they hold names. Fixtures follow
 * widdix/aws-cf-templates state/rds-aurora-serverless.yaml (commit 0d34548f…: ParentSecretStack, a stack name with an
 * empty default, used in ImportValue names, a dynamic reference's secret id and a condition) and
 * aws-samples/serverless-patterns activemq-lambda/template.yaml (commit 795504a0…: SecretName inside
 * {{resolve:secretsmanager:${SecretName}:…}} in the broker's Password).
 */
import { audit } from '../helpers';

const sec6 = (t: Record<string, unknown>) => audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC6').map((f) => `${f.kind} ${f.path}`);
const fn = (variables: Record<string, unknown>) => ({ Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } });
const importOf = (text: string) => ({ 'Fn::ImportValue': { 'Fn::Sub': text } });

describe('secret-named parameters used as names', () => {
  test('compliant: a stack-name prefix used only in ImportValue names, a dynamic reference\'s secret id and a condition', () => {
    const t = {
      Parameters: { ParentSecretStack: { Type: 'String', Default: '' } },
      Conditions: { HasSecret: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ParentSecretStack' }, ''] }] } },
      Resources: {
        Cluster: {
          Type: 'AWS::RDS::DBCluster',
          Properties: {
            Engine: 'aurora-postgresql',
            MasterUsername: 'admin',
            MasterUserPassword: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', importOf('${ParentSecretStack}-SecretArn'), ':SecretString:password}}']] },
          },
        },
        Attach: { Type: 'AWS::SecretsManager::SecretTargetAttachment', Condition: 'HasSecret', Properties: { SecretId: importOf('${ParentSecretStack}-SecretArn'), TargetId: { Ref: 'Cluster' }, TargetType: 'AWS::RDS::DBCluster' } },
      },
    };
    expect(sec6(t)).toEqual([]);
  });

  test("compliant: a secret's name inside {{resolve:secretsmanager:…}} is its id, not a value passed to the Password", () => {
    const t = {
      Parameters: { BrokerSecretName: { Type: 'String', Default: 'orders-broker-credentials' } },
      Resources: { Broker: { Type: 'AWS::AmazonMQ::Broker', Properties: { Users: [{ Username: 'app', Password: { 'Fn::Sub': '{{resolve:secretsmanager:${BrokerSecretName}:SecretString:password::}}' } }] } } },
    };
    expect(sec6(t)).toEqual([]);
  });

  test('compliant: described as a stack name, with a name-like default, used in an export name', () => {
    const t = {
      Parameters: { IdentitySecretsStack: { Type: 'String', Default: 'identity', Description: 'Stack name of the identity stack that exports the signing key' } },
      Resources: { Fn: fn({ KEY_ARN: importOf('${IdentitySecretsStack}-SigningKeyArn') }) },
      Outputs: { Ready: { Value: 'yes', Export: { Name: { 'Fn::Sub': '${IdentitySecretsStack}-consumer-ready' } } } },
    };
    expect(sec6(t)).toEqual([]);
  });

  test('non-compliant: the same name used as a value in an environment variable (a name alone is weak, but nothing says otherwise)', () => {
    const t = {
      Parameters: { PartnerToken: { Type: 'String', Default: '' } },
      Conditions: { HasToken: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'PartnerToken' }, ''] }] } },
      Resources: { Fn: fn({ TOKEN: { Ref: 'PartnerToken' } }) },
    };
    expect(sec6(t)).toEqual(['violation Parameters.PartnerToken.NoEcho']);
  });

  test('non-compliant: a parameter passed whole to a credential property beside a dynamic reference elsewhere', () => {
    const t = {
      Parameters: { BrokerPassword: { Type: 'String' } },
      Resources: { Broker: { Type: 'AWS::AmazonMQ::Broker', Properties: { Users: [{ Username: '{{resolve:secretsmanager:mq:SecretString:username}}', Password: { Ref: 'BrokerPassword' } }] } } },
    };
    expect(sec6(t)).toEqual(['violation Parameters.BrokerPassword.NoEcho']);
  });

  test('cannot tell: an import whose export name says secret (the stack-name parameter itself is a name)', () => {
    const t = {
      Parameters: { SecretsStack: { Type: 'String', Default: 'identity' } },
      Resources: { Fn: fn({ CLIENT_SECRET: importOf('${SecretsStack}-ClientSecret') }) },
    };
    const found = audit(t).filter((f) => f.ruleId.startsWith('TokenGuard-SEC'));
    expect(found.map((f) => `${f.ruleId} ${f.kind} ${f.path}`)).toEqual(['TokenGuard-SEC1 cannot-tell Properties.Environment.Variables.CLIENT_SECRET']);
  });
});
