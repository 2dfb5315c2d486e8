/**
 * YAML templates, read the way CloudFormation reads them, into the long-form JSON the engine expects.
 *
 * Loaded lazily by load-template.ts (the `yaml` library alone costs ~25 ms to require, which a
 * JSON-only audit should not pay).
 *
 * How CloudFormation reads YAML (its template-formats page): YAML 1.1, except that it has no binary,
 * omap, pairs, set or timestamp tags, no aliases and no merge keys; unquoted yes/no/on/off are
 * booleans (aws-cli's `cloudformation package` quotes them for that reason). So we use the `yaml`
 * library's 1.1 schema with those tags removed and the 1.1 booleans of PyYAML and SnakeYAML (not the
 * single letters y/n). `AWSTemplateFormatVersion: 2010-09-09` therefore stays a string.
 *
 * Aliases and merge keys are still accepted (bounded), because templates that use them are deployed
 * through `sam deploy` / `aws cloudformation package`, which expand them first; expanding them here
 * shows the rules what gets deployed.
 *
 * Safety, in order:
 * 1. The library's lexer and CST parser are iterative. We drive them one token at a time and stop as
 *    soon as the token count passes `maxYamlTokens` or the parser's open-node stack passes the depth
 *    limit: a 100,000-deep flow sequence fails after a few hundred bytes. (Letting the library's
 *    recursive composer see such input exhausts the stack and can kill the process outright.)
 * 2. The composer runs with `uniqueKeys: false` (its duplicate check is quadratic in the number of
 *    keys in a mapping); we find duplicates ourselves with a Map per mapping.
 * 3. Our conversion to plain objects is iterative, enforces the depth limit exactly (aliases
 *    included), shares each anchored value while converting, and counts expanded nodes against
 *    `maxYamlTokens`. Only once all limits pass are repeated values copied, so the engine gets a
 *    plain tree.
 * 4. When the file has aliases, the library's own alias limit (`maxAliasCount`) is applied too.
 */
import {
  Alias,
  Composer,
  Document,
  Lexer,
  Pair,
  Parser,
  Scalar,
  YAMLMap,
  YAMLSeq,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type CST,
  type Node,
  type ScalarTag,
  type Tags,
} from 'yaml';
import { InputError, quote } from './input-error';
import { LineIndex, SourcePosition, TemplatePath } from './source-position';
import type { ResolvedLimits } from './limits';
import type { ParsedSource } from './json-source';

const YAML_TAG = 'tag:yaml.org,2002:';

/** YAML 1.1 tags CloudFormation does not support, plus the ones we replace. */
const REMOVED_TAGS = new Set(['binary', 'omap', 'pairs', 'set', 'timestamp', 'merge', 'bool'].map((t) => YAML_TAG + t));

/** Tags a CloudFormation template may use explicitly (`!!str 123`). */
const SUPPORTED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => YAML_TAG + t));

const TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;

