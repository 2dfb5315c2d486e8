/**
 * Sweep5 (aws-ia/cloudformation-fastly-resource-providers, Fastly-Logging-S3/test/integ.yml; rw803): a resource
 * provider's integration test gives an S3 logging endpoint the AWS documentation's example key pair
 * (AKIAIOSFODNN7EXAMPLE and the 40-character secret access key ending EXAMPLEKEY). SEC10 already skips the pair;
 * SEC11 reported the secret key as a literal credential, an ERROR.
 * - A 40-character secret access key ending EXAMPLEKEY, and a key id ending EXAMPLE, are documentation examples.
 * - A key of that length that does not end so, or a password that merely ends in EXAMPLE, is still a literal.
 */
import { audit } from '../helpers';

const DOC_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');

const sec11 = (properties: Record<string, unknown>, type = 'Fastly::Logging::S3') =>
  audit({ Resources: { Endpoint: { Type: type, Properties: { Name: 'integ-s3-logging', BucketName: 'logs', ...properties } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SEC11')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe("the AWS documentation's example key pair", () => {
  test('compliant: the example access key id and secret access key', () => {
    expect(sec11({ AccessKey: 'AKIAIOSFODNN7EXAMPLE', SecretKey: DOC_SECRET })).toEqual([]);
  });

  test('non-compliant: a 40-character secret key that does not end EXAMPLEKEY, and a password that ends EXAMPLE', () => {
    expect(sec11({ AccessKey: 'AKIAIOSFODNN7EXAMPLE', SecretKey: DOC_SECRET.replace('EXAMPLEKEY', 'Q8zr3Lm0Vk') })).toEqual(['violation error Properties.SecretKey']);
    expect(
      audit({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: 'Tr0ub4dor-EXAMPLE' } } } })
        .filter((f) => f.ruleId === 'TokenGuard-SEC11')
        .map((f) => `${f.kind} ${f.severity} ${f.path}`),
    ).toEqual(['violation error Properties.MasterUserPassword']);
  });

  test('cannot tell: an imported secret key', () => {
    expect(sec11({ SecretKey: { 'Fn::ImportValue': 'logging-secret-key' } })).toEqual(['cannot-tell warning Properties.SecretKey']);
  });
});
