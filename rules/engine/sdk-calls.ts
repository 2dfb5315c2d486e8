/**
 * The AWS SDK calls of CDK's `AwsCustomResource` (and of templates written the same way): a custom resource whose
 * `Create`, `Update` or `Delete` property is the JSON of a call, `{"service": "CognitoIdentityServiceProvider",
 * "action": "describeUserPoolClient", "parameters": {…}, "logApiResponseData": false, …}`, usually assembled by
 * `Fn::Join` around the tokens of the parameters. `getResponseField('UserPoolClient.ClientSecret')` is
 * `Fn::GetAtt [Resource, 'UserPoolClient.ClientSecret']`.
 *
 * What the provider's handler does with a call (aws-cdk-lib custom-resource-handlers, aws-custom-resource-handler):
 * it logs the whole request event, parameters included, every time; it logs the API response unless the call says
 * `"logApiResponseData": false` (absent means true); the physical id is `physicalResourceId.id` or the response field
 * `physicalResourceId.responsePath`.
 */
import type { Evaluator } from './evaluate';
import type { ResourceEntry } from './template';
import { Assumption, cfnBoolean, Composite, isPlainObject, Opaque, Value } from './values';

/** The call properties of an AwsCustomResource, in the order the provider runs them. */
export const CALL_PROPERTIES = ['Create', 'Update', 'Delete'] as const;
export type CallProperty = (typeof CALL_PROPERTIES)[number];

export interface SdkCall {
  /** The property the call is in. */
  readonly property: CallProperty;
  /** As written: `CognitoIdentityServiceProvider`, `@aws-sdk/client-ssm`. */
  readonly service: string;
  /** As written: `describeUserPoolClient`, `GetParameterCommand`. */
  readonly action: string;
  /** The call's parameters, evaluated: literals, with {@link Opaque}s and {@link Composite}s for the tokens. */
  readonly parameters: { readonly [key: string]: Value };
  /** `logApiResponseData` when the call sets it to a boolean; undefined when absent (the handler then logs). */
  readonly logApiResponseData?: boolean;
  /** `physicalResourceId.responsePath`: the response field the resource's Ref stands for. */
  readonly physicalIdField?: string;
  readonly when: readonly Assumption[];
}

/**
 * The SDK calls of a custom resource, one per call property and `Fn::If` alternative; empty when the resource is
 * not one (its call properties are not the JSON of a call).
 */
export function sdkCalls(r: ResourceEntry, ev: Evaluator): SdkCall[] {
  return ev.once(readCalls, r);
}

function readCalls(r: ResourceEntry, ev: Evaluator): SdkCall[] {
  const out: SdkCall[] = [];
  const props = r.properties;
  if (isCustomResourceType(r.type) && isPlainObject(props)) {
    for (const property of CALL_PROPERTIES) {
      if (props[property] === undefined) continue;
      for (const alt of ev.value(props[property], r.when)) {
        const call = parseCall(alt.value);
        if (call !== undefined) out.push({ ...call, property, when: alt.when });
      }
    }
  }
  return out;
}

export function isCustomResourceType(type: string | undefined): boolean {
  return type !== undefined && (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource');
}

/** `cognitoidentityprovider`, `ssm`: the service as SDK v2 and v3 name it, lower case, one spelling. */
export function serviceKey(service: string): string {
  const k = service.toLowerCase().replace(/^@aws-sdk\/client-/, '').replace(/[^a-z0-9]/g, '');
  return SERVICE_ALIASES[k] ?? k;
}

/** `describeuserpoolclient`: the action in lower case, without SDK v3's `Command` suffix. */
export function actionKey(action: string): string {
  return action.toLowerCase().replace(/command$/, '');
}

const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  cognitoidentityserviceprovider: 'cognitoidentityprovider',
  secretsmanagerclient: 'secretsmanager',
};

/**
 * A call's JSON, parsed. Tokens inside its strings become the evaluated pieces they stand for. Undefined for
 * anything that is not the JSON of a call with a service and an action.
 */
