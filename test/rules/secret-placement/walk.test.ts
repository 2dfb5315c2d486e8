/** The shared walk: which resources it shows to a walker, from where the walker's finds are in the template text. */
import { Evaluator } from '../../../rules/engine/evaluate';
import { DEFAULT_POLICY } from '../../../rules/engine/policy';
import { TemplateModel } from '../../../rules/engine/template';
import type { RuleContext } from '../../../rules/engine/types';
import { defineWalker, findMatches, type Concern } from '../../../rules/secret-placement/walk';

/** The resources (logical ids, sorted) a walker with `concerns` is shown (the walk visits Properties and Metadata). */
let walks = 0;

function shown(concerns: Concern | undefined, template: Record<string, unknown>, sourceText?: string): string[] {
  const seen = new Set<string>();
  const walk = defineWalker(`test-walk-${++walks}`, () => ({
    concerns,
    result: () => [...seen].sort(),
    visit: (v) => {
      if (v.section === 'Resources') seen.add(v.logicalId);
      return 'skip';
    },
  }));
  const model = new TemplateModel(template, { sourceText });
  const ctx: RuleContext = { template: model, evaluator: new Evaluator(model), policy: DEFAULT_POLICY };
  return walk(ctx) ?? [];
}

const MARK = findMatches(/MARK/g);
const quiet = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue', Properties: { QueueName: `q${i}` } }]));

describe('the shared walk shows a walker the resources its finds are in', () => {
  test('a find shows the resource it is in, wherever in the resource: properties, metadata, its key; not one outside resources', () => {
    const template = {
      Parameters: { P: { Type: 'String', Default: 'MARK' } },
      Resources: {
        ...quiet(5),
        InProperties: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'a MARK here' } },
        InMetadata: { Type: 'AWS::SNS::Topic', Metadata: { note: 'MARK' } },
        KeyMARK: { Type: 'AWS::SNS::Topic', Properties: {} },
        Last: { Type: 'AWS::SNS::Topic', Properties: {} },
      },
      Outputs: { O: { Value: 'MARK' } },
    };
    expect(shown({ find: MARK }, template)).toEqual(['InMetadata', 'InProperties', 'KeyMARK']);
    expect(shown({ find: findMatches(/nothing/g) }, template)).toEqual([]);
    expect(shown(undefined, template)).toHaveLength(9);
  });

  test('reads the source text as written: indentation, whitespace around colons, sections in any order', () => {
    const template = { Outputs: { O: { Value: 'x' } }, Resources: { ...quiet(2), Marked: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'MARK' } } }, Parameters: {} };
    const source = JSON.stringify(template, undefined, 4).replace(/": /g, '" :\t ');
    expect(shown({ find: MARK }, JSON.parse(source) as Record<string, unknown>, source)).toEqual(['Marked']);
  });

  test('a resource decided by itself is shown or hidden whatever its text', () => {
    const template = { Resources: { ...quiet(2), Marked: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'MARK' } }, Custom: { Type: 'Custom::X', Properties: {} } } };
    const concerns: Concern = { find: MARK, resource: (r) => (r.type === 'Custom::X' ? true : r.logicalId === 'Marked' ? false : undefined) };
    expect(shown(concerns, template)).toEqual(['Custom']);
  });

  test('every resource is shown when the text cannot be placed: two Resources sections, or no text at all', () => {
    const source = '{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "MARK"}}}, "Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {}}}}';
    expect(shown({ find: MARK }, JSON.parse(source) as Record<string, unknown>, source)).toEqual(['A', 'B']);
    const cyclic: Record<string, unknown> = { Type: 'AWS::SNS::Topic', Properties: {} };
    (cyclic.Properties as Record<string, unknown>).self = cyclic;
    expect(shown({ find: MARK }, { Resources: { Cyclic: cyclic, ...quiet(1) } })).toEqual(['Cyclic', 'Queue0']);
  });

  test('a resource the text does not hold (a text that is not the template\'s) is shown', () => {
    const template = { Resources: { ...quiet(2), Extra: { Type: 'AWS::SNS::Topic', Properties: {} } } };
    expect(shown({ find: MARK }, template, JSON.stringify({ Resources: quiet(2) }))).toEqual(['Extra']);
  });

  test('resources nested deeper than one regular expression reaches, and keys with escapes, are placed', () => {
    let deep: unknown = 'MARK';
    for (let i = 0; i < 40; i++) deep = { [`k${i}`]: [deep] };
    const template = { Resources: { ...quiet(2), 'Deep\u00e9': { Type: 'AWS::SNS::Topic', Properties: { Deep: deep } }, ...quiet(2) } };
    const source = JSON.stringify(template).replace('Deep\u00e9', 'Deep\\u00e9').replace('"Queue1"', '"Queue\\u0031"');
    expect(shown({ find: MARK }, JSON.parse(source) as Record<string, unknown>, source)).toEqual(['Deep\u00e9']);
  });

  test('one find per resource is enough: the search goes on after the resource it showed', () => {
    const offsets: number[] = [];
    const find: Concern['find'] = (text, found) => {
      for (let at = text.indexOf('MARK'); at !== -1; at = text.indexOf('MARK', found(at))) offsets.push(at);
    };
    const template = { Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { X: 'MARK MARK MARK' } }, B: { Type: 'AWS::SNS::Topic', Properties: { X: 'MARK' } } } };
    expect(shown({ find }, template)).toEqual(['A', 'B']);
    expect(offsets).toHaveLength(2);
  });

  test('findMatches needs a global expression', () => {
    expect(() => findMatches(/MARK/)).toThrow('findMatches needs a global expression');
  });
});
