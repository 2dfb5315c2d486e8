/**
 * TokenGuardHook in its synthesised template: the hook, its function and the execution role CloudFormation assumes
 * (least privilege), the props and their defaults, the policy handed to the function, validation of the props, and
 * the five packs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HookFailureMode, HookTargetOperation, TokenGuardHook, type TokenGuardHookProps } from '../../lib';
import { allPacks, NEWEST_NODE, packFindings, testApp } from './helpers';

function synth(props?: TokenGuardHookProps, app: App = testApp()): { stack: Stack; hook: TokenGuardHook; t: Template } {
  const stack = new Stack(app, 'HookStack');
  const hook = new TokenGuardHook(stack, 'TokenGuard', props);
  return { stack, hook, t: Template.fromStack(stack) };
}

describe('TokenGuardHook', () => {
  it('defaults: stack operations, FAIL, every stack but its own, the default alias and policy', () => {
    const { t } = synth();
    t.resourceCountIs('AWS::CloudFormation::LambdaHook', 1);
    t.hasResourceProperties('AWS::CloudFormation::LambdaHook', {
      Alias: 'Private::TokenGuard::Hook',
      FailureMode: 'FAIL',
      HookStatus: 'ENABLED',
      TargetOperations: ['STACK'],
      LambdaFunction: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TokenGuardHandlerFunction'), 'Arn'] },
      ExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TokenGuardExecutionRole'), 'Arn'] },
      StackFilters: { FilteringCriteria: 'ALL', StackNames: { Exclude: [{ Ref: 'AWS::StackName' }] } },
    });
    const fn = Object.values(t.findResources('AWS::Lambda::Function'))[0] as { Properties: Record<string, unknown> };
    expect(fn.Properties).toMatchObject({ Runtime: NEWEST_NODE, Architectures: ['arm64'], Timeout: 30, MemorySize: 1024, ReservedConcurrentExecutions: 10 });
    const env = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(env.TOKEN_GUARD_FAILURE_MODE).toBe('FAIL');
    expect(JSON.parse(env.TOKEN_GUARD_POLICY)).toMatchObject({ accessTokenMinutes: { warnAbove: 15, errorAbove: 60 }, rules: {} });
  });

  it('the execution role: only the hooks service, only for hooks of this account and region, only invoking this function', () => {
    const { t } = synth();
    const roles = t.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'hooks.cloudformation.amazonaws.com' } }] } } });
    expect(Object.keys(roles)).toHaveLength(1);
    const [roleId, role] = Object.entries(roles)[0] as [string, { Properties: Record<string, unknown> }];
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'hooks.cloudformation.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudformation:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':type/hook/*']] } },
          },
        },
      ],
    });
    expect(role.Properties.Policies).toBeUndefined();
    const policies = Object.values(t.findResources('AWS::IAM::ManagedPolicy')).filter((p) => JSON.stringify(p).includes(roleId)) as { Properties: { PolicyDocument: unknown } }[];
    expect(policies).toHaveLength(1);
    const fnId = Object.keys(t.findResources('AWS::Lambda::Function'))[0];
    expect(policies[0].Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'InvokeTheHookFunction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } }],
    });
  });

  it('the function\'s own role may write its own logs only; the logs are encrypted with their own key', () => {
    const { t } = synth();
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const fnRole = t.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] } } });
    expect(Object.keys(fnRole)).toHaveLength(1);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Sid: 'WriteOwnLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: Match.anyValue() }] },
    });
  });

  it('props: alias, operations, WARN, stack filters, policy (the same object the pack takes)', () => {
    const { t } = synth({
      alias: 'Acme::Security::TokenGuard',
      targetOperations: [HookTargetOperation.STACK, HookTargetOperation.CHANGE_SET, HookTargetOperation.RESOURCE],
      failureMode: HookFailureMode.WARN,
      stackFilters: { excludeStackNames: ['sandbox-*'], includeStackRoles: ['arn:aws:iam::123456789012:role/pipeline-deployer'], filteringCriteria: 'ANY' },
      policy: { refreshTokenDays: { warnAbove: 3 }, rules: { 'TokenGuard-COG9': 'off' } },
    });
    t.hasResourceProperties('AWS::CloudFormation::LambdaHook', {
      Alias: 'Acme::Security::TokenGuard',
      FailureMode: 'WARN',
      TargetOperations: ['STACK', 'CHANGE_SET', 'RESOURCE'],
      StackFilters: {
        FilteringCriteria: 'ANY',
        StackNames: { Exclude: [{ Ref: 'AWS::StackName' }, 'sandbox-*'] },
        StackRoles: { Include: ['arn:aws:iam::123456789012:role/pipeline-deployer'] },
      },
    });
    const fn = Object.values(t.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, string> }; ReservedConcurrentExecutions: number } };
    expect(JSON.parse(fn.Properties.Environment.Variables.TOKEN_GUARD_POLICY)).toMatchObject({ refreshTokenDays: { warnAbove: 3, errorAbove: 30 }, rules: { 'TokenGuard-COG9': 'off' } });
    expect(fn.Properties.Environment.Variables.TOKEN_GUARD_FAILURE_MODE).toBe('WARN');
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(50);
  });

  it('reads the policy from cdk.json context like the other constructs', () => {
    const { hook } = synth({}, testApp({ context: { 'cdk-token-guard:policy': { accessTokenMinutes: { warnAbove: 10 } } } }));
    expect(hook.policy.accessTokenMinutes).toEqual({ warnAbove: 10, errorAbove: 60 });
  });

  it('excludeOwnStack: false runs the hook on its own stack too', () => {
    const { t } = synth({ stackFilters: { excludeOwnStack: false, includeStackNames: ['prod-*'] } });
    t.hasResourceProperties('AWS::CloudFormation::LambdaHook', { StackFilters: { FilteringCriteria: 'ALL', StackNames: { Include: ['prod-*'] } } });
  });

  it.each([
    [{ alias: 'AWS::Token::Guard' }, /alias: "AWS::Token::Guard" must be Name1::Name2::Name3/],
    [{ alias: 'TokenGuard' }, /alias: "TokenGuard" must be/],
    [{ targetOperations: [] }, /targetOperations: name at least one operation/],
    [{ stackFilters: { excludeStackNames: ['my_stack'] } }, /stackFilters.excludeStackNames: "my_stack" is not a stack name/],
    [{ stackFilters: { includeStackRoles: ['deployer'] } }, /stackFilters.includeStackRoles: "deployer" is not an IAM role ARN/],
    [{ stackFilters: { includeStackNames: Array.from({ length: 51 }, (_, i) => `s${i}`) } }, /at most 50 entries/],
    [{ policy: { accessTokenMinutes: { errorAbove: 100000 } } }, /accessTokenMinutes.errorAbove must be a number of minutes/],
  ] as [TokenGuardHookProps, RegExp][])('refuses %j at synth', (props, why) => {
    expect(() => synth(props)).toThrow(why);
  });

  it('passes TokenGuardChecks and cdk-nag\'s AwsSolutions, NIST 800-53 R5, HIPAA and PCI packs, with every option on', () => {
    const app = testApp();
    const stack = new Stack(app, 'HookStack');
    new TokenGuardHook(stack, 'TokenGuard', { targetOperations: [HookTargetOperation.STACK, HookTargetOperation.RESOURCE, HookTargetOperation.CHANGE_SET] });
    expect(packFindings(app)).toEqual([]);
  });

  it('end to end: synth with the five packs registered succeeds, and the bundled function is the hook handler', () => {
    const app = testApp();
    synth({}, app);
    Validations.of(app).addPlugins(...allPacks());
    const assembly = app.synth();
    const template = assembly.getStackByName('HookStack').template as { Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }> };
    const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
    const bundle = fs.readFileSync(path.join(assembly.directory, `asset.${String(fn.Properties.Code?.S3Key).replace(/\.zip$/, '')}`, 'index.js'), 'utf8');
    expect(bundle).toContain('TOKEN_GUARD_FAILURE_MODE');
    expect(bundle).toContain('X-Amz-Signature');
  });
});