function parseCall(v: unknown): Omit<SdkCall, 'property' | 'when'> | undefined {
  const pieces = v instanceof Composite ? v.parts : typeof v === 'string' ? [v] : undefined;
  if (pieces === undefined) return undefined;
  const holes: Opaque[] = [];
  let text = '';
  for (const p of pieces) {
    if (typeof p === 'string' && p.includes(HOLE)) return undefined; // cannot be told from a token's mark
    if (typeof p === 'string') text += p;
    else text += `${HOLE}${holes.push(p) - 1}${HOLE}`;
  }
  if (!text.trimStart().startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed) || typeof parsed.service !== 'string' || typeof parsed.action !== 'string') return undefined;
  const parameters = fill(parsed.parameters ?? {}, holes);
  const physical = isPlainObject(parsed.physicalResourceId) ? parsed.physicalResourceId : {};
  return {
    service: parsed.service,
    action: parsed.action,
    parameters: isPlainObject(parameters) ? (parameters as { [key: string]: Value }) : {},
    ...(typeof parsed.logApiResponseData === 'boolean' ? { logApiResponseData: parsed.logApiResponseData } : {}),
    ...(typeof physical.responsePath === 'string' ? { physicalIdField: physical.responsePath } : {}),
  };
}

/** Marks a token's place in the JSON text: a private-use character (a call whose text holds one is not read). */
const HOLE = '\ue000';
const HOLE_PATTERN = /\ue000(\d+)\ue000/g;

/** The parsed JSON with each marked string put back as the token (or a string built with tokens). */
function fill(v: unknown, holes: readonly Opaque[]): Value {
  if (typeof v === 'string') {
    if (!v.includes(HOLE)) return v;
    const parts: (string | Opaque)[] = [];
    let last = 0;
    for (const m of v.matchAll(HOLE_PATTERN)) {
      if (m.index > last) parts.push(v.slice(last, m.index));
      parts.push(holes[Number(m[1])]);
      last = m.index + m[0].length;
    }
    if (last < v.length) parts.push(v.slice(last));
    return parts.length === 1 && parts[0] instanceof Opaque ? parts[0] : new Composite(parts);
  }
  if (Array.isArray(v)) return v.map((x) => fill(x, holes));
  if (isPlainObject(v)) {
    const out: { [key: string]: Value } = {};
    for (const [k, x] of Object.entries(v)) out[k] = fill(x, holes);
    return out;
  }
  return v as Value;
}

/**
 * What a call's response holds that is secret: response fields (as `getResponseField` names them, dotted) that are
 * secret material, and whether that depends on a parameter the template does not fix (`WithDecryption` given by a
 * token). Undefined when nothing in the response is secret.
 */
export interface SecretResponse {
  readonly fields: readonly string[];
  /** `returns the client secret`, for messages. */
  readonly what: string;
  /** Set when whether the fields are secret depends on a parameter that is not known statically. */
  readonly unknownBecause?: string;
}

type ResponseRule = (parameters: { readonly [key: string]: Value }, ev: Evaluator) => SecretResponse | undefined;

const always = (fields: string[], what: string): ResponseRule => () => ({ fields, what });

const CLIENT_SECRET = ['UserPoolClient.ClientSecret'];

/**
 * describeUserPoolClient and updateUserPoolClient return the client secret only when the client has one: known when
 * ClientId is a client of the template (its GenerateSecret), not known otherwise.
 */
const clientWithSecret: ResponseRule = (parameters, ev) => {
  const id = parameters.ClientId;
  const client = id instanceof Opaque && id.source.kind === 'resource' ? ev.template.resource(id.source.logicalId) : undefined;
  if (client === undefined || client.type !== 'AWS::Cognito::UserPoolClient') {
    return { fields: CLIENT_SECRET, what: 'returns the app client secret', unknownBecause: 'whether the client it names has a secret is not known from this template' };
  }
  const generate = ev.scalars(client.properties, ['GenerateSecret'], client.when);
  if (generate.every((c) => cfnBoolean(c.value) !== true)) {
    return generate.every((c) => typeof c.value !== 'object' || c.value === null) ? undefined : { fields: CLIENT_SECRET, what: 'returns the app client secret', unknownBecause: `GenerateSecret of ${client.logicalId} is not known statically` };
  }
  return { fields: CLIENT_SECRET, what: 'returns the app client secret' };
};

