/**
 * A Secrets Manager secret as the constructs keep credentials: its own customer-managed KMS key (rotation on), a
 * placeholder value (no credential is ever written into the template), a rotation schedule whose Lambda permission
 * carries `aws:SourceAccount`, a tag that says what kind of material it holds, and policies that administrators
 * cannot quietly get around (docs/broker.md, "The vault and its administrators"):
 *
 * - the resource policy denies non-TLS requests; denies the value (read, write, stage moves) to every principal but
 *   the admitted roles and the break-glass role; and denies every action that could replace, re-key, replicate,
 *   re-permission, rotate elsewhere, delete or re-tag the secret to every principal but the role CloudFormation
 *   deploys the stack with and the break-glass role. A deny in a resource policy binds administrators too.
 * - the key policy lets the account administer the key but use it only through Secrets Manager (`kms:ViaService`):
 *   nobody can decrypt with it directly, and through Secrets Manager only the principals the resource policy admits.
 */
import { Aws, CfnResource, DefaultStackSynthesizer, Duration, Fn, Lazy, Names, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { MATERIAL_TAG_KEY, Material } from '../../rules/engine/material';
import { TokenGuardValidationError } from './policy';

/** What a principal may do with the secret's value. */
export type SecretAccess = 'read' | 'readWrite' | 'rotate';

const READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
const WRITE_ACTIONS = ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'];
/** The value-bearing actions the resource policy denies to everyone not admitted. */
export const VALUE_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'];

/**
 * Every action that could replace, re-key, replicate, re-permission, rotate elsewhere, delete, restore or re-tag the
 * secret (tags can be what attribute-based policies key on). Denied to everyone but the deployment role and the
 * break-glass role.
 */
export const MANAGEMENT_ACTIONS = [
  'secretsmanager:PutResourcePolicy',
  'secretsmanager:DeleteResourcePolicy',
  'secretsmanager:UpdateSecret',
  'secretsmanager:ReplicateSecretToRegions',
  'secretsmanager:RemoveRegionsFromReplication',
  'secretsmanager:StopReplicationToReplica',
  'secretsmanager:RotateSecret',
  'secretsmanager:CancelRotateSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:RestoreSecret',
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
];

/** What the account may do with the key besides using it: administer it (never `CreateGrant`, a way around this policy). */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

export interface GuardedSecretProps {
  readonly description: string;
  /** The initial value: an empty JSON skeleton (the rules recognise it as holding nothing). */
  readonly placeholder: string;
  readonly material: Material;
  /**
   * The one role outside deployments that may read, write, re-permission and delete the secret (emergencies).
   * @default - none: only a CloudFormation deployment can change the secret's configuration
   */
  readonly breakGlassRole?: iam.IRole;
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
  /** The principals that may change the secret's configuration: the deployment role, and the break-glass role. */
  public readonly administrators: string[];
  public readonly breakGlassRole?: iam.IRole;
  private admissions: Admission[] = [];

  constructor(scope: Construct, id: string, props: GuardedSecretProps) {
    super(scope, id);
    this.breakGlassRole = props.breakGlassRole;
    this.administrators = [...deploymentRoles(this), ...(props.breakGlassRole ? [props.breakGlassRole.roleArn] : [])];
    if (this.administrators.length === 0) {
      throw new TokenGuardValidationError(
        "breakGlassRole: the stack's synthesizer names no CloudFormation execution role, so nothing could change this secret's configuration once it exists; name the role that deploys the stack (or an emergency role) as breakGlassRole",
        this,
      );
    }
    const account = new iam.AccountRootPrincipal();
    this.key = new kms.Key(this, 'Key', {
      description: `${props.description} (encryption key)`,
      enableKeyRotation: true,
      policy: new iam.PolicyDocument({
        statements: [
          // The account administers the key through IAM; using it is allowed below, through Secrets Manager only.
          new iam.PolicyStatement({ sid: 'KeyAdministration', principals: [account], actions: KEY_ADMIN_ACTIONS, resources: ['*'] }),
          new iam.PolicyStatement({
            sid: 'UseThroughSecretsManagerOnly',
            principals: [account],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`, 'kms:CallerAccount': Aws.ACCOUNT_ID } },
          }),
        ],
      }),
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
    // node.addDependency, which CDK renders as DependsOn between resources of a stack, in every aws-cdk-lib we support
    // (CfnResource.addResourceDependency arrived in 2.262).
    schedule.node.addDependency(permission, policy.node.defaultChild as CfnResource, this.resourcePolicy);
    return schedule;
  }

  private renderResourcePolicy(): Record<string, unknown> {
    const admitted = [...new Set([...this.admissions.map((a) => a.role.roleArn), ...(this.breakGlassRole ? [this.breakGlassRole.roleArn] : [])])];
    const allBut = (principals: string[]) => ({ StringNotEquals: { 'aws:PrincipalArn': principals } });
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
        ? { Sid: 'DenyValueToEveryone', Effect: 'Deny', Principal: { AWS: '*' }, Action: VALUE_ACTIONS, Resource: '*' }
        : { Sid: 'DenyValueToAllButAdmitted', Effect: 'Deny', Principal: { AWS: '*' }, Action: VALUE_ACTIONS, Resource: '*', Condition: allBut(admitted) },
      { Sid: 'DenyChangesToAllButAdministrators', Effect: 'Deny', Principal: { AWS: '*' }, Action: MANAGEMENT_ACTIONS, Resource: '*', Condition: allBut(this.administrators) },
    ];
    return { Version: '2012-10-17', Statement: statements };
  }
}

/**
 * The role CloudFormation deploys the stack with, when the stack's synthesizer names one (the default synthesizer
 * does: a role only CloudFormation may assume, in a `cdk bootstrap`ped account).
 */
function deploymentRoles(scope: Construct): string[] {
  const synthesizer = Stack.of(scope).synthesizer;
  const named = synthesizer instanceof DefaultStackSynthesizer ? synthesizer.cloudFormationExecutionRoleArn : (synthesizer as { cloudFormationExecutionRoleArn?: unknown }).cloudFormationExecutionRoleArn;
  // The synthesizer's ARN keeps `${AWS::AccountId}`-style placeholders (the CLI fills them in for its own use): in the
  // template, Fn::Sub does.
  return typeof named === 'string' ? [Fn.sub(named)] : [];
}

/** `rate(N days)` when whole days, else `rate(N hours)` (Secrets Manager's minimum is 4 hours). */
export function rateExpression(interval: Duration): string {
  const hours = interval.toHours({ integral: false });
  if (!Number.isInteger(hours)) throw new Error(`rotation interval ${interval.toHumanString()} is not a whole number of hours`);
  if (hours % 24 === 0) return hours === 24 ? 'rate(1 day)' : `rate(${hours / 24} days)`;
  return hours === 1 ? 'rate(1 hour)' : `rate(${hours} hours)`;
}
