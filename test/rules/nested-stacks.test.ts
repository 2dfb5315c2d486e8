import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { loadCloudAssembly } from '../../bin/cli/cloud-assembly';
import { MAX_NESTED_STACKS, nestedStackResources, withNestedStacks, type StackTemplate } from '../../rules/nested-stacks';

describe('withNestedStacks', () => {
  /** A tree of template files: parent file → the nested template file names it records. */
  const tree: Record<string, string[]> = {
    '/out/Top.template.json': ['A.nested.template.json', 'B.nested.template.json'],
    '/out/A.nested.template.json': ['A1.nested.template.json', 'B.nested.template.json'],
    '/out/B.nested.template.json': [],
    '/out/A1.nested.template.json': ['Missing.nested.template.json'],
  };
  const nestedOf = (parent: StackTemplate<string>) => (tree[parent.file] ?? []).map((templateFile) => ({ templateFile, open: (file: string) => (tree[file] ? path.basename(file) : undefined) }));

  it('gives parents before their nested stacks, each template file once, resolved next to its parent', () => {
    const found = withNestedStacks({ file: '/out/Top.template.json', item: 'Top' }, nestedOf);
    expect(found.map((s) => s.file)).toEqual(['/out/Top.template.json', '/out/A.nested.template.json', '/out/B.nested.template.json', '/out/A1.nested.template.json']);
    expect(found.map((s) => s.item)).toEqual(['Top', 'A.nested.template.json', 'B.nested.template.json', 'A1.nested.template.json']);
  });

  it(`follows at most ${MAX_NESTED_STACKS} nested stacks, and says so once`, () => {
    let told = 0;
    const wide = () => Array.from({ length: MAX_NESTED_STACKS + 5 }, (_, i) => ({ templateFile: `N${i}.json`, open: () => 'n' }));
    const found = withNestedStacks({ file: '/out/Top.json', item: 'Top' }, (parent) => (parent.item === 'Top' ? wide() : []), () => told++);
    expect(found).toHaveLength(MAX_NESTED_STACKS + 1);
    expect(told).toBe(1);
  });
});

describe('nestedStackResources', () => {
  it('reads the nested stacks CDK records in a template, and nothing else', () => {
    expect(
      nestedStackResources({
        Resources: {
          Inner: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'TopInner.nested.template.json', 'aws:cdk:path': 'Top/Inner.NestedStack/Inner.NestedStackResource' } },
          Plain: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/t.yaml' } },
          Yaml: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'other.yaml' } },
          Topic: { Type: 'AWS::SNS::Topic', Metadata: { 'aws:asset:path': 'x.json' } },
        },
      }),
    ).toEqual([{ logicalId: 'Inner', templateFile: 'TopInner.nested.template.json', cdkPath: 'Top/Inner.NestedStack/Inner.NestedStackResource' }]);
  });
});

describe('both front doors find the same nested stacks', () => {
  it('the construct tree (the pack) and the cloud assembly (the CLI), two levels deep', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-nested-'));
    try {
      const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
      const top = new Stack(app, 'Top');
      const inner = new NestedStack(top, 'Inner');
      const deeper = new NestedStack(inner, 'Deeper');
      const sibling = new NestedStack(top, 'Sibling');
      for (const scope of [top, inner, deeper, sibling]) new sns.Topic(scope, 'Topic');
      const assembly = app.synth();
      const topFile = assembly.getStackByName('Top').templateFullPath;

      // As the pack walks them: each nested stack's parent in the construct tree.
      const stacks = [inner, deeper, sibling];
      const fromTree = withNestedStacks<Stack>({ file: topFile, item: top }, (parent) =>
        stacks.filter((s) => (s as NestedStack).nestedStackParent === parent.item).map((s) => ({ templateFile: (s as NestedStack).templateFile, open: () => s })),
      );
      // As the CLI walks them: from the templates.
      const cli = loadCloudAssembly(outdir);
      expect(cli.errors).toEqual([]);
      expect(cli.templates.map((t) => path.resolve(t.file)).sort()).toEqual(fromTree.map((s) => path.resolve(s.file)).sort());
      expect(fromTree.map((s) => s.item.node.path)).toEqual(['Top', 'Top/Inner', 'Top/Sibling', 'Top/Inner/Deeper']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
