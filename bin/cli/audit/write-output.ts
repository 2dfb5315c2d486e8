/**
 * `--output <file>`: the report is written to a temporary file in the same directory, flushed, then renamed over
 * the target, so a reader (a CI step, a SARIF uploader) sees the old file or the whole new one, never half a
 * report; on failure the temporary file is removed and the target is untouched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, isDirectory } from '../io';

/** Checked before auditing, so a typo in the output path costs nothing. Throws UsageError. */
export function checkOutputPath(file: string, cwd: string): void {
  const target = path.resolve(cwd, file);
  const dir = path.dirname(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new UsageError(`--output ${file}: the directory ${path.dirname(file)} does not exist`);
  }
  if (!stat.isDirectory()) throw new UsageError(`--output ${file}: ${path.dirname(file)} is not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--output ${file}: cannot write to the directory ${path.dirname(file)} (permission denied)`);
  }
  if (isDirectory(target)) throw new UsageError(`--output ${file}: is a directory; name a file`);
}

/** Writes `text` to `file` atomically. Throws UsageError with one line on failure. */
export function writeFileAtomic(file: string, text: string, cwd: string): void {
  const target = path.resolve(cwd, file);
  // node:crypto only when a report is written to a file: the CLI starts cold.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', existingMode(target));
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      /* never created, or already renamed */
    }
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--output ${file}: could not write the report (${detail}); nothing was written`);
  }
}

function existingMode(target: string): number {
  try {
    return fs.statSync(target).mode & 0o777;
  } catch {
    return 0o644;
  }
}
