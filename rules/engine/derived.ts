/**
 * Resources a template creates or configures through custom resources, seen as the resource they make, so that the
 * rules for that type judge them:
 *
 * - an AwsCustomResource whose call creates or updates a resource (`createUserPoolClient`, `updateUserPoolClient`):
 *   the call's parameters are the resource's properties. The API resets every setting it is not given to its
 *   default, so absent settings mean the defaults, as in CloudFormation. Findings are placed at the call's property
 *   (`Properties.Create`) and say which call.
 * - a Lambda-backed custom resource whose type names the resource (`Custom::CognitoUserPoolClient`,
 *   `Custom::CognitoUserPoolClientSettings`): its properties are the resource's. When it names an existing resource
 *   (`UserPoolClientId`) it sets some settings of it, and only the settings it gives are judged (`partial`).
 */
import type { Evaluator } from './evaluate';
import { actionKey, sdkCalls, serviceKey, isCustomResourceType } from './sdk-calls';
import type { ResourceEntry, TemplateModel } from './template';
import { isPlainObject } from './values';

export interface DerivedResource extends ResourceEntry {
  /** The custom resource's type (`type` is the type of the resource it makes). */
  readonly customType: string;
  /** The call property the properties come from (`Create`), for calls; findings are placed there. */
  readonly call?: { readonly property: string; readonly action: string };
  /** Only the settings given are judged: a finding on any other property is dropped. */
  readonly partial: boolean;
  /** Property names as the custom resource writes them, by the name the rules read (`CallbackURLs` → `CallbackURL`). */
  readonly writtenAs: Readonly<Record<string, string>>;
}

interface Target {
  readonly type: string;
  /** Actions (see sdk-calls.ts actionKey) of the service that create or update it. */
  readonly calls: Readonly<Record<string, readonly string[]>>;
  /** A custom resource type naming it, e.g. /UserPoolClient/i. */
  readonly named: RegExp;
  /** Properties by which a custom resource names an existing resource of the type (it then changes some settings). */
  readonly existing: readonly string[];
  /** Single-valued spellings of list properties some custom resources use: `CallbackURL` for `CallbackURLs`. */
  readonly singular: Readonly<Record<string, string>>;
}

const TARGETS: readonly Target[] = [
  {
    type: 'AWS::Cognito::UserPoolClient',
    calls: { cognitoidentityprovider: ['createuserpoolclient', 'updateuserpoolclient'] },
    named: /UserPoolClient/i,
    existing: ['ClientId', 'UserPoolClientId'],
    singular: { CallbackURL: 'CallbackURLs', LogoutURL: 'LogoutURLs' },
  },
];

/** The resources the template's custom resources make (see the module comment), in the template's order. */
export function derivedResources(model: TemplateModel, ev: Evaluator): readonly DerivedResource[] {
  const found: DerivedResource[] = [];
  for (const r of model.resources) {
    if (!isCustomResourceType(r.type)) continue;
    const calls = sdkCalls(r, ev);
    if (calls.length > 0) {
      for (const target of TARGETS) {
        // Create runs first and CDK's onUpdate gives Create and Update the same call: judge the first one.
        const call = calls.find((c) => target.calls[serviceKey(c.service)]?.includes(actionKey(c.action)));
        if (call === undefined) continue;
        found.push({ ...r, type: target.type, properties: call.parameters, when: call.when, customType: r.type, call: { property: call.property, action: call.action }, partial: false, writtenAs: {} });
      }
      continue;
    }
    const target = TARGETS.find((t) => t.named.test(r.type));
    const given = r.properties;
    if (target === undefined || !isPlainObject(given)) continue;
    const properties: Record<string, unknown> = {};
    const writtenAs: Record<string, string> = {};
    for (const [key, value] of Object.entries(given)) {
      if (key === 'ServiceToken') continue;
      const list = target.singular[key];
      if (list !== undefined && given[list] === undefined) {
        properties[list] = [value];
        writtenAs[list] = key;
      } else properties[key] = value;
    }
    const partial = target.existing.some((k) => given[k] !== undefined);
    found.push({ ...r, type: target.type, properties, customType: r.type, partial, writtenAs });
  }
  return found;
}

/**
 * Where an observation on a derived resource belongs on the custom resource: its path (the call's property, or the
 * property as written), or undefined when the resource only sets some settings and the observation is about another.
 */
export function placeOnCustomResource(d: DerivedResource, path: string): string | undefined {
  const [head, property, ...rest] = path.split('.');
  if (head !== 'Properties' || property === undefined) return d.partial ? undefined : path;
  if (d.partial && !(isPlainObject(d.properties) && Object.prototype.hasOwnProperty.call(d.properties, property))) return undefined;
  if (d.call !== undefined) return `Properties.${d.call.property}`;
  const written = d.writtenAs[property];
  return written === undefined ? path : ['Properties', written, ...rest.slice(1)].join('.');
}
