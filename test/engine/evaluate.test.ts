import { Evaluator, parseSub } from '../../rules/engine/evaluate';
import { TemplateModel } from '../../rules/engine/template';
import { ABSENT, Composite, Opaque } from '../../rules/engine/values';

function evaluator(template: Record<string, unknown>, limits = {}) {
  return new Evaluator(new TemplateModel({ Resources: {}, ...template }), limits);
}

const values = (alts: { value: unknown }[]) => alts.map((a) => a.value);

describe('Evaluator', () => {
  const ev = evaluator({
    Parameters: { Name: { Type: 'String', NoEcho: true }, Stage: { Type: 'String', AllowedValues: ['dev', 'prod'] } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] }, Always: { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] } },
    Mappings: { Ttl: { dev: { Minutes: 60 }, prod: { Minutes: 5 } } },
    Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: {} } },
  });

  test('literals evaluate to themselves; absent to ABSENT', () => {
    expect(values(ev.value({ a: [1, 'x', true, null] }))).toEqual([{ a: [1, 'x', true, null] }]);
    expect(values(ev.at({}, ['Missing']))).toEqual([ABSENT]);
  });

  test('Ref to a parameter, a resource, a pseudo parameter and AWS::NoValue', () => {
    const [p] = values(ev.value({ Ref: 'Name' })) as Opaque[];
    expect(p.source).toMatchObject({ kind: 'parameter', name: 'Name', noEcho: true });
    expect((values(ev.value({ Ref: 'Client' }))[0] as Opaque).source).toMatchObject({ kind: 'resource', resourceType: 'AWS::Cognito::UserPoolClient' });
    expect((values(ev.value({ Ref: 'AWS::Region' }))[0] as Opaque).source).toMatchObject({ kind: 'pseudo', name: 'AWS::Region' });
    expect(values(ev.value([1, { Ref: 'AWS::NoValue' }, 2]))).toEqual([[1, 2]]);
    expect(values(ev.value({ a: { Ref: 'AWS::NoValue' }, b: 1 }))).toEqual([{ b: 1 }]);
  });

  test('GetAtt in both forms; a.b.c splits on the first dot', () => {
    expect((values(ev.value({ 'Fn::GetAtt': ['Client', 'ClientSecret'] }))[0] as Opaque).source).toMatchObject({ kind: 'attribute', logicalId: 'Client', attribute: 'ClientSecret' });
    expect((values(ev.value({ 'Fn::GetAtt': 'Db.Endpoint.Address' }))[0] as Opaque).source).toMatchObject({ logicalId: 'Db', attribute: 'Endpoint.Address' });
  });

  test('Fn::Sub keeps literal text and the provenance of each piece; ${!x} is literal', () => {
    const [v] = values(ev.value({ 'Fn::Sub': 'a-${Name}-${Client.ClientSecret}-${!Literal}-${AWS::Region}' })) as Composite[];
    expect(v).toBeInstanceOf(Composite);
    expect(v.parts.map((p) => (typeof p === 'string' ? p : p.source.kind))).toEqual(['a-', 'parameter', '-', 'attribute', '-${Literal}-', 'pseudo']);
    expect(values(ev.value({ 'Fn::Sub': ['${x}/${y}', { x: 'a', y: 'b' }] }))).toEqual(['a/b']);
    expect(parseSub('no vars')).toEqual([{ literal: 'no vars' }]);
  });

  test('Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64, Fn::ToJsonString', () => {
    expect(values(ev.value({ 'Fn::Join': ['-', ['a', 'b']] }))).toEqual(['a-b']);
    expect(values(ev.value({ 'Fn::Select': [1, ['a', 'b']] }))).toEqual(['b']);
    expect(values(ev.value({ 'Fn::Split': [',', 'a,b'] }))).toEqual([['a', 'b']]);
    expect(values(ev.value({ 'Fn::FindInMap': ['Ttl', 'prod', 'Minutes'] }))).toEqual([5]);
    expect(values(ev.value({ 'Fn::FindInMap': ['Ttl', { Ref: 'Stage' }, 'Minutes'] })).sort()).toEqual([5, 60]);
    expect(values(ev.value({ 'Fn::Base64': 'plain' }))).toEqual(['plain']);
    expect(values(ev.value({ 'Fn::ToJsonString': { a: 1 } }))).toEqual(['{"a":1}']);
    const [json] = values(ev.value({ 'Fn::ToJsonString': { s: { Ref: 'Name' } } })) as Composite[];
    expect(json.parts.some((p) => p instanceof Opaque)).toBe(true);
  });

  test('Fn::If yields each branch with its assumption; literal conditions are decided', () => {
    const alts = ev.value({ 'Fn::If': ['IsProd', 5, 60] });
    expect(alts.map((a) => [a.value, a.when])).toEqual([
      [5, [{ condition: 'IsProd', value: true }]],
      [60, [{ condition: 'IsProd', value: false }]],
    ]);
    expect(values(ev.value({ 'Fn::If': ['Always', 'yes', 'no'] }))).toEqual(['yes']);
  });

  test('contradictory assumptions are dropped when a value is built from two Ifs on one condition', () => {
    const alts = ev.value({ 'Fn::Sub': ['${a}${b}', { a: { 'Fn::If': ['IsProd', 'P', 'D'] }, b: { 'Fn::If': ['IsProd', 'p', 'd'] } }] });
    expect(values(alts).sort()).toEqual(['Dd', 'Pp']);
  });

  test('unknown intrinsics and imports are opaque with their name', () => {
    expect((values(ev.value({ 'Fn::Frobnicate': 1 }))[0] as Opaque).source).toEqual({ kind: 'unknown-function', fn: 'Fn::Frobnicate' });
    expect((values(ev.value({ 'Fn::ImportValue': 'shared' }))[0] as Opaque).source).toEqual({ kind: 'import', exportName: 'shared' });
  });

  test('parameters expand to AllowedValues or Default in scalars()', () => {
    const e = evaluator({ Parameters: { A: { Type: 'Number', AllowedValues: [1, 2] }, D: { Type: 'Number', Default: 3 }, N: { Type: 'Number' } } });
    expect(e.scalars({ x: { Ref: 'A' } }, ['x']).map((c) => c.value)).toEqual([1, 2]);
    expect(e.scalars({ x: { Ref: 'D' } }, ['x'])[0]).toMatchObject({ value: 3, via: expect.stringContaining('default of parameter D') });
    expect(e.scalars({ x: { Ref: 'N' } }, ['x'])[0].value).toBeInstanceOf(Opaque);
  });

  test('navigation resolves Ifs on the way down without multiplying siblings', () => {
    const root = { Units: { 'Fn::If': ['IsProd', { AccessToken: 'minutes' }, { AccessToken: 'hours' }] }, Other: { 'Fn::If': ['IsProd', 1, 2] } };
    expect(ev.rawAt(root, ['Units', 'AccessToken'])).toHaveLength(2);
  });

  test('work is bounded: too many alternatives or too deep nesting become unresolved, not an exception', () => {
    const wide = Array.from({ length: 10 }, () => ({ 'Fn::If': ['IsProd', 1, 2] }));
    const e = evaluator({ Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } } }, { maxAlternatives: 16 });
    // ten Ifs on one condition stay consistent: two alternatives, not 1024
    expect(e.value(wide)).toHaveLength(2);
    const independent = Array.from({ length: 10 }, (_, i) => ({ 'Fn::If': [`C${i}`, 1, 2] }));
    const [capped] = values(e.value(independent)) as Opaque[];
    expect(capped.source).toMatchObject({ kind: 'unresolved' });
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { 'Fn::Base64': deep };
    expect((values(evaluator({}, { maxDepth: 50 }).value(deep))[0] as Opaque).source.kind).toBe('unresolved');
  });

  test('a property without intrinsics is its own value, read directly or evaluated, up to the same depth', () => {
    const root = { Flows: ['code', 'implicit'], Units: { AccessToken: 'minutes' }, Mixed: ['a', { Ref: 'AWS::NoValue' }] };
    for (const read of [ev.at.bind(ev), ev.scalars.bind(ev)]) {
      expect(values(read(root, ['Flows']))).toEqual([['code', 'implicit']]);
      expect(values(read(root, ['Units']))).toEqual([{ AccessToken: 'minutes' }]);
      expect(values(read(root, ['Mixed']))).toEqual([['a']]);
    }
    const shallow = evaluator({}, { maxDepth: 3 });
    for (const depth of [3, 4]) {
      let nested: unknown = 'x';
      for (let i = 0; i < depth; i++) nested = [nested];
      expect(values(shallow.at({ P: nested }, ['P']))).toEqual(values(shallow.value(nested)));
    }
  });

  test('once: a fact is derived once per subject and evaluator', () => {
    const derive = jest.fn((subject: { id: string }) => subject.id.length);
    const [a, b] = [{ id: 'one' }, { id: 'three' }];
    expect([ev.once(derive, a), ev.once(derive, b), ev.once(derive, a)]).toEqual([3, 5, 3]);
    expect(derive).toHaveBeenCalledTimes(2);
    expect(evaluator({}).once(derive, a)).toBe(3);
    expect(derive).toHaveBeenCalledTimes(3);
  });
});
