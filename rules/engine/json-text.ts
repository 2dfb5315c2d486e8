/**
 * Reading valid JSON text by its structure without parsing it: where an object's members are, and where a value
 * ends. The audit CLI's locator uses this to find findings' lines; the rules' shared walk uses it to tell which
 * resource a match in the template text belongs to.
 *
 * It runs in a cold process, over text that `JSON.parse` has accepted (or `JSON.stringify` wrote), so it validates
 * nothing, and what it costs is the number of steps taken in JavaScript: the engine's regular expressions cross
 * text many times faster than a loop over `charCodeAt`. So each skip is one sticky regular expression (`lastIndex`
 * in, `lastIndex` out), and JavaScript takes one step per member or element it needs. The expressions rely on the
 * text being valid JSON: a '"' opens a string and the next unescaped '"' closes it, brackets balance, and a
 * container closes with the bracket that opened it, so '[{[]' and '[}\]]' need not tell objects from arrays.
 */

/** A JSON string, quotes included (valid JSON only). Unrolled, with no alternation per character: irregexp runs it fast. */
export const STRING = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;

const WS = '[ \\t\\n\\r]*';
/** Anything but strings and brackets: whitespace, ',', ':', numbers, true, false and null. */
const PLAIN = String.raw`[^"{}[\]]*`;

/**
 * How many levels of nesting `VALUE` crosses in one step. Resources in real templates nest up to
 * about ten (an IAM condition is six levels into its resource); a deeper value costs one step per
 * bracket down to where it is shallow enough (see `skipDeepContainer`).
 */
const VALUE_LEVELS = 16;

/**
 * A container with at most `levels` levels of nesting. A regular expression cannot count brackets,
 * but it can spell out a fixed number of levels: each level is the level below it, once more, so
 * the source grows linearly (about 50 characters a level). Every choice in it is decided by one
 * character (a '"', a bracket, or anything else), so a match that fails (too deep) costs about as
 * much as the text it crossed, not more.
 */
function containerPattern(levels: number): string {
  let pattern = String.raw`[{[]${PLAIN}(?:${STRING}${PLAIN})*[}\]]`;
  for (let level = 2; level <= levels; level++) {
    pattern = String.raw`[{[]${PLAIN}(?:(?:${STRING}|${pattern})${PLAIN})*[}\]]`;
  }
  return pattern;
}

/** A key, ':' and whitespace. Group 1 is the key as written, without its quotes. */
const KEY = new RegExp(String.raw`"([^"\\]*(?:\\.[^"\\]*)*)"${WS}:${WS}`, 'y');
/**
 * A value, or a member (key, ':' and value), unless the value nests deeper than `VALUE_LEVELS`, and
 * what follows up to the next member or element: whitespace, then a ',' and whitespace, or nothing
 * (the container's closing bracket). No value is followed by ':', so when the member's value is too
 * deep, `(?!…:)` stops its key from passing for a value.
 *
 * Sticky and global: `test` with `lastIndex` crosses one value (as sticky alone would), and
 * `String.prototype.match` gives every member of an object, one match each, as far as it crosses
 * them (see `objectMembers`). One expression for both, because compiling it costs about 0.6 ms.
 */
const VALUE = new RegExp(
  `(?:${STRING}${WS}:${WS})?(?:${STRING}|${containerPattern(VALUE_LEVELS)}|[-+.0-9A-Za-z]+)(?!${WS}:)${WS}(?:,${WS})?`,
  'gy',
);
/** What follows a value that `VALUE` did not match, as in `VALUE`. */
const AFTER_VALUE = new RegExp(`${WS}(?:,${WS})?`, 'y');
/** Everything up to the next bracket (or the end of the text), strings included. */
const TO_BRACKET = new RegExp(`${PLAIN}(?:${STRING}${PLAIN})*`, 'y');

