/**
 * The 15 real public templates in the shared corpus load, convert like an independent reference,
 * and every key they contain can be located. They are read from the shared folder, never copied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pair, Scalar, YAMLMap, YAMLSeq, isScalar, parseDocument, visit, type Node } from 'yaml';
import { loadTemplate, type LoadedTemplate } from '../../bin/cli/load-template';
import { discover } from '../../bin/cli/discover';

const candidates = [
  process.env.TOKEN_GUARD_REAL_TEMPLATES,
  '/work/shared/corpus/real-templates',
  path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-templates'),
].filter((c): c is string => c !== undefined && c !== '');
const corpus = candidates.find((c) => fs.existsSync(c));
const files = corpus === undefined ? [] : fs.readdirSync(corpus).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();

if (corpus === undefined) {
  console.warn(`Skipping the real-template tests: none of ${candidates.join(', ')} exists.`);
}
const describeCorpus = corpus === undefined ? describe.skip : describe;

/**
 * An independent conversion for comparison: the yaml library's own toJS, after replacing each
 * short-form tag node in the AST by a one-key mapping (the long form).
 */
function reference(text: string): unknown {
  const doc = parseDocument(text, {
    version: '1.1',
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || !t.tag.endsWith(':timestamp')),
    logLevel: 'silent',
  });
  visit(doc, {
    Node(_key, node) {
      const tag = (node as Node).tag;
      if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return undefined;
      const name = tag.slice(1);
      (node as Node).tag = undefined;
      let inner: Node = node as Node;
      if (name === 'GetAtt' && isScalar(node)) {
        const text = String(node.value);
        const dot = text.indexOf('.');
        const seq = new YAMLSeq();
        seq.items = dot === -1 ? [new Scalar(text)] : [new Scalar(text.slice(0, dot)), new Scalar(text.slice(dot + 1))];
        inner = seq;
      }
      const map = new YAMLMap();
      map.items.push(new Pair(new Scalar(name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`), inner));
      return map;
    },
  });
  return doc.toJS();
}

/** Every mapping key in the template, with its path. */
function keyPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<[unknown, Array<string | number>]> = [[value, prefix]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push([item, [...p, i]]));
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        out.push([...p, k]);
        stack.push([item, [...p, k]]);
      }
    }
  }
  return out;
}

describeCorpus('the real templates in the shared corpus', () => {
  const loaded = new Map<string, LoadedTemplate>();
  beforeAll(() => {
    for (const file of files) loaded.set(file, loadTemplate(path.join(corpus!, file)));
  });

  it('are all 15 there, and discover finds exactly them', () => {
    expect(files).toHaveLength(15);
    const found = discover([corpus!]);
    expect(found.errors).toEqual([]);
    expect(found.inputs.map((i) => path.basename(i.path)).sort()).toEqual(files);
  });

  it.each(files)('%s loads as a template', (file) => {
    const template = loaded.get(file)!;
    expect(template.format).toBe(file.endsWith('.json') ? 'json' : 'yaml');
    expect(Object.keys(template.template.Resources).length).toBeGreaterThan(0);
  });

  it.each(files)('%s converts exactly like the reference conversion', (file) => {
    const text = fs.readFileSync(path.join(corpus!, file), 'utf8');
    const expected = file.endsWith('.json') ? JSON.parse(text) : reference(text);
    expect(loaded.get(file)!.template).toEqual(expected);
  });

  it.each(files)('%s: every key is located where it is written', (file) => {
    const text = fs.readFileSync(path.join(corpus!, file), 'utf8');
    const lines = text.split(/\r?\n/);
    const template = loaded.get(file)!;
    const paths = keyPaths(template.template);
    expect(paths.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    const positions = template.locate(paths);
    for (const [i, p] of paths.entries()) {
      const at = positions[i];
      const key = String(p[p.length - 1]);
      const there = at === undefined ? '' : lines[at.line - 1].slice(at.column - 1);
      const short = key === 'Ref' || key === 'Condition' ? `!${key}` : key.startsWith('Fn::') ? `!${key.slice(4)}` : undefined;
      const ok = there.startsWith(key) || there.startsWith(`"${key}"`) || there.startsWith(`'${key}'`) || (short !== undefined && there.startsWith(short));
      if (!ok) wrong.push(`${p.join('.')} → ${JSON.stringify(at)} ${JSON.stringify(there.slice(0, 30))}`);
    }
    expect(wrong).toEqual([]);
  });

  /** Follows a path through plain objects. */
  const at = (value: unknown, ...segments: string[]): unknown =>
    segments.reduce<unknown>((v, s) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), value);

  it('keep what the rules need from them', () => {
    const sam = loaded.get('01-sp-apigw-lambda-cognito-sam-java.yaml')!.template;
    expect(sam.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(at(sam, 'Globals', 'Function', 'Environment', 'Variables', 'MY_COGNITO_POOL_APP_CLIENT_SECRET')).toEqual({
      'Fn::GetAtt': ['MyCognitoUserPoolClient', 'ClientSecret'],
    });
    const oauth = JSON.stringify(loaded.get('06-sp-eventbridge-api-destinations-oauth.yaml')!.template);
    expect(oauth).toContain('arn:aws:secretsmanager:*:*:secret:events!connection/*'); // a '!' inside a plain scalar is not a tag
    const cdk = loaded.get('09-cdk-integ-user-pool-client-explicit-props.json')!.template;
    expect(JSON.stringify(cdk)).toContain('"Fn::Contains"');
    const rain = loaded.get('12-cfn-templates-rainmodules-cognito.yaml')!.template;
    expect(at(rain, 'Resources', 'UserPool', 'Properties', 'MfaConfiguration')).toBe('OFF'); // quoted, so a string
  });
});
