/**
 * `TokenGuardHook`: the TokenGuard rules at deploy time, for every CloudFormation deployment of an account and region
 * (CDK, SAM, the console, pipelines), as an `AWS::CloudFormation::LambdaHook`. CloudFormation calls the hook's function
 * before a stack (by default), change set or resource is provisioned; ERROR findings fail the operation, WARN findings
 * let it go on with a message, and acknowledgements travel in the template (docs/hook.md).
 *
 * It deploys the function (its pre-built bundle on the newest Node.js runtime, ARM64, its own role that may only write
 * its own logs, a log group encrypted with its own key), the hook, and the execution role CloudFormation assumes to
 * invoke it: only the hooks service, only for hooks of this account and region, only `lambda:InvokeFunction` on this
 * function.
 */
import { Aws, Duration, Stack, Token } from 'aws-cdk-lib';
import { CfnLambdaHook } from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TokenGuardPolicy, TokenGuardPolicyInput } from '../rules/engine/policy';
import { functionRuntime } from './internal/lambda-code';
import { acknowledgeFunction } from './internal/nag';
import { constructPolicy, TokenGuardValidationError } from './internal/policy';
import { RotationFunction } from './internal/rotation-function';
import { FAILURE_MODE_ENV, POLICY_ENV } from './token-guard-hook/protocol';

const KIND = 'TokenGuardHook';

/** What CloudFormation calls the hook for. */
export enum HookTargetOperation {
  /** Stack creates and updates (change-set executions included): the rules see the whole template. */
  STACK = 'STACK',
  /** Each resource, with its resolved properties: rules that need the rest of the stack are skipped; no acknowledgements. */
  RESOURCE = 'RESOURCE',
  /** Change-set creation: the change set's whole template, before anyone executes it. */
  CHANGE_SET = 'CHANGE_SET',
}

/** What CloudFormation does when the hook answers FAILED (non-compliant, or unable to evaluate). */
export enum HookFailureMode {
  /** The operation stops. */
  FAIL = 'FAIL',
  /** The operation goes on; the hook's answer is recorded as a warning. */
  WARN = 'WARN',
}

/** Which stacks the hook runs for (CloudFormation stack level filters). Names may use `*` and `?` wildcards. */
export interface HookStackFilters {
  /**
   * Only these stacks. At most 50.
   * @default - every stack
   */
  readonly includeStackNames?: string[];
  /**
   * Not these stacks. At most 50 (the hook's own stack counts, unless `excludeOwnStack` is false).
   * @default - none but the hook's own stack
   */
  readonly excludeStackNames?: string[];
  /**
   * Only stacks deployed with these IAM role ARNs (the stack's service role). At most 50.
   * @default - any role
   */
  readonly includeStackRoles?: string[];
  /**
   * Not stacks deployed with these IAM role ARNs. At most 50.
   * @default - none
   */
  readonly excludeStackRoles?: string[];
  /**
   * `ALL`: the hook runs when every filter given matches; `ANY`: when one does.
   * @default 'ALL'
   */
  readonly filteringCriteria?: 'ALL' | 'ANY';
  /**
   * Leave the hook's own stack out, so that a hook that cannot answer can still be fixed or removed.
   * @default true
   */
  readonly excludeOwnStack?: boolean;
}

export interface TokenGuardHookProps {
  /**
   * The hook's type name alias, unique per account and region: `Name1::Name2::Name3`, not starting with `AWS`.
   * @default 'Private::TokenGuard::Hook'
   */
  readonly alias?: string;
  /**
   * What the hook runs for.
   * @default [HookTargetOperation.STACK]
   */
  readonly targetOperations?: HookTargetOperation[];
  /**
   * `FAIL` blocks operations the hook fails (ERROR findings, or an evaluation that could not happen); `WARN` only
   * reports them. Start with `WARN` and move to `FAIL` (docs/hook.md).
   * @default HookFailureMode.FAIL
   */
  readonly failureMode?: HookFailureMode;
  /**
   * Which stacks the hook runs for.
   * @default - every stack but the hook's own
   */
  readonly stackFilters?: HookStackFilters;
  /**
   * Policy settings, layered over the `cdk.json` context key `cdk-token-guard:policy`: the same policy object as the
   * pack (`TokenGuardChecks`) and the CLI's config file.
   * @default - the context's settings, else the documented defaults (RULES.md)
   */
  readonly policy?: TokenGuardPolicyInput;
  /**
   * Retention of the hook function's log group.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The Node.js runtime of the hook function: Node.js 20 or later.
   * @default - the newest Node.js runtime the installed aws-cdk-lib knows (what cdk-nag's AwsSolutions-L1 asks for),
   * found at synth
   */
  readonly runtime?: lambda.Runtime;
}

