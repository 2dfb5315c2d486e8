/**
 * False cannot-tells found by the holdout rw514-rw538 (rw532, after binxio/cfn-secret-provider
 * cloudformation/demo-stack.yaml): a Lambda-backed secret provider's `Custom::Secret` and `Custom::RSAKey` resources
 * return the generated value (`Secret`) and the ARN of the SSM parameter that stores it (`Arn`). Outputs of `Arn` were
 * cannot-tell warnings because the resources' names say they hold secrets. An attribute named as a reference (its
 * last word an ARN, name, id or path word: `Arn`, `SecretName`, `ParameterPath`) is one, whatever the resource is
 * named, as identifier-named attributes already were; an attribute named like a secret stays secret, and other
 * attributes of a secret-named resource stay cannot-tell.
 */
import { audit } from '../helpers';

const PROVIDER = { 'Fn::Sub': 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:binxio-cfn-secret-provider' };
const sec7 = (attribute: string) =>
  audit({
    Resources: { DatabasePassword: { Type: 'Custom::Secret', Properties: { ServiceToken: PROVIDER, Name: '/app/db/PGPASSWORD', Length: 30, ReturnSecret: true } } },
    Outputs: { Out: { Value: { 'Fn::GetAtt': ['DatabasePassword', attribute] } } },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC7')
    .map((f) => `${f.kind} ${f.severity}`);

describe('reference-named attributes of a custom resource named like a secret', () => {
  test.each(['Arn', 'ParameterArn', 'SecretName', 'ParameterPath'])('compliant: %s names a reference', (attribute) => {
    expect(sec7(attribute)).toEqual([]);
  });

  test.each(['Secret', 'Password'])('non-compliant: %s is named like a secret', (attribute) => {
    expect(sec7(attribute)).toEqual(['violation error']);
  });

  test.each(['Value', 'Hash'])('cannot tell: %s of a resource named like a secret', (attribute) => {
    expect(sec7(attribute)).toEqual(['cannot-tell warning']);
  });
});
