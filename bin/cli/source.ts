/**
 * Template text into what every front door needs: `{ value, locate }`. See docs/cli-input.md.
 *
 * JSON: the value is `JSON.parse`'s. Everything that needs to know where things are in the text uses jsonc-parser's
 * scanner, and only when needed: `locate` when there are findings to place, and the message of a file that is
 * malformed, too deep or has a repeated key.
 *
 * YAML: the `yaml` package's document API. CloudFormation's short-form tags are custom tags that resolve to their
 * long form (`!Ref X` is `{ Ref: 'X' }`), the value is the document's `toJS` (under the library's alias limit,
 * `maxAliasCount`), and positions come from its `LineCounter`. The package is loaded with the first YAML file. Text it
 * refuses as malformed is read by js-yaml, loaded only then, with the same schema and no positions.
 *
 * Both: the value is checked against the depth limit (and, for YAML, the node budget with aliases expanded), and is
 * a tree: a YAML value that aliases or merge keys repeat is copied, so the engine never meets one object twice.
 */
import * as jsonc from 'jsonc-parser';
import type * as JsYaml from 'js-yaml';
import type * as Yaml from 'yaml';
import { InputError, quote } from './input-error';
import type { ResolvedLimits } from './limits';

/** A 1-based position. Columns count UTF-16 code units, SARIF's default `columnKind`. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A path into a template: mapping keys and sequence indexes, e.g. ['Resources', 'Fn', 'Properties']. */
export type TemplatePath = ReadonlyArray<string | number>;

export type SourceFormat = 'json' | 'yaml';

export interface Source {
  readonly value: unknown;
  /**
   * Where each path is, or the deepest part of it that is in the text: the key of a mapping member, the start of a
   * sequence item, the tag of a YAML short-form intrinsic (`[…, 'Fn::If']` is where `!If` is); undefined only when
   * not even the document is found. Through a YAML alias or merge key, the anchored text.
   */
  locate(paths: readonly TemplatePath[]): Array<SourcePosition | undefined>;
}

export function parseSource(file: string, text: string, format: SourceFormat, limits: ResolvedLimits): Source {
  return format === 'json' ? parseJson(file, text, limits) : parseYaml(file, text, limits);
}

const tooDeep = (limits: ResolvedLimits): string => `nesting is deeper than ${limits.maxDepth} levels (the depth limit)`;
const duplicateKey = (key: string, first?: SourcePosition): string => `duplicate key ${quote(key)}${first ? ` (first at line ${first.line}, column ${first.column})` : ''}; CloudFormation would silently use the last one`;

/**
 * Checks the depth of a parsed value (and, with `budget`, how many values it holds once shared parts are counted
 * each time they are used). With `unshare`, every object met a second time (a YAML alias or merge key) is replaced
 * by a copy. Returns the path of the first problem, or how many object members the value holds. Recursion is
 * bounded by the depth limit (at most 256).
 */
