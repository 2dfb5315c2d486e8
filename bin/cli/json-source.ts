/**
 * JSON templates: values from the engine's own `JSON.parse`, positions only when someone asks.
 *
 * The happy path is `JSON.parse` plus one walk over the parsed value's containers (nesting depth
 * and a member count) and one pass of a regular expression over the text (its member count, see
 * `hasDuplicateKeys`). Everything that needs to know where things are in the text (the line and
 * column of a syntax error, of a duplicate key, of the level that is too deep, and `locate()` for
 * findings) uses the code below, and only when needed:
 *
 * - `scanJson` is a complete, iterative JSON validator (RFC 8259). It runs only after `JSON.parse`
 *   failed (to say where and why), or when the walk says a duplicate key or excessive depth exists
 *   (to say where).
 * - `JsonLocator` reads a container the first time a path goes through it and remembers what it
 *   read. A section under the root (`Resources`, `Parameters`, `Outputs`) is read whole, in one
 *   pass (`objectMembers`, which the rules' shared walk may already have made for the same text);
 *   any other object only as far as the path needs: the first `locate()` into a resource reads
 *   that resource up to the property. It skips values with sticky regular expressions
 *   (rules/engine/json-text.ts), not character by character. Nothing is computed when nobody
 *   calls `locate()`.
 */
import { keyAt, memberValue, objectMembers, skipValue, skipWhitespace, STRING, unescapeKey } from '../../rules/engine/json-text';
import { InputError, quote } from './input-error';
import { LineIndex, SourcePosition, TemplatePath } from './source-position';
import type { ResolvedLimits } from './limits';

export interface ParsedSource {
  readonly value: unknown;
  locate(path: TemplatePath): SourcePosition | undefined;
}

export function parseJsonSource(file: string, text: string, limits: ResolvedLimits): ParsedSource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(file, text, error);
  }

  const lines = new LineIndex(text);
  const walk = walkParsed(value, limits.maxDepth);
  if (walk.tooDeep) {
    const problem = scanJson(text, { duplicates: false, maxDepth: limits.maxDepth });
    const at = problem?.kind === 'depth' ? lines.position(problem.offset) : undefined;
    throw new InputError(file, 'too-deep', `nesting is deeper than ${limits.maxDepth} levels (the depth limit)`, at && { ...at });
  }
  if (limits.duplicateKeys === 'error' && hasDuplicateKeys(text, walk)) {
    const problem = scanJson(text, { duplicates: true, maxDepth: Number.POSITIVE_INFINITY });
    if (problem?.kind === 'duplicate') {
      const first = lines.position(problem.firstOffset ?? problem.offset);
      throw new InputError(
        file,
        'duplicate-key',
        `${problem.message} (first at line ${first.line}, column ${first.column}); CloudFormation would silently use the last one`,
        lines.position(problem.offset),
      );
    }
  }

  let locator: JsonLocator | undefined;
  return {
    value,
    locate(path: TemplatePath): SourcePosition | undefined {
      // Past the check above, 'error' means no key is repeated.
      locator ??= new JsonLocator(text, { uniqueKeys: limits.duplicateKeys === 'error' || !hasDuplicateKeys(text, walk) });
      const offset = locator.locate(path);
      return offset === undefined ? undefined : lines.position(offset);
    },
  };
}

function jsonSyntaxError(file: string, text: string, error: unknown): InputError {
  const problem = scanJson(text, { duplicates: false, maxDepth: Number.POSITIVE_INFINITY });
  if (problem !== undefined) {
    const at = new LineIndex(text).position(problem.offset);
    return new InputError(file, 'syntax', `malformed JSON: ${problem.message}`, { ...at, cause: error });
  }
  // JSON.parse and the scanner disagree; should not happen. Keep V8's words, without its source excerpt.
  const detail = error instanceof Error ? error.message.replace(/,\s*".*" is not valid JSON$/s, '') : String(error);
  return new InputError(file, 'syntax', `malformed JSON: ${detail}`, { cause: error });
}