/** YAML 1.1 booleans as PyYAML and SnakeYAML read them: yes/no/on/off/true/false in three cases. */
const cfnBool: ScalarTag = {
  identify: (value) => typeof value === 'boolean',
  default: true,
  tag: `${YAML_TAG}bool`,
  test: /^(?:[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF)$/,
  resolve: (source) => TRUE.test(source),
  stringify: ({ value }) => (value ? 'true' : 'false'),
};

/**
 * The short-form intrinsics CloudFormation documents (and the language extensions' `!Length`, `!ToJsonString`,
 * `!ForEach`). Registering them as tags changes nothing in the result (a tagged node keeps its tag and its plain
 * value, as an unknown tag does) but saves the composer a YAMLWarning, an Error with a stack trace, per tagged
 * node: about a tenth of the time of a large hand-written template. Unknown `!Name` tags still work as before.
 */
const INTRINSIC_TAG_NAMES = [
  'Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split',
  'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll',
  'ValueOf', 'ValueOfAll', 'Length', 'ToJsonString', 'ForEach',
];

const INTRINSIC_TAGS: Tags = INTRINSIC_TAG_NAMES.flatMap((name): Tags => [
  { tag: `!${name}`, resolve: (source: string) => source },
  { tag: `!${name}`, collection: 'seq' },
  { tag: `!${name}`, collection: 'map' },
]);

function cloudFormationTags(tags: Tags): Tags {
  // The library hands us tag objects; a string is a tag id ('binary', 'floatExp', ...).
  const name = (tag: Tags[number]): string => (typeof tag === 'string' ? YAML_TAG + tag : tag.tag);
  const kept = tags.filter((tag) => !REMOVED_TAGS.has(name(tag)));
  // Booleans are tried before numbers, as in the library's own 1.1 schema.
  const firstNumber = kept.findIndex((tag) => /^tag:yaml\.org,2002:(int|float)/.test(name(tag)));
  kept.splice(firstNumber === -1 ? kept.length : firstNumber, 0, cfnBool);
  return [...kept, ...INTRINSIC_TAGS];
}

const COMPOSER_OPTIONS = {
  version: '1.1',
  schema: 'yaml-1.1',
  customTags: cloudFormationTags,
  merge: false,
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  logLevel: 'silent',
} as const;

/** The long-form key for a short-form tag: `!Ref` → `Ref`, `!Condition` → `Condition`, `!X` → `Fn::X`. */
export function intrinsicKeyForTag(tag: string): string | undefined {
  if (!tag.startsWith('!') || tag.startsWith('!!') || tag.length < 2) return undefined;
  const name = tag.slice(1);
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** `!GetAtt a.b.c` → ['a', 'b.c']: the logical id never has a dot, attribute names may. */
export function splitGetAtt(text: string): string[] {
  const dot = text.indexOf('.');
  return dot === -1 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

export function parseYamlSource(file: string, text: string, limits: ResolvedLimits): ParsedSource {
  const lines = new LineIndex(text);
  const fail = (code: 'syntax' | 'too-deep' | 'too-complex' | 'duplicate-key' | 'unsupported-yaml', offset: number, reason: string): never => {
    throw new InputError(file, code, reason, lines.position(offset));
  };

  // 1. Tokens and CST, one lexeme at a time, with the budget and a depth guard.
  const lexer = new Lexer();
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  const stackGuard = limits.maxDepth + 3; // the parser's stack holds the document and one or two extra entries
  let lexemes = 0;
  for (const lexeme of lexer.lex(text, false)) {
    if (++lexemes > limits.maxYamlTokens) {
      fail('too-complex', parser.offset, `YAML file has more than ${limits.maxYamlTokens.toLocaleString('en-US')} tokens (the YAML size limit)`);
    }
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > stackGuard) {
      fail('too-deep', parser.offset, `nesting is deeper than ${limits.maxDepth} levels (the depth limit)`);
    }
  }
  for (const token of parser.end()) tokens.push(token);

  // 2. Compose the AST.
  const docs = Array.from(new Composer(COMPOSER_OPTIONS).compose(tokens, true, text.length));
  tokens.length = 0;
  if (docs.length > 1) {
    const second = docs[1].range?.[0] ?? 0;
    fail('unsupported-yaml', second, `file holds ${docs.length} YAML documents ('---'); a template is a single document`);
  }
  const doc = docs[0];
  const error = doc.errors[0];
  if (error !== undefined) {
    if (error.code === 'RESOURCE_EXHAUSTION') {
      // Should not happen below MAX_DEPTH_CAP; if the stack still ran out, say so plainly.
      fail('too-deep', error.pos[0], 'nesting is too deep for the YAML reader');
    }
    fail('syntax', error.pos[0], `malformed YAML: ${yamlErrorText(error.message)}`);
  }

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && contents.range[0] === contents.range[1])) {
    throw new InputError(file, 'empty', 'file has no content (only whitespace, YAML comments or document markers)');
  }

  // 3. Convert.
  const converter = new Converter(doc, limits, lines, fail);
  const value = converter.run();

  // 4. The library's alias limit, only when there are aliases to limit.
  if (converter.sawAlias && limits.maxAliasCount >= 0) {
    try {
      doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      if (/alias/i.test(message)) {
        throw new InputError(
          file,
          'too-complex',
          `YAML aliases expand too much (the yaml library's alias limit of ${limits.maxAliasCount} says: ${message})`,
          { cause: caught },
        );
      }
      throw caught;
    }
  }

  // 5. Give every path its own objects. While converting, an alias shares its anchor's value (so
  //    an alias bomb costs nothing before the limits stop it); the engine gets a plain tree, so
  //    identity-based caches or visited sets cannot make it skip the second place a value is used.
  const tree = converter.sawAlias || converter.sawMerge ? unshare(value) : value;

  let locator: YamlLocator | undefined;
  return {
    value: tree,
    locate(path: TemplatePath): SourcePosition | undefined {
      locator ??= new YamlLocator(text, doc, converter.aliasTargets);
      const offset = locator.locate(path);
      return offset === undefined ? undefined : lines.position(offset);
    },
  };
}

