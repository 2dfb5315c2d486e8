/**
 * Provenance: whether a value carries secret material, judged by where it comes from, never by the name of the
 * place it lands in.
 *
 * | source | secret when | strength |
 * | --- | --- | --- |
 * | `Fn::GetAtt` | the attribute is a secret attribute of its type ({@link SECRET_ATTRIBUTES}), or an attribute of a custom resource named like a secret (`UserPoolClient.ClientSecret` of CDK's `AwsCustomResource`) | strong; custom-resource names weaker |
 * | `Ref` to a parameter | the parameter is `NoEcho` (unless named as a user name, an identifier or a reference, or described first as a reference), has a token-shaped default, is passed to a credential property or a secret key of a `SecretString`, or is named or described as a secret — unless its type or its default says it holds a name, path or ARN | NoEcho and uses strong; names weak |
 * | literal | it contains token material ({@link findTokens}) or a password in a URL's userinfo ({@link urlPassword}); or it sits under a key named like a secret (or a secret noun followed by "key") and looks generated (or, under a password key, is any non-reference text) | formats strong; key plus shape weaker |
 * | dynamic reference | `{{resolve:secretsmanager:…}}` or `{{resolve:ssm-secure:…}}`: the secret is resolved into the place at deploy time, unless it selects a JSON key naming an identifier (`username`, `host`, `port`, `dbname`, a client id; a field parameter counts as its Default) or names a public key (`…/ipv_public_encryption_key`) | strong |
 * | `Fn::ImportValue`, `Fn::GetAtt` of a nested stack's `Outputs.<Name>` | cannot tell; reported when the export's or output's name or the key it lands under is named like a secret, unless that key names a reference (`TOP_SECRET_ARN`) (every export and output is checked where it is defined, by TokenGuard-SEC7) | — |
 * | `{{resolve:ssm:NAME}}` | NAME is named for secret material (`TWILIO_AUTH_TOKEN`, not a bare `secret`): a String parameter holds it in plaintext and CloudFormation copies it in | name, weak |
 * | anything else (`Ref` to a resource: an id, name or ARN; pseudo parameters; other `{{resolve:ssm:…}}`) | not secret | — |
 *
 * `Fn::Sub` and `Fn::Join` are traced piece by piece; pieces inside a dynamic reference are the secret's name, not
 * its value.
 */
import type { ParameterDef, TemplateModel } from '../engine/template';
import type { RuleContext } from '../engine/types';
import { ABSENT, Composite, isPlainObject, Maybe, Opaque, Source, Value, describeSource } from '../engine/values';
import { PASSWORD_NOUNS, type SecretName, describedAsReference, describedAsSecret, jsonKeyBefore, keyedSecretName, looksLikePlaceholder, looksLikeReference, mentionsSecret, namesAPublicKey, namesAReference, namesAUser, opensAsReference, secretName, valuesAreSettings, withArticle, words } from './names';
import { intrinsicName, parseSub } from '../engine/evaluate';
import { credentialPlaces, isCustomResource, isSchemaless, isSsmTyped, issuedElsewhere, NESTED_STACK } from './places';
import { isSecretField, sdkCalls, secretResponse } from '../engine/sdk-calls';
import { containsAwsAccessKeyId, findTokens, fingerprint, looksGenerated } from './tokens';
import { placeText, someString } from './walk';

/**
 * Attributes whose value is secret material. Found by reading every `@cloudformationAttribute` of aws-cdk-lib 2.276's
 * L1 classes whose documentation describes a secret, key or token value (not its ARN or id).
 */
export const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'AWS::Cognito::UserPoolClient': ['ClientSecret'],
  'AWS::IAM::AccessKey': ['SecretAccessKey'],
  'AWS::AppSync::ApiKey': ['ApiKey'],
  'AWS::IVS::StreamKey': ['Value'],
  'AWS::IVS::IngestConfiguration': ['StreamKey'],
  'AWS::ManagedBlockchain::Accessor': ['BillingToken'],
};

/**
 * Whether the value of a resource (an attribute read with `Fn::GetAtt`, or its `Ref`) is secret material:
 * `{ secret }` with its description (`ClientSecret of MyClient`), `{ unknown }` when it cannot be told, or undefined.
 *
 * - An attribute of {@link SECRET_ATTRIBUTES} is secret.
 * - A custom resource that makes an AWS SDK call (CDK's AwsCustomResource, see sdk-calls.ts) returns what the call
 *   returns: a response field the call fills with secret material is secret (unknown when that depends on a parameter
 *   given by a token), its Ref too when its physical id is such a field; nothing else of it is.
 * - Any other custom resource (a Lambda-backed handler the template cannot show): an attribute named like a secret is
 *   secret, one named as an identifier ({@link IDENTIFIER_KEY} ending its name: `GOOGLE_CLIENT_ID`) is not; its other
 *   attributes and its Ref cannot be told when its type or logical id says it holds a secret
 *   (`Custom::NonceSigningSecret`), and are taken for what they are otherwise.
 */