// ---------------------------------------------------------------------------------------------------
// The walk over the parsed value, and the duplicate-key count

interface WalkResult {
  tooDeep: boolean;
  /** Object members in the parsed value. */
  members: number;
}

/**
 * Depth check, and the member count for `hasDuplicateKeys`.
 *
 * This one recurses, because on a cold process a recursive walk is about twice as fast as one with
 * an explicit stack (5 ms against 10 ms for 2,000 resources) and it runs on every JSON file. The
 * recursion is bounded: it stops at `maxDepth`, which resolveLimits caps at MAX_DEPTH_CAP (256)
 * frames, far below what the stack holds. (`JSON.parse` itself does not recurse, so any depth gets
 * this far.) It looks only at containers: strings and numbers are not touched.
 */
function walkParsed(root: unknown, maxDepth: number): WalkResult {
  // Counters in the closure, not on an object: measurably faster on a cold process.
  let members = 0;
  let tooDeep = false;
  const walk = (value: object, depth: number): boolean => {
    if (depth > maxDepth) {
      tooDeep = true;
      return false;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object' && !walk(item, depth + 1)) return false;
      }
      return true;
    }
    // for-in is the fastest way through JSON.parse's plain objects (no inherited enumerable keys).
    for (const key in value) {
      members++;
      const item: unknown = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object' && !walk(item, depth + 1)) return false;
    }
    return true;
  };
  if (root !== null && typeof root === 'object') walk(root, 1);
  return { tooDeep, members };
}

/** Text up to and including the next ':' outside strings: in valid JSON, to the end of the next key. */
const TO_MEMBER_COLON = String.raw`[^":]*(?:${STRING}[^":]*)*:`;
const MEMBER_COLON = new RegExp(TO_MEMBER_COLON, 'y');
const MEMBER_COLONS_PER_STEP = 64;
const MEMBER_COLONS = new RegExp(`(?:${TO_MEMBER_COLON}){${MEMBER_COLONS_PER_STEP}}`, 'y');

/**
 * `JSON.parse` keeps the last of two equal keys without a word, so duplicates cannot be seen in its
 * result. Rather than tokenising every file to look for them, we count members on both sides: the
 * walk counts the parsed value's, and in valid JSON every ':' outside a string ends one member's
 * key, so the text has as many members as such colons. A repeated key leaves one member fewer in
 * the parsed value, so the counts differ exactly when a key is repeated; the scanner then says
 * where.
 *
 * The colons are counted by sticky regular expressions, 64 at a time: some 400 steps in JavaScript
 * for 2,000 resources, and nothing allocated (`text.replace` would build a string as long as the
 * text, and in a cold process with a big heap that costs a garbage collection).
 */
function hasDuplicateKeys(text: string, walk: WalkResult): boolean {
  let members = 0;
  let at = 0;
  MEMBER_COLONS.lastIndex = 0;
  while (MEMBER_COLONS.test(text)) {
    members += MEMBER_COLONS_PER_STEP;
    at = MEMBER_COLONS.lastIndex;
  }
  MEMBER_COLON.lastIndex = at;
  while (MEMBER_COLON.test(text)) members++;
  return members !== walk.members;
}

// ---------------------------------------------------------------------------------------------------
// The scanner: a complete JSON validator that also finds duplicate keys and excessive depth

export interface JsonProblem {
  readonly kind: 'syntax' | 'duplicate' | 'depth';
  /** Where the problem is (UTF-16 offset into the text). */
  readonly offset: number;
  /** For duplicates: where the key was first seen. */
  readonly firstOffset?: number;
  readonly message: string;
}

interface ScanOptions {
  readonly duplicates: boolean;
  readonly maxDepth: number;
}

const enum Expect {
  Value, // a value (top level, after ':' or after ',' in an array)
  ValueOrEndArray, // just after '['
  KeyOrEndObject, // just after '{'
  Key, // after ',' in an object
  CommaOrEnd, // after a complete value
}

