/**
 * What a `token-guard` command may touch of the outside world, injected so that tests run the whole CLI in-process:
 * `main(argv, io)` never reads `process.*` itself (except `process.execPath`-like facts that do not vary).
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { SeedInput } from './commands/seed';
import { oneLine, systemErrorText } from './input-error';

export interface CliStream {
  write(text: string): void;
  /** Whether the stream is a terminal (colour, progress lines). */
  readonly isTTY: boolean;
  /** Terminal width when known. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory: relative paths in reports and SARIF URIs are relative to it. */
  readonly cwd: string;
  /** Reads standard input (for the `-` path of audit); undefined once it passes `maxBytes` (reading stops there). */
  readStdin(maxBytes: number): Promise<Buffer | undefined>;
  /** Standard input as a stream, for commands that read it their own way (seed: a token, without echo). */
  readonly stdin: SeedInput;
  /** Milliseconds, monotonic. */
  now(): number;
}

/** Exit codes (documented in README.md). */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  /** An unexpected failure: a bug (EX_SOFTWARE from sysexits.h). */
  internal: 70,
  /** Standard output or error could not be written (EX_IOERR): a full disk, /dev/full, a device error. */
  output: 74,
} as const;

/** A problem with how the command was called (flags, config, output path): one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(oneLine(message, 600));
  }
}

/** Standard output or error cannot be written (not EPIPE, which ends the run quietly): one line, exit 74. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(stream: 'output' | 'error', cause: unknown) {
    super(`cannot write to standard ${stream}: ${systemErrorText(cause)}`);
  }
}

/**
 * The real process, for the binary. `closed` is called when the reader of standard output has gone away (EPIPE:
 * `token-guard audit … | head`).
 *
 * Standard output and error are written with `fs.writeSync` rather than through `process.stdout` and
 * `process.stderr`, except on Windows (whose console wants the streams for Unicode): creating those streams loads
 * node's stream modules, and for a pipe its net module, a few milliseconds of a cold audit. Writes are synchronous
 * either way (Node's own streams write files, pipes and terminals synchronously on Linux). A descriptor that was left
 * non-blocking (EAGAIN) is handed to the stream for the rest of the run, in order.
 */
export function processIo(closed: () => void): CliIo {
  const stream = (s: () => NodeJS.WriteStream): CliStream => ({
    write: (text: string) => {
      s().write(text);
    },
    get isTTY() {
      return s().isTTY === true;
    },
    get columns() {
      return s().columns;
    },
  });
  let stdoutReady = false;
  const stdout = () => {
    if (!stdoutReady) {
      stdoutReady = true;
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw new OutputError('output', error);
        closed();
      });
    }
    return process.stdout;
  };
  const stderr = () => process.stderr;
  const windows = process.platform === 'win32';
  return {
    stdout: windows ? stream(stdout) : descriptorStream(1, stdout, closed),
    stderr: windows ? stream(stderr) : descriptorStream(2, stderr, () => undefined),
    env: process.env,
    cwd: process.cwd(),
    readStdin: async (maxBytes) => {
      // Reading a terminal would wait for ^D; a template is never typed in.
      if (process.stdin.isTTY) throw new UsageError('"-" reads a template from standard input, but standard input is a terminal; pipe a template in');
      return readLimited(process.stdin, maxBytes);
    },
    // Read on demand: touching process.stdin builds a stream and loads node's fs stream modules (a few ms of a cold
    // audit that never reads it).
    get stdin() {
      return process.stdin;
    },
    // Not performance.now(): the global loads perf_hooks.
    now: () => {
      const [seconds, nanoseconds] = process.hrtime();
      return seconds * 1000 + nanoseconds / 1e6;
    },
  };
}

/**
 * Reads `stream` to its end, counting as it goes: past `maxBytes` it stops reading (and destroys the stream) and
 * gives undefined, so `token-guard audit - < /dev/zero` holds at most the limit and one chunk.
 */
export function readLimited(stream: NodeJS.ReadableStream & { destroy(): void }, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stream.removeListener('data', onData);
      stream.destroy();
      resolve(undefined);
    };
    stream.on('data', onData);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Standard output or error (`fd`) written directly; see processIo. `closed` is called on EPIPE. */
export function descriptorStream(fd: 1 | 2, stream: () => NodeJS.WriteStream, closed: () => void): CliStream {
  let handedOver = false;
  let gone = false;
  let terminal: boolean | undefined;
  return {
    write(text: string) {
      if (gone) return;
      if (handedOver) {
        stream().write(text);
        return;
      }
      // The string itself first: a blocking descriptor takes it whole, with no copy on the JavaScript heap (a JSON
      // report is hundreds of kilobytes). Only a write cut short goes on from a buffer.
      let bytes: Buffer | undefined;
      let written = 0;
      try {
        written = writeSync(fd, text);
        if (written === Buffer.byteLength(text)) return;
        bytes = Buffer.from(text, 'utf8');
        while (written < bytes.length) written += writeSync(fd, bytes, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          handedOver = true;
          stream().write(bytes === undefined ? text : bytes.subarray(written));
        } else if (code === 'EPIPE') {
          gone = true;
          closed();
        } else {
          throw new OutputError(fd === 1 ? 'output' : 'error', error);
        }
      }
    },
    get isTTY() {
      // Only a character device can be a terminal: files and pipes are told apart without loading node:tty.
      terminal ??= isCharacterDevice(fd) && (require('node:tty') as typeof import('node:tty')).isatty(fd); // eslint-disable-line @typescript-eslint/no-require-imports
      return terminal;
    },
    get columns() {
      return this.isTTY ? stream().columns : undefined;
    },
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/** Whether to colour a stream: a terminal, no NO_COLOR (any non-empty value), unless forced either way. */
export function useColour(stream: CliStream, env: CliIo['env'], choice: 'auto' | 'always' | 'never'): boolean {
  if (choice !== 'auto') return choice === 'always';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY;
}

/** Whether a path names an existing directory. */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** What a subcommand module gets when it registers itself (bin/cli/commands/*.ts). */
export interface CommandContext {
  readonly io: CliIo;
  /** The exit code `main` returns once the command's action has finished. */
  setExitCode(code: number): void;
}
