/** Request-parameter helpers shared by the service models. */
import { ServiceError } from './errors';

export type Input = Record<string, unknown>;

/** A required string member; missing or wrong type raises the service's validation error. */
export function reqStr(input: Input, name: string, errorType = 'InvalidParameterException'): string {
  const v = input[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new ServiceError(errorType, `1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}

export function optStr(input: Input, name: string, errorType = 'InvalidParameterException'): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ServiceError(errorType, `Invalid type for parameter ${name}`);
  return v;
}

export function optStrList(input: Input, name: string, errorType = 'InvalidParameterException'): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new ServiceError(errorType, `Invalid type for parameter ${name}`);
  }
  return v as string[];
}

export function optBool(input: Input, name: string, errorType = 'InvalidParameterException'): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ServiceError(errorType, `Invalid type for parameter ${name}`);
  return v;
}

export function optNum(input: Input, name: string, errorType = 'InvalidParameterException'): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ServiceError(errorType, `Invalid type for parameter ${name}`);
  return v;
}

export function optObj(input: Input, name: string, errorType = 'InvalidParameterException'): Input | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ServiceError(errorType, `Invalid type for parameter ${name}`);
  return v as Input;
}

/** awsJson1_1 timestamps are epoch seconds (fractional allowed). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** What a model's `execute` returns to the server. */
export interface ExecResult {
  output: unknown;
  /** Non-secret note for the call log. */
  detail?: string;
  /** Runs after the answer was sent (e.g. notify rotation listeners). */
  after?: () => void;
}
