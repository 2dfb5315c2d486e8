/**
 * The request and response shapes of CloudFormation Lambda hooks, as far as this hook relies on them. Sources:
 *
 * - Requests and responses for resource, stack and change-set operations, the 30-second wait, the 4,096-character
 *   message limit (1,024 for Cloud Control API operations), the annotation fields:
 *   https://docs.aws.amazon.com/cloudformation-cli/latest/hooks-userguide/lambda-hooks-create-lambda-function.html
 * - Annotation field lengths (name 1,024; status and remediation messages 16,384; link 5,120):
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Annotation.html
 * - The hook resource (`FailureMode` FAIL | WARN, `TargetOperations` STACK | RESOURCE | CHANGE_SET | CLOUD_CONTROL):
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-lambdahook.html
 *
 * The user guide's syntax blocks spell two keys `clientRequesttoken` and `stackID` while its examples (and the resource
 * requests) use `clientRequestToken` and `stackId`; both spellings are read. Everything else in a request is optional
 * here: a request this hook cannot read is answered with an InternalFailure that says why.
 */

/** The function's settings, in its environment, as the construct writes them: the resolved policy as JSON, and FAIL or WARN. */
export const POLICY_ENV = 'TOKEN_GUARD_POLICY';
export const FAILURE_MODE_ENV = 'TOKEN_GUARD_FAILURE_MODE';

/** `requestData.targetType` of a stack or change-set operation; for resource operations it is the resource type. */
export const STACK_TARGET = 'STACK';
export const CHANGE_SET_TARGET = 'CHANGE_SET';
/** The `targetType` of resources provisioned through Cloud Control API. */
export const CLOUD_CONTROL_TARGET = 'RESOURCE';

export type InvocationPoint = 'CREATE_PRE_PROVISION' | 'UPDATE_PRE_PROVISION' | 'DELETE_PRE_PROVISION';

export interface HookRequest {
  readonly clientRequestToken?: string;
  /** The syntax block's spelling. */
  readonly clientRequesttoken?: string;
  readonly awsAccountId?: string;
  readonly stackId?: string;
  /** The syntax block's spelling. */
  readonly stackID?: string;
  readonly changeSetId?: string | null;
  readonly hookTypeName?: string;
  readonly hookTypeVersion?: string;
  readonly hookModel?: { readonly LambdaFunction?: string };
  readonly actionInvocationPoint?: InvocationPoint;
  readonly requestData?: {
    /** `STACK`, `CHANGE_SET`, or the resource type (`AWS::Cognito::UserPoolClient`). */
    readonly targetName?: string;
    /** `STACK`, `CHANGE_SET`, the resource type, or `RESOURCE` for Cloud Control API. */
    readonly targetType?: string;
    /** The stack name (stack operations), the change set ARN (change sets) or the resource's logical id. */
    readonly targetLogicalId?: string;
    /** Resource operations: the proposed properties (empty on delete) and the current ones (empty on create). */
    readonly targetModel?: {
      readonly resourceProperties?: Record<string, unknown> | null;
      readonly previousResourceProperties?: Record<string, unknown> | null;
    };
    /** Stack and change-set operations: an S3 presigned URL of a {@link StackPayload} or {@link ChangeSetPayload}. */
    readonly payload?: string;
  };
  readonly requestContext?: { readonly invocation?: number; readonly callbackContext?: unknown };
}

/** What the payload URL of a stack operation holds. Both are empty when the stack is deleted. */
export interface StackPayload {
  /** The template given to create-stack or update-stack, JSON or YAML, as text. */
  readonly template?: string | null;
  readonly previousTemplate?: string | null;
}

/** What the payload URL of a change-set operation holds. */
export interface ChangeSetPayload {
  readonly template?: string | null;
  readonly changedResources?: readonly {
    readonly action?: 'CREATE' | 'UPDATE' | 'DELETE';
    readonly logicalResourceId?: string;
    readonly resourceType?: string;
    readonly lineNumber?: number | null;
    /** JSON text of the properties; numbers and booleans appear as strings. */
    readonly beforeContext?: string | null;
    readonly afterContext?: string | null;
  }[];
}

export type SeverityLevel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Annotation {
  /** At most {@link LIMITS.annotationName} characters. */
  readonly annotationName: string;
  readonly status: 'PASSED' | 'FAILED' | 'SKIPPED';
  readonly statusMessage?: string;
  readonly remediationMessage?: string;
  readonly remediationLink?: string;
  readonly severityLevel?: SeverityLevel;
}

export interface HookResponse {
  readonly hookStatus: 'SUCCESS' | 'FAILED' | 'IN_PROGRESS';
  /** Required when the hook fails. */
  readonly errorCode?: 'NonCompliant' | 'InternalFailure';
  readonly message: string;
  readonly clientRequestToken: string;
  readonly annotations?: readonly Annotation[];
}

export const LIMITS = Object.freeze({
  /** `message` for CloudFormation operations; CloudFormation truncates longer ones. */
  message: 4096,
  /** `message` for Cloud Control API operations. */
  cloudControlMessage: 1024,
  annotationName: 1024,
  annotationText: 16384,
  remediationLink: 5120,
  /** How long CloudFormation waits for the function, in milliseconds. */
  hookWaitMs: 30_000,
});

/** The request's token, under either documented spelling ('' when absent: the answer is then refused, but well formed). */
export function requestToken(request: HookRequest): string {
  const token = request.clientRequestToken ?? request.clientRequesttoken;
  return typeof token === 'string' ? token : '';
}
