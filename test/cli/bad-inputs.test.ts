/**
 * The bad-input corpus: every input here must give exactly one InputError, whose one-line message
 * starts with the path it is about, through the same calls the CLI makes
 * (discover, then loadInput). All inputs are generated here; nothing is committed.
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover, loadInput } from '../../bin/cli/discover';
import { InputError, oneLine } from '../../bin/cli/input-error';
import { loadTemplate } from '../../bin/cli/load-template';
import { fsError } from '../../bin/cli/read-file';
import { BAD_INPUTS } from './bad-input-corpus';
import { DEFAULT_LIMITS } from '../../bin/cli/limits';
import { MINIMAL_JSON, MINIMAL_YAML, tempDir, write } from './helpers';

// The module object itself (an `import * as` namespace cannot be spied on), to count the bytes read.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fsModule = require('node:fs') as typeof fs;

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const corpus = path.join(tmp.dir, 'corpus');

/** Runs the CLI's path: discover, then load every input; returns all errors, and how many bytes were read. */
function audit(paths: string[]): { errors: InputError[]; templates: number; bytesRead: number } {
  const reads = jest.spyOn(fsModule, 'readSync');
  const found = discover(paths);
  const errors = [...found.errors];
  let templates = 0;
  for (const input of found.inputs) {
    const loaded = loadInput(input);
    errors.push(...loaded.errors);
    templates += loaded.templates.length;
  }
  const bytesRead = reads.mock.results.reduce((sum, r) => sum + (r.type === 'return' ? (r.value as number) : 0), 0);
  reads.mockRestore();
  return { errors, templates, bytesRead };
}

const cases = BAD_INPUTS;

describe(`the bad-input corpus (${cases.length} inputs)`, () => {
  it('has at least 30 inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c, i) => [i + 1, ...c] as const))('%i. %s: one InputError naming the file, on one line', (number, _name, make, code, reason) => {
    const dir = path.join(corpus, String(number));
    fs.mkdirSync(dir, { recursive: true });
    const target = make(dir);
    const heapBefore = process.memoryUsage().heapUsed;
    const { errors, templates, bytesRead } = audit([target]);

    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe(code);
    if (typeof reason === 'string') expect(error.reason).toBe(reason);
    else expect(error.reason).toMatch(reason);
    expect(templates).toBe(0);
    // The message names the file (printed safely) and is one line without a stack trace.
    expect(error.message.startsWith(oneLine(target))).toBe(true);
    expect(error.message).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(error.message).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
    expect(error.message.length).toBeLessThan(1000);
    // Bounded input and memory: never more than the size limit (and what looking for a manifest or a template reads).
    expect(bytesRead).toBeLessThanOrEqual(DEFAULT_LIMITS.maxBytes + 2 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(400 * 1024 * 1024);
  });

  it('positions are given where there is one', () => {
    const dir = path.join(corpus, 'positions');
    const target = write(dir, 'a.yaml', 'Resources:\n  A:\n    Type: x\n   Properties: {}\n');
    const [error] = audit([target]).errors;
    expect([error.line, error.column]).toEqual([4, 1]);
    expect(error.message).toBe(`${target}:4:1: malformed YAML: All mapping items must start at the same column`);
  });

  it('all of them at once: each reported, and the good templates among them still load', () => {
    const dir = path.join(corpus, 'together');
    const targets = cases.map(([, make], i) => {
      const own = path.join(dir, String(i));
      fs.mkdirSync(own, { recursive: true });
      return make(own);
    });
    const good = [write(dir, 'good.json', MINIMAL_JSON), write(dir, 'good.yaml', MINIMAL_YAML)];
    const result = audit([good[0], ...targets, good[1]]);
    expect(result.templates).toBe(2);
    expect(result.errors).toHaveLength(cases.length);
    expect(result.bytesRead).toBeGreaterThan(MINIMAL_JSON.length + MINIMAL_YAML.length); // the count sees reads
  });
});

describe('files that cannot be read', () => {
  const dir = path.join(tmp.dir, 'unreadable');

  it('an unreadable file (chmod 000) is one InputError', () => {
    const target = write(dir, 'secret.json', MINIMAL_JSON);
    fs.chmodSync(target, 0o000);
    if (process.getuid?.() === 0) {
      // root reads anything, so read it as an unprivileged user in a child process.
      for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
        if (d.startsWith(tmp.dir)) fs.chmodSync(d, 0o755);
      }
      const script = [
        "const { discover, loadInput } = require('./bin/cli/discover.ts');",
        `const found = discover([${JSON.stringify(target)}]);`,
        'const errors = found.errors.concat(...found.inputs.map((i) => loadInput(i).errors));',
        'console.log(JSON.stringify(errors.map((e) => [e.code, e.message])));',
      ].join('\n');
      const child = childProcess.spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
        cwd: path.resolve(__dirname, '..', '..'),
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual([['unreadable', `${target}: permission denied: cannot read this file`]]);
    } else {
      const { errors } = audit([target]);
      expect(errors.map((e) => [e.code, e.message])).toEqual([['unreadable', `${target}: permission denied: cannot read this file`]]);
    }
  });

  it.each([
    ['EACCES', 'permission denied: cannot read this file'],
    ['EPERM', 'permission denied: cannot read this file'],
    ['ENOENT', 'no such file or directory'],
    ['ELOOP', 'too many levels of symbolic links'],
    ['EIO', 'cannot read this file: input/output error (EIO)'],
    ['EWHATEVER', 'cannot read this file: system error (EWHATEVER)'],
  ])('%s from the file system becomes a one-line InputError', (code, reason) => {
    const error = fsError('x.yaml', Object.assign(new Error(`${code}: i/o error`), { code }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`x.yaml: ${reason}`);
  });

  it('a FIFO is refused at once instead of blocking', () => {
    const fifo = path.join(dir, 'pipe.yaml');
    const made = childProcess.spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) {
      console.warn('mkfifo is not available; skipping the FIFO check');
      return;
    }
    const { errors, bytesRead } = audit([fifo]);
    expect(errors.map((e) => [e.code, e.reason])).toEqual([['not-a-file', 'is not a regular file (a FIFO, socket or device?)']]);
    expect(bytesRead).toBe(0);
  });

  it('a character device such as /dev/zero is refused without reading it', () => {
    if (!fs.existsSync('/dev/zero')) return;
    const { errors, bytesRead } = audit(['/dev/zero']);
    expect(errors.map((e) => e.message)).toEqual(['/dev/zero: is not a regular file (a FIFO, socket or device?)']);
    expect(bytesRead).toBe(0);
  });

  it('a directory given to loadTemplate is refused', () => {
    expect(() => loadTemplate(dir)).toThrow(`${dir}: is a directory, not a template file`);
  });
});
