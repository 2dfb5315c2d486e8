import { parseJsonSource, scanJson, JsonLocator } from '../../bin/cli/json-source';
import { resolveLimits } from '../../bin/cli/limits';
import { LineIndex } from '../../bin/cli/source-position';
import { expectInputError, random } from './helpers';

const limits = resolveLimits();
const parse = (text: string, overrides = {}) => parseJsonSource('t.json', text, resolveLimits(overrides));

describe('JSON values', () => {
  it('are exactly what JSON.parse returns', () => {
    const text = JSON.stringify({
      Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { N: [1, 2.5, -3e2, true, false, null, 'x:y', { 'a:b': 'arn:aws:sns:::t' }] } } },
    });
    expect(parse(text).value).toEqual(JSON.parse(text));
  });

  it('keep a __proto__ key as an ordinary property', () => {
    const value = parse('{"Resources": {}, "__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['Resources', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
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
  const source = parse(text);

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
    expect(source.locate(path as Array<string | number>)).toEqual({ line, column });
  });

  it.each([
    [['Nope']],
    [['Resources', 'Fn', 'Type', 'Deeper']],
    [['Resources', 'Fn', 'Properties', 'Layers', 2]],
    [['Resources', 'Fn', 'Properties', 'Layers', 'x']],
    [['Resources', 'Fn', 'Properties', 'Layers', -1]],
  ])('%j is undefined', (path) => {
    expect(source.locate(path as Array<string | number>)).toBeUndefined();
  });

  it('count CRLF line endings once', () => {
    const crlf = parse('{\r\n  "Resources": {\r\n    "A": {}\r\n  }\r\n}');
    expect(crlf.locate(['Resources', 'A'])).toEqual({ line: 3, column: 5 });
  });

  it('index one container at a time and reuse it', () => {
    const locator = new JsonLocator('{"a": {"b": [10, 20, {"c": 1}]}, "z": 2}');
    expect(locator.locate(['a', 'b', 2, 'c'])).toBe(22);
    expect(locator.locate(['z'])).toBe(33);
    expect(locator.locate(['a', 'b', 1])).toBe(17);
  });

  it('count a lone CR as a line end, and CRLF once, in one file', () => {
    const mixed = parse('{\r  "a": 1,\r\n  "b": 2,\n  "c": {\r\r\n    "d": 3}}');
    expect(mixed.locate(['a'])).toEqual({ line: 2, column: 3 });
    expect(mixed.locate(['b'])).toEqual({ line: 3, column: 3 });
    expect(mixed.locate(['c'])).toEqual({ line: 4, column: 3 });
    expect(mixed.locate(['c', 'd'])).toEqual({ line: 6, column: 5 });
  });

  it('skip strings that hold brackets, escaped quotes and backslashes', () => {
    const text = '{"a": "x]}\\"{[", "b": ["]", "\\\\", {"c": "\\"}\\\\"}, "[{"], "d\\\\": {"e": "}"}, "f": 1}';
    const locator = new JsonLocator(text);
    expect(locator.locate(['f'])).toBe(text.indexOf('"f"'));
    expect(locator.locate(['b', 2, 'c'])).toBe(text.indexOf('"c"'));
    expect(locator.locate(['b', 3])).toBe(text.indexOf('"[{"'));
    expect(locator.locate(['d\\', 'e'])).toBe(text.indexOf('"e"'));
    expect(locator.locate(['b', 4])).toBeUndefined();
  });

  it('find keys written with escapes', () => {
    const text = '{"\\u0041\\u00e9": 1, "q\\"\\\\": 2, "\\/": 3}';
    const locator = new JsonLocator(text);
    expect(locator.locate(['Aé'])).toBe(1);
    expect(locator.locate(['q"\\'])).toBe(text.indexOf('"q'));
    expect(locator.locate(['/'])).toBe(text.indexOf('"\\/"'));
    expect(locator.locate(['\\u0041\\u00e9'])).toBeUndefined();
  });

  it('find the last of equal keys, however they are spelled, unless told keys are unique', () => {
    const text = '{"a": {"x": 1}, "b": 2, "\\u0061": {"y": [3]}}';
    for (const locator of [new JsonLocator(text), new JsonLocator(text, { uniqueKeys: false })]) {
      expect(locator.locate(['a'])).toBe(text.indexOf('"\\u0061"'));
      expect(locator.locate(['a', 'y', 0])).toBe(text.indexOf('3'));
      expect(locator.locate(['a', 'x'])).toBeUndefined();
      expect(locator.locate(['b'])).toBe(text.indexOf('"b"'));
    }
  });

  it('read an object only up to the key asked for when keys are unique, and on from there later', () => {
    const text = '{"a": 1, "b": [1, [2, [3]], 4], "c": {"d": {"e": 5}}, "f": 6}';
    const locator = new JsonLocator(text, { uniqueKeys: true });
    expect(locator.locate(['b', 1, 1, 0])).toBe(text.indexOf('3'));
    expect(locator.locate(['a'])).toBe(1);
    expect(locator.locate(['f'])).toBe(text.indexOf('"f"'));
    expect(locator.locate(['b', 2])).toBe(text.indexOf('4'));
    expect(locator.locate(['c', 'd', 'e'])).toBe(text.indexOf('"e"'));
    expect(locator.locate(['b', 3])).toBeUndefined();
    expect(locator.locate(['nope'])).toBeUndefined();
    expect(locator.locate(['b', 0])).toBe(text.indexOf('[1') + 1);
  });

  it('cross containers nested deeper than one regular expression reaches', () => {
    const deep = (levels: number, inner: string) => '[{"k": '.repeat(levels) + inner + '}]'.repeat(levels);
    const text = `{"deep": ${deep(30, '"]}\\"[{"')}, "mid": ${deep(12, '[]')}, "after": [${deep(20, '0')}, "end"]}`;
    const locator = new JsonLocator(text);
    expect(locator.locate(['after', 1])).toBe(text.indexOf('"end"'));
    expect(locator.locate(['mid'])).toBe(text.indexOf('"mid"'));
    const path = Array.from({ length: 30 }, () => [0, 'k']).flat();
    expect(locator.locate(['deep', ...path])).toBe(text.lastIndexOf('"k"', text.indexOf('"]}')));
    expect(locator.locate(['deep', ...path, 0])).toBeUndefined();
  });

  it('agree with a plain recursive reading on 300 random documents', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const space = () => pick(['', '', ' ', '\n  ', '\r\n\t', '\r ']);
    const chars = ['a', 'B', ':', ',', '{', '}', '[', ']', '"', '\\', '/', 'é', '\n', '\u2028', 'x'];
    const write = (s: string) =>
      `"${Array.from(s, (ch) => (ch === '"' || ch === '\\' ? `\\${ch}` : ch === '\n' ? '\\n' : next() < 0.2 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch === '/' && next() < 0.5 ? '\\/' : ch)).join('')}"`;
    const word = () => Array.from({ length: Math.floor(next() * 4) }, () => pick(chars)).join('');
    let duplicates = false;
    const value = (depth: number): string => {
      const r = next();
      if (depth > 24 || r < 0.3) return pick(['0', '-1.5e3', 'true', 'false', 'null', write(word())]);
      const n = Math.floor(next() * 4);
      if (r < 0.6) return `[${space()}${Array.from({ length: n }, () => value(depth + 1)).join(`${space()},${space()}`)}${space()}]`;
      const keys = Array.from({ length: n }, word);
      duplicates ||= new Set(keys).size < keys.length;
      return `{${space()}${keys.map((k) => `${write(k)}${space()}:${space()}${value(depth + 1)}`).join(`${space()},${space()}`)}${space()}}`;
    };
    let compared = 0;
    for (let round = 0; round < 300; round++) {
      duplicates = false;
      const text = space() + value(0) + space();
      const expected = readAll(text);
      const paths = [...pathsOf(JSON.parse(text) as unknown, [])].sort(() => next() - 0.5);
      const locators = [new JsonLocator(text, { uniqueKeys: !duplicates }), new JsonLocator(text)];
      for (const locator of locators) {
        for (const path of paths) {
          expect([path, locator.locate(path)]).toEqual([path, expected.get(JSON.stringify(path))]);
          expect(locator.locate([...path, 'missing'])).toBeUndefined();
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(3000);
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

/**
 * The offset of every path in valid JSON (as JSON.stringify(path)), by plain recursive descent, one
 * character at a time; for equal keys the last one's paths are written last.
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

/** Text with `count` line ends of all three kinds, and lines of 0 to 5 characters. */
function mixedLines(count: number): string {
  const next = random(11);
  let text = '';
  for (let i = 0; i < count; i++) text += 'abcde'.slice(0, Math.floor(next() * 6)) + ['\n', '\r\n', '\r'][Math.floor(next() * 3)];
  return text + 'end';
}

describe('LineIndex', () => {
  /** Line starts found one character at a time: '\n', '\r\n' and a lone '\r' each end a line. */
  const reference = (text: string, offset: number) => {
    let line = 1;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      let end = -1;
      if (text[i] === '\n') end = i + 1;
      else if (text[i] === '\r') end = text[i + 1] === '\n' ? ++i + 1 : i + 1;
      if (end !== -1 && end <= offset) {
        line++;
        start = end;
      }
    }
    return { line, column: offset - start + 1 };
  };

  it.each([
    ['no line ends', 'abc'],
    ['\\n', 'a\nbc\n\nd\n'],
    ['\\r\\n', 'a\r\nbc\r\n\r\nd\r\n'],
    ['a lone \\r', 'a\rbc\r\rd\r'],
    ['all three', '\r\n\ra\nb\r\r\nc\n\r'],
    ['empty', ''],
    ['300 mixed line ends', mixedLines(300)],
    ['64 lines, the last one ended', 'x\n'.repeat(64)],
    ['20 CRLF lines (fewer than one step)', 'x\r\n'.repeat(20)],
    ['40 CRLF lines', 'x\r\n'.repeat(40)],
  ])('maps every offset as a character-by-character reading does (%s)', (_name, text) => {
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length + 1; offset++) {
      expect([offset, lines.position(offset)]).toEqual([offset, reference(text, offset)]);
    }
  });
});

describe('JSON duplicate keys', () => {
  it('are found with both positions', () => {
    const error = expectInputError(() => parse('{"Resources": {\n  "A": {"Type": "x"},\n  "A": {"Type": "y"}\n}}'));
    expect(error.code).toBe('duplicate-key');
    expect(error.message).toBe(
      't.json:3:3: duplicate key "A" (first at line 2, column 3); CloudFormation would silently use the last one',
    );
  });

  it('are found when they are spelled with different escapes', () => {
    expect(expectInputError(() => parse('{"Resources": {}, "a": 1, "\\u0061": 2}')).code).toBe('duplicate-key');
  });

  it('are found when a \\u003a escape would balance the colon count', () => {
    // One duplicate drops one member; the escaped colon adds one ':' to the parsed strings.
    expect(expectInputError(() => parse('{"Resources": {}, "a": "x\\u003ay", "b": 1, "b": 2}')).code).toBe('duplicate-key');
  });

  it('are found when the dropped value holds colons', () => {
    expect(expectInputError(() => parse('{"Resources": {}, "a": "arn:aws:x:y", "a": "arn:aws"}')).code).toBe('duplicate-key');
  });

  it('are found for __proto__', () => {
    expect(expectInputError(() => parse('{"Resources": {}, "__proto__": 1, "__proto__": 2}')).code).toBe('duplicate-key');
  });

  it('are counted right past 64 members, and whatever strings hold', () => {
    const members = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}": "a:\\":{b}"`);
    for (const n of [63, 64, 65, 128, 200]) {
      expect(() => parse(`{"Resources": {${members(n).join(',\n')}}}`)).not.toThrow();
      const repeated = [...members(n), '"k3": 1'];
      expect(expectInputError(() => parse(`{"Resources": {${repeated.join(',\n')}}}`)).message).toContain(`t.json:${n + 1}:1: duplicate key "k3"`);
    }
  });

  it('are not reported for the same key in different objects', () => {
    expect(() => parse('{"Resources": {"A": {"Type": "x"}, "B": {"Type": "x"}}, "Type": 1}')).not.toThrow();
  });

  it('load last-wins, as CloudFormation does, when asked', () => {
    const source = parse('{"Resources": {}, "a": 1,\n "a": 2}', { duplicateKeys: 'last-wins' });
    expect((source.value as Record<string, unknown>).a).toBe(2);
    expect(source.locate(['a'])).toEqual({ line: 2, column: 2 });
  });
});

describe('JSON depth', () => {
  const nested = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

  it('accepts exactly maxDepth levels', () => {
    expect(() => parse(nested(5), { maxDepth: 5 })).not.toThrow();
  });

  it('rejects maxDepth + 1 levels and says where', () => {
    const error = expectInputError(() => parse(nested(6), { maxDepth: 5 }));
    expect(error.code).toBe('too-deep');
    expect(error.message).toBe('t.json:1:26: nesting is deeper than 5 levels (the depth limit)');
  });

  it('fails fast on 500,000 levels', () => {
    const text = '['.repeat(500_000) + ']'.repeat(500_000);
    const error = expectInputError(() => parse(text));
    expect(error.code).toBe('too-deep');
    expect(error.column).toBe(limits.maxDepth + 1);
    expect(error.elapsedMs).toBeLessThan(2000);
  });
});

describe('JSON syntax errors', () => {
  it.each([
    ['{"a": }', 1, 7, "expected a value but found '}'"],
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    ['[1, 2,]', 1, 7, "trailing comma before ']'"],
    ['{"a" 1}', 1, 6, "expected ':' after the key but found '1'"],
    ['{a: 1}', 1, 2, 'expected a double-quoted key but found "a" (strings and keys must be double-quoted)'],
    ["{'a': 1}", 1, 2, 'expected a double-quoted key but found a single quote (JSON strings use double quotes)'],
    ['{"a": 1 // note\n}', 1, 9, "expected ',' or '}' but found a comment (JSON has no comments)"],
    ['{"a": 1}\n{"b": 2}', 2, 1, "unexpected '{' after the end of the JSON value"],
    ['{"a": 1', 1, 8, "unexpected end of file (expected ',' or '}')"],
    ['{"a": "x', 1, 7, 'unterminated string (no closing double quote)'],
    ['{"a": "x\ny"}', 1, 9, 'unescaped control character U+000A in a string (a line break inside quotes?)'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape "\\\\q" in a string'],
    ['{"a": "\\u12"}', 1, 8, 'invalid \\u escape in a string (needs four hex digits)'],
    ['{"a": 01}', 1, 7, 'invalid number "01"'],
    ['{"a": -}', 1, 7, 'invalid number "-"'],
    ['{"a": 1.}', 1, 7, 'invalid number "1."'],
    ['{"a": NaN}', 1, 7, 'expected a value but found "NaN" (strings and keys must be double-quoted)'],
    ['{"a": tru}', 1, 7, 'expected a value but found "tru" (strings and keys must be double-quoted)'],
    ['{"a": [1 2]}', 1, 10, "expected ',' or ']' but found '2'"],
  ])('%j → %i:%i %s', (text, line, column, reason) => {
    const error = expectInputError(() => parse(text));
    expect(error.code).toBe('syntax');
    expect(error.message).toBe(`t.json:${line}:${column}: malformed JSON: ${reason}`);
  });

  it('the scanner agrees with JSON.parse on 3,000 mutated documents', () => {
    const next = random(42);
    const base = JSON.stringify({ a: [1, -2.5e3, true, null, 'x\\"y\u00e9'], b: { c: {}, d: [] }, e: 'f' }, null, 1);
    const alphabet = '{}[]",:\\ 0123456789.-+eEtrufalsn\n\'/';
    let disagreements = 0;
    for (let round = 0; round < 3000; round++) {
      let text = base;
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * text.length);
        const op = next();
        const char = alphabet[Math.floor(next() * alphabet.length)];
        text = op < 0.33 ? text.slice(0, at) + text.slice(at + 1) : op < 0.66 ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at) + char + text.slice(at + 1);
      }
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      const problem = scanJson(text, { duplicates: false, maxDepth: Number.POSITIVE_INFINITY });
      if (parses !== (problem === undefined)) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});
