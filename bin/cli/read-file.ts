/**
 * Reads a file we were asked to audit, refusing early and clearly anything we should not parse:
 * missing or unreadable paths, directories, FIFOs and devices (reading those can block forever or
 * never end), files over the size cap (checked before reading), binary data and text that is not
 * UTF-8.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { InputError, SYSTEM_ERRORS, systemErrorText, type InputErrorCode } from './input-error';

/** Turns a Node.js file-system error into an InputError for `file`. */
export function fsError(file: string, error: unknown, what = 'file'): InputError {
  const code = String((error as NodeJS.ErrnoException | undefined)?.code);
  const made = (kind: InputErrorCode, reason: string) => new InputError(file, kind, reason, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return made('unreadable', `permission denied: cannot read this ${what}`);
  if (code === 'EISDIR') return made('not-a-file', 'is a directory, not a file');
  if (code === 'ENXIO') return made('not-a-file', 'is not a regular file (a FIFO, socket or device?)'); // a socket cannot be opened
  if (code === 'ELOOP') return made('unreadable', SYSTEM_ERRORS[code]);
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return made('not-found', SYSTEM_ERRORS[code]);
  return made('unreadable', `cannot read this ${what}: ${systemErrorText(error)}`);
}

/** The real path (symbolic links resolved), or the absolute one when it cannot be had: one key per file or directory. */
export function realPath(where: string): string {
  try {
    return realpathSync(where);
  } catch {
    return resolve(where);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}

/**
 * Reads `file` as UTF-8 text, at most `maxBytes` bytes. A leading UTF-8 byte order mark is removed.
 * Throws InputError for every problem; never blocks on FIFOs or devices.
 */
export function readTextFile(file: string, maxBytes: number): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer. What was opened is checked with fstat, so a path
    // swapped between a check and the open cannot slip through.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fsError(file, error);
  }
  let buffer: Buffer;
  try {
    const opened = fstatSync(fd);
    if (opened.isDirectory()) throw new InputError(file, 'not-a-file', 'is a directory, not a template file');
    if (!opened.isFile()) throw new InputError(file, 'not-a-file', 'is not a regular file (a FIFO, socket or device?)');
    if (opened.size > maxBytes) {
      throw new InputError(
        file,
        'too-large',
        `file is ${opened.size.toLocaleString('en-US')} bytes, over the ${formatBytes(maxBytes)} limit (${maxBytes.toLocaleString('en-US')} bytes; the size limit can be raised)`,
      );
    }
    // Never more than maxBytes + 1 bytes, whatever fstat said: the file may grow while we read (and some special
    // files report size 0).
    buffer = readUpTo(fd, maxBytes + 1, opened.size + 1);
    if (buffer.length > maxBytes) {
      throw new InputError(file, 'too-large', `file is over the ${formatBytes(maxBytes)} limit (more bytes than its size said when opened)`);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fsError(file, error);
  } finally {
    closeSync(fd);
  }
  return decodeText(file, buffer);
}

/** An open file's bytes, to its end but at most `limit`, in a buffer that starts at `expected` bytes and grows. */
export function readUpTo(fd: number, limit: number, expected = limit): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit));
  let length = 0;
  while (length < limit) {
    if (length === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

/** Validates and decodes a file's bytes as UTF-8 text. */
export function decodeText(file: string, buffer: Buffer): string {
  if (buffer.length === 0) {
    throw new InputError(file, 'empty', 'file is empty');
  }
  const b0 = buffer[0];
  const b1 = buffer[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new InputError(file, 'binary', 'file is UTF-16 encoded; save it as UTF-8');
  }
  const nul = buffer.indexOf(0);
  if (nul !== -1) {
    throw new InputError(file, 'binary', `file contains binary data (a NUL byte at offset ${nul}); not a template`);
  }
  if (!isUtf8(buffer)) {
    throw new InputError(file, 'binary', 'file is not valid UTF-8 text (binary data or another encoding)');
  }
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  return text;
}
