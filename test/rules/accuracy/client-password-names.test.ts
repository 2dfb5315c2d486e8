/**
 * A miss found by the real-world holdout rw322 (after jaeneungsim/cdk-cognito-s2s-auth-pattern lib/app1-stack.ts, the
 * service-to-service pattern where one service signs in to another as an "api client" user): a written-out password
 * under `API_CLIENT_PASSWORD` in a function's environment was not read as a password, because `client` before a secret
 * noun was taken for an idempotency `ClientToken`. Before a password noun it is not: `ClientPassword` is a password.
 * `ClientToken` and `ClientCredentials` (a flow's name) stay as they were.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const fn = (variables: Record<string, unknown>) => ({
  Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::111122223333:role/fn', Environment: { Variables: variables } } } },
});
const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.severity} ${f.path}`).sort();

describe("'client' before a password noun", () => {
  test('compliant: a client password kept by reference or left as a placeholder; client tokens and flows stay settings', () => {
    expect(sec(audit(fn({
      API_CLIENT_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app1/api-client-AbCdEf',
      CLIENT_PASSWORD: 'CHANGE_ME',
      API_CLIENT_USERNAME: 'app1-api-client',
      CLIENT_TOKEN: 'create-user-request',
      CLIENT_CREDENTIALS: 'enabled',
    })))).toEqual([]);
  });

  test('non-compliant: a written-out password under a client-password name, in the environment and as a parameter default', () => {
    expect(sec(audit(fn({ API_CLIENT_PASSWORD: 'ProtoPassword123!' })))).toEqual(['TokenGuard-SEC1 violation error Properties.Environment.Variables.API_CLIENT_PASSWORD']);
    const withParameter = {
      Parameters: { ClientPassword: { Type: 'String', Default: 'Harbor-Kestrel-88' } },
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'client-events' } } },
    };
    expect(sec(audit(withParameter))).toContain('TokenGuard-SEC6 violation error Parameters.ClientPassword.NoEcho');
  });

  test('cannot tell: an imported value under a client-password name', () => {
    expect(sec(audit(fn({ API_CLIENT_PASSWORD: { 'Fn::ImportValue': 'app2-shared-value' } })))).toEqual(['TokenGuard-SEC1 cannot-tell warning Properties.Environment.Variables.API_CLIENT_PASSWORD']);
  });
});