/** Secret only when a flag parameter (`WithDecryption`, `includeValue`) is true; unknown when it is a token. */
const when =
  (flag: string, fields: string[], what: string): ResponseRule =>
  (parameters) => {
    const v = parameters[flag];
    if (v === true || v === 'true') return { fields, what };
    if (v instanceof Opaque || v instanceof Composite) return { fields, what, unknownBecause: `its ${flag} parameter is not known statically` };
    return undefined;
  };

const TOKENS = ['AuthenticationResult.AccessToken', 'AuthenticationResult.RefreshToken', 'AuthenticationResult.IdToken'];
const CREDENTIALS = ['Credentials.SecretAccessKey', 'Credentials.SessionToken'];

/**
 * Calls whose response carries secret material, by service and action (see {@link serviceKey}, {@link actionKey}),
 * from the AWS SDK v3 output shapes of those operations.
 */
const SECRET_RESPONSES: Readonly<Record<string, Readonly<Record<string, ResponseRule>>>> = {
  cognitoidentityprovider: {
    describeuserpoolclient: clientWithSecret,
    createuserpoolclient: when('GenerateSecret', CLIENT_SECRET, 'returns the app client secret'),
    updateuserpoolclient: clientWithSecret,
    adduserpoolclientsecret: always(['ClientSecretDescriptor.ClientSecretValue'], 'returns the new client secret'),
    initiateauth: always(TOKENS, 'returns tokens'),
    admininitiateauth: always(TOKENS, 'returns tokens'),
    respondtoauthchallenge: always(TOKENS, 'returns tokens'),
    adminrespondtoauthchallenge: always(TOKENS, 'returns tokens'),
    gettokensfromrefreshtoken: always(TOKENS, 'returns tokens'),
    getclienttoken: always(['AccessToken'], 'returns an access token'),
  },
  secretsmanager: {
    getsecretvalue: always(['SecretString', 'SecretBinary'], 'returns the secret value'),
    batchgetsecretvalue: always(['SecretValues'], 'returns secret values'),
  },
  ssm: {
    getparameter: when('WithDecryption', ['Parameter.Value'], 'returns the decrypted SecureString value'),
    getparameters: when('WithDecryption', ['Parameters'], 'returns decrypted SecureString values'),
    getparametersbypath: when('WithDecryption', ['Parameters'], 'returns decrypted SecureString values'),
  },
  apigateway: {
    getapikey: when('includeValue', ['value'], 'returns the API key value'),
    getapikeys: when('includeValues', ['items'], 'returns API key values'),
    createapikey: always(['value'], 'returns the API key value'),
  },
  appsync: {
    createapikey: always(['apiKey.id'], 'returns the API key (its id is the key)'),
    listapikeys: always(['apiKeys'], 'returns the API keys'),
  },
  iam: { createaccesskey: always(['AccessKey.SecretAccessKey'], 'returns the secret access key') },
  sts: {
    assumerole: always(CREDENTIALS, 'returns temporary credentials'),
    assumerolewithwebidentity: always(CREDENTIALS, 'returns temporary credentials'),
    getsessiontoken: always(CREDENTIALS, 'returns temporary credentials'),
    getfederationtoken: always(CREDENTIALS, 'returns temporary credentials'),
  },
  ecr: { getauthorizationtoken: always(['authorizationData'], 'returns a registry token') },
  codeartifact: { getauthorizationtoken: always(['authorizationToken'], 'returns a repository token') },
  kms: {
    generatedatakey: always(['Plaintext'], 'returns a plaintext data key'),
    decrypt: always(['Plaintext'], 'returns decrypted data'),
  },
};

/** What is secret in a call's response, or undefined. */
export function secretResponse(call: Pick<SdkCall, 'service' | 'action' | 'parameters'>, ev: Evaluator): SecretResponse | undefined {
  return SECRET_RESPONSES[serviceKey(call.service)]?.[actionKey(call.action)]?.(call.parameters, ev);
}

/** Whether a response field (`UserPoolClient.ClientSecret`, `Parameters.0.Value`) is, or lies within, a secret field. */
export function isSecretField(field: string, secret: SecretResponse): boolean {
  return secret.fields.some((f) => field === f || field.startsWith(`${f}.`));
}
