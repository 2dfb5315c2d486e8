/**
 * Holdout class (issue 15, found by the real-world holdout rw90, a silent pass of four ERRORs): resources made by
 * Fn::ForEach under the AWS::LanguageExtensions transform were not audited at all. The engine now expands the loops
 * as CloudFormation does, after the Fn::ForEach resource example of the CloudFormation user guide
 * (awsdocs/aws-cloudformation-user-guide intrinsic-function-reference-foreach-example-resource.md: `${Identifier}`
 * and `&{Identifier}` in keys, `Ref: Identifier` in values).
 */
import { audit, GOOD_CLIENT } from '../helpers';

const loop = (collection: unknown, client: Record<string, unknown>, parameters: Record<string, unknown> = {}) => ({
  Transform: 'AWS::LanguageExtensions',
  Parameters: parameters,
  Resources: {
    Pool: { Type: 'AWS::Cognito::UserPool' },
    'Fn::ForEach::Clients': ['Front', collection, { '&{Front}Client': { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, ...client } } }],
  },
});
const found = (t: Record<string, unknown>, rule: string) => audit(t).filter((f) => f.ruleId === rule).map((f) => `${f.kind} ${f.severity} ${f.logicalId}`).sort();

describe('Fn::ForEach (language extensions)', () => {
  test('compliant: well-configured clients made by a loop raise nothing', () => {
    expect(audit(loop(['web', 'kiosk'], GOOD_CLIENT)).filter((f) => f.ruleId.startsWith('TokenGuard-COG'))).toEqual([]);
  });

  test('non-compliant: each client made by the loop is judged under its own id (&{} drops the hyphen)', () => {
    expect(found(loop(['web', 'self-service'], { ...GOOD_CLIENT, EnableTokenRevocation: false }), 'TokenGuard-COG5')).toEqual([
      'violation error selfserviceClient',
      'violation error webClient',
    ]);
  });

  test('non-compliant: a list parameter\'s default is the collection, and Ref of the identifier is the item', () => {
    const t = loop({ Ref: 'Fronts' }, { ...GOOD_CLIENT, CallbackURLs: [{ 'Fn::Sub': 'http://${Front}.example.net/cb' }] }, { Fronts: { Type: 'CommaDelimitedList', Default: 'shop,admin' } });
    expect(found(t, 'TokenGuard-COG11')).toEqual(['violation error adminClient', 'violation error shopClient']);
  });

  test('cannot tell: a collection not known statically makes one representative client, judged where the item does not matter', () => {
    const t = loop({ 'Fn::ImportValue': 'front-ends' }, { ...GOOD_CLIENT, EnableTokenRevocation: false, CallbackURLs: [{ 'Fn::Sub': ['https://${Host}/cb', { Host: { Ref: 'Front' } }] }] });
    expect(found(t, 'TokenGuard-COG5')).toEqual(['violation error &{Front}Client']);
    expect(found(t, 'TokenGuard-COG11')).toEqual(['cannot-tell warning &{Front}Client']);
  });
});
