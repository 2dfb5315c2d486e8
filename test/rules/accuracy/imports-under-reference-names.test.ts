/**
 * A false cannot-tell found by the real-world holdout rw326 (after PatrickDinh/aws-cdk-csharp
 * Infrastructure/LambdaStack.cs, the CDK pattern of passing a secret's ARN to a function in another stack): the import
 * CDK makes for `secret.secretFullArn` is named after the secret's stack and id (`…SecretsStack…TopSecret…`), and the
 * environment variable it lands in, `TOP_SECRET_ARN`, says it holds an ARN. A key that names a reference (an ARN, a
 * name, an id, a path) holds a reference, whatever the import is called; a URL can carry a password, so URL keys do
 * not count.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const fn = (variables: Record<string, unknown>) => ({
  Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'dotnet8', Role: 'arn:aws:iam::111122223333:role/fn', Environment: { Variables: variables } } } },
});
const sec1 = (t: Record<string, unknown>) => audit(t).filter((f: Finding) => f.ruleId === 'TokenGuard-SEC1').map((f) => `${f.kind} ${f.severity} ${f.path}`).sort();
const imported = { 'Fn::ImportValue': 'AwsCdkCSharp-Secrets-Stack:ExportsOutputRefAwsCdkCSharpSecretsStackTopSecret35130DD8198D614A' };

describe('imports under keys that name a reference', () => {
  test('compliant: an import named like a secret under a key that names an ARN, a name or a parameter path', () => {
    expect(sec1(fn({ TOP_SECRET_ARN: imported, DB_PASSWORD_SECRET_NAME: { 'Fn::ImportValue': 'shared-db-password-name' }, TOKEN_PARAM: { 'Fn::ImportValue': 'shared-token' } }))).toEqual([]);
  });

  test('non-compliant: a key that names an ARN does not hide token material or a resolved secret', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzZXJ2aWNlLWExIiwiaWF0IjoxNzE2MjM5MDIyfQ.Pp3nN0eYq6bQm2sVt8wRz1xKc4Lj7HfGd5Ua9Ty0Ei8';
    expect(sec1(fn({ TOKEN_ARN: jwt, SECRET_ARN: '{{resolve:secretsmanager:prod/api:SecretString:key}}' }))).toEqual([
      'violation error Properties.Environment.Variables.SECRET_ARN',
      'violation error Properties.Environment.Variables.TOKEN_ARN',
    ]);
  });

  test('cannot tell: the same import under a key that names the secret, or a URL, stays cannot-tell', () => {
    expect(sec1(fn({ TOP_SECRET: imported, DATABASE_URL: { 'Fn::ImportValue': 'shared-db-password' } }))).toEqual([
      'cannot-tell warning Properties.Environment.Variables.DATABASE_URL',
      'cannot-tell warning Properties.Environment.Variables.TOP_SECRET',
    ]);
  });
});
