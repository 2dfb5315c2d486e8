/**
 * Lead sweep of aws-solutions (multi-region-application-architecture): a custom resource makes a random
 * `BUCKET_NAME_TOKEN`, and the template puts it into table and bucket ARNs of IAM policies, a StackSet's name and a
 * StackSet parameter; the StackSet's template takes it as `BucketNameToken` ("Random token to be used in S3 bucket
 * names") and uses it only in BucketName, TableName and ARNs. Twelve ERRORs (SEC9, SEC7, SEC6) called it a secret.
 * - A token right after `name` is a piece of a name, as `ServiceToken` is a function's ARN (not before a password
 *   noun: `USER_NAME_PASSWORD` is a password).
 * - A parameter that only its name or description calls secret, used only as a piece of an ARN written with `Fn::Sub`
 *   or under a key that names a reference (`BucketName`, `TableName`), holds a name, like one used only in
 *   conditions or export names.
 */
import { audit } from '../helpers';

const ids = (t: Record<string, unknown>, rule: RegExp) =>
  audit(t)
    .filter((f) => rule.test(f.ruleId))
    .map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`);

const generator = (attribute: string) => ({
  Resources: {
    UuidGenerator: { Type: 'Custom::UuidGenerator', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:uuid' } },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {},
        Policies: [{ PolicyName: 'tables', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: [{ 'Fn::Sub': `arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/app-\${UuidGenerator.${attribute}}-config` }] }] } }],
      },
    },
    StackSet: { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: { 'Fn::Sub': `app-\${UuidGenerator.${attribute}}` }, PermissionModel: 'SELF_MANAGED' } },
  },
});

const instance = (extraUse?: Record<string, unknown>) => ({
  Parameters: { BucketNameToken: { Type: 'String', Description: 'Random token to be used in S3 bucket names' } },
  Resources: {
    Logs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-${BucketNameToken}-logs' } } },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: { 'Fn::Sub': '${AWS::StackName}-${BucketNameToken}-config' }, KeySchema: [] } },
    Policy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: { 'Fn::Sub': 'arn:aws:s3:::${AWS::StackName}-${BucketNameToken}-logs/*' } }] } },
    },
    ...extraUse,
  },
});

describe('tokens that are pieces of names', () => {
  test('compliant: a name token of a custom resource in ARNs and a StackSet name; a name-token parameter used only in names', () => {
    expect(ids(generator('BUCKET_NAME_TOKEN'), /SEC\d+$/)).toEqual([]);
    expect(ids(instance(), /SEC\d+$/)).toEqual([]);
  });

  test('non-compliant: the same parameter also passed as a value; a user-name password; a token attribute', () => {
    const fn = { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'i.h', Runtime: 'nodejs20.x', Environment: { Variables: { TOKEN: { Ref: 'BucketNameToken' } } } } } };
    expect(ids(instance(fn), /SEC6$/)).toEqual(['TokenGuard-SEC6 violation BucketNameToken Parameters.BucketNameToken.NoEcho']);
    const password = { Parameters: { USER_NAME_PASSWORD: { Type: 'String' } }, Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't' } } } };
    expect(ids(password, /SEC6$/)).toEqual(['TokenGuard-SEC6 violation USER_NAME_PASSWORD Parameters.USER_NAME_PASSWORD.NoEcho']);
    expect(ids(generator('SessionToken'), /SEC9$/)).toContain('TokenGuard-SEC9 violation StackSet Properties.StackSetName');
  });

  test('cannot tell: an attribute whose name says nothing, of a resource whose name says token', () => {
    const t = generator('Value') as { Resources: Record<string, { Type: string }> };
    t.Resources.UuidGenerator.Type = 'Custom::TokenGenerator';
    expect(ids(t, /SEC9$/)).toContain('TokenGuard-SEC9 cannot-tell StackSet Properties.StackSetName');
  });
});
