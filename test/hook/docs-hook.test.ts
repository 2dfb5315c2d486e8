/**
 * docs/hook.md's TypeScript example is a complete file that type-checks under the project's options and synthesises
 * with the five packs registered (with `cdk-token-guard` pointing at lib/), and the StackSet it makes carries the hook
 * stack's template, whose function code comes from the per-region asset buckets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const doc = fs.readFileSync(path.join(ROOT, 'docs', 'hook.md'), 'utf8');
const examples = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/hook.md', () => {
  const dir = path.join(ROOT, '.tmp', `hook-doc-${process.pid}`);
  const file = path.join(dir, 'example.ts');
  const cwd = process.cwd();
  beforeAll(() => {
    fs.mkdirSync(dir, { recursive: true });
    const lib = path.relative(dir, path.join(ROOT, 'lib')).split(path.sep).join('/');
    fs.writeFileSync(file, examples[0].replace(/from 'cdk-token-guard'/g, `from '${lib}'`));
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has one TypeScript example, which type-checks', () => {
    expect(examples).toHaveLength(1);
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const program = ts.createProgram([file], { ...config.options, noEmit: true });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  }, 60_000);

  it('synthesises with the five packs (bundling included), and the StackSet deploys the hook template', () => {
    process.chdir(dir); // the example writes cdk.out/hook where it runs; the CDK CLI would set CDK_OUTDIR for the rest
    process.env.CDK_OUTDIR = path.join(dir, 'cdk.out');
    try {
      jest.isolateModules(() => jest.requireActual(file));
    } finally {
      delete process.env.CDK_OUTDIR;
    }
    const rollout = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'TokenGuardOrgRollout.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const stackSet = Object.values(rollout.Resources).find((r) => r.Type === 'AWS::CloudFormation::StackSet')!;
    expect(stackSet.Properties).toMatchObject({ PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true }, Capabilities: ['CAPABILITY_IAM'] });
    const body = stackSet.Properties.TemplateBody as string;
    expect(body.length).toBeLessThan(51_200); // CloudFormation's limit for a template body
    const hook = JSON.parse(body) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const types = Object.values(hook.Resources).map((r) => r.Type);
    expect(types).toEqual(expect.arrayContaining(['AWS::CloudFormation::LambdaHook', 'AWS::Lambda::Function', 'AWS::IAM::Role']));
    const fn = Object.values(hook.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
    expect(fn.Properties.Code).toMatchObject({ S3Bucket: { 'Fn::Sub': 'tokenguard-hook-assets-${AWS::Region}' }, S3Key: expect.stringMatching(/^hook\/[0-9a-f]{64}\.zip$/) });
    expect(Object.values(hook.Resources).find((r) => r.Type === 'AWS::CloudFormation::LambdaHook')!.Properties.FailureMode).toBe('WARN');
  }, 60_000);
});