export function resourceValueSecrecy(s: Source, ctx: RuleContext): { readonly secret: string } | { readonly unknown: string } | undefined {
  if (s.kind !== 'attribute' && s.kind !== 'resource') return undefined;
  if (s.kind === 'attribute' && s.resourceType !== undefined && SECRET_ATTRIBUTES[s.resourceType]?.includes(s.attribute)) {
    return { secret: `${s.attribute} of ${s.logicalId}` };
  }
  if (!isCustomResource(s.resourceType)) return undefined;
  const r = ctx.template.resource(s.logicalId);
  const calls = r === undefined ? [] : sdkCalls(r, ctx.evaluator);
  if (calls.length > 0) {
    const field = s.kind === 'attribute' ? s.attribute : undefined;
    for (const call of calls) {
      const response = secretResponse(call, ctx.evaluator);
      const read = field ?? call.physicalIdField;
      if (response === undefined || read === undefined || !isSecretField(read, response)) continue;
      const what = `${s.kind === 'attribute' ? read : `the physical id (${read})`} of custom resource ${s.logicalId} (its ${call.action} call ${response.what}`;
      return response.unknownBecause === undefined ? { secret: `${what})` } : { unknown: `${what} when ${response.unknownBecause.replace(/^its /, 'the call\'s ')})` };
    }
    return undefined;
  }
  if (s.kind === 'attribute') {
    const name = secretName(s.attribute);
    if (name) return { secret: `${s.attribute} of custom resource ${s.logicalId} (an attribute named like ${withArticle(name.noun)})` };
    // An attribute named as an identifier (`GOOGLE_CLIENT_ID`, `DbHost`), a reference (`Arn`, `SecretName`) or a public
    // key (`PublicKey`) is one, whatever the resource is named; so is one named for something about a secret that is not
    // one (`TokenExpireTime`).
    if (namesAReference(s.attribute) || mentionsSecret(s.attribute) || namesAnIdentifier(s.attribute) || namesAPublicKey(s.attribute)) return undefined;
  }
  const named = secretName(s.resourceType!.replace(/^Custom::/, '')) ?? secretName(s.logicalId);
  if (!named) return undefined;
  const what = s.kind === 'attribute' ? `attribute ${s.attribute} of custom resource ${s.logicalId}` : `the physical id of custom resource ${s.logicalId}`;
  return { unknown: `${what} (${s.resourceType}), whose handler the template does not show and whose name says it holds ${withArticle(named.noun)}` };
}

export interface ParameterSecrecy {
  readonly name: string;
  readonly noEcho: boolean;
  /** Why the parameter is taken to hold a secret, strongest first: `is NoEcho`, `is passed to …`, `is named like a token`. */
  readonly reasons: readonly string[];
  /**
   * Whether it is passed to a password or key the stack sets on a resource of its own (not a credential issued
   * elsewhere, not a SecretString): whatever its default says becomes that resource's real credential.
   */
  readonly setsOwnCredential: boolean;
}

/** Whether a parameter holds a secret, and why; undefined when nothing says so. */
export function parameterSecrecy(ctx: RuleContext, name: string): ParameterSecrecy | undefined {
  return ctx.evaluator.once(judgeParameters, ctx).get(name);
}

/** Every parameter of the template judged, once per audit (the subject is the audit's rule context: sinks read its policy). */
function judgeParameters(ctx: RuleContext): Map<string, ParameterSecrecy | undefined> {
  const { sinks, own } = parameterSinks(ctx);
  let uses: Map<string, Uses> | undefined;
  const usesOf = (name: string) => (uses ??= parameterUses(ctx.template)).get(name);
  const compared = (name: string) => comparedValues(ctx.template.conditions, name);
  return new Map([...ctx.template.parameters.values()].map((p) => [p.name, judgeParameter(p, sinks.get(p.name) ?? [], own.has(p.name), usesOf, compared)]));
}

/** `parameter X (NoEcho)`, `parameter SlackToken, which is named like a token`. */
export function describeParameter(p: ParameterSecrecy): string {
  return `parameter ${p.name} (${p.reasons.join('; ')})`;
}

/** Parameter types whose values are identifiers, never secrets. */
const NON_SECRET_TYPE = /^(Number|List<Number>|AWS::SSM::Parameter::Name|AWS::EC2::.*|AWS::Route53::.*|List<AWS::(EC2|Route53)::.*>)$/;