const DEFAULT_ALIAS = 'Private::TokenGuard::Hook';
const ALIAS = /^(?![Aa][Ww][Ss])[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;
const STACK_NAME = /^[a-zA-Z*?][-a-zA-Z0-9*?]{0,127}$/;
const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/.+$/;

export class TokenGuardHook extends Construct {
  /** The `AWS::CloudFormation::LambdaHook`. */
  public readonly hook: CfnLambdaHook;
  /** The function CloudFormation invokes. */
  public readonly function: lambda.IFunction;
  /** The role CloudFormation assumes to invoke it. */
  public readonly executionRole: iam.Role;
  /** The policy the function applies (written into its environment). */
  public readonly policy: TokenGuardPolicy;
  public readonly failureMode: HookFailureMode;

  constructor(scope: Construct, id: string, props: TokenGuardHookProps = {}) {
    super(scope, id);
    const alias = props.alias ?? DEFAULT_ALIAS;
    if (!ALIAS.test(alias)) {
      throw new TokenGuardValidationError(`${KIND} alias: "${alias}" must be Name1::Name2::Name3 (2-64 letters or digits each) and must not start with AWS`, this);
    }
    const operations = props.targetOperations ?? [HookTargetOperation.STACK];
    if (operations.length === 0) throw new TokenGuardValidationError(`${KIND} targetOperations: name at least one operation`, this);
    this.failureMode = props.failureMode ?? HookFailureMode.FAIL;
    this.policy = constructPolicy(this, KIND, props.policy);

    const logKey = new kms.Key(this, 'LogKey', { description: `${KIND} ${this.node.path}: encrypts the hook function's logs`, enableKeyRotation: true });
    const logGroupName = `/cdk-token-guard/hook/${Stack.of(this).stackName}-${id}`;
    logKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsForTheHookLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupName}` } },
      }),
    );
    const fn = new RotationFunction(this, 'Handler', {
      handler: 'token-guard-hook/hook.handler',
      runtime: functionRuntime(this, KIND, props.runtime),
      description: 'TokenGuard CloudFormation hook: audits templates before they are deployed',
      environment: { [POLICY_ENV]: JSON.stringify(this.policy), [FAILURE_MODE_ENV]: this.failureMode },
      logGroupName,
      logKey,
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      // CloudFormation waits 30 seconds; a 1 MB template takes well under that at this size (bench/hook.bench.ts).
      timeout: Duration.seconds(30),
      memorySize: 1024,
      // Stack operations of an account arrive a few at a time; resource operations can arrive in bursts.
      reservedConcurrentExecutions: operations.includes(HookTargetOperation.RESOURCE) ? 50 : 10,
    });
    this.function = fn.function;

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      description: `${KIND} ${this.node.path}: CloudFormation hooks of this account and region invoke the TokenGuard function`,
      assumedBy: new iam.ServicePrincipal('hooks.cloudformation.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudformation:${Aws.REGION}:${Aws.ACCOUNT_ID}:type/hook/*` },
        },
      }),
    });
    const invoke = new iam.ManagedPolicy(this, 'InvokePolicy', {
      description: 'Invoke the TokenGuard hook function, and nothing else',
      roles: [this.executionRole],
      statements: [new iam.PolicyStatement({ sid: 'InvokeTheHookFunction', actions: ['lambda:InvokeFunction'], resources: [this.function.functionArn] })],
    });

    this.hook = new CfnLambdaHook(this, 'Hook', {
      alias,
      lambdaFunction: this.function.functionArn,
      executionRole: this.executionRole.roleArn,
      failureMode: this.failureMode,
      hookStatus: 'ENABLED',
      targetOperations: [...new Set(operations)],
      // No target filters: deletions reach the function too, which answers them at once (nothing to judge).
      stackFilters: this.renderStackFilters(props.stackFilters ?? {}),
    });
    this.hook.node.addDependency(invoke);
    this.hook.node.addDependency(this.function);

    const noVpc =
      'The hook function has no inbound surface (only CloudFormation, through the hook execution role, may invoke it) and its ' +
      'only traffic is one HTTPS GET of the presigned S3 URL CloudFormation hands it; a VPC would add isolation only with an S3 ' +
      'endpoint and NAT-free routing these constructs do not create.';
    const noDlq =
      'CloudFormation invokes the hook function synchronously and records every answer (and every failure to answer) as a hook ' +
      'result on the stack operation; there is no asynchronous event a dead-letter queue could keep.';
    acknowledgeFunction(fn.function, { noVpc, noDlq });
  }

  private renderStackFilters(f: HookStackFilters): CfnLambdaHook.StackFiltersProperty {
    // AWS::StackName, not the CDK stack name: a StackSet names its stack instances itself.
    const excludeNames = [...(f.excludeOwnStack === false ? [] : [Aws.STACK_NAME]), ...(f.excludeStackNames ?? [])];
    const names = (prop: string, list: string[] | undefined) => this.checkList(prop, list, STACK_NAME, 'a stack name (letters, digits, hyphens; * and ? wildcards)');
    const roles = (prop: string, list: string[] | undefined) => this.checkList(prop, list, ROLE_ARN, 'an IAM role ARN');
    const stackNames = { include: names('includeStackNames', f.includeStackNames), exclude: names('excludeStackNames', excludeNames) };
    const stackRoles = { include: roles('includeStackRoles', f.includeStackRoles), exclude: roles('excludeStackRoles', f.excludeStackRoles) };
    const some = (o: { include?: string[]; exclude?: string[] }) => (o.include !== undefined || o.exclude !== undefined ? o : undefined);
    return {
      filteringCriteria: f.filteringCriteria ?? 'ALL',
      ...(some(stackNames) ? { stackNames: some(stackNames) } : {}),
      ...(some(stackRoles) ? { stackRoles: some(stackRoles) } : {}),
    };
  }

  /** The list as given (undefined when empty), after checking its length and, for known values, their form. */
  private checkList(prop: string, list: string[] | undefined, form: RegExp, what: string): string[] | undefined {
    if (list === undefined || list.length === 0) return undefined;
    if (list.length > 50) throw new TokenGuardValidationError(`${KIND} stackFilters.${prop}: at most 50 entries (CloudFormation's limit); got ${list.length}`, this);
    for (const item of list) {
      if (!Token.isUnresolved(item) && !form.test(item)) throw new TokenGuardValidationError(`${KIND} stackFilters.${prop}: "${item}" is not ${what}`, this);
    }
    return list;
  }
}
