import { parseTemplateText } from '../../bin/cli/load-template';
import type { LoadLimits } from '../../bin/cli/limits';
import { expectInputError } from './helpers';

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
    ['!Uppercase foo', { 'Fn::Uppercase': 'foo' }],
    ['!Rain::Embed file.txt', { 'Fn::Rain::Embed': 'file.txt' }],
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
    expect(source.locate(path as Array<string | number>)).toEqual({ line, column });
  });

  it.each([
    [['Nope']],
    [['Resources', 'Fn', 'Properties', 'Role', 'Ref']],
    [['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt', 2]],
    [['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt', 0, 'x']],
    [['Resources', 'Fn', 'Properties', 'Layers', 2]],
    [['Resources', 'Fn', 'Type', 'x']],
  ])('%j is undefined', (path) => {
    expect(source.locate(path as Array<string | number>)).toBeUndefined();
  });

  it('a YAML file holding JSON is read as JSON with JSON positions', () => {
    const json = load('{\n  "Resources": {\n    "A": {"Type": "x"}\n  }\n}\n');
    expect(json.format).toBe('json');
    expect(json.locate(['Resources', 'A', 'Type'])).toEqual({ line: 3, column: 11 });
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
    expect(error.line).toBe(3);
  });

  it.each([
    ['flow sequences', 'Resources: {}\nA: ' + '['.repeat(200_000)],
    ['flow mappings', 'Resources: {}\nA: ' + '{a: '.repeat(200_000)],
    ['compact sequences', 'Resources: {}\nA:\n' + '- '.repeat(200_000) + 'x\n'],
    ['block mappings', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
  ])('fails fast on very deep %s', (_name, text) => {
    const error = expectInputError(() => load(text));
    expect(error.code).toBe('too-deep');
    expect(error.elapsedMs).toBeLessThan(2000);
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

  it('stops an alias bomb with our node budget', () => {
    const error = expectInputError(() => load(billionLaughs));
    expect(error.code).toBe('too-complex');
    expect(error.reason).toMatch(/more than 1,000,000 nodes once aliases are resolved/);
    expect(error.elapsedMs).toBeLessThan(2000);
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
    expect(error.line).toBeLessThan(5000);
  });

  it('finds duplicate keys in big mappings without quadratic time', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  R${i}: {Type: T}`);
    keys.push('  R7: {Type: T}');
    const error = expectInputError(() => load(`Resources:\n${keys.join('\n')}\n`));
    expect(error.code).toBe('duplicate-key');
    expect(error.message).toBe(
      't.yaml:40002:3: duplicate key "R7" (first at line 9, column 3); CloudFormation would silently use the last one',
    );
    expect(error.elapsedMs).toBeLessThan(5000);
  });

  it('loads duplicate keys last-wins when asked', () => {
    const source = load('Resources: {}\nA: 1\nA: 2\n', { duplicateKeys: 'last-wins' });
    expect(source.template.A).toBe(2);
    expect(source.locate(['A'])).toEqual({ line: 3, column: 1 });
  });
});
