/**
 * README's construct examples type-check and run: each ```ts block of the "Constructs" section is written out with
 * `cdk-token-guard` pointing at lib/, type-checked with the project's compiler options (jest itself only transpiles),
 * then imported and its App synthesised.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

function constructExamples(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Constructs\n');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('README construct examples', () => {
  const examples = constructExamples();
  const dir = path.join(ROOT, '.tmp', `readme-${process.pid}`);

  beforeAll(() => {
    fs.mkdirSync(dir, { recursive: true });
    // Template-level examples: no need to run esbuild for them.
    process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:bundling-stacks': [] });
  });
  afterAll(() => {
    delete process.env.CDK_CONTEXT_JSON;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('there is one for each construct', () => {
    for (const name of ['DelegatedClient', 'WorkloadClient', 'RefreshTokenVault', 'TokenBroker']) {
      expect(examples.some((e) => e.includes(`new ${name}(`))).toBe(true);
    }
  });

  const file = (i: number) => path.join(dir, `example${i}.ts`);
  const write = () =>
    examples.forEach((code, i) => {
      const lib = path.relative(dir, path.join(ROOT, 'lib')).split(path.sep).join('/');
      fs.writeFileSync(file(i), `${code.replace(/from 'cdk-token-guard'/g, `from '${lib}'`)}\nexport const assembly = app.synth();\n`);
    });

  test('they type-check under the project\'s strict options', () => {
    write();
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const program = ts.createProgram(examples.map((_, i) => file(i)), { ...config.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 60_000);

  test.each(constructExamples().map((_, i) => [i]))('example %i synthesises', (i) => {
    write();
    const { assembly } = jest.requireActual<{ assembly: { stacks: unknown[] } }>(file(i));
    expect(assembly.stacks).toHaveLength(1);
  });
});
