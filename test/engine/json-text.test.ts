/** Reading JSON text by its structure: an object's members, where they start and end. */
import { afterValue, objectMembers, skipValue } from '../../rules/engine/json-text';
import { seededRandom } from '../seeded-random';

/** Each member's text (key, value, and what follows up to the next member) parsed back, as [key, value]. */
function readBack(text: string, open: number): Array<[string, unknown]> {
  return objectMembers(text, open).map((m) => {
    const member = text.slice(m.start, m.end).replace(/,\s*$/, '');
    return Object.entries(JSON.parse(`{${member}}`) as Record<string, unknown>)[0];
  });
}

describe('objectMembers', () => {
  test('gives every member in the order written, escaped keys unescaped, equal keys each', () => {
    const text = ' { "a" : 1 ,\n "b\\u00e9": [1, {"c": "}"}], "q\\"": "x", "a": {"d": null} }';
    expect(objectMembers(text, text.indexOf('{')).map((m) => m.key)).toEqual(['a', 'bé', 'q"', 'a']);
    expect(readBack(text, text.indexOf('{'))).toEqual([['a', 1], ['bé', [1, { c: '}' }]], ['q"', 'x'], ['a', { d: null }]]);
    expect(objectMembers('{}', 0)).toEqual([]);
    expect(objectMembers('{ \n }', 0)).toEqual([]);
  });

  test('crosses members nested deeper than one regular expression reaches', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 40; i++) deep = [{ k: deep }];
    const text = JSON.stringify({ before: 1, deep, after: { x: [2] } });
    expect(readBack(text, 0)).toEqual([['before', 1], ['deep', deep], ['after', { x: [2] }]]);
  });

  test('agrees with JSON.parse on 300 random objects', () => {
    const next = seededRandom(2026);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const word = () => Array.from({ length: Math.floor(next() * 4) }, () => pick(['a', 'B', ':', ',', '{', '}', '[', ']', '"', '\\', 'é'])).join('');
    const value = (depth: number): unknown => {
      const r = next();
      if (depth > 22 || r < 0.3) return pick([0, -1.5e3, true, false, null, word()]);
      const n = Math.floor(next() * 4);
      if (r < 0.6) return Array.from({ length: n }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: n }, () => [word(), value(depth + 1)]));
    };
    let members = 0;
    for (let round = 0; round < 300; round++) {
      const object = Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 5) }, () => [word(), value(0)]));
      const text = JSON.stringify(object, undefined, pick([undefined, 1, '\t']));
      expect(readBack(text, 0)).toEqual(Object.entries(object));
      members += Object.keys(object).length;
    }
    expect(members).toBeGreaterThan(600);
  });

  test('reads an object once: the same text and offset give the same members again', () => {
    const text = JSON.stringify({ Resources: { A: { Type: 'T' }, B: { Type: 'T' } } });
    const open = text.indexOf('{', 1);
    const first = objectMembers(text, open);
    expect(objectMembers(text, open)).toBe(first);
    expect(objectMembers(`${text} `, open)).toEqual(first);
    expect(objectMembers(text, 0)).not.toBe(first);
  });
});

describe('skipValue and afterValue', () => {
  test('go from a value or member to the next member or element', () => {
    const text = '[ {"a": [1, 2]} , "s\\"]" ,3 ]';
    const second = skipValue(text, 2);
    expect(text.slice(second)).toBe('"s\\"]" ,3 ]');
    expect(text.slice(skipValue(text, second))).toBe('3 ]');
    expect(text.slice(afterValue(text, text.indexOf('3') + 1))).toBe(']');
  });
});
