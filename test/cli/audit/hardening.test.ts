/**
 * A CLI that cannot be turned on its user (issue 16): `--output` never replaces anything but a regular file that is
 * not an input; what a template says never reaches the terminal as control characters; Node.js's own error texts
 * never reach the user. (Unknown YAML short-form tags are input errors: test/cli/source.test.ts and the bad-input
 * corpus.)
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { OutputError, type CliIo } from '../../../bin/cli/io';
import { writeFileAtomic } from '../../../bin/cli/audit/write-output';
import { describeError } from '../../../bin/cli/input-error';
import { main } from '../../../bin/token-guard';
import { tempDir, write } from '../helpers';
import { RISKY_YAML, runCli } from './cli';

const tmp = tempDir('tg-hardening-');
afterAll(() => tmp.cleanup());
const dir = tmp.dir;
const risky = write(dir, 'risky.yaml', RISKY_YAML);

/** Every C0 and C1 control character except the line feed that ends lines, and DEL. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe('--output refuses what is not a regular file, or is an input: exit 2, one line, nothing written', () => {
  const refused = async (output: string, inputs: string[] = [risky]) => {
    const run = await runCli(['audit', ...inputs, '--format', 'json', '--output', output]);
    expect(run.code).toBe(2);
    expect(run.errLines).toHaveLength(1);
    expect(run.stdout).toBe('');
    return run.errLines[0];
  };

  it('a symbolic link, even to a file it could write', async () => {
    const target = write(dir, 'link-target.json', 'keep me');
    const link = path.join(dir, 'report-link.json');
    fs.symlinkSync(target, link);
    expect(await refused(link)).toBe(`token-guard: --output ${link}: is a symbolic link; refusing to write through it`);
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a FIFO (writing would block, or feed whoever reads it)', async () => {
    const fifo = path.join(dir, 'report.fifo');
    if (childProcess.spawnSync('mkfifo', [fifo]).status !== 0) return;
    expect(await refused(fifo)).toBe(`token-guard: --output ${fifo}: is a FIFO, not a regular file`);
  });

  it('a device such as /dev/full or /dev/null', async () => {
    for (const device of ['/dev/full', '/dev/null']) {
      if (!fs.existsSync(device)) continue;
      expect(await refused(device)).toBe(`token-guard: --output ${device}: is a device, not a regular file`);
    }
  });

  it('a directory', async () => {
    expect(await refused(dir)).toBe(`token-guard: --output ${dir}: is a directory; name a file`);
  });

  it('one of the inputs: by the same path, another spelling of it, or a hard link to it', async () => {
    const input = write(dir, 'inputs/stack.yaml', RISKY_YAML);
    const hardLink = path.join(dir, 'inputs', 'hard-link.yaml');
    fs.linkSync(input, hardLink);
    const spelled = path.join(dir, 'inputs', '..', 'inputs', 'stack.yaml');
    expect(await refused(input, [input])).toBe(`token-guard: --output ${input}: is one of the inputs (${input}); refusing to overwrite it`);
    expect(await refused(spelled, [input])).toBe(`token-guard: --output ${spelled}: is one of the inputs (${input}); refusing to overwrite it`);
    expect(await refused(hardLink, [input])).toBe(`token-guard: --output ${hardLink}: is one of the inputs (${input}); refusing to overwrite it`);
    expect(fs.readFileSync(input, 'utf8')).toBe(RISKY_YAML);
  });

  it('a template found in a directory given as input', async () => {
    const input = write(dir, 'tree/nested/stack.yaml', RISKY_YAML);
    expect(await refused(input, [path.join(dir, 'tree')])).toBe(`token-guard: --output ${input}: is one of the inputs (${input}); refusing to overwrite it`);
    expect(fs.readFileSync(input, 'utf8')).toBe(RISKY_YAML);
  });

  it('still replaces an existing regular file that is not an input, atomically', async () => {
    const target = write(dir, 'out/report.json', 'old');
    const run = await runCli(['audit', risky, '--format', 'json', '--output', target]);
    expect(run.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toMatchObject({ version: 1 });
    expect(fs.readdirSync(path.dirname(target))).toEqual(['report.json']);
  });
});

describe('control characters from templates are escaped in every text output', () => {
  // A terminal title change, a screen clear, a CSI in its 8-bit form, and a line separator.
  const evil = 'Cli\u001b]0;pwned\u0007\u001b[2J\u009b31m\u2028';
  const template = JSON.stringify({
    Resources: {
      [evil]: {
        Type: 'AWS::Cognito::UserPoolClient',
        Metadata: {
          'aws:cdk:path': `Stack/${evil}/Resource`,
          'cdk-token-guard': { suppress: [{ id: `TokenGuard-COG4${evil}`, reason: `because\u001b[2J it is fine` }, { id: 'TokenGuard-COG6', reason: `accepted\u001b]0;x\u0007 on purpose` }] },
        },
        Properties: { UserPoolId: 'p', AllowedOAuthFlows: ['implicit'], AllowedOAuthFlowsUserPoolClient: true, CallbackURLs: [`https://x/${evil}`] },
      },
    },
  });
  const file = write(dir, `evil-\u001b[31m-name.json`, template);

  it('in the text report, with and without colour, and in the verbose listing of suppressed findings', async () => {
    for (const args of [[], ['--color', 'always'], ['--verbose']]) {
      const run = await runCli(['audit', file, ...args]);
      expect(run.code).toBe(1);
      // Our own colours are the only escape sequences: SGR codes we write, nothing else.
      const withoutOurColours = (text: string) => text.replace(/\u001b\[(?:1|2|22|31|33|36|39)m/g, '');
      expect(withoutOurColours(run.stdout)).not.toMatch(CONTROL);
      expect(run.stdout).toContain('Cli\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u2028');
      expect(withoutOurColours(run.stderr)).not.toMatch(CONTROL);
    }
  });

  it('in the lines on standard error: input errors, verbose notes and the summary with its --output path', async () => {
    const broken = write(dir, `broken\u001b]0;x\u0007.json`, '{"Resources": ');
    const output = path.join(dir, `report\u001b[2J.txt`);
    const run = await runCli(['audit', file, broken, path.join(dir, 'no\u0007such.json'), '--verbose', '--output', output]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(run.errLines.at(-1)).toContain('report\\u001b[2J.txt');
  });
});

describe("Node.js's own error texts never reach the user", () => {
  const io = (overrides: Partial<CliIo>): { io: CliIo; stderr: () => string } => {
    let stderr = '';
    return {
      io: {
        stdout: { write: () => undefined, isTTY: false },
        stderr: { write: (s) => void (stderr += s), isTTY: false },
        env: {},
        cwd: dir,
        stdin: Readable.from([Buffer.from(RISKY_YAML)]),
        now: () => 0,
        ...overrides,
      },
      stderr: () => stderr,
    };
  };
  const ioError = (code: string, syscall = 'read') => Object.assign(new Error(`${code}: i/o error, ${syscall}`), { code, syscall, errno: -5 });

  it('standard input that cannot be read is an input error in our words: exit 2', async () => {
    const failing = new Readable({ read: () => failing.destroy(ioError('EIO')) });
    const { io: cli, stderr } = io({ stdin: failing });
    expect(await main(['audit', '-'], cli)).toBe(2);
    expect(stderr().split('\n')[0]).toBe('token-guard: <stdin>: cannot read standard input: input/output error (EIO)');
    expect(stderr()).not.toContain('i/o error');
  });

  it('standard output that cannot be written (a full disk, /dev/full) is one line and exit 74', async () => {
    const { io: cli, stderr } = io({
      stdout: {
        write: () => {
          throw new OutputError('output', ioError('ENOSPC', 'write'));
        },
        isTTY: false,
      },
    });
    expect(await main(['audit', risky], cli)).toBe(74);
    expect(stderr()).toBe('token-guard: cannot write to standard output: no space left on the device (ENOSPC)\n');
  });

  it('a report that cannot be written to --output says why in our words, and nothing is written', () => {
    const gone = path.join(dir, 'removed-after-the-check', 'r.txt');
    expect(() => writeFileAtomic(gone, 'report', dir)).toThrow(`--output ${gone}: could not write the report: no such file or directory (ENOENT); nothing was written`);
    expect(fs.existsSync(path.dirname(gone))).toBe(false);
  });

  it('an unexpected system error (a bug) is named in our words, without its text or a stack trace', () => {
    expect(describeError(ioError('EIO'))).toBe('input/output error (EIO)');
    expect(describeError(ioError('ENOTCONN'))).toBe('system error (ENOTCONN)');
    expect(describeError(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
  });
});