interface Frame {
  readonly isObject: boolean;
  readonly keys: Map<string, number> | undefined;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Returns the first problem in `text`, or undefined when it is valid JSON within the limits asked for. */
export function scanJson(text: string, options: ScanOptions): JsonProblem | undefined {
  const n = text.length;
  const stack: Frame[] = [];
  let expect = Expect.Value;
  let i = 0;
  const syntax = (offset: number, message: string): JsonProblem => ({ kind: 'syntax', offset, message });

  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= n) {
      if (expect === Expect.CommaOrEnd && stack.length === 0) return undefined;
      if (stack.length === 0 && expect === Expect.Value) {
        return syntax(i, 'the file has no JSON value');
      }
      const open = stack.length > 0 ? (stack[stack.length - 1].isObject ? "'}'" : "']'") : 'a value';
      return syntax(i, `unexpected end of file (expected ${expect === Expect.CommaOrEnd ? `',' or ${open}` : describeExpect(expect)})`);
    }
    const c = text.charCodeAt(i);

    switch (expect) {
      case Expect.Value:
      case Expect.ValueOrEndArray: {
        if (c === 0x5d /* ] */) {
          if (expect === Expect.ValueOrEndArray) {
            stack.pop();
            i++;
            expect = Expect.CommaOrEnd;
            break;
          }
          if (stack.length > 0 && !stack[stack.length - 1].isObject) {
            return syntax(i, "trailing comma before ']'");
          }
        }
        if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
          const isObject = c === 0x7b;
          stack.push({ isObject, keys: isObject && options.duplicates ? new Map() : undefined });
          if (stack.length > options.maxDepth) {
            return { kind: 'depth', offset: i, message: `nesting is deeper than ${options.maxDepth} levels` };
          }
          i++;
          expect = isObject ? Expect.KeyOrEndObject : Expect.ValueOrEndArray;
          break;
        }
        if (c === 0x22 /* " */) {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = Expect.CommaOrEnd;
          break;
        }
        if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
          NUMBER.lastIndex = i;
          const match = NUMBER.exec(text);
          const next = match ? i + match[0].length : i;
          if (!match || /[0-9A-Za-z.+-]/.test(text.charAt(next))) {
            return syntax(i, `invalid number ${quote(numberLike(text, i))}`);
          }
          i = next;
          expect = Expect.CommaOrEnd;
          break;
        }
        const literal = text.startsWith('true', i) ? 4 : text.startsWith('null', i) ? 4 : text.startsWith('false', i) ? 5 : 0;
        if (literal > 0 && !/[0-9A-Za-z_$]/.test(text.charAt(i + literal))) {
          i += literal;
          expect = Expect.CommaOrEnd;
          break;
        }
        return syntax(i, `expected a value but found ${describeAt(text, i)}`);
      }

      case Expect.KeyOrEndObject:
      case Expect.Key: {
        if (c === 0x7d /* } */) {
          if (expect === Expect.Key) return syntax(i, "trailing comma before '}'");
          stack.pop();
          i++;
          expect = Expect.CommaOrEnd;
          break;
        }
        if (c !== 0x22) {
          return syntax(i, `expected a double-quoted key but found ${describeAt(text, i)}`);
        }
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        const frame = stack[stack.length - 1];
        if (frame.keys !== undefined) {
          const key = unescapeKey(text.slice(i + 1, end - 1));
          const first = frame.keys.get(key);
          if (first !== undefined) {
            return { kind: 'duplicate', offset: i, firstOffset: first, message: `duplicate key ${quote(key)}` };
          }
          frame.keys.set(key, i);
        }
        i = skipWhitespace(text, end);
        if (text.charCodeAt(i) !== 0x3a /* : */) {
          return syntax(i, `expected ':' after the key but found ${describeAt(text, i)}`);
        }
        i++;
        expect = Expect.Value;
        break;
      }

      case Expect.CommaOrEnd: {
        if (stack.length === 0) {
          return syntax(i, `unexpected ${describeAt(text, i)} after the end of the JSON value`);
        }
        const frame = stack[stack.length - 1];
        if (c === 0x2c /* , */) {
          i++;
          expect = frame.isObject ? Expect.Key : Expect.Value;
          break;
        }
        if ((frame.isObject && c === 0x7d) || (!frame.isObject && c === 0x5d)) {
          stack.pop();
          i++;
          break;
        }
        return syntax(i, `expected ',' or '${frame.isObject ? '}' : ']'}' but found ${describeAt(text, i)}`);
      }
    }
  }
}

