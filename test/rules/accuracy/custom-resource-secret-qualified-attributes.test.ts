/**
 * Lead sweep of aws-ia partner solutions (aws-ia/cfn-abi-trend-cloudone): a custom resource named for a token
 * (`VisionOneGenerateEnrollmentToken`) returns `token` and `tokenExpireTime`, and the template exports both. The
 * expiry time was reported as a token (SEC7 ERROR: `expire` was not a qualifier, while `expiry`, `expires` and
 * `expiration` were), then as a cannot-tell because the resource's name says token. An attribute whose own name
 * speaks of a secret and says it is something about it (`TokenExpireTime`, `ApiKeyLength`) is that, whatever the
 * resource is named, as identifier-named attributes already are.
 */
import { audit } from '../helpers';

const outputs = (attribute: string) =>
  audit({
    Resources: {
      VisionOneGenerateEnrollmentToken: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:enroll' } },
    },
    Outputs: { Out: { Value: { 'Fn::GetAtt': ['VisionOneGenerateEnrollmentToken', attribute] } } },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC7')
    .map((f) => `${f.kind} ${f.severity}`);

describe('SEC7: attributes named for something about a secret', () => {
  test.each(['tokenExpireTime', 'TokenExpiresAt', 'ApiKeyLength'])('compliant: %s of a token-named custom resource', (attribute) => {
    expect(outputs(attribute)).toEqual([]);
  });

  test('non-compliant: an attribute named like a token', () => {
    expect(outputs('token')).toEqual(['violation error']);
    expect(outputs('EnrollmentToken')).toEqual(['violation error']);
  });

  test('cannot tell: an attribute whose name says nothing, of a resource named for a token', () => {
    expect(outputs('Value')).toEqual(['cannot-tell warning']);
  });
});
