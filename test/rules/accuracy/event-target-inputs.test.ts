/**
 * Found by a probe after holdout rw358 (credentials written into Step Functions definitions): the input a scheduled
 * EventBridge rule, an EventBridge Scheduler schedule or a pipe hands its target is stored as written and returned by
 * events:ListTargetsByRule, scheduler:GetSchedule and pipes:DescribePipe. A Secrets Manager reference resolved there,
 * or a NoEcho parameter substituted there, is plaintext configuration as much as a state machine definition is, but
 * `Input` and `InputTemplate` were not among SEC8's plaintext places, so both passed silently. SEC8 has no cannot-tell
 * level; a secret-named custom resource's attribute there stays SEC9's cannot-tell, reported once.
 */
import { audit, Template } from '../helpers';

const TARGET = 'arn:aws:lambda:us-east-1:111122223333:function:sync';

function events(input: unknown, template: unknown = input): Template {
  return {
    Parameters: { PartnerApiKey: { Type: 'String', NoEcho: true }, RoleArn: { Type: 'String' } },
    Resources: {
      Fetcher: { Type: 'Custom::PartnerApiKeyFetcher', Properties: { ServiceToken: TARGET } },
      Rule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 'sync', Arn: TARGET, Input: input }] } },
      Schedule: {
        Type: 'AWS::Scheduler::Schedule',
        Properties: { FlexibleTimeWindow: { Mode: 'OFF' }, ScheduleExpression: 'rate(1 hour)', Target: { Arn: TARGET, RoleArn: { Ref: 'RoleArn' }, Input: input } },
      },
      Pipe: {
        Type: 'AWS::Pipes::Pipe',
        Properties: { RoleArn: { Ref: 'RoleArn' }, Source: 'arn:aws:sqs:us-east-1:111122223333:orders', Target: TARGET, TargetParameters: { InputTemplate: template } },
      },
    },
  };
}
const found = (t: Template, rule: string) => audit(t).filter((f) => f.ruleId === rule).map((f) => `${f.kind} ${f.logicalId} ${f.path}`).sort();

describe('SEC8: event target inputs are plaintext configuration', () => {
  test('compliant: the secret ARN, an identifier field, and event placeholders', () => {
    const t = events(
      { 'Fn::Sub': '{"secretArn": "arn:aws:secretsmanager:us-east-1:${AWS::AccountId}:secret:partner/api", "user": "{{resolve:secretsmanager:partner/api:SecretString:username}}"}' },
      '{"order": <$.body.orderId>, "secretName": "partner/api"}',
    );
    expect(found(t, 'TokenGuard-SEC8')).toEqual([]);
  });

  test('non-compliant: a resolved secret or a NoEcho parameter in a rule, schedule or pipe input', () => {
    expect(found(events('{"apiKey": "{{resolve:secretsmanager:partner/api:SecretString:apiKey}}"}'), 'TokenGuard-SEC8')).toEqual([
      'violation Pipe Properties.TargetParameters.InputTemplate',
      'violation Rule Properties.Targets.0.Input',
      'violation Schedule Properties.Target.Input',
    ]);
    expect(found(events({ 'Fn::Sub': '{"apiKey": "${PartnerApiKey}"}' }), 'TokenGuard-SEC8')).toEqual([
      'violation Pipe Properties.TargetParameters.InputTemplate',
      'violation Rule Properties.Targets.0.Input',
      'violation Schedule Properties.Target.Input',
    ]);
  });

  test('cannot tell: a secret-named custom resource attribute there is SEC9 cannot-tell, not a second SEC8 finding', () => {
    const t = events({ 'Fn::Join': ['', ['{"apiKey": "', { 'Fn::GetAtt': ['Fetcher', 'Value'] }, '"}']] });
    expect(found(t, 'TokenGuard-SEC9')).toEqual([
      'cannot-tell Pipe Properties.TargetParameters.InputTemplate',
      'cannot-tell Rule Properties.Targets.0.Input',
      'cannot-tell Schedule Properties.Target.Input',
    ]);
    expect(found(t, 'TokenGuard-SEC8')).toEqual([]);
  });
});
