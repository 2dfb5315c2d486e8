import { parseTemplateText } from '../../bin/cli/load-template';
import { resolveLimits, type LoadLimits } from '../../bin/cli/limits';
import { parseSource, type TemplatePath } from '../../bin/cli/source';
import { expectInputError, random } from './helpers';

/* eslint-disable @typescript-eslint/no-require-imports */
const jsonc = require('jsonc-parser') as typeof import('jsonc-parser');
const yaml = require('yaml') as typeof import('yaml');
const jsYaml = require('js-yaml') as typeof import('js-yaml');
/* eslint-enable @typescript-eslint/no-require-imports */

afterEach(() => jest.restoreAllMocks());

/**
 * Counts jsonc-parser's passes over a text (`scanners`: its scanners made, and runs of its visitor) and the tokens
 * its scanners read or the callbacks its visitor made.
 */
function countScans(): { scanners: number; tokens: number } {
  const counts = { scanners: 0, tokens: 0 };
  const visit = jsonc.visit;
  jest.spyOn(jsonc, 'visit').mockImplementation((text, visitor, options) => {
    counts.scanners++;
    const counted = Object.entries(visitor).map(([name, callback]) => [name, (...args: unknown[]) => (counts.tokens++, (callback as (...a: unknown[]) => unknown)(...args))]);
    return visit(text, Object.fromEntries(counted) as typeof visitor, options);
  });
  const create = jsonc.createScanner;
  jest.spyOn(jsonc, 'createScanner').mockImplementation((text, ignoreTrivia) => {
    counts.scanners++;
    const scanner = create(text, ignoreTrivia);
    const scan = scanner.scan.bind(scanner);
    scanner.scan = () => {
      counts.tokens++;
      return scan();
    };
    return scanner;
  });
  return counts;
}

/** Counts the yaml library's line lookups (each a binary search over the line starts the parser recorded once). */
function countLineLookups(): { lookups: number } {
  const counts = { lookups: 0 };
  const Real = yaml.LineCounter;
  jest.spyOn(yaml, 'LineCounter').mockImplementation(() => {
    const lines = new Real();
    const linePos = lines.linePos;
    lines.linePos = (offset) => {
      counts.lookups++;
      return linePos(offset);
    };
    return lines;
  });
  return counts;
}

const json = (text: string, overrides: LoadLimits = {}) => parseSource('t.json', text, 'json', resolveLimits(overrides));

describe('JSON values', () => {
  it('are exactly what JSON.parse returns', () => {
    const text = JSON.stringify({
      Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { N: [1, 2.5, -3e2, true, false, null, 'x:y', { 'a:b': 'arn:aws:sns:::t' }] } } },
    });
    expect(json(text).value).toEqual(JSON.parse(text));
  });

  it('keep a __proto__ key as an ordinary property', () => {
    const value = json('{"Resources": {}, "__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['Resources', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('cost no scan of the text when keys may repeat and nothing is located', () => {
    const scans = countScans();
    json('{"Resources": {"A": {"Type": "x"}}}', { duplicateKeys: 'last-wins' });
    expect(scans.scanners).toBe(0);
  });
});

