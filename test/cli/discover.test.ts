import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover, loadInput, looksLikeTemplate } from '../../bin/cli/discover';
import { MINIMAL_JSON, MINIMAL_YAML, tempDir, write } from './helpers';

describe('discover', () => {
  const tmp = tempDir();
  const root = path.join(tmp.dir, 'repo');
  const rel = (p: string) => path.relative(root, p);

  beforeAll(() => {
    write(root, 'stack.json', MINIMAL_JSON);
    write(root, 'sam.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources: {}\n');
    write(root, 'b/one.yml', MINIMAL_YAML);
    write(root, 'b/legacy.template', MINIMAL_JSON);
    write(root, 'b/c/deep.yaml', MINIMAL_YAML);
    write(root, 'b/broken.yaml', 'Resources:\n  A: [unclosed\n'); // looks like a template: loading will say what is wrong
    write(root, 'package.json', '{"name": "x", "version": "1.0.0"}');
    write(root, 'config.yaml', 'name: not a template\n');
    write(root, 'appspec.yaml', 'version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n'); // CodeDeploy's
    write(root, 'README.md', '# Resources:\n');
    write(root, 'empty.yaml', '');
    write(root, 'image.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    write(root, 'node_modules/pkg/template.yaml', MINIMAL_YAML);
    write(root, '.aws-sam/build/template.yaml', MINIMAL_YAML);
    // A web app manifest is not a CDK manifest: its directory is searched normally.
    write(root, 'web/manifest.json', '{"name": "app", "version": "1.0"}');
    write(root, 'web/site.template', MINIMAL_JSON);
    // A cloud assembly is one input and is not searched file by file.
    write(
      root,
      'infra/cdk.out/manifest.json',
      '{"version": "55.0.0", "artifacts": {"Stack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Stack.template.json"}}}}',
    );
    write(root, 'infra/cdk.out/Stack.template.json', MINIMAL_JSON);
    fs.symlinkSync(root, path.join(root, 'b', 'loop'));
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling.json'));
  });
  afterAll(() => tmp.cleanup());

  it('finds templates and cloud assemblies, in name order, each once', () => {
    const result = discover([root]);
    expect(result.inputs.map((i) => [i.kind, rel(i.path)])).toEqual([
      ['template', 'sam.yaml'],
      ['template', 'stack.json'],
      ['template', path.join('b', 'broken.yaml')],
      ['template', path.join('b', 'legacy.template')],
      ['template', path.join('b', 'one.yml')],
      ['template', path.join('b', 'c', 'deep.yaml')],
      ['cloud-assembly', path.join('infra', 'cdk.out')],
      ['template', path.join('web', 'site.template')],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]); // not verbose
    expect(result.skippedCount).toBe(11);
  });

  it('says why each other file or directory was skipped, when verbose', () => {
    const result = discover([root], { verbose: true });
    expect(Object.fromEntries(result.skipped.map((s) => [rel(s.path), s.reason]))).toEqual({
      '.aws-sam': 'hidden directory',
      'README.md': 'not a template file extension (.md)',
      'appspec.yaml': 'no Resources mapping, AWSTemplateFormatVersion or Transform section in the first 1 MiB',
      'config.yaml': 'no Resources mapping, AWSTemplateFormatVersion or Transform section in the first 1 MiB',
      'dangling.json': 'broken symbolic link',
      'empty.yaml': 'empty file',
      'image.json': 'binary file',
      node_modules: 'node_modules is never searched',
      'package.json': 'no Resources mapping, AWSTemplateFormatVersion or Transform section in the first 1 MiB',
      [path.join('b', 'loop')]: 'directory already searched (a symbolic link loop or a repeated path)',
      [path.join('web', 'manifest.json')]: 'no Resources mapping, AWSTemplateFormatVersion or Transform section in the first 1 MiB',
    });
  });

  it('takes files named on the command line as they are, and reports missing paths', () => {
    const result = discover([path.join(root, 'package.json'), path.join(root, 'missing.yaml'), path.join(root, 'package.json')]);
    expect(result.inputs.map((i) => [i.kind, rel(i.path), i.explicit])).toEqual([['template', 'package.json', true]]);
    expect(result.errors.map((e) => e.message)).toEqual([`${path.join(root, 'missing.yaml')}: no such file or directory`]);
  });

  it('reports a directory without templates and a cdk.out without a manifest', () => {
    const empty = path.join(tmp.dir, 'nothing-here');
    write(empty, 'notes.txt', 'hello');
    const cdkOut = path.join(tmp.dir, 'app', 'cdk.out');
    write(cdkOut, 'Stack.template.json', MINIMAL_JSON);
    const result = discover([empty, cdkOut]);
    expect(result.inputs).toEqual([]);
    expect(result.errors.map((e) => [e.code, e.message])).toEqual([
      ['no-templates', `${empty}: no CloudFormation templates or cloud assemblies found in this directory (1 entry skipped; --verbose lists them)`],
      ['cloud-assembly', `${cdkOut}: no manifest.json: not a CDK cloud assembly (did cdk synth finish?)`],
    ]);
  });

  it('loads every input; one bad file does not stop the others', () => {
    const loaded = discover([root]).inputs.map((input) => loadInput(input));
    expect(loaded.map((l) => [rel(l.input.path), l.templates.length, l.errors.map((e) => e.reason)])).toEqual([
      ['sam.yaml', 1, []],
      ['stack.json', 1, []],
      [path.join('b', 'broken.yaml'), 0, ['malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
      [path.join('b', 'legacy.template'), 1, []],
      [path.join('b', 'one.yml'), 1, []],
      [path.join('b', 'c', 'deep.yaml'), 1, []],
      [path.join('infra', 'cdk.out'), 1, []],
      [path.join('web', 'site.template'), 1, []],
    ]);
  });
});

describe('looksLikeTemplate', () => {
  it.each([
    ['Resources:\n  A: {}', true],
    ['"Resources": {}', true],
    ["AWSTemplateFormatVersion: '2010-09-09'", true],
    ['Transform: AWS::Serverless-2016-10-31', true],
    ['{"AWSTemplateFormatVersion": "2010-09-09"}', true],
    ['{\n  "Resources" : {}}', true],
    ['  Resources: indented, so not top level', false],
    ['name: x\nversion: 2', false],
    ['{"name": "Resources"}', false],
    // A CodeDeploy AppSpec (ECS and Lambda deployments) lists its Resources: not a template.
    ['version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service', false],
    ['version: 0.0\r\nResources:\r\n- myLambdaFunction:\r\n    Type: AWS::Lambda::Function', false],
    ['Resources: [{TargetService: {Type: AWS::ECS::Service}}]', false],
    ['{"version": 0.0, "Resources": [{"TargetService": {"Type": "AWS::ECS::Service"}}]}', false],
    // A template whose Resources mapping starts after a blank line or a comment line, or that declares itself, is one.
    ['Resources:\n\n  Topic:\n    Type: AWS::SNS::Topic', true],
    ['Resources:\n  # the queue\n  Queue: {Type: AWS::SQS::Queue}', true],
    ['AWSTemplateFormatVersion: 2010-09-09\nResources:\n  - odd', true],
    ['{"Backup": {"Resources": ["arn:aws:s3:::b"]}, "Resources": {"Plan": {}}}', true],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeTemplate(text)).toBe(expected);
  });
});
