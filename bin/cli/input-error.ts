/**
 * The one error type the input layer throws or reports.
 *
 * Every problem with a path the user gave us (missing, unreadable, too big, binary, malformed JSON or
 * YAML, alias bombs, too deep, duplicate keys, not a template, broken cloud assembly...) becomes an
 * `InputError`. Its `message` is always a single line that starts with the file name, in the
 * familiar `file:line:column: reason` shape when a position is known, so the CLI can print it as is
 * and exit 2. It never contains a stack trace, a code frame or raw bytes from the file.
 */

/** What went wrong, for callers that want to branch (exit codes, tests, JSON reports). */
export type InputErrorCode =
  | 'not-found' // the path does not exist
  | 'unreadable' // permission denied or another I/O error
  | 'not-a-file' // a directory, FIFO, socket or device where a file was expected
  | 'too-large' // over LoadLimits.maxBytes
  | 'empty' // zero bytes, only whitespace, or only YAML comments
  | 'binary' // NUL bytes, invalid UTF-8, UTF-16/32
  | 'syntax' // malformed JSON or YAML
  | 'too-deep' // nesting over LoadLimits.maxDepth
  | 'too-complex' // YAML token budget or alias expansion over the limits
  | 'duplicate-key' // the same key twice in one mapping
  | 'unsupported-yaml' // a YAML feature CloudFormation does not have (!!binary, !!set, several documents, ...)
  | 'not-a-template' // parsed fine but is not a CloudFormation template
  | 'cloud-assembly' // cdk.out problems: no manifest, malformed manifest, missing template
  | 'no-templates' // a directory in which nothing looked like a template
  | 'internal'; // an unexpected failure while reading the input (a bug: please report it)

export interface InputErrorOptions {
  /** 1-based line of the problem, when known. */
  readonly line?: number;
  /** 1-based column (UTF-16 code units, as SARIF's default columnKind), when known. */
  readonly column?: number;
  /** The underlying error, kept for debugging; never part of `message`. */
  readonly cause?: unknown;
}

/** The longest reason we print; anything longer is cut with an ellipsis so one line stays one line. */
const MAX_REASON_LENGTH = 400;

export class InputError extends Error {
  override readonly name = 'InputError';
  /** The path the problem is about, as the caller gave it (or as found in a directory or manifest). */
  readonly file: string;
  readonly code: InputErrorCode;
  /** The message without the `file:line:column: ` prefix. One line. */
  readonly reason: string;
  readonly line?: number;
  readonly column?: number;

  constructor(file: string, code: InputErrorCode, reason: string, options: InputErrorOptions = {}) {
    const oneLineReason = oneLine(reason, MAX_REASON_LENGTH);
    const where =
      options.line !== undefined ? `:${options.line}${options.column !== undefined ? `:${options.column}` : ''}` : '';
    super(`${oneLine(file, MAX_REASON_LENGTH)}${where}: ${oneLineReason}`);
    this.file = file;
    this.code = code;
    this.reason = oneLineReason;
    this.line = options.line;
    this.column = options.column;
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Makes any text safe to print on one terminal line: control characters (including CR, LF, TAB, ESC,
 * DEL, the C1 range and the Unicode line/paragraph separators) become visible escapes, and the
 * result is cut at `max` characters.
 */
export function oneLine(text: string, max = MAX_REASON_LENGTH): string {
  const out = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** Quotes a key or value from a template for a message: JSON string syntax, shortened. */
export function quote(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return oneLine(JSON.stringify(shown), max + 20);
}

/** Operating-system error codes in words, so that a Node.js error text never reaches the user. */
export const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a parent of this path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'path is too long',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'resource busy',
  EAGAIN: 'resource temporarily unavailable',
  ETXTBSY: 'text file busy',
  EXDEV: 'not on the same file system',
  EFBIG: 'file too large',
};

/** What an operating-system error means, in our words with its code: "no space left on the device (ENOSPC)". */
export function systemErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return 'an unexpected error';
  return `${SYSTEM_ERRORS[code] ?? 'system error'} (${oneLine(code, 40)})`;
}

/**
 * An unexpected error (a bug) in one line: a system error in our words, anything else by its name and message;
 * never a stack trace (TOKEN_GUARD_DEBUG=1 prints it separately).
 */
export function describeError(error: unknown): string {
  if (typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined) {
    return systemErrorText(error);
  }
  return oneLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 300);
}
