/**
 * Leak detection.
 *
 * The stand-ins register every token and secret value they issue or store here. `scan()` looks for
 * those values in arbitrary text (captured log lines, error messages, metric payloads, HTTP bodies)
 * and reports which ones appear, either whole or as a substring of `minPartialLength` (16) characters
 * or more. Reports name values only by their reference (`rt-3`, `cs-1`, `sv-2`...), never by content,
 * so a failing assertion cannot itself leak the material it is complaining about.
 */
import { format, inspect } from 'node:util';

export type SecretKind =
  | 'refresh_token'
  | 'access_token'
  | 'id_token'
  | 'client_secret'
  | 'secret_value'
  | 'rotation_token'
  | 'other';

export interface LeakFinding {
  /** Stand-in reference of the leaked value (e.g. `rt-3`); never the value. */
  ref: string;
  kind: SecretKind;
  /** `full`: the whole value appears; `partial`: only a substring of >= minPartialLength characters. */
  match: 'full' | 'partial';
  /** Index of the scanned input (argument position / array index) the value was found in. */
  input: number;
}

export interface LeakReport {
  /** Number of distinct issued values found in the inputs. */
  count: number;
  findings: LeakFinding[];
  clean: boolean;
  /** A printable summary that names references and kinds only. */
  summary(): string;
}

interface KnownValue {
  ref: string;
  kind: SecretKind;
  value: string;
}

export interface RegisterOptions {
  /**
   * The parts of the value that are secret-bearing and should be matched as substrings. Defaults to
   * the whole value. JWT and JWE headers are constant across tokens, so the token models pass only
   * the payload/signature/ciphertext segments here.
   */
  partialSources?: string[];
}

/** Values shorter than this are ignored: they would match ordinary text by chance. */
const MIN_FULL_LENGTH = 8;

export class LeakDetector {
  readonly minPartialLength: number;
  private readonly known = new Map<string, KnownValue>();
  private readonly byValue = new Map<string, string>();
  private readonly windows = new Map<string, Set<string>>();
  private counter = 0;

  constructor(minPartialLength = 16) {
    this.minPartialLength = minPartialLength;
  }

  /** Number of values known to the detector. */
  get size(): number {
    return this.known.size;
  }

  /**
   * Registers a value. Returns its reference; registering the same value twice returns the first
   * reference. `ref` may be given by the caller (the models use their own token ids).
   */
  register(value: string, kind: SecretKind, ref?: string, options: RegisterOptions = {}): string {
    const existing = this.byValue.get(value);
    if (existing) return existing;
    const id = ref ?? `${kind}-${++this.counter}`;
    if (value.length < MIN_FULL_LENGTH) return id;
    this.known.set(id, { ref: id, kind, value });
    this.byValue.set(value, id);
    const n = this.minPartialLength;
    for (const source of options.partialSources ?? [value]) {
      for (let i = 0; i + n <= source.length; i++) {
        const w = source.slice(i, i + n);
        let refs = this.windows.get(w);
        if (!refs) {
          refs = new Set();
          this.windows.set(w, refs);
        }
        refs.add(id);
      }
    }
    return id;
  }

  /** Reference of a known value, if any (handy in tests: `leaks.refOf(token)`). */
  refOf(value: string): string | undefined {
    return this.byValue.get(value);
  }

  /**
   * Scans the inputs. Strings are scanned as they are; Errors by name, message, stack and own properties, and through
   * the errors they wrap (`cause`, an `AggregateError`'s `errors`); anything else through JSON.stringify. Every
   * non-string input is also scanned as `util.inspect` prints it (what `console.log` would write: Maps, Sets and
   * class instances included), six levels deep and with no string-length limit.
   */
  scan(...inputs: unknown[]): LeakReport {
    const findings: LeakFinding[] = [];
    const n = this.minPartialLength;
    inputs.forEach((input, index) => {
      const text = toText(input);
      const hits = new Set<string>();
      for (let i = 0; i + n <= text.length; i++) {
        const refs = this.windows.get(text.slice(i, i + n));
        if (refs) for (const r of refs) hits.add(r);
      }
      // Full matches for values too short to have windows, or whose windows were restricted.
      for (const k of this.known.values()) {
        if (!hits.has(k.ref) && text.includes(k.value)) hits.add(k.ref);
      }
      for (const ref of hits) {
        const k = this.known.get(ref);
        if (!k) continue;
        findings.push({ ref, kind: k.kind, match: text.includes(k.value) ? 'full' : 'partial', input: index });
      }
    });
    const count = new Set(findings.map((f) => f.ref)).size;
    return {
      count,
      findings,
      clean: count === 0,
      summary: () =>
        count === 0
          ? 'no issued token or secret value found'
          : `${count} issued value(s) found: ` +
            findings.map((f) => `${f.kind} ${f.ref} (${f.match}) in input #${f.input}`).join('; '),
    };
  }

  /** Throws (with a message naming references only) when any input contains a known value. */
  assertNoLeaks(...inputs: unknown[]): void {
    const report = this.scan(...inputs);
    if (!report.clean) throw new Error(`Leak detected: ${report.summary()}`);
  }
}

function toText(input: unknown, seen = new WeakSet<object>()): string {
  if (typeof input === 'string') return input;
  if (input && typeof input === 'object') {
    if (seen.has(input)) return '';
    seen.add(input);
  }
  const printed = printedForm(input);
  if (input instanceof Error) {
    const own: Record<string, unknown> = {};
    for (const key of Object.getOwnPropertyNames(input)) own[key] = (input as unknown as Record<string, unknown>)[key];
    const wrapped = [(input as { cause?: unknown }).cause, ...(input instanceof AggregateError && Array.isArray(input.errors) ? input.errors : [])];
    return [input.name, input.message, input.stack ?? '', safeJson(own), printed, ...wrapped.filter((w) => w !== undefined).map((w) => toText(w, seen))].join('\n');
  }
  if (Array.isArray(input)) return [...input.map((x) => toText(x, seen)), printed].join('\n');
  return [safeJson(input), printed].join('\n');
}

/**
 * What `console.log` would print for the value, deeper than its default (which stops at 2 levels) and without the
 * string-length cut that could hide part of a token. Bounded all the same: an SDK error's response carries its
 * socket, and an unbounded walk of that graph costs seconds per error.
 */
function printedForm(input: unknown): string {
  try {
    return inspect(input, { depth: 6, maxArrayLength: 1000, maxStringLength: Infinity, breakLength: Infinity });
  } catch {
    return '';
  }
}

function safeJson(value: unknown): string {
  try {
    const seen = new WeakSet<object>();
    const out = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
    return out ?? format('%s', value);
  } catch {
    return format('%s', value);
  }
}

export interface CapturedConsole {
  /** Every line written through console.* while capturing, formatted like console would. */
  readonly lines: string[];
  restore(): void;
}

/**
 * Captures console.log/info/warn/error/debug output (without printing it) so a test can scan what a
 * handler logged. Always call `restore()` (e.g. in a finally block).
 */
export function captureConsole(): CapturedConsole {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  const lines: string[] = [];
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      lines.push(format(...args));
    };
  }
  return {
    lines,
    restore: () => {
      methods.forEach((m, i) => {
        console[m] = originals[i] as (typeof console)[typeof m];
      });
    },
  };
}
