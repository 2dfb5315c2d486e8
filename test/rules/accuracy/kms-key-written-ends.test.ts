/**
 * A cannot-tell (and its mirror, a miss) found by the holdout rw594-rw618 (rw605, after
 * govuk-one-login/di-account-management-backend template.yaml): a secret names its key as
 * `KmsKeyId: !Sub alias/${AWS::StackName}-SecretsKmsKey`, the alias the same stack creates. The stack name is not
 * known to the template, so SMG1 could not tell; but no value of it makes that text end in aws/secretsmanager, the
 * only AWS managed key a secret can use. The written end of an assembled KmsKeyId now settles it either way: text that
 * cannot end as aws/secretsmanager names another (customer-managed) key, and text that ends in
 * alias/aws/secretsmanager (`arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/secretsmanager`) is
 * the AWS managed key.
 */
import { audit } from '../helpers';

const smg1 = (kmsKeyId: unknown) =>
  audit({ Resources: { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { PasswordLength: 32 }, KmsKeyId: kmsKeyId } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SMG1')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('assembled KmsKeyId values settled by their written end', () => {
  test.each([{ 'Fn::Sub': 'alias/${AWS::StackName}-SecretsKmsKey' }, { 'Fn::Join': ['', ['alias/', { Ref: 'AWS::StackName' }, '/secrets']] }])('compliant: %j cannot be aws/secretsmanager', (value) => {
    expect(smg1(value)).toEqual([]);
  });

  test('non-compliant: an ARN assembled around alias/aws/secretsmanager', () => {
    expect(smg1({ 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/secretsmanager' })).toEqual(['violation error Properties.KmsKeyId']);
  });

  test.each([{ 'Fn::Sub': 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/${AWS::StackName}' }, { 'Fn::Sub': 'alias/${AWS::StackName}/secretsmanager' }])('cannot tell: %j may end as aws/secretsmanager', (value) => {
    expect(smg1(value)).toEqual(['cannot-tell warning Properties.KmsKeyId']);
  });
});