function describeExpect(expect: Expect): string {
  switch (expect) {
    case Expect.Key:
      return 'a key';
    case Expect.KeyOrEndObject:
      return "a key or '}'";
    case Expect.ValueOrEndArray:
      return "a value or ']'";
    default:
      return 'a value';
  }
}

/** Says what is at `i`, with a hint for the usual mistakes. */
function describeAt(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const c = text.charAt(i);
  if (c === "'") return "a single quote (JSON strings use double quotes)";
  if (c === '/' && (text.charAt(i + 1) === '/' || text.charAt(i + 1) === '*')) return 'a comment (JSON has no comments)';
  if (/[A-Za-z_$]/.test(c)) {
    const word = /[A-Za-z0-9_$]*/y;
    word.lastIndex = i;
    const found = word.exec(text)?.[0] ?? c;
    return `${quote(found, 30)} (strings and keys must be double-quoted)`;
  }
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${c}'`;
}

function numberLike(text: string, i: number): string {
  const m = /[-+.0-9A-Za-z]*/y;
  m.lastIndex = i;
  return m.exec(text)?.[0] ?? text.charAt(i);
}

/** Validates the string starting at `start` (a '"'); returns the offset after its closing quote. */
function scanString(text: string, start: number): number | JsonProblem {
  const n = text.length;
  for (let j = start + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c /* \ */) {
      const e = text.charAt(j + 1);
      if (e === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(j + 2, j + 6))) {
          return { kind: 'syntax', offset: j, message: 'invalid \\u escape in a string (needs four hex digits)' };
        }
        j += 5;
      } else if ('"\\/bfnrt'.includes(e) && e !== '') {
        j += 1;
      } else {
        return { kind: 'syntax', offset: j, message: `invalid escape ${quote(`\\${e}`)} in a string` };
      }
    } else if (c < 0x20) {
      return {
        kind: 'syntax',
        offset: j,
        message: `unescaped control character U+${c.toString(16).padStart(4, '0').toUpperCase()} in a string${c === 0x0a ? ' (a line break inside quotes?)' : ''}`,
      };
    }
  }
  return { kind: 'syntax', offset: start, message: 'unterminated string (no closing double quote)' };
}

// ---------------------------------------------------------------------------------------------------
// The lazy locator (valid JSON only)

// The reading primitives (skipValue, keyAt, objectMembers) are in rules/engine/json-text.ts.

export interface JsonLocatorOptions {
  /**
   * No object in the text has the same key twice (the caller has checked). Then an object is read
   * only as far as the key asked for; otherwise always to its end, for the last of equal keys wins.
   */
  readonly uniqueKeys?: boolean;
}

export class JsonLocator {
  private readonly containers = new Map<number, ObjectReader | ArrayReader>();
  private readonly uniqueKeys: boolean;
  private readonly root: number;

  constructor(
    private readonly text: string,
    options: JsonLocatorOptions = {},
  ) {
    this.uniqueKeys = options.uniqueKeys === true;
    this.root = skipWhitespace(text, 0);
  }

