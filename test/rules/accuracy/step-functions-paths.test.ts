/**
 * Holdout class (issue 15, found by the real-world holdout rw59, a false ERROR): in a Step Functions definition a key
 * ending in `.$` holds a JSONPath evaluated at run time (`"token.$": "$$.Task.Token"`, the callback pattern of
 * aws-samples/aws-stepfunctions-examples sam/app-order-management/statemachines/ship-order.asl.json, commit
 * 88855b62216b71d45ec7a3fd1e8ec44ff5f0d683), not a credential written in the template. A key without `.$` still holds
 * the value itself.
 */
import { audit } from '../helpers';

const machine = (body: Record<string, unknown>) => ({
  Transform: 'AWS::Serverless-2016-10-31',
  Resources: {
    Ship: {
      Type: 'AWS::Serverless::StateMachine',
      Properties: {
        Definition: {
          StartAt: 'Send',
          States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'https://sqs.example/q', MessageBody: body }, End: true } },
        },
      },
    },
  },
});
const sec11 = (body: Record<string, unknown>) => audit(machine(body)).filter((f) => f.ruleId === 'TokenGuard-SEC11').map((f) => `${f.kind} ${f.path}`);
const AT = 'Properties.Definition.States.Send.Parameters.MessageBody';

describe('Step Functions keys ending in .$', () => {
  test('compliant: "token.$" and "apiKey.$" hold paths into the execution context and the input', () => {
    expect(sec11({ 'token.$': '$$.Task.Token', 'apiKey.$': '$.credentials.apiKey' })).toEqual([]);
  });

  test('non-compliant: a "token" key without .$ holds the literal it is given', () => {
    expect(sec11({ token: 'Rk8vQ2xL5mN9pT3wZ7cY1bH6dJ4fG0sA' })).toEqual([`violation ${AT}.token`]);
  });

  test('cannot tell: a "token" key given an import', () => {
    const t = machine({ token: { 'Fn::ImportValue': 'shipping-partner-token' } });
    expect(audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC11').map((f) => `${f.kind} ${f.path}`)).toEqual([`cannot-tell ${AT}.token`]);
  });
});
