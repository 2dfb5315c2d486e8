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

  describe('resources of one iteration named with Ref or GetAtt of Fn::Sub (found by the real-world holdout rw252)', () => {
    // After aws/aws-sam-cli tests/integration/testdata/start_api/language-extensions-api/template.yaml and the Ref
    // page of the CloudFormation guide: under AWS::LanguageExtensions, `Ref` and `Fn::GetAtt` take an intrinsic
    // function, and a loop names the resource it made beside it with `!Ref {Fn::Sub: ${Name}Key}`.
    const keys = (collection: unknown, withRotation: boolean, variables: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
      Transform: 'AWS::LanguageExtensions',
      Parameters: { Stage: { Type: 'String' } },
      Resources: {
        Cmk: { Type: 'AWS::KMS::Key' },
        Rotator: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'python3.12' } },
        'Fn::ForEach::Partners': ['Name', collection, {
          '${Name}Key': { Type: 'AWS::SecretsManager::Secret', Properties: { KmsKeyId: { Ref: 'Cmk' }, GenerateSecretString: { PasswordLength: 40 } } },
          '${Name}Fn': { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'python3.12', Environment: { Variables: { KEY_ARN: { Ref: { 'Fn::Sub': '${Name}Key' } }, ...variables } } } },
          ...(withRotation ? { '${Name}KeyRotation': { Type: 'AWS::SecretsManager::RotationSchedule', Properties: { SecretId: { Ref: { 'Fn::Sub': '${Name}Key' } }, RotationLambdaARN: { 'Fn::GetAtt': ['Rotator', 'Arn'] }, RotationRules: { ScheduleExpression: 'rate(7 days)' } } } } : {}),
          ...extra,
        }],
      },
    });
    const judged = (t: Record<string, unknown>) => audit(t).filter((f) => ['TokenGuard-SMG2', 'TokenGuard-SEC1'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId}`).sort();

    test('compliant: each secret is rotated by the schedule made beside it, and its function gets only its ARN, whether the items are known or not', () => {
      expect(judged(keys(['users', 'orders'], true))).toEqual([]);
      expect(judged(keys({ 'Fn::ImportValue': 'partners' }, true))).toEqual([]);
    });

    test('non-compliant: without the schedules every secret made by the loop lacks rotation; GetAtt of Fn::Sub reads a client secret', () => {
      const client = { '${Name}Client': { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'eu-west-1_AbCdEfGhI', GenerateSecret: true } } };
      const t = keys(['users', 'orders'], false, { CLIENT_SECRET: { 'Fn::GetAtt': [{ 'Fn::Sub': '${Name}Client' }, 'ClientSecret'] } }, client);
      expect(judged(t)).toEqual([
        'TokenGuard-SEC1 violation ordersFn',
        'TokenGuard-SEC1 violation usersFn',
        'TokenGuard-SMG2 violation ordersKey',
        'TokenGuard-SMG2 violation usersKey',
      ]);
    });

    test('cannot tell: a name that still holds a parameter (${Stage}) is not folded, so what it refers to is not known', () => {
      expect(judged(keys(['users'], true, { OTHER_KEY: { Ref: { 'Fn::Sub': '${Name}${Stage}Key' } } }))).toEqual(['TokenGuard-SEC1 cannot-tell usersFn']);
    });
  });
});