/** The library's messages sometimes end with "at line N, column M:" or carry a code frame; drop both. */
function yamlErrorText(message: string): string {
  return message.split('\n')[0].replace(/\s*at line \d+, column \d+:?\s*$/, '').replace(/:$/, '');
}

type Fail = (
  code: 'syntax' | 'too-deep' | 'too-complex' | 'duplicate-key' | 'unsupported-yaml',
  offset: number,
  reason: string,
) => never;

type Container = Record<string, unknown> | unknown[];

interface EnterTask {
  readonly exit: false;
  readonly node: Node | null;
  /** The level this value occupies if it is a container. */
  readonly depth: number;
  readonly parent: Container;
  readonly key: string | number;
  /** True when the node's intrinsic tag has already been turned into its wrapper. */
  readonly untagged: boolean;
}

interface ExitTask {
  readonly exit: true;
  readonly node: Node;
  readonly value: Container;
  readonly merges: unknown[] | undefined;
  /** The anchor this container completes, if it carries one. */
  readonly anchor: AnchorInfo | undefined;
}

interface AnchorInfo {
  done: boolean;
  value: unknown;
  /** Depth of the anchored value's slot. */
  readonly depth: number;
  /** Deepest container level inside it, in the same frame as `depth`; -1 when it holds no container. */
  deepest: number;
  readonly startCount: number;
  size: number;
}