function judgeParameter(
  p: ParameterDef,
  sinks: readonly Sink[],
  setsOwnCredential: boolean,
  usesOf: (name: string) => Uses | undefined,
  compared: (name: string) => string[],
): ParameterSecrecy | undefined {
  const strong: string[] = [];
  const weak: string[] = [];
  // NoEcho on a parameter named as a user name, an identifier (`SFHost`, `…ClientId`) or a reference (`…SecretArn`), or
  // whose description opens by calling it a reference (`Arn of the … API Key Secret`), hides an identifier: it says
  // nothing about secret material.
  if (p.noEcho && !namesAUser(p.name) && !namesAReference(p.name) && !namesAnIdentifier(p.name) && !opensAsReference(p.description)) strong.push('NoEcho');
  const literals = [p.default, ...(p.allowedValues ?? [])].filter((x): x is string => typeof x === 'string');
  const token = literals.flatMap((x) => findTokens(x))[0];
  if (token) strong.push(`its default or allowed values contain ${token.format}`);
  const url = token ? undefined : literals.map((x) => urlPassword(x)).find((x) => x !== undefined);
  if (url) strong.push(`its default or allowed values contain ${url}`);
  // A custom resource or a nested stack has no schema: its properties or parameters are credentials by their names
  // alone, so being passed only to such places is weak evidence, like a name; so is being glued to a dynamic
  // reference, a piece of the credential.
  const passed = sinks.every((s) => s.custom || s.glued) ? weak : strong;
  if (sinks.length > 0) passed.push(`passed to ${sinks[0].where}${sinks.length > 1 ? ` and ${sinks.length - 1} other place(s)` : ''}`);
  const named = secretName(p.name);
  if (named) weak.push(`named like ${withArticle(named.noun)}`);
  // An SSM-typed parameter's value is the content of the SSM parameter its Default names: a path named for secret
  // material says what it holds (a bare "Secret", in Parameter Store, usually holds a Secrets Manager secret's name).
  const ssmPath = isSsmTyped(p.type) && typeof p.default === 'string' ? p.default : undefined;
  const material = ssmPath === undefined ? undefined : ssmPathMaterial(ssmPath);
  if (material) weak.push(`its value is SSM parameter ${ssmPath}, named like ${withArticle(material.noun)}`);
  const described = describedAsSecret(p.description);
  if (described) weak.push(`described as ${withArticle(described.noun)}`);
  if (strong.length === 0) {
    if (weak.length === 0) return undefined;
    // A name is weak evidence: a type, a value, a description or uses that designate something else win over it.
    if (p.type !== undefined && NON_SECRET_TYPE.test(p.type)) return undefined;
    // A name that names a reference (`…SecretName`, `…Arn`) or a default that is one says what it holds.
    if (material === undefined && (namesAReference(p.name) || literals.some((x) => looksLikeReference(x)))) return undefined;
    if (valuesAreSettings(p.default, p.allowedValues)) return undefined;
    // Conditions that compare it with several words (`!Equals [!Ref Environment, staging]`) enumerate its values, as
    // AllowedValues would.
    const enumerated = p.allowedValues === undefined ? compared(p.name) : [];
    if (enumerated.length >= 2 && valuesAreSettings(undefined, enumerated)) return undefined;
    if (describedAsReference(p.description)) return undefined;
    const uses = usesOf(p.name);
    if (uses !== undefined && uses.value === 0) return undefined;
  }
  return { name: p.name, noEcho: p.noEcho, reasons: [...strong, ...weak], setsOwnCredential };
}

/** Where a parameter is used as a credential. */
interface Sink {
  readonly where: string;
  /** A property without a schema: a custom resource's, or a nested stack's parameter (a credential by its name only). */
  readonly custom: boolean;
  /** Glued to a secure dynamic reference in the value (`{{resolve:secretsmanager:key}}-${Environment}`): a piece. */
  readonly glued: boolean;
}

/**
 * Where each parameter is used as a credential: in a credential property (`Password`, `ClientSecret`, …), as the
 * whole `SecretString` of a secret, or as the value of a secret-named key in a `SecretString` JSON built with
 * `Fn::Sub` / `Fn::Join` (`{"password": "${DbPassword}"}`; a `"username"` beside it does not count). `own`: the
 * parameters that reach a credential the stack sets on a resource of its own ({@link ParameterSecrecy.setsOwnCredential}).
 */
function parameterSinks(ctx: RuleContext): { sinks: Map<string, Sink[]>; own: Set<string> } {
  const out = new Map<string, Sink[]>();
  const own = new Set<string>();
  if (ctx.template.parameters.size === 0) return { sinks: out, own };
  const seen = new Set<string>(); // name and place: a list's includes() would be quadratic in a parameter's sinks
  let sets = false; // the current place is a credential the stack sets on a resource of its own
  let custom = false; // the current place has no schema (a custom resource's property, a nested stack's parameter)
  let glued = false; // the current value holds a secure dynamic reference beside the parameter
  const add = (name: string, where: string) => {
    if (sets) own.add(name);
    if (seen.has(`${name}\u0000${where}`)) return;
    seen.add(`${name}\u0000${where}`);
    const list = out.get(name);
    if (list) list.push({ where, custom, glued });
    else out.set(name, [{ where, custom, glued }]);
  };
  for (const place of credentialPlaces(ctx) ?? []) {
    const where = placeText({ section: 'Resources', ...place });
    const key = place.path[place.path.length - 1];
    const type = ctx.template.resource(place.logicalId)?.type;
    sets = !place.secretString && !(typeof key === 'string' && issuedElsewhere(key, type));
    custom = isSchemaless(type, place.path);
    for (const alt of ctx.evaluator.value(place.node, place.when)) {
      const value = alt.value;
      glued = false;
      if (value instanceof Opaque && value.source.kind === 'parameter') add(value.source.name, where);
      if (value instanceof Composite) {
        const named = inDynamicReference(value);
        glued = !place.secretString && dynamicReferencesIn(value).length > 0;
        value.parts.forEach((part, i) => {
          // Inside {{resolve:secretsmanager:${Name}:…}} a parameter is the secret's id, not the credential.
          if (!(part instanceof Opaque) || part.source.kind !== 'parameter' || named[i]) return;
          if (!place.secretString) return add(part.source.name, where);
          const key = jsonKeyBefore(value.parts, i);
          if (key !== undefined && secretName(key)) add(part.source.name, `${where} (key ${key})`);
        });
      }
    }
  }
  return { sinks: out, own };
}

