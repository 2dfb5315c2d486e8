/** The shared walk over the parsed template: what it visits, with which place, and what a visitor's `'skip'` does. */
import { Evaluator } from '../../../rules/engine/evaluate';
import { DEFAULT_POLICY } from '../../../rules/engine/policy';
import { TemplateModel } from '../../../rules/engine/template';
import type { RuleContext } from '../../../rules/engine/types';
import { defineWalker, pathText, someString, type Visit, type Visitor } from '../../../rules/secret-placement/walk';

let walks = 0;

/** Runs one walker with `visit` over `template` and returns what `record` kept of each visit. */
function walk(template: Record<string, unknown>, record: (v: Visit) => string | undefined, skip?: (v: Visit) => boolean): string[] {
  const seen: string[] = [];
  const visit: Visitor = (v) => {
    const kept = record(v);
    if (kept !== undefined) seen.push(kept);
    return skip?.(v) ? 'skip' : undefined;
  };
  const run = defineWalker(`test-walk-${++walks}`, () => ({ visit, result: () => seen }));
  const model = new TemplateModel(template);
  const ctx: RuleContext = { template: model, evaluator: new Evaluator(model), policy: DEFAULT_POLICY };
  return run(ctx) ?? [];
}

const strings = (v: Visit) => (typeof v.node === 'string' ? `${v.section} ${v.logicalId} ${pathText(v.path)} = ${v.node}` : undefined);

describe('the shared walk visits every node of the parsed template', () => {
  test('every resource (properties and metadata) and every other section, each string with its place', () => {
    const queues = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue', Properties: { QueueName: `q${i}` } }]));
    const template = {
      Parameters: { P: { Type: 'String', Default: 'p' } },
      Globals: { Function: { Runtime: 'nodejs22.x' } },
      Mappings: { M: { a: { b: 'm' } } },
      Resources: { ...queues, Topic: { Type: 'AWS::SNS::Topic', Metadata: { note: 'n' } } },
      Outputs: { O: { Value: 'o' } },
    };
    const seen = walk(template, strings);
    expect(seen.filter((s) => s.startsWith('Resources Queue'))).toHaveLength(50);
    expect(seen).toEqual(
      expect.arrayContaining([
        'Resources Queue49 Properties.QueueName = q49',
        'Resources Topic Metadata.note = n',
        'Parameters P Parameters.P.Type = String',
        'Parameters P Parameters.P.Default = p',
        'Globals Function Globals.Function.Runtime = nodejs22.x',
        'Mappings M Mappings.M.a.b = m',
        'Outputs O Outputs.O.Value = o',
      ]),
    );
  });

  test('Fn::If branches are walked under their condition, without the Fn::If in the path; other intrinsics keep the property path', () => {
    const template = {
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
      Parameters: { Stage: { Type: 'String' } },
      Resources: {
        Topic: {
          Type: 'AWS::SNS::Topic',
          Properties: { DisplayName: { 'Fn::If': ['IsProd', 'prod', { 'Fn::Join': ['-', ['a', 'b']] }] } },
        },
      },
    };
    const seen = walk(template, (v) =>
      v.section === 'Resources' && typeof v.node === 'string' ? `${pathText(v.path)} = ${v.node} when ${v.when.map((a) => `${a.condition}=${a.value}`).join(',')}${v.inIntrinsic ? ' (argument)' : ''}` : undefined,
    );
    expect(seen).toEqual([
      'Properties.DisplayName = prod when IsProd=true',
      'Properties.DisplayName = - when IsProd=false (argument)',
      'Properties.DisplayName = a when IsProd=false (argument)',
      'Properties.DisplayName = b when IsProd=false (argument)',
    ]);
  });

  test("a visitor's 'skip' stops its descent into that node only", () => {
    const template = { Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { Skipped: { x: 'hidden' }, Kept: { x: 'shown' } } } } };
    expect(walk(template, strings, (v) => v.path[1] === 'Skipped')).toEqual(['Resources A Properties.Kept.x = shown']);
  });

  test('nodes nested deeper than the walk goes are not visited, and nothing throws', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 500; i++) deep = { k: deep };
    const template = { Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { Deep: deep, Flat: 'flat' } } } };
    expect(walk(template, strings)).toEqual(['Resources A Properties.Flat = flat']);
  });
});

describe('someString', () => {
  test('looks at keys and values at any depth the walk reaches', () => {
    const has = (needle: string) => (node: unknown) => someString(node, (s) => s.includes(needle));
    const template = { Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { List: [1, null, { keyNEEDLE: true }] } } }, Description: 'value' };
    expect(has('NEEDLE')(template)).toBe(true);
    expect(has('value')(template)).toBe(true);
    expect(has('absent')(template)).toBe(false);
  });
});
