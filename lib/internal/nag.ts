/**
 * cdk-nag acknowledgements the constructs make for their own resources. Each carries the reason a reviewer would
 * need; README's "cdk-nag acknowledgements" lists them. They are recorded with `Validations.of(…).acknowledge`, in
 * cdk-nag's bare-id form, on the narrowest construct that raises the finding.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { RotationFunction } from './rotation-function';

export interface NagAcknowledgement {
  readonly id: string;
  readonly reason: string;
}

export function acknowledge(scope: IConstruct, acks: readonly NagAcknowledgement[]): void {
  Validations.of(scope).acknowledge(...acks.map((a) => ({ id: a.id, reason: a.reason })));
}

/** Findings on a rotation function the constructs deploy. */
const NO_VPC =
  'A rotation function has no inbound surface (only Secrets Manager, from this account, may invoke it) and its only ' +
  'traffic is TLS with SigV4 to the regional Secrets Manager and Cognito endpoints; a VPC would add isolation only with ' +
  'interface endpoints for both services, which these constructs do not create yet (follow-up).';
const NO_DLQ =
  'Secrets Manager records a failed rotation step on the secret itself (the AWSPENDING version stays, the rotation is ' +
  'retried, CloudTrail records RotationFailed) and the event holds only the secret ARN, version id and step; a ' +
  'dead-letter queue would add no information and no recovery path.';

export const ROTATION_FUNCTION_ACKS: readonly NagAcknowledgement[] = [
  { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: NO_VPC },
  { id: 'HIPAA.Security-LambdaInsideVPC', reason: NO_VPC },
  { id: 'PCI.DSS.321-LambdaInsideVPC', reason: NO_VPC },
  { id: 'NIST.800.53.R5-LambdaDLQ', reason: NO_DLQ },
  { id: 'HIPAA.Security-LambdaDLQ', reason: NO_DLQ },
];

export function acknowledgeRotationFunction(fn: RotationFunction): void {
  acknowledge(fn, ROTATION_FUNCTION_ACKS);
}
