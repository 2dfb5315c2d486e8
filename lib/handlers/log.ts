/**
 * Structured JSON logs in the shape AWS Lambda Powertools writes (`level`, `message`, `timestamp`, `service`,
 * `function_request_id`, …), without the dependency. Callers pass explicit fields; as a second line of defence any
 * field whose name says secret, token or password (and is not an id) is replaced by `[redacted]`, and error messages
 * are never logged verbatim unless the error is one of ours.
 */

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type LogValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type LogFields = Record<string, LogValue>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Returns a logger that adds `fields` to every line (e.g. the request id and rotation step). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** @default process.env.POWERTOOLS_SERVICE_NAME ?? 'cdk-token-guard' */
  readonly service?: string;
  /** @default process.env.LOG_LEVEL ?? 'INFO' */
  readonly level?: LogLevel;
  /** Where lines go. @default process.stdout */
  readonly write?: (line: string) => void;
  readonly now?: () => number;
}

const ORDER: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };
const SENSITIVE_NAME = /secret|token|password|credential/i;

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const service = options.service ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'cdk-token-guard';
  const envLevel = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase() as LogLevel;
  const threshold = ORDER[options.level ?? (envLevel in ORDER ? envLevel : 'INFO')];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = options.now ?? Date.now;
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (ORDER[level] < threshold) return;
    const line: Record<string, unknown> = { level, message, timestamp: new Date(now()).toISOString(), service };
    for (const [k, v] of Object.entries({ ...base, ...fields })) {
      if (v === undefined) continue;
      line[k] = SENSITIVE_NAME.test(k) && !/id$/i.test(k) ? '[redacted]' : v;
    }
    write(JSON.stringify(line));
  };
  return {
    debug: (m, f) => emit('DEBUG', m, f),
    info: (m, f) => emit('INFO', m, f),
    warn: (m, f) => emit('WARN', m, f),
    error: (m, f) => emit('ERROR', m, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** An error the handlers raise themselves: its message is written by us and safe to log and return. */
export class HandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandlerError';
  }
}

/**
 * Log fields for an error: its name, the HTTP status for SDK errors, and the message only for our own errors. An
 * SDK or runtime message could quote input (a JSON parse error quotes the text it failed on), so it is left out.
 */
export function errorFields(e: unknown): LogFields {
  if (!(e instanceof Error)) return { errorName: typeof e };
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return {
    errorName: e.name,
    ...(status !== undefined ? { httpStatus: status } : {}),
    ...(e instanceof HandlerError ? { errorMessage: e.message } : {}),
  };
}
