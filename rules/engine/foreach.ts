/**
 * `Fn::ForEach` of the `AWS::LanguageExtensions` transform, expanded the way CloudFormation expands it before
 * anything is deployed: `"Fn::ForEach::Clients": [Name, [Web, Kiosk], { "${Name}Client": {…} }]` in `Resources`,
 * `Outputs` or a map inside them becomes `WebClient` and `KioskClient`, `${Name}` and `&{Name}` replaced in keys and
 * strings, `{ Ref: Name }` by the item. A collection is a literal list or a list parameter's default. Any other
 * collection is not known statically: its loop makes one representative entry, keyed as written (`${Name}Client`),
 * whose `{ Ref: Name }` is some item of the collection (`Fn::Select [0, …]`), so what does not depend on the item is
 * still judged and what does is "cannot tell".
 */
import { isPlainObject } from './values';

const PREFIX = 'Fn::ForEach::';
/** The most entries the loops of one section (properties included) may make: this only bounds pathological input. */
const MAX_EXPANDED = 10_000;

/** The section with its loops expanded (`inProperties`: loops in its entries' maps too), or the section as it is. */
export function expandForEach(section: Record<string, unknown>, parameters: unknown, inProperties = false, made = { count: 0 }): Record<string, unknown> {
  if (!inProperties && !Object.keys(section).some((k) => k.startsWith(PREFIX))) return section;
  const out: Record<string, unknown> = {};
  const add = (entries: Record<string, unknown>, depth: number): void => {
    for (const [key, value] of Object.entries(entries)) {
      if (depth > 0 && made.count >= MAX_EXPANDED) return;
      if (!key.startsWith(PREFIX)) {
        if (depth > 0) made.count++;
        out[key] = inProperties ? within(value, parameters, made) : value;
        continue;
      }
      if (depth >= 5 || !Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isPlainObject(value[2])) continue;
      const [identifier, collection, template] = value as [string, unknown, Record<string, unknown>];
      const known = items(collection, parameters);
      if (known === undefined) add(substitute(template, identifier, { 'Fn::Select': [0, collection] }) as Record<string, unknown>, depth + 1);
      else for (const item of known) add(substitute(template, identifier, item) as Record<string, unknown>, depth + 1);
    }
  };
  add(section, 0);
  return out;
}

/** The collection's items, or undefined when they are not known statically. */
function items(collection: unknown, parameters: unknown): string[] | undefined {
  if (Array.isArray(collection) && collection.every((x) => typeof x === 'string' || typeof x === 'number')) return collection.map(String);
  const p = isPlainObject(collection) && typeof collection.Ref === 'string' && isPlainObject(parameters) ? parameters[collection.Ref] : undefined;
  return isPlainObject(p) && typeof p.Default === 'string' ? p.Default.split(',').map((x) => x.trim()) : undefined;
}

/** `node` with the loops in its maps expanded (the transform allows them in properties), on the section's budget. */
const within = (node: unknown, parameters: unknown, made: { count: number }): unknown =>
  Array.isArray(node) ? node.map((x) => within(x, parameters, made)) : isPlainObject(node) ? expandForEach(node, parameters, true, made) : node;

/** `node` with the loop's identifier replaced by `item` (text), or only its Refs by `item` (an unknown item). */
function substitute(node: unknown, identifier: string, item: string | Record<string, unknown>, depth = 0): unknown {
  if (depth > 64) return node;
  if (typeof node === 'string') return typeof item === 'string' ? replaceIn(node, identifier, item) : node;
  if (Array.isArray(node)) return node.map((x) => substitute(x, identifier, item, depth + 1));
  if (!isPlainObject(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === 'Ref' && node.Ref === identifier) return item;
  const out: Record<string, unknown> = {};
  for (const k of keys) out[typeof item === 'string' ? replaceIn(k, identifier, item) : k] = substitute(node[k], identifier, item, depth + 1);
  // `Ref: {Fn::Sub: ${Name}Key}` and `Fn::GetAtt: [{Fn::Sub: ${Name}Key}, Arn]` name the resource of the iteration.
  if (keys.length === 1 && keys[0] === 'Ref') out.Ref = logicalId(out.Ref, identifier);
  if (keys.length === 1 && Array.isArray(out['Fn::GetAtt'])) out['Fn::GetAtt'] = [logicalId(out['Fn::GetAtt'][0], identifier), ...out['Fn::GetAtt'].slice(1)];
  return out;
}

const logicalId = (x: unknown, identifier: string): unknown => isPlainObject(x) && typeof x['Fn::Sub'] === 'string' && !x['Fn::Sub'].split(`\${${identifier}}`).join('').includes('${') ? x['Fn::Sub'] : x;

function replaceIn(text: string, identifier: string, item: string): string {
  if (!text.includes('{')) return text;
  return text.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
}