function checkTree(
  holder: { value: unknown },
  limits: ResolvedLimits,
  options: { budget?: number; unshare?: boolean },
): { problem: 'too-deep' | 'too-complex'; path: Array<string | number> } | { members: number } {
  const path: Array<string | number> = [];
  let members = 0;
  const seen = options.unshare ? new Set<object>() : undefined;
  let left = options.budget ?? Number.POSITIVE_INFINITY;
  let problem: 'too-deep' | 'too-complex' | undefined;
  const visit = (value: object, depth: number): object | undefined => {
    if (depth > limits.maxDepth) problem = 'too-deep';
    else if ((left -= 1) < 0) problem = 'too-complex';
    if (problem !== undefined) return undefined;
    let node = value;
    if (seen !== undefined) {
      if (seen.has(node)) node = Array.isArray(node) ? node.slice() : { ...node };
      seen.add(node);
    }
    // An array by its indexes: Object.keys would make a string of each.
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    if (keys !== undefined) members += keys.length;
    const length = keys === undefined ? (node as unknown[]).length : keys.length;
    for (let i = 0; i < length; i++) {
      const key = keys === undefined ? i : keys[i];
      const item = (node as Record<string | number, unknown>)[key];
      if (item === null || typeof item !== 'object') {
        if (options.budget !== undefined && (left -= 1) < 0) problem = 'too-complex';
        if (problem !== undefined) return undefined;
        continue;
      }
      path.push(key);
      const checked = visit(item, depth + 1);
      if (checked === undefined) return undefined;
      path.pop();
      if (checked !== item) Object.defineProperty(node, key, { value: checked, writable: true, enumerable: true, configurable: true });
    }
    return node;
  };
  const root = holder.value;
  if (root !== null && typeof root === 'object') {
    const checked = visit(root, 1);
    if (checked === undefined) return { problem: problem!, path };
    holder.value = checked;
  }
  return { members };
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

// jsonc-parser's token kinds and error codes: its typings declare them as const enums, which isolatedModules cannot read.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const EOF = 17;

/** jsonc-parser's error codes in words; `%s` is what was found there. */
const PARSE_ERRORS: Record<number, string> = {
  1: 'unexpected %s (strings and keys must be double-quoted)',
  2: 'invalid number %s',
  3: 'expected a double-quoted key but found %s',
  4: 'expected a value but found %s',
  5: "expected ':' after the key but found %s",
  6: "expected ',' or a closing bracket but found %s",
  7: "expected '}' but found %s",
  8: "expected ']' but found %s",
  9: 'unexpected %s after the end of the JSON value',
  10: 'a comment, which JSON does not have',
  11: 'unterminated comment',
  12: 'unterminated string (a line break inside quotes?)',
  13: 'incomplete number %s',
  14: 'invalid \\u escape in a string (needs four hex digits)',
  15: 'invalid escape in a string',
  16: 'control character in a string (escape it, e.g. \\n)',
};

function parseJson(file: string, text: string, limits: ResolvedLimits): Source {
  const holder: { value: unknown } = { value: undefined };
  try {
    holder.value = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(file, text, limits, error);
  }
  const checked = checkTree(holder, limits, {});
  if (!('members' in checked)) {
    const deep = jsonDepthExceeded(text, limits.maxDepth);
    throw new InputError(file, 'too-deep', tooDeep(limits), deep && { line: deep.line, column: deep.column });
  }
  // JSON.parse keeps the last of equal keys without a word. In valid JSON every member's key ends in an unescaped '"'
  // followed by ':' (a raw '"' cannot be inside a string); besides those, only the opening quote of a string that
  // starts with ':' (after any spaces) matches. So fewer members in the value than matches means a repeated key, or
  // such a string. Only then is the text scanned, to say which key is repeated and where.
  if (limits.duplicateKeys === 'error' && countKeyEnds(text) !== checked.members) {
    const duplicate = jsonDuplicateKey(text);
    if (duplicate !== undefined) {
      throw new InputError(file, 'duplicate-key', duplicateKey(duplicate.key, duplicate.first), duplicate.again);
    }
  }
  return { value: holder.value, locate: (paths) => jsonLocate(text, paths, limits.duplicateKeys === 'error') };
}

/** A '"' not after an odd number of backslashes (so not escaped), then optional white space and ':'. */
const KEY_END = /(?<!(?:^|[^\\])\\(?:\\\\)*)"[ \t\r\n]*:/g;

function countKeyEnds(text: string): number {
  let count = 0;
  KEY_END.lastIndex = 0;
  while (KEY_END.test(text)) count++;
  return count;
}

type Scanner = ReturnType<typeof jsonc.createScanner>;

const at = (scanner: Scanner): SourcePosition => ({ line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1 });

/** The first key that repeats one of the same object (valid JSON only), by jsonc-parser's visitor: one pass. */
function jsonDuplicateKey(text: string): { key: string; first: SourcePosition; again: SourcePosition } | undefined {
  const open: Array<Map<string, SourcePosition>> = [];
  let found: { key: string; first: SourcePosition; again: SourcePosition } | undefined;
  jsonc.visit(text, {
    onObjectBegin: () => void open.push(new Map()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, _offset, _length, line, character) => {
      const keys = open[open.length - 1];
      const first = keys.get(key);
      if (first !== undefined) found ??= { key, first, again: { line: line + 1, column: character + 1 } };
      keys.set(key, { line: line + 1, column: character + 1 });
    },
  });
  return found;
}

/** Where the nesting first passes `maxDepth`, by the scanner (iterative: any depth, malformed text too). */
function jsonDepthExceeded(text: string, maxDepth: number): (SourcePosition & { offset: number }) | undefined {
  const scanner = jsonc.createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > maxDepth) return { ...at(scanner), offset: scanner.getTokenOffset() };
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      depth--;
    }
  }
  return undefined;
}

