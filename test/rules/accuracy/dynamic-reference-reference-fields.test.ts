/**
 * A false ERROR found by the holdout rw514-rw538 (rw525, after luischavez1/serverless-demo lib/orders-stack.ts): a CDK
 * stack hands a function every field of a database secret through `secretValueFromJson(field).unsafeUnwrap()`, so
 * the environment holds `{{resolve:secretsmanager:…:SecretString:<field>::}}` for host, port, database, username,
 * password and `secretArn`. The password is secret material; the `secretArn` field names the secret's ARN, a
 * reference like a name, id or path, yet SEC1 reported it as an ERROR. A JSON field whose name ends in a reference
 * word (`secretArn`, `queue_name`, `kms_key_id`, `ssm_path`) now selects a reference, as identifier fields do.
 */
import { audit } from '../helpers';

const sec1 = (variables: Record<string, unknown>) =>
  audit({ Resources: { Orders: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);
const field = (name: string) => ({
  'Fn::Join': ['', ['{{resolve:secretsmanager:arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:us-east-1:123456789012:secret:DemoDBCredentials:SecretString:${name}::}}`]],
});

describe('dynamic references to fields that name a reference', () => {
  test.each(['secretArn', 'queue_name', 'kms_key_id', 'ssm_path', 'tokenParam'])('compliant: the %s field names a reference', (name) => {
    expect(sec1({ FIELD: field(name) })).toEqual([]);
  });

  test.each(['password', 'api_key', 'secretKey', 'token_value'])('non-compliant: the %s field is secret material', (name) => {
    expect(sec1({ FIELD: field(name) })).toEqual(['violation error Properties.Environment.Variables.FIELD']);
  });

  test('cannot tell: an import under a password name stays unknown', () => {
    expect(sec1({ DB_PASSWORD: { 'Fn::ImportValue': 'orders-db-password' } })).toEqual(['cannot-tell warning Properties.Environment.Variables.DB_PASSWORD']);
  });
});
