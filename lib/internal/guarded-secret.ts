/**
 * A Secrets Manager secret as the constructs keep credentials: its own customer-managed KMS key (rotation on), a
 * placeholder value (no credential is ever written into the template), a resource policy that denies the value to
 * every principal but the admitted ones and denies non-TLS requests, a rotation schedule whose Lambda permission
 * carries `aws:SourceAccount`, and a tag that says what kind of material it holds.
 */
import { Aws, CfnResource, Duration, Lazy, Names, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { MATERIAL_TAG_KEY, Material } from '../../rules/engine/material';

/** What a principal may do with the secret's value. */
export type SecretAccess = 'read' | 'readWrite' | 'rotate';

const READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
const WRITE_ACTIONS = ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'];
/** The value-bearing actions the resource policy denies to everyone not admitted. */
const GUARDED_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'];

export interface GuardedSecretProps {
  readonly description: string;
  /** The initial value: an empty JSON skeleton (the rules recognise it as holding nothing). */
  readonly placeholder: string;
  readonly material: Material;
}

interface Admission {
  readonly role: iam.IRole;
  readonly access: SecretAccess;
  readonly owner: IConstruct;
}

export class GuardedSecret extends Construct {
  public readonly key: kms.Key;
  public readonly secret: secretsmanager.Secret;
  public readonly resourcePolicy: secretsmanager.CfnResourcePolicy;
  /** Log groups named with this prefix may be encrypted with `key`. */
  public readonly logGroupPrefix: string;
  private admissions: Admission[] = [];

  constructor(scope: Construct, id: string, props: GuardedSecretProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `${props.description} (encryption key)`,
      enableKeyRotation: true,
    });
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: props.description,
      encryptionKey: this.key,
      secretStringValue: SecretValue.unsafePlainText(props.placeholder),
    });
    for (const c of [this.key, this.secret]) Tags.of(c).add(MATERIAL_TAG_KEY, props.material);

    // Log groups of this secret's rotation functions are encrypted with the same key; CloudWatch Logs may use it for
    // log groups under this secret's prefix only (the encryption context names the log group).
    this.logGroupPrefix = `/cdk-token-guard/${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}/`;
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsForRotatorLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${this.logGroupPrefix}*` },
        },
      }),
    );

    this.resourcePolicy = new secretsmanager.CfnResourcePolicy(this, 'ResourcePolicy', {
      secretId: this.secret.secretArn,
      blockPublicPolicy: true,
      resourcePolicy: Lazy.any({ produce: () => this.renderResourcePolicy() }),
    });
  }

  /** Admits `role` to the value: identity policy on the role, and an exception in the resource policy's deny. */
  public admit(role: iam.IRole, access: SecretAccess, owner: IConstruct = this): void {
    this.admissions.push({ role, access, owner });
    if (access === 'rotate') return; // the rotation attachment writes its own managed policy
    const actions = access === 'read' ? READ_ACTIONS : [...READ_ACTIONS, ...WRITE_ACTIONS];
    // A customer-managed policy per admitted role (no inline policy added to somebody else's role).
    new iam.ManagedPolicy(this, `Access${this.admissions.length}`, {
      description: `${access === 'read' ? 'Read' : 'Read and write'} one secret, and decrypt it through Secrets Manager only`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions, resources: [this.secret.secretArn] }),
        this.keyStatement(access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey']),
      ],
    });
  }

  /** Removes every admission made on behalf of `owner` (used when a rotator is replaced). */
  public revokeAdmissions(owner: IConstruct): void {
    this.admissions = this.admissions.filter((a) => a.owner !== owner);
  }

  /** Key permissions for Secrets Manager's use of the key on this secret only. */
  public keyStatement(actions: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      actions,
      resources: [this.key.keyArn],
      conditions: {
        StringEquals: {
          'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`,
          'kms:EncryptionContext:SecretARN': this.secret.secretArn,
        },
      },
    });
  }

  /**
   * Schedules rotation by `fn` every `interval`: a customer-managed policy on the function's role for this secret and
   * key, a Lambda permission for Secrets Manager limited to this account (`SourceAccount`; CDK's
   * `addRotationSchedule` omits it), and the `AWS::SecretsManager::RotationSchedule`, which starts a first rotation
   * as soon as it is created. Everything is created under `scope`, so removing `scope` detaches the rotator.
   */
  public attachRotation(scope: Construct, fn: lambda.IFunction, interval: Duration): secretsmanager.CfnRotationSchedule {
    const role = fn.role;
    if (!role) throw new Error(`${fn.node.path}: a rotation function needs an execution role`);
    const policy = new iam.ManagedPolicy(scope, 'RotatorAccess', {
      description: 'Rotate one secret: its value and version stages, and its key through Secrets Manager only',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'RotateTheSecret',
          actions: [...READ_ACTIONS, ...WRITE_ACTIONS],
          resources: [this.secret.secretArn],
        }),
        this.keyStatement(['kms:Decrypt', 'kms:GenerateDataKey']),
      ],
    });
    this.admit(role, 'rotate', scope);
    const permission = new lambda.CfnPermission(scope, 'InvokeBySecretsManager', {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionArn,
      principal: 'secretsmanager.amazonaws.com',
      sourceAccount: Stack.of(this).account,
    });
    const schedule = new secretsmanager.CfnRotationSchedule(scope, 'Schedule', {
      secretId: this.secret.secretArn,
      rotationLambdaArn: fn.functionArn,
      rotationRules: { scheduleExpression: rateExpression(interval) },
      rotateImmediatelyOnUpdate: true,
    });
    // The first rotation runs as soon as the schedule exists: the function must already be allowed to run it.
    schedule.addResourceDependency(permission);
    schedule.addResourceDependency(policy.node.defaultChild as CfnResource);
    schedule.addResourceDependency(this.resourcePolicy);
    return schedule;
  }

  private renderResourcePolicy(): Record<string, unknown> {
    const admitted = [...new Set(this.admissions.map((a) => a.role.roleArn))];
    const statements: Record<string, unknown>[] = [
      {
        Sid: 'DenyWithoutTls',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'secretsmanager:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      admitted.length === 0
        ? { Sid: 'DenyValueToEveryone', Effect: 'Deny', Principal: { AWS: '*' }, Action: GUARDED_ACTIONS, Resource: '*' }
        : {
            Sid: 'DenyValueToAllButAdmitted',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: GUARDED_ACTIONS,
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:PrincipalArn': admitted } },
          },
    ];
    return { Version: '2012-10-17', Statement: statements };
  }
}

/** `rate(N days)` when whole days, else `rate(N hours)` (Secrets Manager's minimum is 4 hours). */
export function rateExpression(interval: Duration): string {
  const hours = interval.toHours({ integral: false });
  if (!Number.isInteger(hours)) throw new Error(`rotation interval ${interval.toHumanString()} is not a whole number of hours`);
  if (hours % 24 === 0) return hours === 24 ? 'rate(1 day)' : `rate(${hours / 24} days)`;
  return hours === 1 ? 'rate(1 hour)' : `rate(${hours} hours)`;
}
