/**
 * Reads a file we were asked to audit, refusing early and clearly anything we should not parse:
 * missing or unreadable paths, directories, FIFOs and devices (reading those can block forever or
 * never end), files over the size cap (checked before reading), binary data and text that is not
 * UTF-8.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputError, systemErrorText } from './input-error';

/** Turns a Node.js file-system error into an InputError for `file`. */
export function fsError(file: string, error: unknown, what = 'file'): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputError(file, 'not-found', 'no such file or directory', { cause: error });
    case 'ENOTDIR':
      return new InputError(file, 'not-found', 'a parent of this path is not a directory', { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new InputError(file, 'unreadable', `permission denied: cannot read this ${what}`, { cause: error });
    case 'ELOOP':
      return new InputError(file, 'unreadable', 'too many levels of symbolic links', { cause: error });
    case 'EISDIR':
      return new InputError(file, 'not-a-file', 'is a directory, not a file', { cause: error });
    case 'ENXIO': // a socket cannot be opened
      return new InputError(file, 'not-a-file', 'is not a regular file (a FIFO, socket or device?)', { cause: error });
    case 'ENAMETOOLONG':
      return new InputError(file, 'not-found', 'path is too long', { cause: error });
    default:
      return new InputError(file, 'unreadable', `cannot read this ${what}: ${systemErrorText(error)}`, { cause: error });
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
    // Read until end of file, but never more than maxBytes + 1 bytes, whatever fstat said: the file
    // may grow while we read (and some special files report size 0).
    let capacity = Math.min(opened.size, maxBytes) + 1;
    buffer = Buffer.allocUnsafe(capacity);
    let length = 0;
    for (;;) {
      if (length === capacity) {
        if (length > maxBytes) {
          throw new InputError(file, 'too-large', `file is over the ${formatBytes(maxBytes)} limit (more bytes than its size said when opened)`);
        }
        capacity = Math.min(capacity * 2, maxBytes + 1);
        const grown = Buffer.allocUnsafe(capacity);
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, capacity - length, null);
      if (n === 0) break;
      length += n;
    }
    buffer = buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fsError(file, error);
  } finally {
    closeSync(fd);
  }
  return decodeText(file, buffer);
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
