/** Shared builders for the construct tests. */
import { App, AppProps, IPolicyValidationPlugin, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { latestNodeRuntime } from '../../lib/internal/lambda-code';
import { TokenGuardChecks } from '../../rules/pack';

/** The runtime every function the constructs deploy gets by default: the newest Node.js the installed aws-cdk-lib knows. */
export const NEWEST_NODE = latestNodeRuntime().name;

/** An App without CDK's built-in CloudFormation validation (seconds of start-up, and not what these tests check). */
export function testApp(props: AppProps = {}): App {
  return new App({ builtinCloudFormationValidation: false, ...props });
}

export interface PoolStack {
  readonly app: App;
  readonly stack: Stack;
  readonly pool: cognito.UserPool;
  readonly readScope: cognito.OAuthScope;
}

/** A stack with a user pool configured to pass cdk-nag (so findings in a test come from the construct under test). */
export function poolStack(app: App = testApp(), id = 'Stack'): PoolStack {
  const stack = new Stack(app, id);
  const pool = new cognito.UserPool(stack, 'Pool', {
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
  });
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
  const server = pool.addResourceServer('Api', { identifier: 'api', scopes: [read] });
  return { app, stack, pool, readScope: cognito.OAuthScope.resourceServer(server, read) };
}

/** A policy-validation plugin that can also check a construct tree without synth, as our pack and cdk-nag 3's can. */
export type ScopePack = IPolicyValidationPlugin & { validateScope(scope: IConstruct): PolicyValidationPluginReport };

/** TokenGuardChecks and cdk-nag's four packs the issue names. */
export function allPacks(): ScopePack[] {
  return [new TokenGuardChecks(), new AwsSolutionsChecks(), new NIST80053R5Checks(), new HIPAASecurityChecks(), new PCIDSS321Checks()];
}

export interface Finding {
  readonly pack: string;
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

/** Every unacknowledged finding of every pack, warnings included (cdk-nag's packs fail synth on warnings too). */
export function packFindings(scope: IConstruct): Finding[] {
  const out: Finding[] = [];
  for (const pack of allPacks()) {
    const report: PolicyValidationPluginReport = pack.validateScope(scope);
    for (const v of report.violations) {
      for (const r of v.violatingResources) {
        out.push({ pack: pack.name, rule: v.ruleName, severity: v.severity ?? 'error', path: r.constructPath ?? r.resourceLogicalId ?? '?' });
      }
    }
  }
  return out;
}

/** The CloudFormation execution role of the default synthesizer, as the guarded secrets' policies name it. */
export const DEPLOYMENT_ROLE = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}' };

/** The actions the guarded secrets deny to everyone but the deployment role and the break-glass role. */
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

/**
 * Asserts the resource policy every guarded secret gets: non-TLS requests denied, public policies blocked, the value
 * (get, put, stage moves) denied to every principal whose ARN is not in `admitted`, and every configuration change
 * (policy, value key, replication, rotation, deletion, tags) denied to every principal but `administrators`, in that
 * order.
 */
export function expectGuardedResourcePolicy(template: Template, secretRef: unknown, admitted: unknown[], administrators: unknown[] = [DEPLOYMENT_ROLE]): void {
  template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
    SecretId: secretRef,
    BlockPublicPolicy: true,
    ResourcePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyWithoutTls', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'secretsmanager:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        {
          Sid: 'DenyValueToAllButAdmitted',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalArn': admitted } },
        },
        {
          Sid: 'DenyChangesToAllButAdministrators',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: MANAGEMENT_ACTIONS,
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalArn': administrators } },
        },
      ],
    },
  });
}
