/**
 * Miss found by the real-world holdout rw375 (after ASU-CodeDevils/flameboi-slack-api
 * .serverless/cloudformation-template-update-stack.json): a Slack app's VERIFICATION_TOKEN, a generated-looking
 * literal in a function's environment, passed silently because `verification` before the noun cancelled `token`.
 * Slack's (and Zoom's) verification token is a shared secret: whoever holds it can forge the platform's requests to
 * the app, and Serverless, SAM and Chalice bots put it in provider.environment as SLACK_VERIFICATION_TOKEN. The name
 * is now a secret name like any token; the value still decides for literals (only a generated-looking one counts) and
 * a path or name under the same variable stays a reference.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();
const bot = (variables: Record<string, unknown>) => ({
  Resources: {
    BotFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'wsgi_handler.handler', Runtime: 'python3.12', Role: 'arn:aws:iam::123456789012:role/bot', Code: { ZipFile: 'x' }, Environment: { Variables: variables } },
    },
  },
});

describe('verification tokens are secret names', () => {
  test('compliant: the SSM path of the token, a TTL setting and a message template under verification names', () => {
    expect(sec(audit(bot({
      SLACK_VERIFICATION_TOKEN: '/slack/prod/verification-token',
      VERIFICATION_TOKEN_TTL_SECONDS: '900',
      EMAIL_VERIFICATION_SUBJECT: 'Your verification code',
    })))).toEqual([]);
  });

  test('non-compliant: a generated-looking verification token literal in the environment', () => {
    expect(sec(audit(bot({ SLACK_VERIFICATION_TOKEN: 'Qm7TzR2vXc9LpW4nHs8KbY3d' })))).toEqual([
      'TokenGuard-SEC1 violation BotFunction Properties.Environment.Variables.SLACK_VERIFICATION_TOKEN',
    ]);
  });

  test('cannot tell: an import named like a verification token', () => {
    expect(sec(audit(bot({ VERIFICATION_TOKEN: { 'Fn::ImportValue': 'slack-bot-VerificationToken' } })))).toEqual([
      'TokenGuard-SEC1 cannot-tell BotFunction Properties.Environment.Variables.VERIFICATION_TOKEN',
    ]);
  });
});