class Converter {
  sawAlias = false;
  sawMerge = false;
  readonly aliasTargets = new Map<Alias, Node>();
  private readonly anchors = new Map<string, Node>();
  private readonly anchorInfo = new Map<Node, AnchorInfo>();
  private readonly open: AnchorInfo[] = [];
  private count = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly limits: ResolvedLimits,
    private readonly lines: LineIndex,
    private readonly fail: Fail,
  ) {}

  run(): unknown {
    const holder: unknown[] = [undefined];
    const tasks: Array<EnterTask | ExitTask> = [
      { exit: false, node: this.doc.contents, depth: 1, parent: holder, key: 0, untagged: false },
    ];
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      if (task.exit) this.exit(task);
      else this.enter(task, tasks);
    }
    return holder[0];
  }

  private countNodes(n: number, offset: number): void {
    this.count += n;
    if (this.count > this.limits.maxYamlTokens) {
      this.fail(
        'too-complex',
        offset,
        `YAML expands to more than ${this.limits.maxYamlTokens.toLocaleString('en-US')} nodes once aliases are resolved (the YAML size limit)`,
      );
    }
  }

  private container(depth: number, offset: number): void {
    if (depth > this.limits.maxDepth) {
      this.fail('too-deep', offset, `nesting is deeper than ${this.limits.maxDepth} levels (the depth limit)`);
    }
    for (const info of this.open) if (depth > info.deepest) info.deepest = depth;
  }

  private enter(task: EnterTask, tasks: Array<EnterTask | ExitTask>): void {
    const node = task.node;
    const { parent, key, depth } = task;
    if (node === null) {
      setMember(parent, key, null);
      return;
    }
    const offset = node.range?.[0] ?? 0;

    if (isAlias(node)) {
      this.alias(node, depth, parent, key, offset);
      return;
    }

    const tag = task.untagged ? undefined : node.tag;
    if (tag !== undefined && !tag.startsWith(YAML_TAG) && !tag.startsWith('!')) {
      this.fail('unsupported-yaml', offset, `unsupported YAML tag ${quote(tag)}`);
    }
    if (tag !== undefined && tag.startsWith(YAML_TAG) && !SUPPORTED_TAGS.has(tag)) {
      this.fail('unsupported-yaml', offset, `CloudFormation does not support the !!${tag.slice(YAML_TAG.length)} tag`);
    }
    const intrinsic = tag === undefined ? undefined : intrinsicKeyForTag(tag);

    // Anchors are registered in document order (this walk is a pre-order), so an alias finds the
    // last anchor of its name before it, as YAML says.
    let info: AnchorInfo | undefined;
    if (!task.untagged && node.anchor) {
      info = { done: false, value: undefined, depth, deepest: -1, startCount: this.count, size: 0 };
      this.anchors.set(node.anchor, node);
      this.anchorInfo.set(node, info);
      this.open.push(info);
    }

    if (intrinsic !== undefined) {
      this.countNodes(1, offset);
      this.container(depth, offset);
      const wrapper: Record<string, unknown> = {};
      setMember(parent, key, wrapper);
      if (intrinsic === 'Fn::GetAtt' && isScalar(node)) {
        this.countNodes(2, offset);
        this.container(depth + 1, offset);
        wrapper[intrinsic] = splitGetAtt(scalarText(node));
        this.finishAnchor(info, wrapper);
      } else {
        wrapper[intrinsic] = null;
        if (info !== undefined) tasks.push({ exit: true, node, value: wrapper, merges: undefined, anchor: info });
        tasks.push({ exit: false, node, depth: depth + 1, parent: wrapper, key: intrinsic, untagged: true });
      }
      return;
    }

    if (isScalar(node)) {
      this.countNodes(1, offset);
      setMember(parent, key, node.value);
      this.finishAnchor(info, node.value);
      return;
    }

    if (isSeq(node)) {
      this.countNodes(1, offset);
      this.container(depth, offset);
      const items = (node as YAMLSeq<Node | null>).items;
      const array: unknown[] = new Array(items.length).fill(null);
      setMember(parent, key, array);
      tasks.push({ exit: true, node, value: array, merges: undefined, anchor: info });
      for (let i = items.length - 1; i >= 0; i--) {
        tasks.push({ exit: false, node: items[i], depth: depth + 1, parent: array, key: i, untagged: false });
      }
      return;
    }

    if (isMap(node)) {
      this.countNodes(1, offset);
      this.container(depth, offset);
      const object: Record<string, unknown> = {};
      setMember(parent, key, object);
      const pairs = (node as YAMLMap<Node | null, Node | null>).items;
      const seen = new Map<string, number>();
      const children: EnterTask[] = [];
      let merges: unknown[] | undefined;
      for (const pair of pairs) {
        if (isMergeKey(pair.key)) {
          merges ??= [];
          this.sawMerge = true;
          children.push({ exit: false, node: pair.value, depth: depth + 1, parent: merges, key: merges.length, untagged: false });
          merges.push(null);
          continue;
        }
        const name = this.keyText(pair, offset);
        const keyOffset = pair.key?.range?.[0] ?? offset;
        const first = seen.get(name);
        if (first !== undefined && this.limits.duplicateKeys === 'error') {
          const at = this.lines.position(first);
          this.fail(
            'duplicate-key',
            keyOffset,
            `duplicate key ${quote(name)} (first at line ${at.line}, column ${at.column}); CloudFormation would silently use the last one`,
          );
        }
        seen.set(name, keyOffset);
        setMember(object, name, null);
        children.push({ exit: false, node: pair.value, depth: depth + 1, parent: object, key: name, untagged: false });
      }
      tasks.push({ exit: true, node, value: object, merges, anchor: info });
      for (let i = children.length - 1; i >= 0; i--) tasks.push(children[i]);
      return;
    }

    this.fail('unsupported-yaml', offset, 'unsupported YAML node');
  }

  private exit(task: ExitTask): void {
    const { node, value, merges } = task;
    if (merges !== undefined) {
      const object = value as Record<string, unknown>;
      for (const merged of merges) {
        const sources = Array.isArray(merged) ? merged : [merged];
        for (const source of sources) {
          if (source === null || typeof source !== 'object' || Array.isArray(source)) {
            this.fail('syntax', node.range?.[0] ?? 0, "merge key '<<' needs a mapping or a list of mappings");
          }
          for (const name of Object.keys(source as object)) {
            if (!Object.prototype.hasOwnProperty.call(object, name)) {
              setMember(object, name, (source as Record<string, unknown>)[name]);
            }
          }
        }
      }
    }
    this.finishAnchor(task.anchor, value);
  }

  private finishAnchor(info: AnchorInfo | undefined, value: unknown): void {
    if (info === undefined || info.done) return;
    info.done = true;
    info.value = value;
    info.size = this.count - info.startCount;
    const at = this.open.lastIndexOf(info);
    if (at !== -1) this.open.splice(at, 1);
  }

  private alias(node: Alias, depth: number, parent: Container, key: string | number, offset: number): void {
    this.sawAlias = true;
    const target = this.anchors.get(node.source);
    if (target === undefined) {
      this.fail('syntax', offset, `alias *${node.source} has no anchor &${node.source} before it`);
    }
    const info = this.anchorInfo.get(target)!;
    if (!info.done) {
      this.fail('syntax', offset, `alias *${node.source} refers to a node that contains it (a circular reference)`);
    }
    this.aliasTargets.set(node, target);
    this.countNodes(info.size, offset);
    if (info.deepest !== -1) {
      const deepest = depth + (info.deepest - info.depth);
      this.container(deepest, offset);
    }
    setMember(parent, key, info.value);
  }

  private keyText(pair: Pair<Node | null, Node | null>, mapOffset: number): string {
    let key: Node | null = pair.key;
    const offset = key?.range?.[0] ?? mapOffset;
    if (key !== null && isAlias(key)) {
      const target = this.anchors.get(key.source);
      if (target === undefined) this.fail('syntax', offset, `alias *${key.source} has no anchor &${key.source} before it`);
      this.sawAlias = true;
      this.aliasTargets.set(key, target);
      key = target;
    } else if (key !== null && key.anchor) {
      // An anchored key: register it so a later alias can use it (as a key or a value).
      this.anchors.set(key.anchor, key);
      const value = isScalar(key) ? key.value : null;
      this.anchorInfo.set(key, { done: true, value, depth: 0, deepest: -1, startCount: this.count, size: 1 });
    }
    if (key === null) {
      this.fail('syntax', offset, 'a mapping key is missing');
    }
    if (!isScalar(key)) {
      this.fail('unsupported-yaml', offset, 'a mapping key is a collection; template keys are strings');
    }
    if (key.tag !== undefined && key.tag.startsWith('!') && intrinsicKeyForTag(key.tag) !== undefined) {
      this.fail('unsupported-yaml', offset, `a mapping key carries the tag ${key.tag}; template keys are plain strings`);
    }
    if (key.value === null && !key.source) {
      this.fail('syntax', offset, 'a mapping key is missing (nothing before the colon)');
    }
    return keyString(key);
  }
}

