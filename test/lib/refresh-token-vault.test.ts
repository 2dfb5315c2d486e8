import { CliCredentialsStackSynthesizer, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DelegatedClient } from '../../lib/delegated-client';
import { TokenGuardValidationError } from '../../lib/internal/policy';
import { EMPTY_VAULT_VALUE, RefreshTokenVault, RefreshTokenVaultProps } from '../../lib/refresh-token-vault';
import { MATERIAL_TAG_KEY } from '../../rules/engine/material';
import { DEPLOYMENT_ROLE, expectGuardedResourcePolicy, MANAGEMENT_ACTIONS, NEWEST_NODE, poolStack, testApp } from './helpers';

const logicalId = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

function vaultStack(props: Partial<RefreshTokenVaultProps> = {}, refreshTokenValidity?: Duration, context?: Record<string, unknown>) {
  const { stack, pool } = poolStack(testApp(context ? { context } : {}));
  const client = new DelegatedClient(stack, 'Integration', { userPool: pool, callbackUrls: ['https://app.example.com/cb'], refreshTokenValidity });
  const vault = new RefreshTokenVault(stack, 'Vault', { client, ...props });
  return { stack, client, vault };
}

// One synthesised stack for the template assertions.
const shared = (() => {
  const { stack, pool } = poolStack();
  const client = new DelegatedClient(stack, 'Integration', { userPool: pool, callbackUrls: ['https://app.example.com/cb'] });
  const broker = new iam.Role(stack, 'Broker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const auditor = new iam.Role(stack, 'Auditor', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const vault = new RefreshTokenVault(stack, 'Vault', { client, readers: [auditor] });
  vault.grantReadWrite(broker);
  return { stack, vault, broker, auditor, template: Template.fromStack(stack) };
})();

describe('RefreshTokenVault: what it deploys', () => {
  const { stack, vault, broker, auditor, template } = shared;
  const secretRef = { Ref: logicalId(stack, vault.secret) };
  const keyArn = { 'Fn::GetAtt': [logicalId(stack, vault.encryptionKey), 'Arn'] };
  const arnOf = (c: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [logicalId(stack, c), 'Arn'] });

  test('a secret with its own KMS key (rotation on), created empty, tagged as refresh-token material', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Tags: Match.arrayWith([{ Key: MATERIAL_TAG_KEY, Value: 'refresh-token' }]) });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: keyArn,
      SecretString: EMPTY_VAULT_VALUE,
      Tags: Match.arrayWith([{ Key: MATERIAL_TAG_KEY, Value: 'refresh-token' }]),
    });
    expect(JSON.parse(EMPTY_VAULT_VALUE)).toEqual({ refreshToken: '' });
  });

  test('resource policy: only the rotator and the named principals get the value; non-TLS denied', () => {
    expectGuardedResourcePolicy(template, secretRef, [arnOf(vault.rotator.role!), arnOf(auditor), arnOf(broker)]);
  });

  test('administrators cannot quietly open it: every action that reads, replaces, re-keys, replicates, re-permissions, rotates elsewhere, deletes or re-tags is denied to all but the admitted roles (value) or the deployment role (configuration)', () => {
    const statements = Object.values(template.findResources('AWS::SecretsManager::ResourcePolicy'))[0]?.Properties.ResourcePolicy.Statement as Record<string, unknown>[];
    const deniedTo = (action: string) =>
      statements.filter((st) => st.Effect === 'Deny' && st.Principal && (st.Principal as { AWS?: unknown }).AWS === '*' && ([] as unknown[]).concat(st.Action).includes(action)).map((st) => st.Condition ?? 'everyone');
    const everyoneBut = (principals: unknown[]) => ({ StringNotEquals: { 'aws:PrincipalArn': principals } });
    const admitted = everyoneBut([arnOf(vault.rotator.role!), arnOf(auditor), arnOf(broker)]);
    for (const action of ['GetSecretValue', 'PutSecretValue', 'UpdateSecretVersionStage']) expect(deniedTo(`secretsmanager:${action}`)).toEqual([admitted]);
    for (const action of MANAGEMENT_ACTIONS) {
      expect(deniedTo(action)).toEqual([everyoneBut([DEPLOYMENT_ROLE])]);
    }
    // No allow statement in the resource policy (access is granted by identity policies, never opened here).
    expect(statements.filter((st) => st.Effect !== 'Deny')).toEqual([]);
  });

  test('the key is usable only through Secrets Manager: the account administers it but no statement lets anyone decrypt directly or grant itself use', () => {
    const key = Object.values(template.findResources('AWS::KMS::Key')).find((k) => JSON.stringify(k.Properties.Tags ?? []).includes('refresh-token'));
    const statements = key?.Properties.KeyPolicy.Statement as { Sid?: string; Action: string | string[]; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown }[];
    const actions = (st: (typeof statements)[number]) => ([] as string[]).concat(st.Action);
    expect(statements.some((st) => actions(st).some((a) => a === 'kms:*'))).toBe(false);
    const use = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant'];
    for (const st of statements.filter((x) => actions(x).some((a) => use.includes(a)))) {
      const via = st.Condition?.StringEquals?.['kms:ViaService'] ?? st.Condition?.StringLike?.['kms:ViaService'];
      // Secrets Manager for the secret; CloudWatch Logs (as the service itself) for the rotators' log groups only.
      if (JSON.stringify(st.Principal).includes('logs.')) expect(JSON.stringify(st.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
      else expect(JSON.stringify(via)).toContain('secretsmanager.');
    }
    expect(statements.find((st) => st.Sid === 'KeyAdministration')).toBeDefined();
  });

  test('a break-glass role is the one exception to both denials', () => {
    const { stack, pool } = poolStack();
    const client = new DelegatedClient(stack, 'Integration', { userPool: pool, callbackUrls: ['https://app.example.com/cb'] });
    const glass = new iam.Role(stack, 'BreakGlass', { assumedBy: new iam.AccountRootPrincipal() });
    const v = new RefreshTokenVault(stack, 'Vault', { client, breakGlassRole: glass });
    const t = Template.fromStack(stack);
    const glassArn = { 'Fn::GetAtt': [logicalId(stack, glass), 'Arn'] };
    expectGuardedResourcePolicy(t, { Ref: logicalId(stack, v.secret) }, [{ 'Fn::GetAtt': [logicalId(stack, v.rotator.role!), 'Arn'] }, glassArn], [DEPLOYMENT_ROLE, glassArn]);
  });

  test('readers read; the broker (grantReadWrite) also writes; both decrypt through Secrets Manager only', () => {
    const policyFor = (role: iam.Role) =>
      Object.values(template.findResources('AWS::IAM::ManagedPolicy')).find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalId(stack, role) }]));
    expect(policyFor(auditor)?.Properties.PolicyDocument.Statement).toEqual([
      { Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: secretRef },
      { Action: 'kms:Decrypt', Effect: 'Allow', Resource: keyArn, Condition: { StringEquals: expect.objectContaining({ 'kms:EncryptionContext:SecretARN': secretRef }) } },
    ]);
    expect(policyFor(broker)?.Properties.PolicyDocument.Statement[0].Action).toEqual([
      'secretsmanager:GetSecretValue',
      'secretsmanager:DescribeSecret',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
  });

  test('rotation every quarter of the 7-day refresh-token lifetime (42 hours), by the default rotator', () => {
    expect(vault.rotationInterval.toHours()).toBe(42);
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: secretRef,
      RotationLambdaARN: arnOf(vault.rotator),
      RotationRules: { ScheduleExpression: 'rate(42 hours)' },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'secretsmanager.amazonaws.com',
      FunctionName: arnOf(vault.rotator),
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  test('the default rotator: the newest Node.js, ARM64, one execution, encrypted logs kept a year, no Cognito permissions', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: NEWEST_NODE,
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 1,
      Environment: { Variables: Match.objectLike({ SECRET_ARN: secretRef }) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: keyArn, LogGroupName: Match.stringLikeRegexp(`^${vault.logGroupPrefix}default-rotator$`) });
    expect(JSON.stringify(template.toJSON())).not.toContain('cognito-idp:');
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

test('a stack whose synthesizer names no CloudFormation execution role needs a break-glass role, or nothing could change the vault', () => {
  const app = testApp();
  const stack = new Stack(app, 'Legacy', { synthesizer: new CliCredentialsStackSynthesizer() });
  const pool = new cognito.UserPool(stack, 'Pool');
  const client = new DelegatedClient(stack, 'Integration', { userPool: pool, callbackUrls: ['https://app.example.com/cb'] });
  expect(() => new RefreshTokenVault(stack, 'Vault', { client })).toThrow(/breakGlassRole: the stack's synthesizer names no CloudFormation execution role/);
  const deployer = iam.Role.fromRoleArn(stack, 'Deployer', 'arn:aws:iam::123456789012:role/deployer');
  const v = new RefreshTokenVault(stack, 'Vault2', { client, breakGlassRole: deployer });
  expect(v.administrators).toEqual(['arn:aws:iam::123456789012:role/deployer']);
});

describe('RefreshTokenVault: attaching the broker’s rotator', () => {
  test('replaces the default rotator, its permission, policy and resource-policy entry; keeps the interval', () => {
    const { stack, vault } = vaultStack();
    const fn = new lambda.Function(stack, 'BrokerRotator', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    vault.attachRotator(fn);
    expect(vault.rotator).toBe(fn);
    const template = Template.fromStack(stack);
    const fnArn = { 'Fn::GetAtt': [logicalId(stack, fn), 'Arn'] };
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationLambdaARN: fnArn, RotationRules: { ScheduleExpression: 'rate(42 hours)' } });
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: fnArn, SourceAccount: { Ref: 'AWS::AccountId' } });
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Condition: { StringNotEquals: { 'aws:PrincipalArn': [{ 'Fn::GetAtt': [logicalId(stack, fn.role!), 'Arn'] }] } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: logicalId(stack, fn.role!) }] });
    expect(() => vault.attachRotator(fn)).toThrow(/a rotator is already attached/);
  });
});

