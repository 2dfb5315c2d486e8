/**
 * `--output <file>`: the report is written to a temporary file in the same directory, flushed, then renamed over
 * the target, so a reader (a CI step, a SARIF uploader) sees the old file or the whole new one, never half a
 * report; on failure the temporary file is removed and the target is untouched.
 *
 * It cannot be turned on its user: an existing target must be a regular file (not a symbolic link, FIFO, socket,
 * device such as /dev/full, or directory), and not one of the inputs (same real path, or same device and inode: a
 * hard link). Each refusal is one line and exit 2.
 */
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../io';
import { systemErrorText } from '../input-error';

/** What an existing path is, when it is not a regular file. */
function kind(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isSymbolicLink()) return 'a symbolic link; refusing to write through it';
  if (stat.isDirectory()) return 'a directory; name a file';
  if (stat.isFIFO()) return 'a FIFO, not a regular file';
  if (stat.isSocket()) return 'a socket, not a regular file';
  return 'a device, not a regular file';
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Checked before auditing (with the paths given), so a typo costs nothing, and again before writing (with every
 * file the audit read). Throws UsageError.
 */
export function checkOutputPath(file: string, cwd: string, inputs: readonly string[]): void {
  const target = resolve(cwd, file);
  const dir = dirname(target);
  let stat: Stats;
  try {
    stat = statSync(dir);
  } catch {
    throw new UsageError(`--output ${file}: the directory ${dirname(file)} does not exist`);
  }
  if (!stat.isDirectory()) throw new UsageError(`--output ${file}: ${dirname(file)} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--output ${file}: cannot write to the directory ${dirname(file)} (permission denied)`);
  }
  const existing = lstatOrUndefined(target);
  if (existing === undefined) return;
  const problem = kind(existing);
  if (problem !== undefined) throw new UsageError(`--output ${file}: is ${problem}`);
  const real = realpathSync(target);
  const isTarget = (input: string): boolean => {
    try {
      const other = statSync(resolve(cwd, input));
      return (other.dev === existing.dev && other.ino === existing.ino) || realpathSync(resolve(cwd, input)) === real;
    } catch {
      return false;
    }
  };
  const input = inputs.find(isTarget);
  if (input !== undefined) throw new UsageError(`--output ${file}: is one of the inputs (${input}); refusing to overwrite it`);
}

/** Writes `text` to `file` atomically. Throws UsageError with one line on failure. */
export function writeFileAtomic(file: string, text: string, cwd: string): void {
  const target = resolve(cwd, file);
  // node:crypto only when a report is written to a file: the CLI starts cold.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', existingMode(target));
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      /* never created, or already renamed */
    }
    throw new UsageError(`--output ${file}: could not write the report: ${systemErrorText(error)}; nothing was written`);
  }
}

function existingMode(target: string): number {
  return (lstatOrUndefined(target)?.mode ?? 0o644) & 0o777;
}