/** The first offset at or after `i` that is not JSON whitespace. */
export function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** A key as written between its quotes, unescaped. */
export function unescapeKey(raw: string): string {
  return raw.indexOf('\\') === -1 ? raw : (JSON.parse(`"${raw}"`) as string);
}

/** The key whose opening quote is at `offset`, unescaped. */
export function keyAt(text: string, offset: number): string {
  KEY.lastIndex = offset;
  return unescapeKey((KEY.exec(text) as RegExpExecArray)[1]);
}

/** Where the value of the member whose key starts at `offset` starts. */
export function memberValue(text: string, offset: number): number {
  KEY.lastIndex = offset;
  KEY.test(text);
  return KEY.lastIndex;
}

/** One member of an object: its key, where its key starts, and where the next member (or the closing '}') starts. */
export interface Member {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every member of the (valid) object whose '{' is at `open`, in the text's order (equal keys each appear). One call
 * of `String.prototype.match` reads every member whose value `VALUE` crosses; only their names are read in
 * JavaScript, from the text each match gives (with `keyAt` only for a key with escapes). A member too deep for
 * `VALUE` takes a step of its own.
 */
export function objectMembers(text: string, open: number): readonly Member[] {
  // The rules' shared walk reads a template's `Resources` to place its finds, and the CLI's locator reads it again
  // to place findings: the last object read is kept, so the second read is free.
  if (last !== undefined && last.text === text && last.open === open) return last.members;
  const members = readMembers(text, open);
  last = { text, open, members };
  return members;
}

let last: { readonly text: string; readonly open: number; readonly members: readonly Member[] } | undefined;

function readMembers(text: string, open: number): Member[] {
  const out: Member[] = [];
  let next = skipWhitespace(text, open + 1);
  while (text.charCodeAt(next) === 0x22) {
    // match() starts a global expression at 0, so it is given the text from `next` (a slice: no copy).
    const members = text.slice(next).match(VALUE) ?? [];
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      const close = member.indexOf('"', 1);
      const escaped = member.lastIndexOf('\\', close) !== -1;
      const end = next + member.length;
      out.push({ key: escaped ? keyAt(text, next) : member.slice(1, close), start: next, end });
      next = end;
    }
    if (text.charCodeAt(next) !== 0x22) break; // at the closing '}'
    const end = skipValue(text, next);
    out.push({ key: keyAt(text, next), start: next, end });
    next = end;
  }
  return out;
}

/** From the end of a value to the next member or element, or to the closing bracket: whitespace, a ',', whitespace. */
export function afterValue(text: string, end: number): number {
  AFTER_VALUE.lastIndex = end;
  AFTER_VALUE.test(text);
  return AFTER_VALUE.lastIndex;
}

/**
 * From the (valid) value or member at `start` to the next member or element, or to the closing
 * bracket.
 */
export function skipValue(text: string, start: number): number {
  VALUE.lastIndex = start;
  if (VALUE.test(text)) return VALUE.lastIndex;
  // Only a container too deep fails VALUE.
  let value = start;
  if (text.charCodeAt(start) === 0x22) value = memberValue(text, start);
  return afterValue(text, skipDeepContainer(text, value));
}

/**
 * End of the (valid) container at `start`, which nests deeper than `VALUE` reaches: JavaScript
 * counts brackets, and tries `VALUE` on each container inside, to cross it in one step.
 */
function skipDeepContainer(text: string, start: number): number {
  let depth = 1;
  let i = start + 1;
  for (;;) {
    TO_BRACKET.lastIndex = i;
    TO_BRACKET.test(text);
    i = TO_BRACKET.lastIndex;
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      VALUE.lastIndex = i;
      if (VALUE.test(text)) {
        i = VALUE.lastIndex;
      } else {
        depth++;
        i++;
      }
    } else if (c === 0x7d || c === 0x5d) {
      i++;
      if (--depth === 0) return i;
    } else {
      return text.length; // the end of the text: not in valid JSON
    }
  }
}