/** The literals the template's conditions compare a parameter with (`!Equals [!Ref Environment, staging]`). */
export function comparedValues(conditions: Readonly<Record<string, unknown>>, name: string): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isPlainObject(node)) return;
    const eq = node['Fn::Equals'];
    if (Array.isArray(eq) && eq.some((x) => isPlainObject(x) && x.Ref === name)) out.push(...eq.filter((x): x is string => typeof x === 'string'));
    Object.values(node).forEach(visit);
  };
  visit(conditions);
  return out;
}

/** How often a parameter is used as a name (see {@link parameterUses}) and as a value. */
interface Uses {
  name: number;
  value: number;
}

/**
 * How the template uses each parameter: as a name when the use is a condition, an export's name, an
 * `Fn::ImportValue` argument (a stack-name prefix), the secret id inside a dynamic reference
 * (`{{resolve:secretsmanager:${Name}:…}}`), a piece of an ARN written with `Fn::Sub`, or the value of a key that names
 * a reference (`BucketName: !Sub ${Prefix}-${BucketNameToken}`); as a value anywhere else (resource properties and metadata, output
 * values, SAM Globals). A parameter used only as a name holds one, not a secret. Read from the raw template, and only
 * for templates with a parameter that nothing but its name or description calls secret (rare), once.
 */
function parameterUses(t: TemplateModel): Map<string, Uses> {
  const out = new Map<string, Uses>();
  const count = (name: string, asName: boolean): void => {
    if (!t.parameters.has(name)) return;
    let u = out.get(name);
    if (u === undefined) out.set(name, (u = { name: 0, value: 0 }));
    if (asName) u.name++;
    else u.value++;
  };
  for (const r of t.resources) {
    countUses(r.properties, false, count, 0);
    countUses(r.metadata, false, count, 0);
  }
  countUses(t.globals, false, count, 0);
  countUses(t.conditions, true, count, 0);
  for (const o of t.outputs) {
    countUses(o.value, false, count, 0);
    countUses(o.exportName, true, count, 0);
  }
  return out;
}

/** Counts the parameter references in a raw template subtree (see {@link parameterUses}). */
function countUses(node: unknown, asName: boolean, count: (name: string, asName: boolean) => void, depth: number): void {
  if (depth > 64 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) return node.forEach((x) => countUses(x, asName, count, depth + 1));
  const record = node as Record<string, unknown>;
  const fn = intrinsicName(record);
  const args = fn === undefined ? undefined : record[fn];
  if (fn === 'Ref') {
    if (typeof args === 'string') count(args, asName);
    return;
  }
  if (fn === 'Fn::ImportValue') return countUses(args, true, count, depth + 1);
  if (fn === 'Fn::Sub') {
    const [text, vars] = Array.isArray(args) ? args : [args, undefined];
    if (typeof text === 'string') {
      const pieces = parseSub(text);
      const arn = text.startsWith('arn:'); // a piece of an ARN is a piece of a name
      const named = inDynamicReference(new Composite(pieces.map((q) => (q.literal !== undefined ? q.literal : MARKER))));
      pieces.forEach((q, i) => {
        if (q.variable !== undefined && !q.variable.includes('.') && !(isPlainObject(vars) && q.variable in vars)) count(q.variable, asName || named[i] || arn);
      });
    }
    if (isPlainObject(vars)) countUses(Object.values(vars), asName, count, depth + 1);
    return;
  }
  if (fn === 'Fn::Join' && Array.isArray(args) && Array.isArray(args[1])) {
    const list = args[1] as unknown[];
    const named = inDynamicReference(new Composite(list.map((x) => (typeof x === 'string' ? x : MARKER))));
    return list.forEach((x, i) => countUses(x, asName || named[i], count, depth + 1));
  }
  // A value under a key that names a reference (`BucketName`, `TableName`, `StackSetName`, `RoleArn`) is a name.
  for (const [key, x] of Object.entries(record)) countUses(x, asName || namesAReference(key), count, depth + 1);
}

/** Stands for a computed piece when only the place of dynamic references in a string matters. */
const MARKER = new Opaque({ kind: 'unresolved', reason: 'a computed piece' });

