/**
 * Sweep5 (coralogix/coralogix-aws-shipper, template.yaml and template-govcloud.yaml, and the copy in
 * coralogix/cloudformation-coralogix-aws; rw801): a switch `StoreAPIKeyInSecretsManager` described as storing "the
 * API key", with `AllowedValues: [true, false]` and `Default: true` written unquoted, passed to a custom resource's
 * Parameters. YAML parses unquoted true/false as Booleans (CloudFormation turns them into the text "true"/"false"),
 * and the settings check read only text and numbers: three SEC6 ERRORs (NoEcho, Default, AllowedValues) in each of
 * three templates.
 * - Booleans in Default and AllowedValues are settings, as their text is.
 * - A parameter with a Boolean Default beside a text value in AllowedValues is not a setting list.
 */
import { audit } from '../helpers';

const template = (parameter: Record<string, unknown>) => ({
  Parameters: { StoreApiKeyInSecretsManager: { Type: 'String', Description: 'Store the API key in AWS Secrets Manager', ...parameter } },
  Resources: {
    Configure: {
      Type: 'Custom::ConfigureLambda',
      Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:configure', Parameters: { StoreApiKeyInSecretsManager: { Ref: 'StoreApiKeyInSecretsManager' } } },
    },
  },
});
const sec6 = (parameter: Record<string, unknown>) =>
  audit(template(parameter))
    .filter((f) => f.ruleId === 'TokenGuard-SEC6')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`)
    .sort();

describe('YAML Booleans in a parameter Default and AllowedValues are settings', () => {
  test.each([
    ['Booleans', { AllowedValues: [true, false], Default: true }],
    ['a Boolean Default alone', { Default: false }],
    ['Booleans as text', { AllowedValues: ['true', 'false'], Default: 'true' }],
  ])('compliant: %s', (_, parameter) => {
    expect(sec6(parameter)).toEqual([]);
  });

  test('non-compliant: a Boolean Default beside a text value that could be the key', () => {
    expect(sec6({ AllowedValues: [true, 'k3y-9f8a7d6c5b4e3f2a1b0c'], Default: true })).toEqual([
      'violation error Parameters.StoreApiKeyInSecretsManager.AllowedValues',
      'violation error Parameters.StoreApiKeyInSecretsManager.Default',
      'violation error Parameters.StoreApiKeyInSecretsManager.NoEcho',
    ]);
  });

  test('cannot tell from its values: no Default or AllowedValues keeps the description as its evidence', () => {
    expect(sec6({})).toEqual(['violation error Parameters.StoreApiKeyInSecretsManager.NoEcho']);
  });
});
