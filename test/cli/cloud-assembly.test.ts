import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, CfnOutput, CfnResource, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { isCloudAssemblyDir, loadCloudAssembly, type AssemblyTemplate } from '../../bin/cli/cloud-assembly';
import { expectInputError, tempDir, write } from './helpers';

/**
 * A small app with every shape of assembly we read: a top-level stack with a nested stack inside a
 * nested stack, and a stage (nested assembly) holding a stack and another stage.
 */
function synth(outdir: string, cliLikeMetadata: boolean): void {
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: cliLikeMetadata ? { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } : {},
  });
  const top = new Stack(app, 'Top');
  new CfnResource(top, 'Client', { type: 'AWS::Cognito::UserPoolClient', properties: { UserPoolId: 'p' } });
  new CfnOutput(top, 'Out', { value: 'x' });
  const inner = new NestedStack(top, 'Inner');
  new CfnResource(inner, 'Secret', { type: 'AWS::SecretsManager::Secret' });
  const inner2 = new NestedStack(inner, 'Inner2');
  new CfnResource(inner2, 'Raw', { type: 'AWS::SNS::Topic' });

  const prod = new Stage(app, 'Prod');
  const svc = new Stack(prod, 'Svc');
  new CfnResource(svc, 'Fn', { type: 'AWS::Lambda::Function' });
  const canary = new Stage(prod, 'Canary');
  new CfnResource(new Stack(canary, 'Probe'), 'Topic', { type: 'AWS::SNS::Topic' });
  app.synth();
}

const byName = (templates: AssemblyTemplate[]) => new Map(templates.map((t) => [t.displayName, t]));

