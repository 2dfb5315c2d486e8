/**
 * `--output <file>`: the report is written to a temporary file in the same directory, flushed, then renamed over
 * the target, so a reader (a CI step, a SARIF uploader) sees the old file or the whole new one, never half a
 * report; on failure the temporary file is removed and the target is untouched.
 */
import { accessSync, closeSync, constants, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, isDirectory } from '../io';

/** Checked before auditing, so a typo in the output path costs nothing. Throws UsageError. */
export function checkOutputPath(file: string, cwd: string): void {
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
  if (isDirectory(target)) throw new UsageError(`--output ${file}: is a directory; name a file`);
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
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--output ${file}: could not write the report (${detail}); nothing was written`);
  }
}

function existingMode(target: string): number {
  try {
    return statSync(target).mode & 0o777;
  } catch {
    return 0o644;
  }
}
