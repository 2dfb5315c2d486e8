/**
 * A false ERROR found by the real-world holdout rw492 (after coralogix/coralogix-aws-serverless
 * src/cloudwatch-logs/template.yaml, a published SAR app): one NoEcho parameter takes "your API key, or the name of
 * the secret you created yourself"; the template writes it into a Secrets Manager secret on one branch and into
 * `SECRET_NAME` on the other. Under a key that names a reference (a name, an ARN, an id, a path) the value is read as
 * a reference; the parameter's own evidence (NoEcho, a credential use, a secret name) says secret: cannot tell which.
 * The same judgement as for imports under such keys (imports-under-reference-names.test.ts), one step weaker because a
 * parameter carries evidence of its own. A URL key still counts (a connection URL carries a password).
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

function template(variables: Record<string, unknown>, outputs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Parameters: {
      ApiKey: { Type: 'String', NoEcho: true, Description: 'Your API key, or the name of the secret that holds it' },
      LogGroupName: { Type: 'String' },
    },
    Resources: {
      Forwarder: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::111122223333:role/fwd', Environment: { Variables: variables } } },
    },
    Outputs: outputs,
  };
}
const found = (t: Record<string, unknown>) =>
  audit(t)
    .filter((f: Finding) => f.ruleId === 'TokenGuard-SEC1' || f.ruleId === 'TokenGuard-SEC7')
    .map((f) => `${f.ruleId} ${f.kind} ${f.severity} ${f.path}`)
    .sort();

describe('secret parameters under keys that name a reference', () => {
  test('compliant: a parameter that holds no secret under any key', () => {
    expect(found(template({ LOG_GROUP_NAME: { Ref: 'LogGroupName' }, LOG_GROUP: { Ref: 'LogGroupName' } }))).toEqual([]);
  });

  test('non-compliant: the same NoEcho parameter under a key that names the secret, or a URL, is secret material', () => {
    expect(found(template({ private_key: { Ref: 'ApiKey' }, INGEST_URL: { 'Fn::Sub': 'https://user:${ApiKey}@ingest.example.com' } }))).toEqual([
      'TokenGuard-SEC1 violation error Properties.Environment.Variables.INGEST_URL',
      'TokenGuard-SEC1 violation error Properties.Environment.Variables.private_key',
    ]);
  });

  test('cannot tell: under a key that names a name, an ARN or a path, in an environment and as an output', () => {
    const t = template(
      { SECRET_NAME: { 'Fn::If': ['Own', { Ref: 'ApiKey' }, ''] }, API_KEY_SECRET_ARN: { Ref: 'ApiKey' }, KEY_PARAM_PATH: { Ref: 'ApiKey' } },
      { ApiKeySecretName: { Value: { Ref: 'ApiKey' } } },
    );
    (t as { Conditions: unknown }).Conditions = { Own: { 'Fn::Equals': [{ Ref: 'LogGroupName' }, 'own'] } };
    expect(found(t)).toEqual([
      'TokenGuard-SEC1 cannot-tell warning Properties.Environment.Variables.API_KEY_SECRET_ARN',
      'TokenGuard-SEC1 cannot-tell warning Properties.Environment.Variables.KEY_PARAM_PATH',
      'TokenGuard-SEC1 cannot-tell warning Properties.Environment.Variables.SECRET_NAME',
      'TokenGuard-SEC7 cannot-tell warning Outputs.ApiKeySecretName.Value',
    ]);
    const message = audit(t).find((f) => f.path.endsWith('SECRET_NAME'))?.message ?? '';
    expect(message).toContain('parameter ApiKey (NoEcho');
    expect(message).toContain('while the key SECRET_NAME names a reference');
  });
});