/** Says where and why `JSON.parse` failed, in jsonc-parser's words (strict JSON: no comments, no trailing commas). */
function jsonSyntaxError(file: string, text: string, limits: ResolvedLimits, cause: unknown): InputError {
  const deep = jsonDepthExceeded(text, limits.maxDepth);
  let first: { code: number; offset: number; length: number; position: SourcePosition } | undefined;
  try {
    jsonc.visit(
      text,
      {
        onError: (code, offset, length, line, character) => {
          first ??= { code, offset, length, position: { line: line + 1, column: character + 1 } };
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch {
    // The parser recurses; nesting deep enough to exhaust the stack is what `deep` reports.
  }
  if (deep !== undefined && (first === undefined || deep.offset < first.offset)) {
    return new InputError(file, 'too-deep', tooDeep(limits), { line: deep.line, column: deep.column, cause });
  }
  if (first === undefined) {
    // JSON.parse and jsonc-parser disagree; should not happen. V8's words, without its excerpt of the text.
    const detail = cause instanceof Error ? cause.message.replace(/,\s*".*" is not valid JSON$/s, '') : String(cause);
    return new InputError(file, 'syntax', `malformed JSON: ${detail}`, { cause });
  }
  const { code, offset, length } = first;
  const found = offset >= text.length ? 'the end of the file' : quote(text.slice(offset, offset + Math.max(1, Math.min(length, 20))), 24);
  let reason = (PARSE_ERRORS[code] ?? 'unexpected %s').replace('%s', found);
  if (/^[\]}]/.test(text.slice(offset)) && text.slice(0, offset).trimEnd().endsWith(',')) reason = `trailing comma before '${text.charAt(offset)}'`;
  else if (text.charAt(offset) === "'") reason = 'unexpected single quote (JSON strings use double quotes)';
  return new InputError(file, 'syntax', `malformed JSON: ${reason}`, { ...first.position, cause });
}

interface Wanted {
  readonly children: Map<string, Wanted>;
  position?: SourcePosition;
}

function forget(node: Wanted): void {
  for (const child of node.children.values()) {
    child.position = undefined;
    forget(child);
  }
}

/**
 * Every path's position in one pass of the scanner (valid JSON): the paths make a tree of wanted keys and indexes,
 * and the scan records the position of each one it meets (the last of equal keys, as `JSON.parse` keeps). With
 * `unique` keys (checked when the text was parsed), the scan stops once every wanted key and index has been met.
 */
function jsonLocate(text: string, paths: readonly TemplatePath[], unique: boolean): Array<SourcePosition | undefined> {
  const root: Wanted = { children: new Map() };
  let unmet = 0;
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = String(segment);
      let child = node.children.get(key);
      if (child === undefined) {
        node.children.set(key, (child = { children: new Map() }));
        unmet++;
      }
      node = child;
    }
  }
  const scanner = jsonc.createScanner(text, true);
  // One loop, no recursion (V8 then compiles it once): `open` holds the containers the scan is in.
  const open: Array<{ wanted: Wanted | undefined; object: boolean; index: number }> = [];
  let token = scanner.scan();
  root.position = at(scanner);
  let wanted: Wanted | undefined = root; // what is wanted in the value that starts at `token`
  while (token !== EOF && !(unique && unmet === 0)) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) open.push({ wanted, object: token === OPEN_BRACE, index: 0 });
    token = scanner.scan();
    for (; token === CLOSE_BRACE || token === CLOSE_BRACKET || token === COMMA; token = scanner.scan()) if (token !== COMMA) open.pop();
    const parent = open[open.length - 1];
    if (parent === undefined) break;
    // A member is where its key is, an item where it starts.
    const child = parent.wanted?.children.get(parent.object ? scanner.getTokenValue() : String(parent.index));
    parent.index++;
    if (child?.position !== undefined) forget(child); // a repeated key: only the last one's value counts
    if (child !== undefined) {
      child.position = at(scanner);
      unmet--;
    }
    if (parent.object) {
      scanner.scan(); // ':'
      token = scanner.scan();
    }
    wanted = child;
  }
  return paths.map((path) => {
    let node = root;
    let found = root.position;
    for (const segment of path) {
      const child = node.children.get(String(segment));
      if (child?.position === undefined) break;
      node = child;
      found = child.position;
    }
    return found;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// YAML

const YAML_TAG = 'tag:yaml.org,2002:';

/** YAML 1.1 tags CloudFormation does not have (so the library calls them unresolved), and the booleans we replace. */
const REMOVED_TAGS = new Set(['binary', 'omap', 'pairs', 'set', 'timestamp', 'bool'].map((t) => YAML_TAG + t));

/** YAML 1.1 booleans as PyYAML and SnakeYAML read them: yes/no/on/off/true/false in three spellings (not y/n). */
const BOOLEAN = /^(?:[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF)$/;
const TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;

/**
 * The short-form intrinsics CloudFormation documents, the Rules functions and the language extensions' `!Length`,
 * `!ToJsonString` and `!ForEach`. Any other `!Name` is an input error: it would reach CloudFormation as nothing it
 * knows, and reach the rules as a value they cannot see into.
 */
const INTRINSICS = [
  'Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split',
  'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll',
  'ValueOf', 'ValueOfAll', 'Length', 'ToJsonString', 'ForEach',
];

/** The long-form key of a short-form tag (`!Ref` → `Ref`, `!If` → `Fn::If`), undefined for any other tag. */
function intrinsicKeyForTag(tag: string | undefined): string | undefined {
  const name = tag?.startsWith('!') ? tag.slice(1) : undefined;
  if (name === undefined || !INTRINSICS.includes(name)) return undefined;
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** The long form of a short-form intrinsic's value, for both YAML readers: `!GetAtt a.b.c` → `{ 'Fn::GetAtt': ['a', 'b.c'] }`. */
const longForm = (key: string, value: unknown): object => ({ [key]: key === 'Fn::GetAtt' && typeof value === 'string' ? splitGetAtt(value) : value });

/** `!GetAtt a.b.c` → ['a', 'b.c']: the logical id never has a dot, attribute names may. */
function splitGetAtt(text: string): string[] {
  const dot = text.indexOf('.');
  return dot === -1 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

let yaml: { Y: typeof Yaml; options: Yaml.ParseOptions & Yaml.DocumentOptions & Yaml.SchemaOptions } | undefined;

/** The `yaml` package and the schema CloudFormation reads with, on first use (loading the package costs ~25 ms). */
function yamlLibrary(): NonNullable<typeof yaml> {
  if (yaml !== undefined) return yaml;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Y = require('yaml') as typeof Yaml;
  const wrap = (key: string, node: Yaml.YAMLMap | Yaml.YAMLSeq): Yaml.YAMLMap => {
    const map = new Y.YAMLMap();
    map.items.push(new Y.Pair(new Y.Scalar(key), node));
    return map;
  };
  const intrinsicTags: Yaml.Tags = INTRINSICS.flatMap((name): Yaml.Tags => {
    const key = intrinsicKeyForTag(`!${name}`)!;
    return [
      { tag: `!${name}`, resolve: (text: string) => longForm(key, text) },
      { tag: `!${name}`, collection: 'seq', resolve: (seq) => wrap(key, seq as Yaml.YAMLSeq) },
      { tag: `!${name}`, collection: 'map', resolve: (map) => wrap(key, map as Yaml.YAMLMap) },
    ];
  });
  const booleans: Yaml.ScalarTag = {
    identify: (value) => typeof value === 'boolean',
    default: true,
    tag: `${YAML_TAG}bool`,
    test: BOOLEAN,
    resolve: (text) => TRUE.test(text),
  };
  const options: Yaml.ParseOptions & Yaml.DocumentOptions & Yaml.SchemaOptions = {
    version: '1.1',
    schema: 'yaml-1.1',
    merge: true,
    uniqueKeys: false, // the library's check is quadratic in a mapping's keys; ours (checkYamlNodes) is not
    prettyErrors: false,
    strict: true,
    logLevel: 'silent',
    customTags: (tags) => {
      const name = (tag: Yaml.Tags[number]): string => (typeof tag === 'string' ? YAML_TAG + tag : tag.tag);
      const kept = tags.filter((tag) => !REMOVED_TAGS.has(name(tag)));
      // Booleans before numbers, as in the library's own 1.1 schema.
      const firstNumber = kept.findIndex((tag) => /^tag:yaml\.org,2002:(int|float)/.test(name(tag)));
      kept.splice(firstNumber === -1 ? kept.length : firstNumber, 0, booleans);
      return [...kept, ...intrinsicTags];
    },
  };
  return (yaml = { Y, options });
}

/** Tags a template may carry: the core ones written out (`!!str 12`), `!` (plain), and the short-form intrinsics. */
const PLAIN_TAGS = new Set(['!', ...['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => YAML_TAG + t)]);

type YamlCode = 'syntax' | 'too-deep' | 'too-complex' | 'duplicate-key' | 'unsupported-yaml';

function parseYaml(file: string, text: string, limits: ResolvedLimits): Source {
  const { Y, options } = yamlLibrary();
  const lines = new Y.LineCounter();
  const position = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const fail = (code: YamlCode, offset: number, reason: string): never => {
    throw new InputError(file, code, reason, position(offset));
  };

  // 1. Tokens, one at a time, within the token budget; and the parser's open nodes within the depth limit, because
  //    the composer recurses (a 100,000-deep flow sequence would exhaust the stack, or abort the process).
  const parser = new Y.Parser(lines.addNewLine);
  lines.addNewLine(0); // Parser.parse() does this; we feed it one lexeme at a time
  const tokens: Yaml.CST.Token[] = [];
  let count = 0;
  for (const lexeme of new Y.Lexer().lex(text, false)) {
    if (++count > limits.maxYamlTokens) {
      fail('too-complex', parser.offset, `YAML file has more than ${limits.maxYamlTokens.toLocaleString('en-US')} tokens (the YAML size limit)`);
    }
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > limits.maxDepth + 3) fail('too-deep', parser.offset, tooDeep(limits));
  }
  for (const token of parser.end()) tokens.push(token);

  // 2. The document.
  const docs = Array.from(new Y.Composer(options).compose(tokens, true, text.length));
  tokens.length = 0;
  if (docs.length > 1) {
    fail('unsupported-yaml', docs[1].range[0], `file holds ${docs.length} YAML documents ('---'); a template is a single document`);
  }
  const doc = docs[0];
  const error = doc.errors[0];
  if (error !== undefined) {
    if (error.code === 'RESOURCE_EXHAUSTION') fail('too-deep', error.pos[0], 'nesting is too deep for the YAML reader');
    const reason = error.message.split('\n')[0].replace(/\s*at line \d+, column \d+:?\s*$/, '').replace(/:$/, '');
    return parseYamlLeniently(file, text, limits, new InputError(file, 'syntax', `malformed YAML: ${reason}`, position(error.pos[0])));
  }
  const contents = doc.contents;
  if (contents === null || (Y.isScalar(contents) && contents.value === null && contents.range[0] === contents.range[1])) {
    throw new InputError(file, 'empty', 'file has no content (only whitespace, YAML comments or document markers)');
  }

  // 3. What the library accepts and CloudFormation does not, or that would make the value lie.
  const { aliasTargets, shared } = checkYamlNodes(Y, contents, limits, fail, position);

  // 4. The value.
  const holder: { value: unknown } = { value: undefined };
  try {
    holder.value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    if (/alias count/i.test(message)) {
      throw new InputError(file, 'too-complex', `YAML aliases expand too much (the yaml library's alias limit of ${limits.maxAliasCount} says: ${message})`, { cause: caught });
    }
    throw new InputError(file, 'syntax', `malformed YAML: ${message}`, { cause: caught });
  }
  let locator: ((path: TemplatePath) => number) | undefined;
  const locate = (paths: readonly TemplatePath[]): Array<SourcePosition | undefined> => {
    locator ??= yamlLocator(Y, text, contents, aliasTargets);
    return paths.map((path) => position(locator!(path)));
  };
  return yamlTree(file, limits, holder, shared, locate);
}

/** The YAML value as a tree within the depth limit and node budget (see checkTree), or the error where `locate` says. */
function yamlTree(file: string, limits: ResolvedLimits, holder: { value: unknown }, shared: boolean, locate: Source['locate']): Source {
  const problem = checkTree(holder, limits, { budget: limits.maxYamlTokens, unshare: shared });
  if (!('members' in problem)) {
    const reason =
      problem.problem === 'too-deep'
        ? tooDeep(limits)
        : `YAML expands to more than ${limits.maxYamlTokens.toLocaleString('en-US')} nodes once aliases are resolved (the YAML size limit)`;
    throw new InputError(file, problem.problem, reason, locate([problem.path])[0]);
  }
  return { value: holder.value, locate };
}

/**
 * YAML that `yaml` refuses and CloudFormation, PyYAML and js-yaml read (docs/cli-input.md, "Decisions"), read by
 * js-yaml, loaded only then, with the same schema; else `yaml`'s error. No positions: `locate` places nothing.
 */
function parseYamlLeniently(file: string, text: string, limits: ResolvedLimits, syntax: InputError): Source {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const J = require('js-yaml') as typeof JsYaml;
  const intrinsic = (name: string) => (['scalar', 'sequence', 'mapping'] as const).map((kind) => new J.Type(`!${name}`, { kind, construct: (data: unknown) => longForm(intrinsicKeyForTag(`!${name}`)!, data ?? '') }));
  const merge = new J.Type(`${YAML_TAG}merge`, { kind: 'scalar', resolve: (text: string) => text === '<<' });
  const bool = new J.Type(`${YAML_TAG}bool`, { kind: 'scalar', resolve: (text: string) => BOOLEAN.test(text), construct: (text: string) => TRUE.test(text) });
  const schema = J.CORE_SCHEMA.extend({ implicit: [merge, bool], explicit: INTRINSICS.flatMap(intrinsic) }); // rare: not kept
  const holder: { value: unknown } = { value: undefined };
  try {
    holder.value = J.load(text, { schema, json: limits.duplicateKeys === 'last-wins', maxDepth: 300 } as JsYaml.LoadOptions);
  } catch (caught) {
    if (!(caught instanceof J.YAMLException) || caught.reason !== 'duplicated mapping key') throw syntax;
    const key = /^(["']?)(.*?)\1[ \t]*:/.exec(text.slice(caught.mark.position))?.[2] ?? '';
    throw new InputError(file, 'duplicate-key', duplicateKey(key), { line: caught.mark.line + 1, column: caught.mark.column + 1, cause: caught });
  }
  return yamlTree(file, limits, holder, true, (paths) => paths.map(() => undefined));
}

/**
 * One walk over the document, in document order: every tag is one CloudFormation reads; mapping keys are plain
 * strings, taken as written (`on:` is the key "on", not true), and none repeats in its mapping (unless duplicates
 * load last-wins); every alias has an anchor before it and is not inside it. Returns each alias's anchored node, and
 * whether the value will share objects.
 * Recursion is bounded by the parser's depth guard (plus one level per short-form tag).
 */
function checkYamlNodes(
  Y: typeof Yaml,
  contents: Yaml.Node,
  limits: ResolvedLimits,
  fail: (code: YamlCode, offset: number, reason: string) => never,
  position: (offset: number) => SourcePosition,
): { aliasTargets: Map<Yaml.Alias, Yaml.Node>; shared: boolean } {
  let merges = false;
  const anchors = new Map<string, Yaml.Node>();
  const aliasTargets = new Map<Yaml.Alias, Yaml.Node>();
  const open = new Set<Yaml.Node>();
  const resolveAlias = (alias: Yaml.Alias): Yaml.Node => {
    const target = anchors.get(alias.source);
    const offset = alias.range?.[0] ?? 0;
    if (target === undefined) fail('syntax', offset, `alias *${alias.source} has no anchor &${alias.source} before it`);
    if (open.has(target!)) fail('syntax', offset, `alias *${alias.source} refers to a node that contains it (a circular reference)`);
    aliasTargets.set(alias, target!);
    return target!;
  };
  const visit = (node: Yaml.Node | null): void => {
    if (node === null) return;
    if (Y.isAlias(node)) {
      resolveAlias(node);
      return;
    }
    const offset = node.range?.[0] ?? 0;
    const tag = node.tag;
    if (tag !== undefined && !PLAIN_TAGS.has(tag) && intrinsicKeyForTag(tag) === undefined) {
      if (tag.startsWith(YAML_TAG)) fail('unsupported-yaml', offset, `CloudFormation does not support the !!${tag.slice(YAML_TAG.length)} tag`);
      if (/^![^!]/.test(tag)) fail('unsupported-yaml', offset, `unknown short-form tag ${quote(tag, 40)}: not a CloudFormation intrinsic function`);
      fail('unsupported-yaml', offset, `unsupported YAML tag ${quote(tag)}`);
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (Y.isScalar(node)) return;
    open.add(node);
    if (Y.isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items as Array<Yaml.Pair<Yaml.Node | null, Yaml.Node | null>>) {
        let key = pair.key;
        const keyOffset = key?.range?.[0] ?? offset;
        if (key !== null && Y.isAlias(key)) key = resolveAlias(key);
        else if (key?.anchor) anchors.set(key.anchor, key);
        if (key === null) fail('syntax', keyOffset, 'a mapping key is missing');
        if (!Y.isScalar(key)) fail('unsupported-yaml', keyOffset, 'a mapping key is a collection; template keys are strings');
        const scalar = key as Yaml.Scalar;
        if (intrinsicKeyForTag(scalar.tag) !== undefined) {
          fail('unsupported-yaml', keyOffset, `a mapping key carries the tag ${scalar.tag}; template keys are plain strings`);
        }
        if (typeof scalar.value === 'symbol') {
          merges = true;
          const value = pair.value !== null && Y.isAlias(pair.value) ? anchors.get(pair.value.source) : pair.value;
          const sources = value !== undefined && value !== null && Y.isSeq(value) ? (value.items as Array<Yaml.Node | null>) : [value];
          for (const source of sources) {
            const target = source !== null && source !== undefined && Y.isAlias(source) ? anchors.get(source.source) : source;
            if (target !== undefined && !Y.isMap(target)) fail('syntax', keyOffset, "merge key '<<' needs a mapping or a list of mappings");
          }
        } else {
          // Keys as written; a merge key (`<<`, whose value is the library's symbol) is left to it.
          if (scalar.value === null && !scalar.source) fail('syntax', keyOffset, 'a mapping key is missing (nothing before the colon)');
          if (typeof scalar.value !== 'string') scalar.value = scalar.source ?? String(scalar.value);
          const name = scalar.value as string;
          const first = seen.get(name);
          if (first !== undefined && limits.duplicateKeys === 'error') fail('duplicate-key', keyOffset, duplicateKey(name, position(first)));
          seen.set(name, keyOffset);
        }
        visit(pair.value);
      }
    } else if (Y.isSeq(node)) {
      for (const item of node.items as Array<Yaml.Node | null>) visit(item);
    }
    open.delete(node);
  };
  visit(contents);
  // Aliases and merge keys make the library's value share objects between the places that use them.
  return { aliasTargets, shared: merges || aliasTargets.size > 0 };
}

/** Finds the offset of a path into the value in the document it came from. */
function yamlLocator(Y: typeof Yaml, text: string, contents: Yaml.Node, aliasTargets: ReadonlyMap<Yaml.Alias, Yaml.Node>): (path: TemplatePath) => number {
  const keys = new Map<Yaml.YAMLMap, Map<string, Yaml.Pair<Yaml.Node | null, Yaml.Node | null>>>();

  /** Where a node starts, its short-form tag included: `- !Ref X` starts at the '!'. */
  const start = (node: Yaml.Node): number => {
    const from = node.range?.[0] ?? 0;
    const tag = node.tag;
    if (intrinsicKeyForTag(tag) === undefined) return from;
    const at = text.lastIndexOf(tag!, from);
    // Only white space and an anchor may stand between the tag and its value.
    return at !== -1 && /^\s*(?:&\S+\s+)?$/.test(text.slice(at + tag!.length, from)) ? at : from;
  };

  const deref = (node: Yaml.Node): Yaml.Node => (Y.isAlias(node) ? (aliasTargets.get(node) ?? node) : node);

  /** The pair for `name` (the last, as in the value): the mapping's own keys first, then its merge sources in order. */
  const pair = (map: Yaml.YAMLMap<Yaml.Node | null, Yaml.Node | null>, name: string): Yaml.Pair<Yaml.Node | null, Yaml.Node | null> | undefined => {
    let own = keys.get(map);
    if (own === undefined) {
      own = new Map();
      for (const item of map.items) {
        const key = item.key === null ? null : deref(item.key);
        if (key !== null && Y.isScalar(key) && typeof key.value === 'string') own.set(key.value, item);
      }
      keys.set(map, own);
    }
    const found = own.get(name);
    if (found !== undefined) return found;
    for (const item of map.items) {
      if (item.key === null || !Y.isScalar(item.key) || typeof item.key.value !== 'symbol' || item.value === null) continue;
      const value = deref(item.value);
      for (const source of Y.isSeq(value) ? (value.items as Array<Yaml.Node | null>) : [value]) {
        const target = source === null ? null : deref(source);
        const merged = target !== null && Y.isMap(target) ? pair(target as Yaml.YAMLMap<Yaml.Node | null, Yaml.Node | null>, name) : undefined;
        if (merged !== undefined) return merged;
      }
    }
    return undefined;
  };

  return (path) => {
    let node: Yaml.Node = contents;
    let result = start(node);
    let unwrapped = false; // the intrinsic wrapper of `node` has been stepped through
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      node = deref(node);
      const intrinsic = unwrapped ? undefined : intrinsicKeyForTag(node.tag);
      if (intrinsic !== undefined) {
        if (segment !== intrinsic) return result;
        result = start(node);
        unwrapped = true;
        if (Y.isScalar(node)) {
          // `!GetAtt Logical.Attribute`: part 0 is the logical id, part 1 what follows the first dot.
          const part = path[i + 1];
          if (intrinsic !== 'Fn::GetAtt' || i + 2 !== path.length || (String(part) !== '0' && String(part) !== '1')) return result;
          const [from, to] = node.range ?? [0, 0];
          const begin = from + (node.type === Y.Scalar.QUOTE_DOUBLE || node.type === Y.Scalar.QUOTE_SINGLE ? 1 : 0);
          const dot = text.slice(begin, to).indexOf('.');
          return String(part) === '0' ? from : dot === -1 ? result : begin + dot + 1;
        }
        node = ((node as Yaml.YAMLMap).items[0].value as Yaml.Node | null) ?? node;
        continue;
      }
      unwrapped = false;
      if (Y.isMap(node)) {
        const member = pair(node as Yaml.YAMLMap<Yaml.Node | null, Yaml.Node | null>, String(segment));
        if (member === undefined) return result;
        result = member.key?.range?.[0] ?? result;
        if (member.value === null) return result;
        node = member.value;
      } else if (Y.isSeq(node)) {
        const item = (node.items as Array<Yaml.Node | null>)[Number(segment)];
        if (item === undefined || item === null) return result;
        result = start(item);
        node = item;
      } else {
        return result;
      }
    }
    return result;
  };
}
