/**
 * The parts of the CLI a run uses (bin/cli/parts-used.ts), which decide when the compile cache is written again: each
 * kind of input and report marks its own, and only its own. The module is fresh in each test file, so the bits
 * accumulate from zero here.
 */
import * as path from 'node:path';
import { Part, partsUsed } from '../../../bin/cli/parts-used';
import { tempDir, write } from '../helpers';
import { CLEAN_JSON, RISKY_YAML, runCli } from './cli';

const tmp = tempDir('tg-parts-');
afterAll(() => tmp.cleanup());

describe('the parts of the CLI a run uses', () => {
  it('are marked by the input, findings, suppressions, input errors, the report format and the output file of a run', async () => {
    const clean = write(tmp.dir, 'clean.json', CLEAN_JSON);
    const risky = write(tmp.dir, 'risky.yaml', RISKY_YAML);
    const suppressing = write(
      tmp.dir,
      'suppressing.json',
      JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'TokenGuard-COG4', reason: 'not a client; kept for the test' }] } } } } }),
    );
    write(tmp.dir, 'cdk.out/manifest.json', '{"version": "55.0.0", "artifacts": {"App": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "App.template.json"}}}}');
    write(tmp.dir, 'cdk.out/App.template.json', CLEAN_JSON);
    const steps: Array<[string[], number]> = [
      [['audit', clean, '--format', 'json'], Part.jsonInput | Part.jsonReport],
      [['audit', clean], Part.textReport],
      [['audit', risky, '--format', 'sarif'], Part.yamlInput | Part.findings | Part.sarifReport],
      [['audit', suppressing, '--format', 'json'], Part.suppressions],
      [['audit', path.join(tmp.dir, 'cdk.out'), '--format', 'json', '--output', path.join(tmp.dir, 'report.json')], Part.cloudAssembly | Part.outputFile],
      [['audit', path.join(tmp.dir, 'missing.json'), '--format', 'json'], Part.inputErrors],
    ];
    expect(partsUsed()).toBe(0);
    let expected = 0;
    for (const [argv, parts] of steps) {
      await runCli(argv);
      expected |= parts;
      expect([argv.join(' '), partsUsed()]).toEqual([argv.join(' '), expected]);
    }
  });
});