describe('loadCloudAssembly on a synthesised cdk.out', () => {
  const tmp = tempDir();
  const cliOut = path.join(tmp.dir, 'cli', 'cdk.out');
  const plainOut = path.join(tmp.dir, 'plain', 'cdk.out');

  beforeAll(() => {
    synth(cliOut, true);
    synth(plainOut, false);
  });
  afterAll(() => tmp.cleanup());

  it('returns every stack, nested stack and stage stack, stacks before their nested stacks', () => {
    const result = loadCloudAssembly(cliOut);
    expect(result.errors).toEqual([]);
    expect(result.templates.map((t) => [t.kind, t.displayName])).toEqual([
      ['stack', 'Top'],
      ['nested-stack', 'Top/Inner'],
      ['nested-stack', 'Top/Inner/Inner2'],
      ['stack', 'Prod/Svc'],
      ['stack', 'Prod/Canary/Probe'],
    ]);
    const templates = byName(result.templates);
    expect(templates.get('Prod/Svc')!.stackName).toBe('Prod-Svc');
    expect(templates.get('Prod/Canary/Probe')!.assemblyDir).toBe(path.join(cliOut, 'assembly-Prod', 'assembly-Prod-Canary'));
    for (const template of result.templates) {
      expect(template.format).toBe('json');
      expect(Object.keys(template.template.Resources).length).toBeGreaterThan(0);
    }
  });

  it('links nested stacks to the AWS::CloudFormation::Stack resource that deploys them', () => {
    const templates = byName(loadCloudAssembly(cliOut).templates);
    const top = templates.get('Top')!;
    const inner = templates.get('Top/Inner')!;
    const inner2 = templates.get('Top/Inner/Inner2')!;
    expect(inner.parent?.file).toBe(top.file);
    expect(top.template.Resources[inner.parent!.logicalId!]).toMatchObject({ Type: 'AWS::CloudFormation::Stack' });
    expect(inner2.parent?.file).toBe(inner.file);
    expect(inner.template.Resources[inner2.parent!.logicalId!]).toMatchObject({ Type: 'AWS::CloudFormation::Stack' });
    expect(inner.constructPath).toBe('Top/Inner');
    expect(inner2.artifactId).toBe('Top');
  });

  it('maps every logical ID to its construct path, without the leading slash', () => {
    const templates = byName(loadCloudAssembly(cliOut).templates);
    const paths = (name: string) => Object.fromEntries(templates.get(name)!.constructPaths);
    expect(Object.values(paths('Top'))).toEqual(expect.arrayContaining(['Top/Client', 'Top/Out', 'Top/Inner.NestedStack/Inner.NestedStackResource']));
    expect(Object.values(paths('Top/Inner'))).toEqual(expect.arrayContaining(['Top/Inner/Secret', 'Top/Inner/Inner2.NestedStack/Inner2.NestedStackResource']));
    expect(Object.values(paths('Top/Inner/Inner2'))).toEqual(['Top/Inner/Inner2/Raw']);
    expect(Object.values(paths('Prod/Canary/Probe'))).toEqual(expect.arrayContaining(['Prod/Canary/Probe/Topic']));
    // Every resource's own aws:cdk:path agrees with the map.
    for (const template of templates.values()) {
      for (const [logicalId, resource] of Object.entries(template.template.Resources)) {
        const cdkPath = (resource as { Metadata?: Record<string, string> }).Metadata?.['aws:cdk:path'];
        expect(template.constructPaths.get(logicalId)).toBe(cdkPath);
      }
    }
  });

  it('gives the same answer from the manifest alone, without path and asset metadata in the templates', () => {
    const cli = loadCloudAssembly(cliOut);
    const plain = loadCloudAssembly(plainOut);
    expect(plain.errors).toEqual([]);
    const summary = (result: typeof cli) =>
      result.templates.map((t) => ({
        kind: t.kind,
        displayName: t.displayName,
        constructPath: t.constructPath,
        parentLogicalId: t.parent?.logicalId,
        parentFile: t.parent && path.basename(t.parent.file),
        constructPaths: Object.fromEntries(t.constructPaths),
      }));
    const plainSummary = summary(plain);
    expect(plainSummary).toEqual(summary(cli));
    // ...and the plain templates really have no resource metadata to lean on.
    expect(JSON.stringify(plain.templates.map((t) => t.template))).not.toContain('aws:cdk:path');
  });

  it('recognises assemblies by their manifest', () => {
    expect(isCloudAssemblyDir(cliOut, 1e6)).toBe(true);
    expect(isCloudAssemblyDir(path.join(cliOut, 'assembly-Prod'), 1e6)).toBe(true);
    expect(isCloudAssemblyDir(tmp.dir, 1e6)).toBe(false);
  });

  describe('broken assemblies', () => {
    const copy = (name: string) => {
      const target = path.join(tmp.dir, 'broken', name, 'cdk.out');
      fs.cpSync(cliOut, target, { recursive: true });
      return target;
    };
    interface Manifest {
      artifacts: Record<string, { properties: Record<string, unknown> }>;
    }
    const editManifest = (dir: string, edit: (manifest: Manifest) => void) => {
      const file = path.join(dir, 'manifest.json');
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
      edit(manifest);
      fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
    };

    it('a template the manifest names is missing: that one is an error, everything else loads', () => {
      const dir = copy('missing-template');
      fs.rmSync(path.join(dir, 'Top.template.json'));
      const result = loadCloudAssembly(dir);
      // Its nested stacks are still audited, as templates no stack claims.
      expect(result.templates.map((t) => t.displayName)).toEqual(['TopInnerB4E0D425', 'TopInnerInner26F036517', 'Prod/Svc', 'Prod/Canary/Probe']);
      expect(result.errors.map((e) => e.message)).toEqual([
        `${path.join(dir, 'Top.template.json')}: no such file or directory (it is the templateFile of stack artifact "Top" in ${path.join(dir, 'manifest.json')})`,
      ]);
    });

    it('a nested stack template is missing', () => {
      const dir = copy('missing-nested');
      const nested = fs.readdirSync(dir).find((f) => f.startsWith('TopInnerInner2'))!;
      fs.rmSync(path.join(dir, nested));
      const result = loadCloudAssembly(dir);
      expect(result.templates.map((t) => t.displayName)).toEqual(['Top', 'Top/Inner', 'Prod/Svc', 'Prod/Canary/Probe']);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].file).toBe(path.join(dir, nested));
    });

    it('a stage directory is missing', () => {
      const dir = copy('missing-stage');
      fs.rmSync(path.join(dir, 'assembly-Prod'), { recursive: true });
      const result = loadCloudAssembly(dir);
      expect(result.templates.map((t) => t.displayName)).toEqual(['Top', 'Top/Inner', 'Top/Inner/Inner2']);
      expect(result.errors.map((e) => e.message)).toEqual([
        `${path.join(dir, 'assembly-Prod')}: no such file or directory (it is the directory of nested assembly "assembly-Prod" in ${path.join(dir, 'manifest.json')})`,
      ]);
    });

    it('names that leave the assembly directory are refused', () => {
      const dir = copy('escape');
      write(path.dirname(dir), 'outside.template.json', '{"Resources": {}}');
      editManifest(dir, (m) => {
        m.artifacts.Top.properties.templateFile = '../outside.template.json';
      });
      const result = loadCloudAssembly(dir);
      expect(result.errors.map((e) => e.reason)).toEqual([
        `stack artifact "Top"'s templateFile points outside the assembly directory ("../outside.template.json"); refusing to read it`,
      ]);
    });

    it('symbolic links that leave the assembly directory are refused', () => {
      const dir = copy('escape-link');
      const outside = write(path.dirname(dir), 'outside.template.json', '{"Resources": {}}');
      fs.rmSync(path.join(dir, 'Top.template.json'));
      fs.symlinkSync(outside, path.join(dir, 'Top.template.json'));
      expect(loadCloudAssembly(dir).errors.map((e) => e.reason)).toEqual([
        `stack artifact "Top"'s templateFile ("Top.template.json") is a link to outside the assembly directory; refusing to read it`,
      ]);
    });

    it('nested stack templates no stack claims are still audited', () => {
      // As an older CDK without aws:cdk:templateFile metadata, and with asset metadata off, writes them.
      const dir = path.join(tmp.dir, 'broken', 'unclaimed', 'cdk.out');
      fs.cpSync(plainOut, dir, { recursive: true });
      const metadataFile = path.join(dir, 'Top.metadata.json');
      const metadata = JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as Record<string, Array<{ type: string }>>;
      for (const entries of Object.values(metadata)) {
        for (let i = entries.length - 1; i >= 0; i--) if (entries[i].type === 'aws:cdk:templateFile') entries.splice(i, 1);
      }
      fs.writeFileSync(metadataFile, JSON.stringify(metadata));
      const result = loadCloudAssembly(dir);
      expect(result.errors).toEqual([]);
      const nested = result.templates.filter((t) => t.kind === 'nested-stack');
      expect(nested.map((t) => [t.displayName, t.artifactId, t.parent])).toEqual([
        [expect.stringMatching(/^TopInnerB4E0D425$/), '', undefined],
        [expect.stringMatching(/^TopInnerInner2/), '', undefined],
      ]);
      expect(result.templates).toHaveLength(5);
    });

    it('a broken metadata file costs construct paths, not the template', () => {
      const dir = copy('bad-metadata');
      fs.writeFileSync(path.join(dir, 'Top.metadata.json'), '{"/Top": [');
      const result = loadCloudAssembly(dir);
      expect(result.errors.map((e) => e.code)).toEqual(['syntax']);
      expect(result.templates.map((t) => t.displayName)).toContain('Top');
    });

    it.each<[string, (dir: string) => void, string]>([
      ['no manifest.json', (dir) => fs.rmSync(path.join(dir, 'manifest.json')), 'no manifest.json: not a CDK cloud assembly (did cdk synth finish?)'],
      ['a manifest that is not JSON', (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{"version": "55.0.0",\n  artifacts: {}}'), 'malformed cloud assembly manifest: malformed JSON: unexpected "artifacts" (strings and keys must be double-quoted)'],
      ['a manifest that is a list', (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '[]'), 'malformed cloud assembly manifest: the top level is not a JSON object'],
      ['a manifest without a version', (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{"artifacts": {}}'), 'malformed cloud assembly manifest: no "version" string (is this a CDK manifest?)'],
      ['artifacts that are not an object', (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{"version": "55.0.0", "artifacts": []}'), 'malformed cloud assembly manifest: "artifacts" is not an object'],
      ['an artifact without a type', (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{"version": "55.0.0", "artifacts": {"A": {}}}'), 'malformed cloud assembly manifest: artifact "A" has no "type"'],
      ['an empty manifest', (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), ''), 'cannot read the cloud assembly manifest: file is empty'],
    ])('%s is an InputError', (_name, breakIt, reason) => {
      const dir = copy(_name.replace(/\W+/g, '-'));
      breakIt(dir);
      const error = expectInputError(() => loadCloudAssembly(dir));
      expect(error.code).toBe('cloud-assembly');
      expect(error.reason).toBe(reason);
      expect(error.message.split('\n')).toHaveLength(1);
    });
  });
});
