/**
 * cdk-nag acknowledgements the constructs make for their own resources. Each carries the reason a reviewer would
 * need; README's "cdk-nag acknowledgements" lists them. Every function the constructs deploy raises the same findings
 * (no VPC, no dead-letter queue) for its own reasons, so the ids live here once and each function gives its reasons.
 *
 * They are recorded for both cdk-nag generations, on the function itself: with `Validations.of(…).acknowledge` in
 * cdk-nag's bare-id form (cdk-nag 3), and in the function resource's `Metadata.cdk_nag.rules_to_suppress`, which is
 * where cdk-nag 2's `NagSuppressions` puts them and its packs read them.
 */
import { CfnResource, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

export interface NagAcknowledgement {
  readonly id: string;
  readonly reason: string;
}

/** Why a function has no VPC and no dead-letter queue. */
export interface FunctionReasons {
  readonly noVpc: string;
  readonly noDlq: string;
}

/** The findings NIST 800-53 R5, HIPAA and PCI DSS raise on every function the constructs deploy. */
export function functionAcknowledgements(reasons: FunctionReasons): NagAcknowledgement[] {
  return [
    { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: reasons.noVpc },
    { id: 'HIPAA.Security-LambdaInsideVPC', reason: reasons.noVpc },
    { id: 'PCI.DSS.321-LambdaInsideVPC', reason: reasons.noVpc },
    { id: 'NIST.800.53.R5-LambdaDLQ', reason: reasons.noDlq },
    { id: 'HIPAA.Security-LambdaDLQ', reason: reasons.noDlq },
  ];
}

/** Acknowledges those findings on `fn`, for cdk-nag 3 and cdk-nag 2. */
export function acknowledgeFunction(fn: lambda.Function, reasons: FunctionReasons): void {
  const acks = functionAcknowledgements(reasons);
  Validations.of(fn).acknowledge(...acks);
  const resource = fn.node.defaultChild as CfnResource;
  const existing = (resource.getMetadata('cdk_nag') as { rules_to_suppress?: NagAcknowledgement[] } | undefined)?.rules_to_suppress ?? [];
  resource.addMetadata('cdk_nag', { rules_to_suppress: [...existing, ...acks] });
}

/** The reasons of a Secrets Manager rotation function. */
export const ROTATION_FUNCTION: FunctionReasons = {
  noVpc:
    'A rotation function has no inbound surface (only Secrets Manager, from this account, may invoke it) and its only ' +
    'traffic is TLS with SigV4 to the regional Secrets Manager and Cognito endpoints; a VPC would add isolation only with ' +
    'interface endpoints for both services, which these constructs do not create yet (follow-up).',
  noDlq:
    'Secrets Manager records a failed rotation step on the secret itself (the AWSPENDING version stays, the rotation is ' +
    'retried, CloudTrail records RotationFailed) and the event holds only the secret ARN, version id and step; a ' +
    'dead-letter queue would add no information and no recovery path.',
};