/**
 * Keys are taken as written: `on:` is the key "on" and `1.0:` is "1.0" (values still resolve, so
 * `Enabled: on` is true). That is what the author and a reviewer see, and how JSON-oriented YAML
 * readers such as Jackson name fields.
 */
function keyString(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  return node.source ?? (node.value === null ? '' : String(node.value));
}

function scalarText(node: Scalar): string {
  const value = node.value;
  return typeof value === 'string' ? value : String(value);
}

function isMergeKey(key: Node | null): boolean {
  return key !== null && isScalar(key) && key.value === '<<' && key.type === Scalar.PLAIN && key.tag === undefined;
}

/**
 * Replaces every object met a second time (through an alias or a merge key) by a deep copy, in
 * document order, so the first place keeps the original. Bounded: depth by the depth limit (at most
 * 256 frames), size by the expanded-node budget already checked.
 */
function unshare(root: unknown): unknown {
  const seen = new Set<object>();
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return deepCopy(value);
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
    } else {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) setMember(object, key, visit(object[key]));
    }
    return value;
  };
  return visit(root);
}

function deepCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(deepCopy);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setMember(copy, key, deepCopy((value as Record<string, unknown>)[key]));
  return copy;
}

/** Assigns without ever invoking the `__proto__` setter. */
function setMember(parent: Container, key: string | number, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    (parent as Record<string | number, unknown>)[key] = value;
  }
}

// ---------------------------------------------------------------------------------------------------

