import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, oneLine } from '../../bin/cli/input-error';
import { DEFAULT_LIMITS, resolveLimits } from '../../bin/cli/limits';
import { detectFormat, loadTemplate, parseTemplateText } from '../../bin/cli/load-template';
import { readTextFile } from '../../bin/cli/read-file';
import { MINIMAL_JSON, MINIMAL_YAML, expectInputError, tempDir, write } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('loadTemplate', () => {
  it('returns the file, the format, the template and locate()', () => {
    const file = write(tmp.dir, 'stack.json', MINIMAL_JSON);
    const loaded = loadTemplate(file);
    expect(loaded.file).toBe(file);
    expect(loaded.format).toBe('json');
    expect(loaded.template).toEqual(JSON.parse(MINIMAL_JSON));
    expect(loaded.locate([['Resources', 'Topic', 'Type']])[0]).toEqual({ line: 1, column: 26 });
  });

  it('reads YAML with CRLF line endings and a byte order mark', () => {
    const file = write(tmp.dir, 'crlf.yaml', `\uFEFF${MINIMAL_YAML.replace(/\n/g, '\r\n')}`);
    const loaded = loadTemplate(file);
    expect(loaded.template).toEqual({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
    expect(loaded.locate([['Resources', 'Topic', 'Type']])[0]).toEqual({ line: 3, column: 5 });
  });

  it('reads JSON with a byte order mark', () => {
    const file = write(tmp.dir, 'bom.json', `\uFEFF${MINIMAL_JSON}`);
    expect(loadTemplate(file).template.Resources).toEqual({ Topic: { Type: 'AWS::SNS::Topic' } });
  });

  it('honours a lower size limit', () => {
    const file = write(tmp.dir, 'small.json', MINIMAL_JSON);
    const error = expectInputError(() => loadTemplate(file, { maxBytes: 10 }));
    expect(error.code).toBe('too-large');
    expect(error.reason).toBe(`file is ${MINIMAL_JSON.length} bytes, over the 10 bytes limit (10 bytes; the size limit can be raised)`);
  });
});

describe('readTextFile', () => {
  it('reads to the end even when fstat reports size 0 (as /proc files do)', () => {
    if (!fs.existsSync('/proc/self/status')) return;
    expect(readTextFile('/proc/self/status', 1024 * 1024)).toMatch(/^Name:[\s\S]*\nPid:/);
  });

  it('stops at the limit even when fstat reports size 0', () => {
    if (!fs.existsSync('/proc/self/status')) return;
    expect(expectInputError(() => readTextFile('/proc/self/status', 16)).reason).toBe('file is over the 16 bytes limit (more bytes than its size said when opened)');
  });
});

describe('the yaml library', () => {
  it('is loaded only when the first YAML file is read', () => {
    const json = write(tmp.dir, 'lazy.json', MINIMAL_JSON);
    const yaml = write(tmp.dir, 'lazy.yaml', MINIMAL_YAML);
    const script = [
      "const { loadTemplate } = require('./bin/cli/load-template.ts');",
      "const yamlLoaded = () => Object.keys(require.cache).some((k) => k.includes(`${require('path').sep}yaml${require('path').sep}dist`));",
      `loadTemplate(${JSON.stringify(json)});`,
      'const before = yamlLoaded();',
      `loadTemplate(${JSON.stringify(yaml)});`,
      'console.log(JSON.stringify([before, yamlLoaded()]));',
    ].join('\n');
    const child = childProcess.spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      cwd: path.resolve(__dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual([false, true]);
  });
});

describe('detectFormat', () => {
  it.each([
    ['a.json', '{}', 'json'],
    ['a.JSON', 'Resources: {}', 'json'],
    ['a.yaml', 'Resources: {}', 'yaml'],
    ['a.yml', 'Resources: {}', 'yaml'],
    ['a.yaml', '{"Resources": {}}', 'json'],
    ['a.yaml', '{Resources: {}}', 'yaml'],
    ['a.template', '  {"Resources": {}}', 'json'],
    ['a.template', 'Resources: {}', 'yaml'],
    ['template', '{"Resources": {}}', 'json'],
    ['template', '---\nResources: {}', 'yaml'],
  ])('%s starting %j is %s', (file, text, format) => {
    expect(detectFormat(file, text)).toBe(format);
  });

  it('a .json file holding YAML is malformed JSON, not YAML', () => {
    expect(expectInputError(() => parseTemplateText('a.json', MINIMAL_YAML)).reason).toBe(
      'malformed JSON: unexpected "Resources" (strings and keys must be double-quoted)',
    );
  });
});

describe('limits', () => {
  it('have documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBytes: 5 * 1024 * 1024, maxDepth: 40, maxAliasCount: 100, maxYamlTokens: 1_000_000, duplicateKeys: 'error' });
    expect(resolveLimits({ maxDepth: 7 })).toEqual({ ...DEFAULT_LIMITS, maxDepth: 7 });
  });

  it.each([
    [{ maxBytes: 0 }, 'LoadLimits.maxBytes must be a positive integer, got 0'],
    [{ maxDepth: 1.5 }, 'LoadLimits.maxDepth must be a positive integer, got 1.5'],
    [{ maxDepth: 5000 }, 'LoadLimits.maxDepth must be at most 256, got 5000'],
    [{ maxYamlTokens: -1 }, 'LoadLimits.maxYamlTokens must be a positive integer, got -1'],
    [{ maxAliasCount: -2 }, 'LoadLimits.maxAliasCount must be an integer >= -1, got -2'],
    [{ duplicateKeys: 'first-wins' as never }, "LoadLimits.duplicateKeys must be 'error' or 'last-wins', got first-wins"],
  ])('%j is a programming error, not an input error', (limits, message) => {
    expect(() => resolveLimits(limits)).toThrow(new RangeError(message));
  });
});

describe('InputError', () => {
  it('has a code, the file, the position and a one-line message', () => {
    const error = new InputError('dir/t.yaml', 'syntax', 'malformed YAML: oops', { line: 3, column: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
    expect([error.file, error.code, error.line, error.column, error.reason]).toEqual(['dir/t.yaml', 'syntax', 3, 7, 'malformed YAML: oops']);
    expect(error.message).toBe('dir/t.yaml:3:7: malformed YAML: oops');
    expect(new InputError('t.yaml', 'empty', 'file is empty').message).toBe('t.yaml: file is empty');
  });

  it('escapes line breaks and terminal control sequences in names and reasons', () => {
    const error = new InputError('evil\n\u001b[31mname.json', 'syntax', 'bad\r\nthing\u2028');
    expect(error.message).toBe('evil\\n\\u001b[31mname.json: bad\\r\\nthing\\u2028');
  });

  it('cuts very long reasons', () => {
    expect(oneLine('x'.repeat(1000))).toHaveLength(400);
    expect(new InputError('f', 'syntax', 'y'.repeat(1000)).reason.endsWith('…')).toBe(true);
  });

  it('never shows a stack trace or a code frame from the YAML library', () => {
    const error = expectInputError(() => parseTemplateText(path.join('d', 't.yaml'), 'Resources:\n  A: [1, 2\n  B: 3\n'));
    expect(error.message).toBe(
      `${path.join('d', 't.yaml')}:3:3: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
  });
});