describe('RefreshTokenVault: the rotation interval follows the grant', () => {
  test.each<[string, string, Duration]>([
    ['8 hours', 'rate(4 hours)', Duration.hours(8)],
    ['1 day', 'rate(6 hours)', Duration.days(1)],
    ['30 days', 'rate(180 hours)', Duration.days(30)],
  ])('a %s refresh token is rotated at %s', (_name, expression, lifetime) => {
    const { stack } = vaultStack({}, lifetime);
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: expression } });
  });

  test('never beyond the policy’s rotation target', () => {
    const { vault } = vaultStack({ policy: { secretRotationDays: { warnAbove: 1 } } }, Duration.days(30));
    expect(vault.rotationInterval.toHours()).toBe(24);
  });

  test('an explicit interval is accepted up to half the lifetime', () => {
    const { vault } = vaultStack({ rotationInterval: Duration.days(3) });
    expect(vault.rotationInterval.toDays()).toBe(3);
  });

  test.each<[string, Partial<RefreshTokenVaultProps>, Duration | undefined, string]>([
    ['over half the lifetime', { rotationInterval: Duration.days(4) }, undefined, 'RefreshTokenVault rotationInterval: 4 days is not well before the refresh-token lifetime of 7 days (at most half: 3 days 12 hours)'],
    ['under 4 hours', { rotationInterval: Duration.hours(3) }, undefined, 'RefreshTokenVault rotationInterval: must be a whole number of hours, at least 4; received 3 hours'],
    ['a lifetime too short to rotate', {}, Duration.hours(6), "RefreshTokenVault rotationInterval: the client's refresh-token lifetime of 6 hours is too short to rotate well before expiry"],
  ])('%s fails at synth', (_name, props, lifetime, message) => {
    expect(() => vaultStack(props, lifetime)).toThrow(TokenGuardValidationError);
    expect(() => vaultStack(props, lifetime)).toThrow(message);
  });

  test('above the policy target: a warning naming the setting', () => {
    const { stack } = vaultStack({ rotationInterval: Duration.days(7), policy: { secretRotationDays: { warnAbove: 5 } } }, Duration.days(20));
    Annotations.fromStack(stack).hasWarning('/Stack/Vault', Match.stringLikeRegexp('rotationInterval: 7 days is above the policy target of 5 days \\(secretRotationDays.warnAbove\\)'));
  });
});
