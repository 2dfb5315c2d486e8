/**
 * What a `token-guard` command may touch of the outside world, injected so that tests run the whole CLI in-process:
 * `main(argv, io)` never reads `process.*` itself (except `process.execPath`-like facts that do not vary).
 */
import { oneLine, systemErrorText } from './input-error';

export interface CliStream {
  write(text: string): void;
  /** Whether the stream is a terminal (colour, progress lines). */
  readonly isTTY: boolean;
  /** Terminal width when known. */
  readonly columns?: number;
}

/** Standard input: a stream, maybe a terminal (audit's `-` reads a template from it; seed, a token without echo). */
export type CliInput = NodeJS.ReadableStream & { readonly isTTY?: boolean; setRawMode?(mode: boolean): unknown; destroy(): void };

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory: relative paths in reports and SARIF URIs are relative to it. */
  readonly cwd: string;
  readonly stdin: CliInput;
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
 */
export function processIo(closed: () => void): CliIo {
  return {
    stdout: processStream(process.stdout, 'output', closed),
    stderr: processStream(process.stderr, 'error', () => undefined),
    env: process.env,
    cwd: process.cwd(),
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
 * Node's standard output or error. Files, devices and a reader that has gone are written synchronously, so their
 * error is known as soon as `write` returns: EPIPE calls `closed`, anything else (a full disk, /dev/full) throws
 * OutputError, one line and exit 74. A pipe's later EPIPE comes as an event, and calls `closed` too.
 */
export function processStream(stream: NodeJS.WriteStream, name: 'output' | 'error', closed: () => void): CliStream {
  const readerGone = (error: Error | null): boolean => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
  stream.on('error', (error) => {
    if (readerGone(error)) closed();
  });
  return {
    write(text: string) {
      stream.write(text);
      if (readerGone(stream.errored)) closed();
      else if (stream.errored) throw new OutputError(name, stream.errored);
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/**
 * Reads `stream` to its end, counting as it goes: past `maxBytes` it stops reading (and destroys the stream) and
 * gives undefined, so `token-guard audit - < /dev/zero` holds at most the limit and one chunk.
 */
export function readLimited(stream: CliInput, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total <= maxBytes) {
        chunks.push(bytes);
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

/** Whether to colour a stream: a terminal, no NO_COLOR (any non-empty value), unless forced either way. */
export function useColour(stream: CliStream, env: CliIo['env'], choice: 'auto' | 'always' | 'never'): boolean {
  if (choice !== 'auto') return choice === 'always';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY;
}

/** What a subcommand module gets when it registers itself (bin/cli/commands/*.ts). */
export interface CommandContext {
  readonly io: CliIo;
  /** The exit code `main` returns once the command's action has finished. */
  setExitCode(code: number): void;
}