  /**
   * The offset of what `path` names: the key of an object member (so a finding points at the line
   * that names the property), the start of an array element, or the start of the document for [].
   */
  locate(path: TemplatePath): number | undefined {
    const text = this.text;
    let value = this.root;
    let result = value;
    // An indexed loop, not for-of: no iterator protocol in a function that runs cold.
    for (let n = 0; n < path.length; n++) {
      const segment = path[n];
      const c = text.charCodeAt(value);
      let reader = this.containers.get(value);
      if (c === 0x7b) {
        if (reader === undefined) this.containers.set(value, (reader = new ObjectReader(text, value, this.uniqueKeys, n === 1)));
        const key = String(segment);
        const keyOffset = (reader as ObjectReader).member(key);
        if (keyOffset === undefined) return undefined;
        result = keyOffset;
        if (n === path.length - 1) break; // the value is not needed
        value = memberValue(text, keyOffset);
      } else if (c === 0x5b) {
        if (reader === undefined) this.containers.set(value, (reader = new ArrayReader(text, value)));
        const index = typeof segment === 'number' ? segment : /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : -1;
        const item = (reader as ArrayReader).item(index);
        if (item === undefined) return undefined;
        result = value = item;
      } else {
        return undefined;
      }
    }
    return result;
  }
}

/**
 * The members of one object, read as far as has been asked. A member is skipped (key and value,
 * in one step) only when the member after it is wanted: the top-level object's `Resources` holds
 * nearly all the text, and a path into it never needs to know where it ends.
 *
 * A section (an object directly under the root: `Resources`, `Parameters`, `Outputs`) is read
 * whole instead, the first time a path goes into it: findings spread over a template's resources
 * and come sorted by name, not in the file's order, so their paths read most of it anyway, and
 * one call of `String.prototype.match` reads every member (see `objectMembers`), rather than one
 * step in JavaScript each.
 */
class ObjectReader {
  /** The offsets of the keys read so far, in order (not kept when the object is read whole). */
  private readonly offsets: number[] = [];
  private complete = false;
  /** The keys read so far. */
  private readonly found = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly open: number,
    private readonly uniqueKeys: boolean,
    private readonly whole = false,
  ) {}

  /** The offset of the key `key` (of the last one, if the text repeats it). */
  member(key: string): number | undefined {
    const offset = this.found.get(key);
    if (offset !== undefined && this.uniqueKeys) return offset;
    if (this.whole) {
      if (!this.complete) this.readWhole();
      return this.found.get(key);
    }
    // Read on, to the end unless keys are unique.
    while (this.readNext()) {
      const at = this.offsets[this.offsets.length - 1];
      const name = keyAt(this.text, at);
      this.found.set(name, at); // the last of equal keys wins, as in JSON.parse
      if (this.uniqueKeys && name === key) return at;
    }
    return this.found.get(key);
  }

  /** Reads every member, in as few steps as `VALUE` allows. */
  private readWhole(): void {
    const members = objectMembers(this.text, this.open);
    // The last of equal keys wins, as in JSON.parse.
    for (let i = 0; i < members.length; i++) this.found.set(members[i].key, members[i].start);
    this.complete = true;
  }

  /** Reads one more member; false at the end. */
  private readNext(): boolean {
    if (this.complete) return false;
    const { text, offsets } = this;
    const next = offsets.length === 0 ? skipWhitespace(text, this.open + 1) : skipValue(text, offsets[offsets.length - 1]);
    if (text.charCodeAt(next) !== 0x22) {
      this.complete = true; // at the closing '}'
      return false;
    }
    offsets.push(next);
    return true;
  }
}

/** The elements of one array, read as far as has been asked. */
class ArrayReader {
  /** The offsets of the elements read so far. */
  private readonly items: number[] = [];
  private complete = false;

  constructor(
    private readonly text: string,
    private readonly open: number,
  ) {}

  item(index: number): number | undefined {
    const { text, items } = this;
    while (items.length <= index && !this.complete) {
      const next = items.length === 0 ? skipWhitespace(text, this.open + 1) : skipValue(text, items[items.length - 1]);
      if (text.charCodeAt(next) === 0x5d) this.complete = true; // at the closing ']'
      else items.push(next);
    }
    return items[index];
  }
}
