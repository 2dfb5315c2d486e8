/**
 * Sweep4 (CrowdStrike/Cloud-AWS, cloudtrail-lake/assets/fig-ecs-lake-deployment.yaml; rw761): a Fargate task reads
 * a vendor API's client id and client secret from one Secrets Manager secret, the JSON field given by a parameter:
 * `{{resolve:secretsmanager:${Secret}:SecretString:${ClientIdField}}}` with `ClientIdField` defaulting to client_id.
 * SEC2 reported both variables (an ERROR on the client id).
 * - A parameter in a dynamic reference is judged as its Default when it allows nothing else: a field named as an
 *   identifier (client_id, username) selects one, as the literal field would.
 * - A Default naming the secret (client_secret), no Default, or AllowedValues that also allow the secret field leave
 *   the reference secret.
 */
import { audit } from '../helpers';

const task = (field: Record<string, unknown>) => ({
  Parameters: { CredentialsSecretArn: { Type: 'String' }, Field: { Type: 'String', ...field } },
  Resources: {
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        ContainerDefinitions: [
          {
            Name: 'gateway',
            Image: 'example/gateway',
            Environment: [{ Name: 'VENDOR_CREDENTIAL', Value: { 'Fn::Sub': '{{resolve:secretsmanager:${CredentialsSecretArn}:SecretString:${Field}}}' } }],
          },
        ],
      },
    },
  },
});

const sec2 = (field: Record<string, unknown>) =>
  audit(task(field))
    .filter((f) => f.ruleId === 'TokenGuard-SEC2')
    .map((f) => `${f.kind} ${f.path}`);

describe('dynamic-reference JSON fields given by parameters', () => {
  test('compliant: a field parameter whose Default names an identifier', () => {
    expect(sec2({ Default: 'client_id' })).toEqual([]);
    expect(sec2({ Default: 'username' })).toEqual([]);
  });

  test('non-compliant: a Default naming the secret; no Default; AllowedValues that allow the secret field', () => {
    const at = 'violation Properties.ContainerDefinitions.0.Environment.0.Value';
    expect(sec2({ Default: 'client_secret' })).toEqual([at]);
    expect(sec2({})).toEqual([at]);
    expect(sec2({ Default: 'client_id', AllowedValues: ['client_id', 'client_secret'] })).toEqual([at]);
  });
});