/** Finds source offsets for paths into the converted value, by walking the AST the same way. */
class YamlLocator {
  private readonly keyIndex = new WeakMap<YAMLMap, Map<string, Pair<Node | null, Node | null>>>();

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly aliasTargets: ReadonlyMap<Alias, Node>,
  ) {}

  locate(path: TemplatePath): number | undefined {
    let node: Node | null = this.doc.contents;
    if (node === null) return undefined;
    let result = this.start(node);
    let unwrapped = false; // the current node's intrinsic wrapper key has been consumed
    let getAttParts: Scalar | undefined; // inside the array made from a `!GetAtt a.b` scalar
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (node === null) return undefined;
      if (getAttParts !== undefined) {
        if (i !== path.length - 1) return undefined;
        return this.getAttPart(getAttParts, segment);
      }
      node = this.deref(node);
      const intrinsic = unwrapped || node.tag === undefined ? undefined : intrinsicKeyForTag(node.tag);
      if (intrinsic !== undefined) {
        if (segment !== intrinsic) return undefined;
        result = this.start(node);
        unwrapped = true;
        if (intrinsic === 'Fn::GetAtt' && isScalar(node)) getAttParts = node;
        continue;
      }
      unwrapped = false;
      if (isMap(node)) {
        const pair = this.findPair(node as YAMLMap<Node | null, Node | null>, String(segment));
        if (pair === undefined) return undefined;
        result = pair.key?.range?.[0] ?? result;
        node = pair.value;
        if (node === null) node = new Scalar(null);
      } else if (isSeq(node)) {
        const index = typeof segment === 'number' ? segment : /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : -1;
        const item = (node as YAMLSeq<Node | null>).items[index];
        if (item === undefined || item === null) return undefined;
        result = this.start(item);
        node = item;
      } else {
        return undefined;
      }
    }
    return result;
  }

  /** Where a node starts, counting its short-form tag: `- !Ref X` starts at the '!'. */
  private start(node: Node): number {
    const start = node.range?.[0] ?? 0;
    const tag = node.tag;
    if (tag === undefined || intrinsicKeyForTag(tag) === undefined) return start;
    const at = this.text.lastIndexOf(tag, start);
    if (at === -1) return start;
    // Only whitespace, line breaks and an anchor may sit between the tag and its value.
    return /^\s*(?:&\S+\s+)?$/.test(this.text.slice(at + tag.length, start)) ? at : start;
  }

  /** Part 0 or 1 of `!GetAtt Logical.Attribute`: the logical ID or the attribute after the first dot. */
  private getAttPart(node: Scalar, segment: string | number): number | undefined {
    const start = node.range?.[0] ?? 0;
    if (segment === 0 || segment === '0') return start;
    if (segment !== 1 && segment !== '1') return undefined;
    const text = scalarText(node);
    const dot = text.indexOf('.');
    if (dot === -1) return undefined;
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    return start + quoted + dot + 1;
  }

  private deref(node: Node): Node {
    return isAlias(node) ? (this.aliasTargets.get(node) ?? node) : node;
  }

  /** The pair for `name`: explicit keys first, then merge-key sources in order. */
  private findPair(map: YAMLMap<Node | null, Node | null>, name: string): Pair<Node | null, Node | null> | undefined {
    const pending: Array<YAMLMap<Node | null, Node | null>> = [map];
    const visited = new Set<YAMLMap>();
    while (pending.length > 0) {
      const current = pending.shift()!;
      if (visited.has(current)) continue;
      visited.add(current);
      const found = this.pairs(current).get(name);
      if (found !== undefined) return found;
      for (const pair of current.items) {
        if (!isPair(pair) || !isMergeKey(pair.key) || pair.value === null) continue;
        const value = this.deref(pair.value);
        const sources = isSeq(value) ? (value as YAMLSeq<Node | null>).items : [value];
        for (const source of sources) {
          if (source === null) continue;
          const target = this.deref(source);
          if (isMap(target)) pending.push(target as YAMLMap<Node | null, Node | null>);
        }
      }
    }
    return undefined;
  }

  private pairs(map: YAMLMap<Node | null, Node | null>): Map<string, Pair<Node | null, Node | null>> {
    let index = this.keyIndex.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        let key = pair.key;
        if (key !== null && isAlias(key)) key = this.aliasTargets.get(key) ?? key;
        if (key === null || !isScalar(key) || isMergeKey(key)) continue;
        index.set(keyString(key), pair); // last one wins, as in the converted value
      }
      this.keyIndex.set(map, index);
    }
    return index;
  }
}