/** For each part of a string built with Fn::Sub / Fn::Join: whether it lies inside a `{{resolve:…}}` reference. */
function inDynamicReference(c: Composite): boolean[] {
  let text = '';
  const starts: number[] = [];
  for (const p of c.parts) {
    starts.push(text.length);
    text += typeof p === 'string' ? p : '\ue000';
  }
  const spans = references(NAMED_REFERENCE, text, false);
  let k = 0; // the last reference that starts at or before the part (parts and references are in order)
  return c.parts.map((p, i) => {
    const len = typeof p === 'string' ? p.length : 1;
    while (k + 1 < spans.length && spans[k + 1].start <= starts[i]) k++;
    return k < spans.length && spans[k].start <= starts[i] && starts[i] + len <= spans[k].end;
  });
}

/** The start of a dynamic reference of any kind (closed by `}}`): what it names (a secret, an SSM parameter) is an id. */
const NAMED_REFERENCE = /\{\{resolve:[a-z-]+:[^}]*/g;

export interface TraceOptions {
  /** The name the value is stored under (an environment variable, an SSM parameter name, an output name). */
  readonly key?: string;
  /** Whether `{{resolve:secretsmanager|ssm-secure:…}}` counts as secret material here. @default true */
  readonly dynamicReferences?: boolean;
}

export interface Trace {
  /** Secret material found, each described with its source: `ClientSecret of MyClient`, `a literal GitHub token (…)`. */
  readonly secrets: string[];
  /** Sources that cannot be judged statically, described: `Fn::ImportValue shared-token`. */
  readonly unknowns: string[];
}

/** Traces an evaluated value to its sources and reports the secret material in it. */
export function traceValue(value: Maybe<Value>, ctx: RuleContext, options: TraceOptions = {}): Trace {
  const trace: Trace = { secrets: [], unknowns: [] };
  walkValue(value, ctx, options, trace, 0);
  return trace;
}

function walkValue(v: Maybe<Value>, ctx: RuleContext, o: TraceOptions, t: Trace, depth: number): void {
  if (v === ABSENT || v === null || depth > 32) return;
  if (typeof v === 'string') return literal(v, ctx, o, t);
  if (v instanceof Opaque) return opaque(v.source, ctx, o, t);
  if (v instanceof Composite) return composite(v, ctx, o, t);
  if (Array.isArray(v)) return v.forEach((x) => walkValue(x, ctx, o, t, depth + 1));
  if (typeof v === 'object') for (const x of Object.values(v)) walkValue(x, ctx, o, t, depth + 1);
}

/**
 * The start of a Secrets Manager or SecureString dynamic reference (group 1 the service, group 2 its reference up
 * to the first `}`); it ends with `}}`, or with the end of the string when CDK joins the rest with Fn::Join.
 */
const SECURE_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):([^}]*)/g;
/** The start of any dynamic reference, up to the first `}`; it ends with `}}`. */
const ANY_REFERENCE = /\{\{resolve:[^}]*/g;

interface ReferenceMatch {
  readonly start: number;
  readonly end: number;
  readonly groups: RegExpExecArray;
}

/**
 * The matches of `opener` (a global expression ending in `[^}]*`) closed by `}}` (or by the end of the text when
 * `openAtEnd`), in order: what `opener` followed by `(\}\}|$)` matches, in linear time. That expression would try
 * again from every opener before a lone `}`, crossing the text up to it each time; here a lone `}` ends the text of
 * every opener before it at once.
 */
function references(opener: RegExp, text: string, openAtEnd: boolean): ReferenceMatch[] {
  const out: ReferenceMatch[] = [];
  opener.lastIndex = 0;
  for (let m = opener.exec(text); m !== null; m = opener.exec(text)) {
    const close = opener.lastIndex; // the first '}' after the opener, or the end of the text
    const atEnd = close === text.length;
    if (atEnd ? !openAtEnd : text.charCodeAt(close + 1) !== 0x7d) continue;
    const end = atEnd ? close : close + 2;
    out.push({ start: m.index, end, groups: m });
    opener.lastIndex = end;
  }
  return out;
}

/** `text` with each of `spans` replaced by one space. */
function blankOut(text: string, spans: readonly ReferenceMatch[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const s of spans) {
    out += `${text.slice(from, s.start)} `;
    from = s.end;
  }
  return out + text.slice(from);
}

/** `text` with every dynamic reference (`{{resolve:…}}`, of any service) replaced by one space. */
export function withoutDynamicReferences(text: string): string {
  return text.includes('{{resolve:') ? blankOut(text, references(ANY_REFERENCE, text, false)) : text;
}

/**
 * An SSM parameter path named for secret material (`TWILIO_AUTH_TOKEN`, `/app/db-password`): the noun, or undefined.
 * A bare "secret" does not count: in Parameter Store it usually holds a Secrets Manager secret's name.
 */
function ssmPathMaterial(path: string): SecretName | undefined {
  const named = secretName(path);
  return named !== undefined && !/^secrets?$/.test(named.noun) ? named : undefined;
}

/** The start of a plain `{{resolve:ssm:…}}` reference (group 1 the parameter, with any `:version`). */
const PLAINTEXT_SSM_REFERENCE = /\{\{resolve:ssm:([^}]*)/g;

/**
 * Plain `{{resolve:ssm:NAME}}` references (in text with U+0000 for computed pieces) whose parameter is named for
 * secret material: such a reference reads a String parameter, so the secret is kept in plaintext and copied in.
 */
function plaintextSsmMaterial(text: string, t: Trace): void {
  if (!text.includes('{{resolve:ssm:')) return;
  for (const r of references(PLAINTEXT_SSM_REFERENCE, text, false)) {
    const name = r.groups[1].replace(/:\d+$/, '');
    const named = ssmPathMaterial(name);
    if (named) t.secrets.push(`the content of SSM String parameter ${name.replace(/\u0000/g, '…')} ({{resolve:ssm:…}}), named like ${withArticle(named.noun)}`);
  }
}

function literal(text: string, ctx: RuleContext, o: TraceOptions, t: Trace): void {
  const refs = references(SECURE_REFERENCE, text, true);
  if (o.dynamicReferences !== false) {
    for (const r of refs) if (resolvesSecret(r.groups[1], r.groups[2])) t.secrets.push(describeDynamicReference(r.groups[1], r.groups[2]));
    plaintextSsmMaterial(text, t);
  }
  const rest = blankOut(text, refs);
  if (literalMaterial(rest, ctx, t) || o.key === undefined || rest !== text) return;
  const secret = keyedLiteralSecret(text, o.key);
  if (secret !== undefined) t.secrets.push(secret);
}

/**
 * Whether a literal that is not token-shaped is secret material under the name it is stored as: the value decides,
 * the name gives the context. Under a name that says secret, a generated-looking value is one; under a name that
 * says password, any written-out password is one (`Test1234!`), but not an instruction (`set via the console`), a
 * placeholder (`<password>`, `CHANGE_ME`) or an empty value. Returns the description, or undefined.
 */
export function keyedLiteralSecret(text: string, key: string): string | undefined {
  const trimmed = text.trim();
  if (isKmsCiphertext(trimmed)) return undefined;
  const named = secretName(key);
  if (!named) {
    // `ACCESS_TOKEN_KEY`: where a secret is kept, or the secret itself; a generated-looking value says which.
    const keyed = keyedSecretName(key);
    return keyed && looksGenerated(trimmed) ? `a literal that looks like a generated ${keyed.noun} (${fingerprint(trimmed)})` : undefined;
  }
  if (looksGenerated(trimmed)) return `a literal that looks like a generated ${named.noun} (${fingerprint(trimmed)})`;
  if (PASSWORD_NOUNS.has(named.noun) && isLiteralPassword(trimmed)) return `a literal password (${fingerprint(trimmed)})`;
  return undefined;
}

/**
 * A KMS ciphertext blob in base64 (what Lambda's encryption helpers and `aws kms encrypt` give: version 1, then the
 * key's reference, so `AQICAH…` or `AQECAH…`): only a principal allowed kms:Decrypt on the key can read it.
 */
function isKmsCiphertext(text: string): boolean {
  return /^AQ[EI]CAH[A-Za-z0-9+/]{60,}={0,2}$/.test(text);
}

/**
 * Secret material written in literal text, added to the trace: token material, or else a password in a URL's
 * userinfo (described, never shown). Whether there was any.
 */
function literalMaterial(text: string, ctx: RuleContext, t: Trace): boolean {
  const tokens = findTokens(text, { awsAccessKeyIdNearby: () => templateHasAwsKeyId(ctx) });
  for (const tok of tokens) t.secrets.push(`a literal ${tok.format.replace(/^an? /, '')} (${tok.fingerprint()})`);
  const url = tokens.length > 0 ? undefined : urlPassword(text);
  if (url !== undefined) t.secrets.push(url);
  return tokens.length > 0 || url !== undefined;
}

/**
 * A password written in a URL's userinfo (`mongodb+srv://app:S3cr3tPw@cluster0.example.net/db`, as Serverless
 * Framework writes a decrypted `${ssm:…~true}`), whatever the key it sits under: described without the password or
 * the user name, or undefined. A URL without a password (`https://user@host`) is a reference, and a placeholder
 * password (`<password>`, `${DB_PASSWORD}`, `{{resolve:…}}`, `****`, `changeme`) is none. Linear: only text with `@`
 * is read, and each `://` starts one bounded match.
 */
export function urlPassword(text: string): string | undefined {
  if (!text.includes('@')) return undefined;
  for (let i = text.indexOf('://'); i !== -1; i = text.indexOf('://', i + 3)) {
    USERINFO.lastIndex = i;
    const password = USERINFO.exec(text)?.[1];
    if (password !== undefined && isLiteralPassword(password)) return `a password in a URL's userinfo (${fingerprint(password)})`;
  }
  return undefined;
}

/** At `://` after a scheme's last character: a user name, `:`, the password (group 1), `@` (RFC 3986 userinfo). */
const USERINFO = /(?<=[A-Za-z0-9+.-]):\/\/[^\s/?#@:]{0,256}:([^\s/?#@]{1,256})@/y;

/** A password written out: short words count, references and placeholders do not. */
function isLiteralPassword(text: string): boolean {
  return text.length >= 6 && !/\s/.test(text) && !looksLikePlaceholder(text) && !looksLikeReference(text) && !/^(password|secret)$/i.test(text);
}

/**
 * Whether a secure dynamic reference resolves to secret material: every SecureString does, and a Secrets Manager
 * reference does unless it selects a JSON key that names an identifier of the credential rather than the credential
 * (`{{resolve:secretsmanager:db:SecretString:username}}`, `…:host}}`: the fields of the RDS and DocumentDB secret
 * structure and of an OAuth client's id, also after a vendor's prefix: `…:DT_TENANT}}`) or a reference to something
 * (`…:secretArn}}`, `…:queue_name}}`).
 */
function resolvesSecret(service: string, reference: string): boolean {
  if (service !== 'secretsmanager') return true;
  const key = /:SecretString:([^:]*)/.exec(reference)?.[1];
  const secret = reference.replace(/:SecretString.*$/, '').split(/[:/]/).pop() ?? '';
  // A whole secret (the last piece of its name or ARN), or a field, named as the public half of a key pair
  // (`/deploy/dev/ipv_public_encryption_key`) is public.
  if (namesAPublicKey(key ?? secret)) return false;
  // A whole secret named for an OAuth client's id or redirect URI (`sf_client_id`, `sf_callback_uri`) holds that
  // identifier, public by design; not so other identifier words (a secret named `prod/app/database` holds a credential).
  if (key === undefined) return !/(^|_)(client_id|(callback|redirect)_ur[il])$/.test(words(secret).join('_'));
  return !(namesAnIdentifier(key) || namesAReference(key));
}

/** Whether a name ends in words that name an identifier ({@link IDENTIFIER_KEY}): `DT_TENANT`, `GOOGLE_CLIENT_ID`, `DbHost`. */
function namesAnIdentifier(name: string): boolean {
  const w = words(name);
  return w.some((_, i) => IDENTIFIER_KEY.test(w.slice(i).join('_')));
}

/**
 * A JSON key that names an identifier of a credential (user name, host, client id, key id, tenant), not the credential:
 * the fields of AWS's secret structures (RDS, DocumentDB, Redshift: `masterarn`, `ssl`) and of OAuth client secrets.
 * A URL named for what it addresses (a base, API, site or endpoint URL) is an identifier too; a URL named for a data
 * store (`DATABASE_URL`, `REDIS_URL`) or bare (`Url`) is not, as it may carry a password in its userinfo.
 */
export const IDENTIFIER_KEY =
  /^(user(_?name)?|login|e_?mail|host(_?name)?|port|endpoint|ssl|engine|db_?name|database|db(Cluster|Instance)Identifier|master_?arn|client_?id|app_?client_?id|(user|identity)_?pool_?id|issuer(_?url)?|(base|api|site|endpoint)_?url|audience|scopes?|tenant(_?id)?|account(_?id)?|k(ey_?)?id|access_?key_?id|region)$/i;

function describeDynamicReference(service: string, reference: string): string {
  const kind = service === 'secretsmanager' ? 'a Secrets Manager dynamic reference' : 'an SSM SecureString dynamic reference';
  const shown = reference.length > 100 ? `${reference.slice(0, 100)}…` : reference;
  return `{{resolve:${service}:${shown}}} (${kind}, resolved at deploy time)`;
}

function composite(c: Composite, ctx: RuleContext, o: TraceOptions, t: Trace): void {
  const refs = compositeDynamicReferences(c);
  if (o.dynamicReferences !== false) {
    for (const r of refs) if (r.secret) t.secrets.push(r.description);
    plaintextSsmMaterial(c.parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join(''), t);
  }
  let offset = 0;
  let next = 0; // the first reference that does not end before this part (references are in order)
  for (const p of c.parts) {
    const len = typeof p === 'string' ? p.length : 1;
    while (next < refs.length && refs[next].end <= offset) next++;
    const inSpan = next < refs.length && refs[next].start < offset + len;
    if (p instanceof Opaque) {
      if (!inSpan) opaque(p.source, ctx, o, t);
    } else if (!inSpan) {
      literalMaterial(p, ctx, t); // `postgres://app:pw@${Db.Endpoint.Address}`
    }
    offset += len;
  }
}

interface DynamicReference {
  readonly description: string;
  /** Whether it resolves to secret material (see resolvesSecret); its span is a reference either way. */
  readonly secret: boolean;
  /** Offsets in the composite rendered with one character per opaque piece. */
  readonly start: number;
  readonly end: number;
}

/** Secrets Manager and SecureString dynamic references in a string built by `Fn::Sub` / `Fn::Join`. */
function compositeDynamicReferences(c: Composite): DynamicReference[] {
  const MARK = '\u0000';
  let text = '';
  const opaques: Opaque[] = [];
  for (const p of c.parts) {
    if (typeof p === 'string') text += p;
    else {
      opaques.push(p);
      text += MARK;
    }
  }
  const out: DynamicReference[] = [];
  let marks = 0; // opaque pieces before the reference
  let nextMark = text.indexOf(MARK);
  for (const r of references(SECURE_REFERENCE, text, true)) {
    for (; nextMark !== -1 && nextMark < r.start; nextMark = text.indexOf(MARK, nextMark + 1)) marks++;
    let k = marks;
    const shown = r.groups[2].replace(/\u0000/g, () => `<${describeSource(opaques[k++].source)}>`);
    // A parameter there is judged as its Default when it allows nothing else (`:SecretString:${ClientIdField}`, whose
    // Default is client_id, selects the client id).
    let d = marks;
    const judged = r.groups[2].replace(/\u0000/g, () => {
      const s = opaques[d++].source;
      return s.kind === 'parameter' && typeof s.default === 'string' && s.allowedValues === undefined ? s.default : MARK;
    });
    out.push({ description: describeDynamicReference(r.groups[1], shown), secret: resolvesSecret(r.groups[1], judged), start: r.start, end: r.end });
  }
  return out;
}

/**
 * Descriptions of the Secrets Manager and SSM SecureString dynamic references in an evaluated value (a literal
 * `{{resolve:secretsmanager:…}}`, or one assembled with `Fn::Join` as CDK does): those that resolve to secret material,
 * or, with `secretOnly` false, all of them (a credential property given by any such reference is given the safe way).
 */
export function dynamicReferencesIn(v: Maybe<Value>, secretOnly = true): string[] {
  if (typeof v === 'string') {
    return references(SECURE_REFERENCE, v, true)
      .filter((r) => !secretOnly || resolvesSecret(r.groups[1], r.groups[2]))
      .map((r) => describeDynamicReference(r.groups[1], r.groups[2]));
  }
  if (v instanceof Composite) return compositeDynamicReferences(v).filter((r) => !secretOnly || r.secret).map((r) => r.description);
  if (Array.isArray(v)) return v.flatMap((x) => dynamicReferencesIn(x, secretOnly));
  return [];
}

function opaque(s: Source, ctx: RuleContext, o: TraceOptions, t: Trace): void {
  switch (s.kind) {
    case 'parameter': {
      const secrecy = parameterSecrecy(ctx, s.name);
      if (!secrecy) return;
      // A key that names a reference (`SECRET_NAME`, `DB_SECRET_ARN`) says the value is one; the parameter says secret
      // (templates that take "your key, or the name of your own secret" in one parameter): cannot tell which.
      if (o.key !== undefined && namesAReference(o.key)) t.unknowns.push(`${describeParameter(secrecy)}, while the key ${o.key} names a reference`);
      else t.secrets.push(describeParameter(secrecy));
      return;
    }
    case 'attribute':
    case 'resource': {
      // A nested stack's output is another template's value, like an export: judged there (TokenGuard-SEC7) and
      // told here only by its name or the key it lands under.
      if (s.kind === 'attribute' && NESTED_STACK.has(s.resourceType ?? '') && s.attribute.startsWith('Outputs.')) {
        if (namedLikeSecret(s.attribute.slice('Outputs.'.length), o)) t.unknowns.push(`${describeSource(s)} (an output of a nested stack, defined in another template)`);
        return;
      }
      const secrecy = resourceValueSecrecy(s, ctx);
      if (secrecy !== undefined && 'secret' in secrecy) t.secrets.push(secrecy.secret);
      else if (secrecy !== undefined) t.unknowns.push(secrecy.unknown);
      return;
    }
    case 'import':
      if (namedLikeSecret(s.exportName, o)) t.unknowns.push(describeSource(s));
      return;
    case 'unknown-function':
    case 'unresolved':
      t.unknowns.push(describeSource(s));
      return;
    default:
      return;
  }
}

/**
 * Whether a value defined elsewhere (an export, a nested stack's output) is named like a secret, or lands under such a
 * key; a key that names a reference (`TOP_SECRET_ARN`) holds one, whatever the value is called.
 */
function namedLikeSecret(name: string | undefined, o: TraceOptions): boolean {
  if (o.key !== undefined && namesAReference(o.key)) return false;
  return Boolean((name !== undefined && secretName(name)) || (o.key !== undefined && (secretName(o.key) || keyedSecretName(o.key))));
}

/** Whether an AWS access key id occurs anywhere in the template, key or value (pairs 40-character candidates with it). */
export function templateHasAwsKeyId(ctx: RuleContext): boolean {
  return ctx.evaluator.once(hasAwsKeyId, ctx.template);
}

function hasAwsKeyId(t: TemplateModel): boolean {
  return someString(t.raw, containsAwsAccessKeyId);
}
