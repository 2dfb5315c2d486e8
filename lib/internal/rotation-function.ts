/**
 * A Secrets Manager rotation function as the constructs deploy it: the handler's pre-built bundle (the SDK clients
 * inside it, see lambda-code.ts), the newest Node.js runtime unless the user chose one, ARM64, one concurrent execution
 * (Secrets Manager runs one rotation of a secret at a time; this makes it so for the function too), its own role with
 * a customer-managed policy (no inline policies, no AWS managed policies), and a log group with a retention period,
 * encrypted with the secret's key. The token broker's own function is deployed the same way, with more memory and
 * concurrency.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handlerCode } from './lambda-code';

export interface RotationFunctionProps {
  /** The handler's file under `lib/`, without `.ts`: `<construct>/<function>.handler`. */
  readonly handler: string;
  /** A runtime checked by `functionRuntime` (the construct's `runtime` prop, or the newest Node.js). */
  readonly runtime: lambda.Runtime;
  readonly description: string;
  readonly environment: Record<string, string>;
  /** Under the prefix its `GuardedSecret` lets CloudWatch Logs encrypt with the key (`logGroupName(…)`). */
  readonly logGroupName: string;
  /** Encrypts the log group. */
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 1 (Secrets Manager runs one rotation of a secret at a time) */
  readonly reservedConcurrentExecutions?: number;
}

export class RotationFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  /** The customer-managed policy of the role: add the function's permissions here. */
  public readonly policy: iam.ManagedPolicy;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RotationFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: props.logGroupName,
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup.node.addDependency(props.logKey);

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `${props.description}: logs, the one secret and its key`,
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
      managedPolicies: [this.policy],
    });

    this.function = new lambda.Function(this, 'Function', {
      code: handlerCode(props.handler),
      handler: 'index.handler',
      description: props.description,
      runtime: props.runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(60),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 1,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'cdk-token-guard', LOG_LEVEL: 'INFO' },
    });
    // The role's policy must exist before the function can run (the rotation starts as soon as it is scheduled).
    this.function.node.addDependency(this.policy);
  }
}
