/**
 * Hook requests shaped as the CloudFormation Hooks user guide documents them
 * (https://docs.aws.amazon.com/cloudformation-cli/latest/hooks-userguide/lambda-hooks-create-lambda-function.html):
 * its "Example Lambda Hook stack change input", "change set change input" and "resource change input", with our own
 * stack names, tokens and payload URLs.
 */
import type { HookRequest } from '../../lib/token-guard-hook/protocol';

const ACCOUNT = '123456789012';
const STACK_ID = `arn:aws:cloudformation:us-west-2:${ACCOUNT}:stack/orders-prod/1a2345b6-0000-00a0-a123-00abc0abc000`;
const HOOK = { hookTypeName: 'Private::TokenGuard::Hook', hookTypeVersion: '00000001', hookModel: { LambdaFunction: `arn:aws:lambda:us-west-2:${ACCOUNT}:function:TokenGuardHook` } };

export function stackRequest(payload: string, over: Partial<HookRequest> = {}): HookRequest {
  return {
    clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    awsAccountId: ACCOUNT,
    stackId: STACK_ID,
    changeSetId: null,
    ...HOOK,
    actionInvocationPoint: 'UPDATE_PRE_PROVISION',
    requestData: { targetName: 'STACK', targetType: 'STACK', targetLogicalId: 'orders-prod', payload },
    requestContext: { invocation: 1, callbackContext: null },
    ...over,
  };
}

export function changeSetRequest(payload: string): HookRequest {
  const changeSet = `arn:aws:cloudformation:us-west-2:${ACCOUNT}:changeSet/SampleChangeSet/1a2345b6-0000-00a0-a123-00abc0abc000`;
  return {
    clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    awsAccountId: ACCOUNT,
    stackId: STACK_ID,
    changeSetId: changeSet,
    ...HOOK,
    actionInvocationPoint: 'CREATE_PRE_PROVISION',
    requestData: { targetName: 'CHANGE_SET', targetType: 'CHANGE_SET', targetLogicalId: changeSet, payload },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

export function resourceRequest(
  type: string,
  logicalId: string,
  resourceProperties: Record<string, unknown> | null,
  over: { point?: HookRequest['actionInvocationPoint']; cloudControl?: boolean } = {},
): HookRequest {
  return {
    clientRequestToken: 'b0c3c2d1-6f0e-4b8e-9d1a-2a6c1f0e9b77',
    awsAccountId: ACCOUNT,
    ...(over.cloudControl ? {} : { stackId: STACK_ID }),
    ...HOOK,
    actionInvocationPoint: over.point ?? 'CREATE_PRE_PROVISION',
    requestData: {
      targetName: type,
      targetType: over.cloudControl ? 'RESOURCE' : type,
      targetLogicalId: logicalId,
      targetModel: { resourceProperties, previousResourceProperties: null },
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}
