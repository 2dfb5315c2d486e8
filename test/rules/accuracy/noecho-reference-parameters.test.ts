/**
 * Lead sweep of aws-ia partner solutions (aws-ia/cfn-abi-trend-cloudone: five templates pass `CloudOneApiKeySecret`,
 * NoEcho, described "Arn of the Cloud One API Key Secret", into Lambda environments; the function reads the secret by
 * that ARN) and holdout rw469 (`CloudCadReadSecretArn`, NoEcho, AllowedPattern an ARN, into a container's
 * `…_SECRET_ARN`): SEC1 and SEC2 reported the ARN as secret material, because NoEcho counted as proof of a secret.
 * Authors mark ARNs and names NoEcho out of caution; when the parameter's name ends in a reference word (`…Arn`,
 * `…SecretName`, `…Path`) or its description opens by calling it one (`Arn of …`, `The name of …`), NoEcho hides an
 * identifier, as it already did for parameters named as user names. Any other evidence still counts: a credential
 * use, token material in the Default, a secret noun with nothing saying reference.
 */
import { audit } from '../helpers';

const env = (parameter: Record<string, unknown>, name: string, variables?: Record<string, unknown>) =>
  audit({
    Parameters: { [name]: { Type: 'String', NoEcho: true, ...parameter } },
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables ?? { [name]: { Ref: name } } } } },
    },
  })
    .filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId))
    .map((f) => `${f.ruleId} ${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

describe('NoEcho parameters named or described as references', () => {
  test('compliant: a NoEcho ARN or name of a secret in a Lambda environment', () => {
    expect(env({ Description: 'Arn of the Cloud One API Key Secret. You can learn more about it at https://example.com' }, 'CloudOneApiKeySecret')).toEqual([]);
    expect(env({ Description: 'The name of the secret holding the partner token' }, 'PartnerToken')).toEqual([]);
    expect(env({ AllowedPattern: '^arn:aws:secretsmanager:.*$', Description: 'Provider reference only' }, 'CloudCadReadSecretArn')).toEqual([]);
    expect(env({}, 'DbPasswordSecretName')).toEqual([]);
  });

  test('non-compliant: NoEcho with a description that only mentions a reference later, or a Default holding token material', () => {
    // The first words call it the key itself; where it is kept is said after.
    expect(env({ Description: 'Partner API key, also kept as an SSM parameter' }, 'PartnerApiKey')).toEqual([
      'TokenGuard-SEC1 violation error Fn Properties.Environment.Variables.PartnerApiKey',
    ]);
    // A NoEcho parameter with no name or description saying what it holds is still a secret.
    expect(env({}, 'VisionOneServiceToken')).toEqual(['TokenGuard-SEC1 violation error Fn Properties.Environment.Variables.VisionOneServiceToken']);
    // Token material in the Default is evidence of its own, whatever the name says.
    const slack = 'xoxb-' + '4815162342-4815162342-' + 'Q7mLx2Vb9Rt4Wz8Kp3Hn5Jd1';
    expect(env({ Default: slack }, 'SlackTokenArn')).toContain('TokenGuard-SEC6 violation error SlackTokenArn Parameters.SlackTokenArn.Default');
  });

  test('cannot tell: an import under the same environment key is still a cannot-tell', () => {
    expect(env({ Description: 'Arn of the Cloud One API Key Secret' }, 'CloudOneApiKeySecret', { API_KEY: { 'Fn::ImportValue': 'shared-api-key' } })).toEqual([
      'TokenGuard-SEC1 cannot-tell warning Fn Properties.Environment.Variables.API_KEY',
    ]);
  });
});