describe('JSON locations', () => {
  const text = [
    '{',
    '  "Resources": {',
    '    "Fn": {',
    '      "Type": "AWS::Lambda::Function",',
    '      "Properties": {',
    '        "Environment": { "Variables": { "X": "1", "Y": { "Ref": "P" } } },',
    '        "Layers": [ "a", {"Fn::GetAtt": ["L", "Arn"]} ],',
    '        "we\\"ird\\u0041": 1',
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n');
  const source = json(text);

  it.each([
    [[], 1, 1],
    [['Resources'], 2, 3],
    [['Resources', 'Fn'], 3, 5],
    [['Resources', 'Fn', 'Type'], 4, 7],
    [['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'X'], 6, 41],
    [['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'Y', 'Ref'], 6, 58],
    [['Resources', 'Fn', 'Properties', 'Layers', 0], 7, 21],
    [['Resources', 'Fn', 'Properties', 'Layers', '1'], 7, 26],
    [['Resources', 'Fn', 'Properties', 'Layers', 1, 'Fn::GetAtt', 1], 7, 47],
    [['Resources', 'Fn', 'Properties', 'we"irdA'], 8, 9],
  ])('%j is at %i:%i', (path, line, column) => {
    expect(source.locate([path as TemplatePath])).toEqual([{ line, column }]);
  });

  it.each([
    [['Nope'], 1, 1],
    [['Resources', 'Fn', 'Type', 'Deeper'], 4, 7],
    [['Resources', 'Fn', 'Properties', 'Layers', 2], 7, 9],
    [['Resources', 'Fn', 'Properties', 'Layers', 'x'], 7, 9],
  ])('%j is not in the file: its deepest part there is at %i:%i', (path, line, column) => {
    expect(source.locate([path as TemplatePath])).toEqual([{ line, column }]);
  });

  it('count CRLF once and a lone CR as a line end', () => {
    const mixed = json('{\r  "a": 1,\r\n  "b": 2,\n  "c": {\r\r\n    "d": 3}}');
    expect(mixed.locate([['a'], ['b'], ['c'], ['c', 'd']])).toEqual([
      { line: 2, column: 3 },
      { line: 3, column: 3 },
      { line: 4, column: 3 },
      { line: 6, column: 5 },
    ]);
  });

  it('find keys written with escapes, and the last of equal keys when they load last-wins', () => {
    const text = '{"a": {"x": 1}, "b": 2, "\\u0061": {"y": [3]}, "q\\"\\\\": 4}';
    const source = json(text, { duplicateKeys: 'last-wins' });
    expect(source.locate([['a'], ['a', 'y', 0], ['a', 'x'], ['b'], ['q"\\']]).map((p) => p!.column - 1)).toEqual([
      text.indexOf('"\\u0061"'),
      text.indexOf('3'),
      text.indexOf('"\\u0061"'),
      text.indexOf('"b"'),
      text.indexOf('"q'),
    ]);
  });

  it('place 8,000 paths on one minified line in one pass of the scanner', () => {
    const members = Array.from({ length: 8000 }, (_, i) => `"T${i}":{"Type":"x","Properties":{"Value":"eyJ${i}"}}`);
    const text = `{"Resources":{${members.join(',')}}}`;
    const source = json(text);
    const scans = countScans();
    const paths = Array.from({ length: 8000 }, (_, i) => ['Resources', `T${i}`, 'Properties', 'Value']);
    const positions = source.locate(paths);
    expect(positions[7999]).toEqual({ line: 1, column: text.indexOf('"Value":"eyJ7999"') + 1 });
    expect(scans.scanners).toBe(1);
    // Every token once: 8,000 members of 17 tokens each, and the few around them.
    expect(scans.tokens).toBeLessThanOrEqual(8000 * 17 + 10);
  });

  it('stop scanning once every path is placed, when keys are known not to repeat', () => {
    const members = Array.from({ length: 8000 }, (_, i) => `"T${i}":{"Type":"x","Properties":{"Value":"eyJ${i}"}}`);
    const text = `{"Resources":{${members.join(',')}}}`;
    const [unique, lastWins] = [json(text), json(text, { duplicateKeys: 'last-wins' })];
    const scans = countScans();
    const path: TemplatePath = ['Resources', 'T2', 'Properties', 'Value'];
    expect(unique.locate([path])).toEqual([{ line: 1, column: text.indexOf('"Value":"eyJ2"') + 1 }]);
    expect(scans.tokens).toBeLessThanOrEqual(3 * 17 + 10);
    expect(lastWins.locate([path])).toEqual(unique.locate([path]));
    expect(scans.tokens).toBeGreaterThan(8000 * 15);
  });

  it('agree with a plain recursive reading on 300 random documents', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const space = () => pick(['', '', ' ', '\n  ', '\r\n\t', '\r ']);
    const chars = ['a', 'B', ':', ',', '{', '}', '[', ']', '"', '\\', '/', 'é', '\n', '\u2028', 'x'];
    const write = (s: string) =>
      `"${Array.from(s, (ch) => (ch === '"' || ch === '\\' ? `\\${ch}` : ch === '\n' ? '\\n' : next() < 0.2 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch === '/' && next() < 0.5 ? '\\/' : ch)).join('')}"`;
    const word = () => Array.from({ length: Math.floor(next() * 4) }, () => pick(chars)).join('');
    const value = (depth: number): string => {
      const r = next();
      if (depth > 24 || r < 0.3) return pick(['0', '-1.5e3', 'true', 'false', 'null', write(word())]);
      const n = Math.floor(next() * 4);
      if (r < 0.6) return `[${space()}${Array.from({ length: n }, () => value(depth + 1)).join(`${space()},${space()}`)}${space()}]`;
      const keys = Array.from({ length: n }, word);
      return `{${space()}${keys.map((k) => `${write(k)}${space()}:${space()}${value(depth + 1)}`).join(`${space()},${space()}`)}${space()}}`;
    };
    let compared = 0;
    let uniqueRounds = 0;
    for (let round = 0; round < 300; round++) {
      const text = space() + value(0) + space();
      const expected = readAll(text);
      const paths = [...pathsOf(JSON.parse(text) as unknown, [])];
      const positions = json(text, { duplicateKeys: 'last-wins', maxDepth: 256 }).locate(paths);
      paths.forEach((path, i) => {
        expect([path, positions[i]]).toEqual([path, lineColumn(text, expected.get(JSON.stringify(path))!)]);
        compared++;
      });
      // Without repeated keys, the scan stops at the last path asked for: any few of them are where they were.
      let unique: ReturnType<typeof json> | undefined;
      try {
        unique = json(text, { maxDepth: 256 });
      } catch {
        continue; // a repeated key
      }
      const some = paths.filter(() => next() < 0.1);
      expect(unique.locate(some)).toEqual(some.map((path) => positions[paths.indexOf(path)]));
      uniqueRounds++;
    }
    expect(compared).toBeGreaterThan(3000);
    expect(uniqueRounds).toBeGreaterThan(100);
  });
});

/** Every path in a parsed value, the empty one included. */
function* pathsOf(value: unknown, path: Array<string | number>): Generator<Array<string | number>> {
  yield path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* pathsOf(value[i], [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* pathsOf(item, [...path, key]);
  }
}

/** The 1-based line and column of an offset: '\n', '\r\n' and a lone '\r' each end a line. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * The offset of every path in valid JSON (as JSON.stringify(path)), by plain recursive descent, one character at a
 * time: a member's key, an item's first character; for equal keys the last one's paths are written last.
 */
function readAll(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (' \t\n\r'.includes(text.charAt(i)) && i < text.length) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return JSON.parse(text.slice(start, ++i)) as string;
  };
  const value = (path: Array<string | number>): void => {
    ws();
    offsets.set(JSON.stringify(path), i);
    if (text[i] === '{' || text[i] === '[') {
      const isObject = text[i++] === '{';
      ws();
      if (text[i] === '}' || text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        ws();
        if (isObject) {
          const at = i;
          const key = string();
          ws();
          i++; // ':'
          value([...path, key]);
          offsets.set(JSON.stringify([...path, key]), at);
        } else {
          value([...path, n]);
        }
        ws();
        if (text[i++] !== ',') return;
      }
    }
    if (text[i] === '"') string();
    else while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
  };
  value([]);
  return offsets;
}

describe('JSON duplicate keys', () => {
  it('are found with both positions', () => {
    const error = expectInputError(() => json('{"Resources": {\n  "A": {"Type": "x"},\n  "A": {"Type": "y"}\n}}'));
    expect(error.code).toBe('duplicate-key');
    expect(error.message).toBe('t.json:3:3: duplicate key "A" (first at line 2, column 3); CloudFormation would silently use the last one');
  });

  it.each([
    ['spelled with different escapes', '{"Resources": {}, "a": 1, "\\u0061": 2}'],
    ['after a \\u003a escape', '{"Resources": {}, "a": "x\\u003ay", "b": 1, "b": 2}'],
    ['whose dropped value holds colons', '{"Resources": {}, "a": "arn:aws:x:y", "a": "arn:aws"}'],
    ['named __proto__', '{"Resources": {}, "__proto__": 1, "__proto__": 2}'],
    ['past many members', `{"Resources": {${Array.from({ length: 200 }, (_, i) => `"k${i}": "a:\\":{b}"`).join(',')}, "k3": 1}}`],
  ])('are found when %s', (_name, text) => {
    expect(expectInputError(() => json(text)).code).toBe('duplicate-key');
  });

  it('are not reported for the same key in different objects', () => {
    expect(() => json('{"Resources": {"A": {"Type": "x"}, "B": {"Type": "x"}}, "Type": 1, "L": [{"a": 1}, {"a": 2}]}')).not.toThrow();
  });

  it('load last-wins, as CloudFormation does, when asked', () => {
    const source = json('{"Resources": {}, "a": 1,\n "a": 2}', { duplicateKeys: 'last-wins' });
    expect((source.value as Record<string, unknown>).a).toBe(2);
    expect(source.locate([['a']])).toEqual([{ line: 2, column: 2 }]);
  });

  it('cost no scan of the text when there are none; one pass of jsonc-parser says where when there are', () => {
    const members = Array.from({ length: 1000 }, (_, i) => `"R${i}": {"Type": "T", "Properties": {"A": [1, 2], "B\\\\": "x\\":y"}}`);
    const scans = countScans();
    json(`{"Resources": {${members.join(', ')}}}`);
    expect(scans.scanners).toBe(0);
    expect(expectInputError(() => json(`{"Resources": {${members.join(', ')}, "R7": 1}}`)).code).toBe('duplicate-key');
    expect(scans.scanners).toBe(1);
    expect(scans.tokens).toBeLessThanOrEqual(1001 * 24 + 10);
  });

  it('are reported exactly when a key repeats in one object, on 1,000 random documents', () => {
    const next = random(99);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const key = () => JSON.stringify(pick(['a', 'b', 'a\\', 'a"', '', ':', '\\":', ' ']));
    let repeated = 0;
    for (let round = 0; round < 1000; round++) {
      let duplicates = false;
      const value = (depth: number): string => {
        const r = next();
        if (depth > 4 || r < 0.3) return pick(['1', '"x\\":"', '"\\\\"', 'null', '"a" ', '[]']);
        if (r < 0.5) return `[${Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1)).join(' , ')}]`;
        const keys = Array.from({ length: Math.floor(next() * 3) }, key);
        duplicates ||= new Set(keys.map((k) => JSON.parse(k) as string)).size < keys.length;
        return `{${keys.map((k) => `${k}${pick(['', ' ', '\n'])}:${value(depth + 1)}`).join(',')}}`;
      };
      const text = value(0);
      let found = false;
      try {
        json(text, { maxDepth: 256 });
      } catch (error) {
        found = (error as { code?: string }).code === 'duplicate-key';
      }
      expect([text, found]).toEqual([text, duplicates]);
      if (duplicates) repeated++;
    }
    expect(repeated).toBeGreaterThan(40);
  });
});

describe('JSON depth', () => {
  const nested = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

  it('accepts exactly maxDepth levels', () => {
    expect(() => json(nested(5), { maxDepth: 5 })).not.toThrow();
  });

  it('rejects maxDepth + 1 levels and says where', () => {
    const error = expectInputError(() => json(nested(6), { maxDepth: 5 }));
    expect(error.code).toBe('too-deep');
    expect(error.message).toBe('t.json:1:26: nesting is deeper than 5 levels (the depth limit)');
  });

  it.each([
    ['valid', '['.repeat(500_000) + ']'.repeat(500_000)],
    ['malformed', '['.repeat(500_000)],
  ])('stops %s JSON 500,000 levels deep where the limit is passed, reading no further', (_name, text) => {
    const scans = countScans();
    const error = expectInputError(() => json(text));
    expect(error.code).toBe('too-deep');
    expect(error.column).toBe(41);
    // The depth scan stops at the 41st bracket (jsonc-parser's own parser, which recurses, may read on: it is given
    // the text only when it is malformed, and stops when the stack runs out).
    expect(scans.scanners === 1 ? scans.tokens : 41).toBe(41);
  });
});

describe('JSON syntax errors', () => {
  it.each([
    ['{"a": }', 1, 7, 'expected a value but found "}"'],
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    ['[1, 2,]', 1, 7, "trailing comma before ']'"],
    ['{"a" 1}', 1, 6, `expected ':' after the key but found "1"`],
    ['{a: 1}', 1, 2, 'unexpected "a" (strings and keys must be double-quoted)'],
    ["{'a': 1}", 1, 2, 'unexpected single quote (JSON strings use double quotes)'],
    ['{"a": 1 // note\n}', 1, 9, 'a comment, which JSON does not have'],
    ['{"a": 1}\n{"b": 2}', 2, 1, 'unexpected "{" after the end of the JSON value'],
    ['{"a": 1', 1, 8, "expected '}' but found the end of the file"],
    ['{"a": "x', 1, 7, 'unterminated string (a line break inside quotes?)'],
    ['{"a": "x\ny"}', 1, 7, 'unterminated string (a line break inside quotes?)'],
    ['{"a": "\\q"}', 1, 7, 'invalid escape in a string'],
    ['{"a": "\\u12"}', 1, 7, 'invalid \\u escape in a string (needs four hex digits)'],
    ['{"a": "x\u0001"}', 1, 7, 'control character in a string (escape it, e.g. \\n)'],
    ['{"a": 01}', 1, 8, `expected ',' or a closing bracket but found "1"`],
    ['{"a": 1.}', 1, 7, 'incomplete number "1."'],
    ['{"a": NaN}', 1, 7, 'unexpected "NaN" (strings and keys must be double-quoted)'],
    ['{"a": [1 2]}', 1, 10, `expected ',' or a closing bracket but found "2"`],
    ['  ', 1, 3, 'expected a value but found the end of the file'],
  ])('%j → %i:%i %s', (text, line, column, reason) => {
    const error = expectInputError(() => json(text));
    expect(error.code).toBe('syntax');
    expect(error.message).toBe(`t.json:${line}:${column}: malformed JSON: ${reason}`);
  });

  it('are found by jsonc-parser wherever JSON.parse fails, on 3,000 mutated documents', () => {
    const next = random(42);
    const base = JSON.stringify({ a: [1, -2.5e3, true, null, 'x\\"y\u00e9'], b: { c: {}, d: [] }, e: 'f' }, null, 1);
    const alphabet = '{}[]",:\\ 0123456789.-+eEtrufalsn\n\'/';
    let unexplained = 0;
    let malformed = 0;
    for (let round = 0; round < 3000; round++) {
      let text = base;
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * text.length);
        const op = next();
        const char = alphabet[Math.floor(next() * alphabet.length)];
        text = op < 0.33 ? text.slice(0, at) + text.slice(at + 1) : op < 0.66 ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at) + char + text.slice(at + 1);
      }
      try {
        JSON.parse(text);
        continue;
      } catch {
        malformed++;
      }
      const error = expectInputError(() => json(text, { duplicateKeys: 'last-wins' }));
      if (error.code !== 'syntax' || error.line === undefined) unexplained++;
    }
    expect(malformed).toBeGreaterThan(1000);
    expect(unexplained).toBe(0);
  });
});


// ---------------------------------------------------------------------------------------------------------------
// YAML (through parseTemplateText, which picks the format by the file name)

/** Parses `Resources: {}` plus `V: <yaml>` and returns the long-form value of V. */
function value(yaml: string): unknown {
  const text = `Resources: {}\nV: ${yaml}\n`;
  return parseTemplateText('t.yaml', text).template.V;
}

const load = (text: string, limits?: LoadLimits) => parseTemplateText('t.yaml', text, limits);

describe('YAML short-form tags become long-form intrinsics', () => {
  it.each<[string, unknown]>([
    ['!Ref MyBucket', { Ref: 'MyBucket' }],
    ['!Ref "AWS::Region"', { Ref: 'AWS::Region' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Client.ClientSecret', { 'Fn::GetAtt': ['Client', 'ClientSecret'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Db, Endpoint.Address]', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Fn, !Ref Attr]', { 'Fn::GetAtt': ['Fn', { Ref: 'Attr' }] }],
    ['!GetAtt NoDot', { 'Fn::GetAtt': ['NoDot'] }],
    ["!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'", { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }],
    ["!Sub ['${A}-${B}', {A: !Ref X, B: b}]", { 'Fn::Sub': ['${A}-${B}', { A: { Ref: 'X' }, B: 'b' }] }],
    ["!Join ['', [a, !Ref B]]", { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!If [IsProd, !Ref A, !Ref "AWS::NoValue"]', { 'Fn::If': ['IsProd', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] }],
    ["!Select [0, !GetAZs '']", { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ["!Split [',', !ImportValue Shared]", { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] }],
    ['!FindInMap [RegionMap, !Ref "AWS::Region", Ami]', { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'Ami'] }],
    ['!Base64 "#!/bin/sh"', { 'Fn::Base64': '#!/bin/sh' }],
    ['!Cidr [!GetAtt Vpc.CidrBlock, 6, 8]', { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 6, 8] }],
    ['!GetAZs', { 'Fn::GetAZs': '' }],
    ['!GetAZs us-east-1', { 'Fn::GetAZs': 'us-east-1' }],
    ['!ImportValue {"Fn::Sub": "${Env}-Arn"}', { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-Arn' } }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!And [!Condition A, !Not [!Condition B]]', { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] }],
    ['!Or [!Equals [a, b], !Condition C]', { 'Fn::Or': [{ 'Fn::Equals': ['a', 'b'] }, { Condition: 'C' }] }],
    ['!Not [!Equals [a, b]]', { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }],
    ['!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
    ['!ToJsonString {a: !Ref B}', { 'Fn::ToJsonString': { a: { Ref: 'B' } } }],
    ['!Length [1, 2, 3]', { 'Fn::Length': [1, 2, 3] }],
    ['!Length !Ref ListParam', undefined], // two tags on one node is not YAML; checked below
  ])('%s', (yaml, expected) => {
    if (expected === undefined) {
      expect(expectInputError(() => value(yaml)).reason).toBe('malformed YAML: A node can have at most one tag');
      return;
    }
    expect(value(yaml)).toEqual(expected);
  });

  it('on block mappings, block sequences and block scalars', () => {
    const text = [
      'Resources:',
      '  Fn:',
      '    Properties:',
      '      Code: !Sub |',
      '        exports.handler = () => "${Stage}";',
      '      Env: !If',
      '        - IsProd',
      '        - !Ref ProdEnv',
      '        - !Ref "AWS::NoValue"',
      '      Policy: !Transform',
      '        Name: AWS::Include',
      '        Parameters:',
      '          Location: !Sub s3://${Bucket}/policy.yaml',
      '      Tags: !Join',
      '        - ","',
      '        - - !GetAtt A.Arn',
      '          - !Base64',
      '              Fn::Sub: x',
    ].join('\n');
    expect(load(text).template.Resources).toEqual({
      Fn: {
        Properties: {
          Code: { 'Fn::Sub': 'exports.handler = () => "${Stage}";\n' },
          Env: { 'Fn::If': ['IsProd', { Ref: 'ProdEnv' }, { Ref: 'AWS::NoValue' }] },
          Policy: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: { 'Fn::Sub': 's3://${Bucket}/policy.yaml' } } } },
          Tags: { 'Fn::Join': [',', [{ 'Fn::GetAtt': ['A', 'Arn'] }, { 'Fn::Base64': { 'Fn::Sub': 'x' } }]] },
        },
      },
    });
  });

  it('long-form intrinsics written as mappings pass through unchanged', () => {
    expect(value('{"Fn::GetAtt": [A, B], Ref: C}')).toEqual({ 'Fn::GetAtt': ['A', 'B'], Ref: 'C' });
  });

  it('an anchored tagged node is shared by its aliases in long form', () => {
    const template = load('Resources: {}\nA: &r !Ref X\nB: *r\nC: &c !If [c, *r, d]\nD: *c\n').template;
    expect(template.B).toEqual({ Ref: 'X' });
    expect(template.D).toEqual({ 'Fn::If': ['c', { Ref: 'X' }, 'd'] });
  });
});

describe('YAML scalars are read as CloudFormation reads them (YAML 1.1 without timestamps)', () => {
  it.each<[string, unknown]>([
    ['on', true],
    ['Off', false],
    ['YES', true],
    ['no', false],
    ['true', true],
    ['y', 'y'],
    ['N', 'N'],
    ['"on"', 'on'],
    ['2010-09-09', '2010-09-09'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z'],
    ['0777', 511],
    ['0x1F', 31],
    ['1_000', 1000],
    ['12:30', 750],
    ['3.5', 3.5],
    ['~', null],
    ['null', null],
    ['!!str 12', '12'],
    ['!!int "12"', 12],
    ['! 12', '12'],
  ])('%s', (yaml, expected) => {
    expect(value(yaml)).toEqual(expected);
  });

  it('keys are taken as written: `on:` is "on", `1.0:` is "1.0", `~:` is "~"', () => {
    const template = load('Resources: {}\non: 1\n1.0: 2\n~: 3\n"": 4\n').template;
    expect(template).toEqual({ Resources: {}, on: 1, '1.0': 2, '~': 3, '': 4 });
  });

  it('a key with nothing before the colon is an error', () => {
    expect(expectInputError(() => load('Resources: {}\n: 1\n')).reason).toBe('a mapping key is missing (nothing before the colon)');
  });

  it('a __proto__ key is an ordinary property', () => {
    const template = load('Resources: {}\n__proto__: {polluted: 1}\n').template;
    expect(Object.keys(template)).toEqual(['Resources', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['!!binary aGk=', 'CloudFormation does not support the !!binary tag'],
    ['!!timestamp 2010-09-09', 'CloudFormation does not support the !!timestamp tag'],
    ['!!set {a, b}', 'CloudFormation does not support the !!set tag'],
    ['!!omap [a: 1]', 'CloudFormation does not support the !!omap tag'],
    ['!<tag:example.com,2000:x> y', 'unsupported YAML tag "tag:example.com,2000:x"'],
    ['!Uppercase foo', 'unknown short-form tag "!Uppercase": not a CloudFormation intrinsic function'],
    ['!Rain::Embed file.txt', 'unknown short-form tag "!Rain::Embed": not a CloudFormation intrinsic function'],
    ['[!Foo {a: 1}]', 'unknown short-form tag "!Foo": not a CloudFormation intrinsic function'],
  ])('%s is refused', (yaml, reason) => {
    const error = expectInputError(() => value(yaml));
    expect(error.code).toBe('unsupported-yaml');
    expect(error.reason).toBe(reason);
  });
});

describe('YAML aliases and merge keys', () => {
  it('aliases repeat the anchored value as a copy: the result is a tree', () => {
    const template = load('Resources: {}\nTags: &tags [{Key: a, Value: b}]\nMore: *tags\nNested: {x: *tags}\n').template;
    expect(template.More).toEqual(template.Tags);
    expect(template.More).not.toBe(template.Tags);
    expect((template.Nested as { x: unknown }).x).not.toBe(template.Tags);
    expect(((template.More as unknown[])[0] as object)).not.toBe((template.Tags as unknown[])[0]);
  });

  it('merged values are copies too', () => {
    const template = load('base: &b {Env: {A: 1}}\nResources:\n  F: {<<: *b}\n').template as Record<string, Record<string, Record<string, unknown>>>;
    expect(template.Resources.F.Env).toEqual({ A: 1 });
    expect(template.Resources.F.Env).not.toBe(template.base.Env);
  });

  it('merge keys merge, explicit keys win, earlier sources win', () => {
    const template = load(
      'a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nResources:\n  R:\n    <<: [*a, *b]\n    y: 3\n  S:\n    <<: {k: v}\n',
    ).template;
    expect(template.Resources).toEqual({ R: { y: 3, x: 1, z: 2 }, S: { k: 'v' } });
  });

  it('a quoted "<<" is an ordinary key', () => {
    expect(load('a: &a {x: 1}\nResources: {"<<": *a}\n').template.Resources).toEqual({ '<<': { x: 1 } });
  });

  it.each([
    ['Resources: {}\nA: *nope\n', 2, 4, 'alias *nope has no anchor &nope before it'],
    ['Resources: {}\nA: &a [1, *a]\n', 2, 11, 'alias *a refers to a node that contains it (a circular reference)'],
    ['Resources:\n  <<: [1]\n', 2, 3, "merge key '<<' needs a mapping or a list of mappings"],
  ])('%j fails at %i:%i', (text, line, column, reason) => {
    const error = expectInputError(() => load(text));
    expect([error.line, error.column, error.reason]).toEqual([line, column, reason]);
  });
});

describe('YAML the yaml package refuses and CloudFormation reads: js-yaml reads it, with the same schema', () => {
  // Values as PyYAML (cfn-lint's reader) gives them, written out; short forms in their long form.
  const flowAtKeyColumn = [
    'Resources:',
    '  Api:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      Auth:',
    '        ResourcePolicy:',
    '          CustomStatements: [{', // the closing bracket at the key's column
    '            "Effect": "Allow",',
    '            "Resource": "execute-api:/*/*/*"',
    '          }]',
    '  Model:',
    '    Type: AWS::ApiGateway::Model',
    '    Properties:',
    '      Schema: {"title": "Stats",', // continuation lines at the key's column
    '      "type": "object",',
    '      "required": ["to", "subject"]}',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Policies:',
    '        - Statement:',
    '          - Effect: Allow',
    '            Resource: [',
    '            !Sub "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db:${Db}",',
    '            !GetAtt Db.Endpoint.Address',
    '            ]',
  ].join('\n');

  const countLoads = () => jest.spyOn(jsYaml, 'load');

  it('a flow collection whose lines or closing bracket are not indented past its key', () => {
    expect(yaml.parseDocument(flowAtKeyColumn).errors[0].code).toBe('BAD_INDENT');
    const loads = countLoads();
    const source = load(flowAtKeyColumn);
    expect(loads).toHaveBeenCalledTimes(1);
    expect(source.template).toEqual({
      Resources: {
        Api: { Type: 'AWS::Serverless::Api', Properties: { Auth: { ResourcePolicy: { CustomStatements: [{ Effect: 'Allow', Resource: 'execute-api:/*/*/*' }] } } } },
        Model: { Type: 'AWS::ApiGateway::Model', Properties: { Schema: { title: 'Stats', type: 'object', required: ['to', 'subject'] } } },
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Policies: [
              {
                Statement: [
                  {
                    Effect: 'Allow',
                    Resource: [
                      { 'Fn::Sub': 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db:${Db}' },
                      { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
                    ],
                  },
                ],
              },
            ],
          },
        },
      },
    });
    // js-yaml keeps no positions: nothing is placed, so findings have no line.
    expect(source.locate([[], ['Resources'], ['Resources', 'Model', 'Properties']])).toEqual([undefined, undefined, undefined]);
  });

  it('a quoted scalar continued at its key’s column', () => {
    const text = [
      'Description: "A stack whose description',
      '  goes on"',
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      DisplayName: "Some text',
      '      more text"',
      "      TopicName: 'single",
      "      quoted'",
    ].join('\n');
    expect(yaml.parseDocument(text).errors[0].code).toBe('MISSING_CHAR');
    expect(load(text).template).toEqual({
      Description: 'A stack whose description goes on',
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'Some text more text', TopicName: 'single quoted' } } },
    });
  });

  it('with the main reader’s schema: short forms, YAML 1.1 booleans, no timestamps, merge keys', () => {
    const text = [
      'AWSTemplateFormatVersion: 2010-09-09',
      'Defaults: &defaults',
      '  Runtime: nodejs20.x',
      '  Tracing: yes',
      '  Layers: [a]',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      <<: *defaults',
      '      Enabled: on',
      '      Single: n',
      '      Flags: [OFF, No, "yes", !!bool "true"]',
      '      On: 1', // keys are js-yaml's: not as written, as the yaml package's reader takes them (docs/cli-input.md)
      '      Role: !GetAtt Role.Arn.Deep',
      '      Ids: !GetAtt [Role, !Ref Attr]',
      '      Zones: !GetAZs',
      '      Code: !Sub',
      '        - "${A}"',
      '        - A: !Ref B',
      '      Env: !If [IsProd, !Ref "AWS::NoValue", off]',
      '      Transform: !Transform {Name: AWS::Include}',
      '      Tags: [{',
      '      Key: a, Value: 12}]',
    ].join('\n');
    const template = load(text).template as { AWSTemplateFormatVersion: unknown; Defaults: Record<string, unknown>; Resources: { Fn: { Properties: Record<string, unknown> } } };
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Resources.Fn.Properties).toEqual({
      Runtime: 'nodejs20.x',
      Tracing: true,
      Layers: ['a'],
      Enabled: true,
      Single: 'n',
      Flags: [false, false, 'yes', true],
      true: 1,
      Role: { 'Fn::GetAtt': ['Role', 'Arn.Deep'] },
      Ids: { 'Fn::GetAtt': ['Role', { Ref: 'Attr' }] },
      Zones: { 'Fn::GetAZs': '' },
      Code: { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] },
      Env: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, false] },
      Transform: { 'Fn::Transform': { Name: 'AWS::Include' } },
      Tags: [{ Key: 'a', Value: 12 }],
    });
    // Merged values are copies: the engine gets a tree.
    expect(template.Resources.Fn.Properties.Layers).not.toBe(template.Defaults.Layers);
  });

  const duplicated = 'Resources:\n  A:\n    Type: T\n    Properties: {\n    Name: x,\n    Name: y}\n';

  it('duplicate keys are the same error, where js-yaml finds the second; or load last-wins when asked', () => {
    const error = expectInputError(() => load(duplicated));
    expect(error.message).toBe('t.yaml:6:5: duplicate key "Name"; CloudFormation would silently use the last one');
    expect(error.code).toBe('duplicate-key');
    expect(load(duplicated, { duplicateKeys: 'last-wins' }).template.Resources).toEqual({ A: { Type: 'T', Properties: { Name: 'y' } } });
  });

  it('an unknown tag, a !!binary or a !!timestamp stays an error: the yaml package’s', () => {
    for (const tagged of ['!Foo x', '!!binary aGk=', '!!timestamp 2010-09-09', '!Rain::Embed f.txt']) {
      const text = `Resources:\n  A:\n    Type: T\n    Properties: {\n    V: ${tagged}}\n`;
      const error = expectInputError(() => load(text));
      expect(error.message).toBe('t.yaml:5:5: malformed YAML: Flow map in block collection must be sufficiently indented and end with a }');
    }
  });

  it('a file js-yaml refuses too gets the yaml package’s error, as before', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: T\n    Properties:\n  Outputs\n     Value: x\n';
    const loads = countLoads();
    const error = expectInputError(() => load(text));
    expect(loads).toHaveBeenCalledTimes(1);
    expect([error.code, error.message]).toEqual(['syntax', 't.yaml:6:3: malformed YAML: Implicit keys need to be on a single line']);
  });

  it('keeps the depth limit and the node budget on the value', () => {
    const deep = 'Resources: {}\nA: [[[[\n1]]]]\n'; // five levels
    expect(() => load(deep, { maxDepth: 5 })).not.toThrow();
    const error = expectInputError(() => load(deep, { maxDepth: 4 }));
    expect([error.code, error.line]).toEqual(['too-deep', undefined]);
    const bomb = `Resources: {}\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [\n*b, *b, *b]\n`;
    const tooComplex = expectInputError(() => load(bomb, { maxYamlTokens: 200 }));
    expect([tooComplex.code, tooComplex.line]).toEqual(['too-complex', undefined]);
  });

  it('is never reached by a file the yaml package reads: positions are there', () => {
    const loads = countLoads();
    const source = load(flowAtKeyColumn.replace(/^( {6}"| {10}}\]| {12}[!\]])/gm, '  $1'));
    expect(loads).not.toHaveBeenCalled();
    expect(source.locate([['Resources', 'Model', 'Properties']])).toEqual([{ line: 13, column: 5 }]);
  });
});

describe('YAML locations', () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"', // 1
    'Resources:', // 2
    '  Fn:', // 3
    '    Type: AWS::Serverless::Function', // 4
    '    Properties:', // 5
    '      Role: !GetAtt FnRole.Arn', // 6
    '      Environment:', // 7
    '        Variables:', // 8
    '          X: !Ref Secret', // 9
    '          Y: !If [IsProd, !GetAtt [C, ClientSecret], "none"]', // 10
    '      Layers:', // 11
    '        - !Ref LayerA', // 12
    '        - arn:aws:lambda:us-east-1:1:layer:b:1', // 13
    '  Base: &base', // 14
    '    Timeout: 3', // 15
    '  Merged:', // 16
    '    <<: *base', // 17
    '    Memory: 128', // 18
    '  Alias: *base', // 19
  ].join('\n');
  const source = load(text);

  it.each([
    [[], 1, 1],
    [['Resources'], 2, 1],
    [['Resources', 'Fn'], 3, 3],
    [['Resources', 'Fn', 'Type'], 4, 5],
    [['Resources', 'Fn', 'Properties', 'Role'], 6, 7],
    [['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt'], 6, 13],
    [['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt', 0], 6, 21],
    [['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt', 1], 6, 28],
    [['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'X'], 9, 11],
    [['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'X', 'Ref'], 9, 14],
    [['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'Y', 'Fn::If', 1], 10, 27],
    [['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'Y', 'Fn::If', 1, 'Fn::GetAtt', 1], 10, 39],
    [['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'Y', 'Fn::If', 2], 10, 54],
    [['Resources', 'Fn', 'Properties', 'Layers', 0], 12, 11],
    [['Resources', 'Fn', 'Properties', 'Layers', '1'], 13, 11],
    [['Resources', 'Merged', 'Memory'], 18, 5],
    [['Resources', 'Merged', 'Timeout'], 15, 5],
    [['Resources', 'Alias'], 19, 3],
    [['Resources', 'Alias', 'Timeout'], 15, 5],
  ])('%j is at %i:%i', (path, line, column) => {
    expect(source.locate([path as Array<string | number>])).toEqual([{ line, column }]);
  });

  it.each([
    [['Nope'], 1, 1],
    [['Resources', 'Fn', 'Properties', 'Role', 'Ref'], 6, 7],
    [['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt', 2], 6, 13],
    [['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt', 0, 'x'], 6, 13],
    [['Resources', 'Fn', 'Properties', 'Layers', 2], 11, 7],
    [['Resources', 'Fn', 'Type', 'x'], 4, 5],
  ])('%j is not in the file: its deepest part there is at %i:%i', (path, line, column) => {
    expect(source.locate([path as Array<string | number>])).toEqual([{ line, column }]);
  });

  it('a YAML file holding JSON is read as JSON with JSON positions', () => {
    const json = load('{\n  "Resources": {\n    "A": {"Type": "x"}\n  }\n}\n');
    expect(json.format).toBe('json');
    expect(json.locate([['Resources', 'A', 'Type']])).toEqual([{ line: 3, column: 11 }]);
  });

  it('CRLF line ends count once', () => {
    const crlf = load('Resources:\r\n  A:\r\n    Type: x\r\n');
    expect(crlf.locate([['Resources', 'A', 'Type']])).toEqual([{ line: 3, column: 5 }]);
  });

  it('positions of many paths on one long line cost one binary search each, over line starts counted once', () => {
    const text = `Resources: {${Array.from({ length: 2000 }, (_, i) => `R${i}: {Type: T}`).join(', ')}}\nEnd: 1\n`;
    const lineCounter = countLineLookups();
    const source = load(text);
    const paths = Array.from({ length: 2000 }, (_, i) => ['Resources', `R${i}`, 'Type']);
    const positions = source.locate(paths);
    expect(positions[1999]).toEqual({ line: 1, column: text.indexOf('R1999: {Type') + 'R1999: {'.length + 1 });
    expect(positions.every((p) => p!.line === 1)).toBe(true);
    expect(lineCounter.lookups).toBe(paths.length);
  });
});

describe('YAML limits', () => {
  const blockNesting = (levels: number) => {
    // 'Resources: {}' is level 2; then a chain of mappings under X down to `levels`.
    let text = 'Resources: {}\n';
    for (let level = 2; level <= levels; level++) text += `${'  '.repeat(level - 2)}k${level}:\n`;
    return `${text}${'  '.repeat(levels - 1)}leaf: 1\n`;
  };

  it('accepts exactly maxDepth levels and rejects one more, with the place', () => {
    expect(() => load(blockNesting(10), { maxDepth: 10 })).not.toThrow();
    const error = expectInputError(() => load(blockNesting(11), { maxDepth: 10 }));
    expect(error.code).toBe('too-deep');
    expect(error.reason).toBe('nesting is deeper than 10 levels (the depth limit)');
  });

  it.each([
    ['flow', (d: number) => `Resources: {}\nA: ${'['.repeat(d - 1)}${']'.repeat(d - 1)}\n`],
    ['block', (d: number) => `Resources: {}\n${Array.from({ length: d - 1 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`],
    ['compact', (d: number) => `Resources: {}\nA:\n${'- '.repeat(d - 1)}x\n`],
    ['tagged', (d: number) => `Resources: {}\nA: ${'!If ['.repeat(Math.floor((d - 1) / 2))}x${']'.repeat(Math.floor((d - 1) / 2))}\n`],
  ])('reads %s nesting at the highest depth limit (256) without running out of stack', (_name, make) => {
    expect(() => load(make(256), { maxDepth: 256 })).not.toThrow();
    expect(expectInputError(() => load(make(258), { maxDepth: 256 })).code).toBe('too-deep');
  });

  it('counts a short-form tag as the level its long form adds', () => {
    expect(() => load('Resources: {}\nA: [!Ref x]\n', { maxDepth: 3 })).not.toThrow();
    expect(expectInputError(() => load('Resources: {}\nA: [[!Ref x]]\n', { maxDepth: 3 })).code).toBe('too-deep');
  });

  it('counts the depth an alias expands to', () => {
    const text = 'Resources: {}\ndeep: &d [[[1]]]\nA: {b: {c: *d}}\n';
    expect(() => load(text, { maxDepth: 6 })).not.toThrow();
    const error = expectInputError(() => load(text, { maxDepth: 5 }));
    expect(error.code).toBe('too-deep');
    expect(error.line).toBe(2); // in the anchored text that the alias on line 3 repeats
  });

  it.each([
    ['flow sequences', 'Resources: {}\nA: ' + '['.repeat(200_000), 2, 50],
    ['flow mappings', 'Resources: {}\nA: ' + '{a: '.repeat(200_000), 2, 200],
    ['compact sequences', 'Resources: {}\nA:\n' + '- '.repeat(200_000) + 'x\n', 3, 100],
    ['block mappings', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), 50, 100],
  ])('stops very deep %s where the depth limit is passed, not at the end of the file', (_name, text, maxLine, maxColumn) => {
    const error = expectInputError(() => load(text));
    expect(error.code).toBe('too-deep');
    expect(error.line).toBeLessThanOrEqual(maxLine as number);
    expect(error.column).toBeLessThanOrEqual(maxColumn as number);
  });

  const billionLaughs = [
    'Resources: {}',
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  ].join('\n');

  it("stops an alias bomb with the yaml library's alias limit", () => {
    const error = expectInputError(() => load(billionLaughs));
    expect(error.code).toBe('too-complex');
    expect(error.reason).toMatch(/the yaml library's alias limit of 100/);
  });

  it('stops an alias bomb with the node budget when the alias limit is off, having counted no more than the budget', () => {
    const values = jest.spyOn(Object, 'defineProperty');
    const error = expectInputError(() => load(billionLaughs, { maxAliasCount: -1, maxYamlTokens: 50_000 }));
    expect(error.code).toBe('too-complex');
    expect(error.reason).toBe('YAML expands to more than 50,000 nodes once aliases are resolved (the YAML size limit)');
    // Shared values are copied as they are counted: never more copies than the budget allows.
    expect(values.mock.calls.length).toBeLessThanOrEqual(50_000);
    values.mockRestore();
  });

  it("stops a smaller alias bomb with the yaml library's alias limit", () => {
    const small = billionLaughs.split('\n').slice(0, 5).join('\n'); // 9^3 = 729 'lol's, within the node budget
    const error = expectInputError(() => load(small));
    expect(error.code).toBe('too-complex');
    expect(error.reason).toBe(
      "YAML aliases expand too much (the yaml library's alias limit of 100 says: Excessive alias count indicates a resource exhaustion attack)",
    );
    expect(() => load(small, { maxAliasCount: -1 })).not.toThrow();
  });

  it('stops a dense file at the token budget, early', () => {
    const text = 'Resources: {}\n' + 'k: v\n'.repeat(50_000);
    const error = expectInputError(() => load(text, { maxYamlTokens: 10_000 }));
    expect(error.code).toBe('too-complex');
    expect(error.reason).toBe('YAML file has more than 10,000 tokens (the YAML size limit)');
    expect(error.line).toBeLessThanOrEqual(10_000 / 3 + 2); // three tokens a line: it stopped where the budget ran out
  });

  it('finds duplicate keys in big mappings without quadratic time', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  R${i}: {Type: T}`);
    keys.push('  R7: {Type: T}');
    const error = expectInputError(() => load(`Resources:\n${keys.join('\n')}\n`));
    expect(error.code).toBe('duplicate-key');
    expect(error.message).toBe(
      't.yaml:40002:3: duplicate key "R7" (first at line 9, column 3); CloudFormation would silently use the last one',
    );
  });

  it('loads duplicate keys last-wins when asked', () => {
    const source = load('Resources: {}\nA: 1\nA: 2\n', { duplicateKeys: 'last-wins' });
    expect(source.template.A).toBe(2);
    expect(source.locate([['A']])).toEqual([{ line: 3, column: 1 }]);
  });
});
