/**
 * Which rule owns which place in a template.
 *
 * One problem gives one finding. The placement rules each own a kind of place (function environment variables,
 * container environments, CodeBuild variables, Batch environments, SSM String parameter values, parameter defaults,
 * outputs, credential properties) and report every kind of secret material found there. The "anywhere" rules
 * (dynamic references in plaintext, secret attributes, token-shaped literals) skip owned places, and nobody reports the
 * secret string of a Secrets Manager secret, which is where secrets belong (TokenGuard-SMG4 judges how it is filled).
 */
import type { PathSegment } from '../engine/evaluate';
import { intrinsicName } from '../engine/evaluate';
import type { Section } from '../engine/types';
import { Assumption, isPlainObject } from '../engine/values';
import { isCustomResourceType } from '../engine/sdk-calls';
import { secretName, words } from './names';
import { defineWalker } from './walk';

/** Rule ids of this folder, in one place so that ownership and the rules agree. */
export const SEC = {
  functionEnvironment: 'TokenGuard-SEC1',
  taskDefinitionEnvironment: 'TokenGuard-SEC2',
  codeBuildEnvironment: 'TokenGuard-SEC3',
  batchJobEnvironment: 'TokenGuard-SEC4',
  ssmParameter: 'TokenGuard-SEC5',
  parameter: 'TokenGuard-SEC6',
  output: 'TokenGuard-SEC7',
  dynamicReference: 'TokenGuard-SEC8',
  secretAttribute: 'TokenGuard-SEC9',
  tokenLiteral: 'TokenGuard-SEC10',
  inlineCredential: 'TokenGuard-SEC11',
  customResourceLog: 'TokenGuard-SEC12',
  metadata: 'TokenGuard-SEC13',
} as const;

export const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
export const SAM_FUNCTION = 'AWS::Serverless::Function';
export const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';
export const CODEBUILD_PROJECT = 'AWS::CodeBuild::Project';
export const BATCH_JOB_DEFINITION = 'AWS::Batch::JobDefinition';
export const SSM_PARAMETER = 'AWS::SSM::Parameter';

/**
 * Whether a parameter type reads an SSM parameter (`AWS::SSM::Parameter::Value<String>`): its Default is that
 * parameter's name, and its value the parameter's plaintext content (these types cannot read a SecureString).
 */
export function isSsmTyped(type: string | undefined): boolean {
  return type !== undefined && type.startsWith('AWS::SSM::Parameter::Value<');
}
export const SECRETS_MANAGER_SECRET = 'AWS::SecretsManager::Secret';

/**
 * The secret store itself: not a leak wherever the value comes from (SMG4 judges literals and NoEcho parameters
 * there; SEC6 reports visible or defaulted ones on the parameter).
 */
export const SECRET_STORE = 'secret-store';

export interface Place {
  readonly section: Section;
  readonly resourceType?: string;
  readonly path: readonly PathSegment[];
  readonly node?: unknown;
  /** The intrinsic function `node` is, when the caller knows (a walk does); otherwise looked up. */
  readonly intrinsic?: string;
}

/**
 * The rule that owns a place, or {@link SECRET_STORE}, or undefined for places only the "anywhere" rules look at.
 *
 * Ownership passes down: a place below an owned one is owned too (every key on its path is tested as a credential
 * property).
 */
export function ownerOf(p: Place): string | undefined {
  const path = p.path;
  if (p.section === 'Outputs') return path[2] === 'Value' ? SEC.output : undefined;
  if (p.section === 'Parameters') return path[2] === 'Default' || path[2] === 'AllowedValues' ? SEC.parameter : undefined;
  if (p.section === 'Globals') return path[1] === 'Function' && path[2] === 'Environment' ? SEC.functionEnvironment : undefined;
  if (p.section === 'Resources' && path[0] === 'Metadata') return SEC.metadata;
  if (p.section !== 'Resources' || path[0] !== 'Properties') return undefined;
  switch (p.resourceType) {
    case LAMBDA_FUNCTION:
    case SAM_FUNCTION:
      if (path[1] === 'Environment') return SEC.functionEnvironment;
      break;
    case TASK_DEFINITION:
      if (path[1] === 'ContainerDefinitions' && path[3] === 'Environment') return SEC.taskDefinitionEnvironment;
      break;
    case CODEBUILD_PROJECT:
      if (path[1] === 'Environment' && path[2] === 'EnvironmentVariables') return SEC.codeBuildEnvironment;
      break;
    case BATCH_JOB_DEFINITION:
      if (path.some((s) => s === 'Environment' || s === 'Env')) return SEC.batchJobEnvironment;
      break;
    case SSM_PARAMETER:
      if (path[1] === 'Value') return SEC.ssmParameter;
      break;
    case SECRETS_MANAGER_SECRET:
      if (path[1] === 'SecretString' || path[1] === 'GenerateSecretString') return SECRET_STORE;
      break;
  }
  for (let end = path.length; end >= 2; end--) {
    if (credentialKey(p.resourceType, path, end) !== undefined) return SEC.inlineCredential;
  }
  return undefined;
}

const normalised = new Map<string, string>();

/**
 * Property names that hold a credential in AWS resource types (from the aws-cdk-lib 2.276 L1 property list): OAuth
 * client secrets and tokens, passwords, API keys, private keys (`TokenKey`: a Pinpoint APNs channel's .p8 signing key).
 * Compared case-insensitively without separators.
 */
const CREDENTIAL_PROPERTY_NAMES = [
    'RefreshToken', 'ClientSecret', 'client_secret', 'AccessToken', 'OauthToken', 'AuthToken', 'SecretToken', 'HecToken',
    'JwtToken', 'BearerToken', 'SessionToken', 'ApiToken', 'RepositoryAccessToken', 'AzureBlobSasToken', 'Token',
    'ApiKey', 'ApiKeyValue', 'AuthorizationApiKeyValue', 'ApiSecretKey', 'SecretKey', 'SecretAccessKey', 'AppSecret',
    'Password', 'Passwords', 'MasterUserPassword', 'AdminPassword', 'AdminUserPassword', 'AccountPassword',
    'AdDomainJoinPassword', 'AuthPassword', 'AsmPassword', 'DbPassword', 'FsxAdminPassword', 'KdcAdminPassword',
    'CrossRealmTrustPrincipalPassword', 'SaslPassword', 'ServiceAccountPassword', 'SmtpPassword', 'SslClientKeyPassword',
    'SvmAdminPassword', 'TdeCredentialPassword', 'Passphrase', 'EncryptionPassphrase', 'KeyPassphrase',
    'PrivateKeyPassphrase', 'PrivateKey', 'AuthorizationPrivateKey', 'CustomPrivateKey', 'PreSharedKey', 'AuthKey',
    'EncryptionSecret', 'WalletSecret', 'ProcurementPortalSharedSecret', 'TokenKey',
  ];
const CREDENTIAL_PROPERTIES = new Set(CREDENTIAL_PROPERTY_NAMES.map(normalise));

/**
 * Resources that connect to an endpoint someone else runs, so every credential they hold is that endpoint's: an
 * EventBridge connection or AppFlow connector profile (an API), a DMS endpoint or Glue connection (a database), a
 * DataSync SMB location (a file share).
 */
const CONNECTION_TYPES = new Set([
  'AWS::Events::Connection', 'AWS::AppFlow::ConnectorProfile', 'AWS::DMS::Endpoint', 'AWS::Glue::Connection', 'AWS::DataSync::LocationSMB',
]);

/**
 * Whether a credential property holds a credential issued by the party that checks it: an OAuth client secret or
 * token, or any credential of a {@link CONNECTION_TYPES} resource (the other endpoint's password or key). A stand-in
 * word (`secret`, `dummy_value`, `<PASSWORD_UPDATE_ME>`, `change_me`) written there cannot become a working
 * credential, unlike a password or a key the stack sets on a resource of its own.
 */
export function issuedElsewhere(key: string, resourceType: string | undefined): boolean {
  if (resourceType !== undefined && CONNECTION_TYPES.has(resourceType)) return true;
  const n = normalise(key);
  return n.endsWith('token') || n === 'clientsecret' || n === 'appsecret' || n === 'apikeyvalue';
}

/** Objects whose keys name tokens without holding them (`TokenValidityUnits: { AccessToken: minutes }`). */
const NOT_CREDENTIAL_PARENTS = new Set(['TokenValidityUnits']);

/** Identifier-like keys inside an AppFlow connector profile's credentials (everything else there is a credential). */
const APPFLOW_NOT_CREDENTIAL = new Set([
  'id', 'arn', 'url', 'uri', 'name', 'username', 'user', 'region', 'endpoint', 'type', 'email', 'domain', 'scope',
  'scopes', 'version', 'mode', 'account', 'tenant', 'host', 'port', 'database', 'warehouse', 'role',
]);

/**
 * The property name when `p` is a credential property: a name from {@link CREDENTIAL_PROPERTIES} on any AWS resource,
 * any secret-like name on a custom resource (whose properties have no schema), every credential leaf of an AppFlow
 * connector profile, and the `Value` of an API Gateway API key. Only the value node counts, not the objects around it.
 */
export function credentialProperty(p: Place): string | undefined {
  if (p.section !== 'Resources') return undefined;
  // The key first: it rules out almost every node with one lookup.
  const key = credentialKey(p.resourceType, p.path);
  if (key === undefined) return undefined;
  if (isPlainObject(p.node) && ('intrinsic' in p ? p.intrinsic : intrinsicName(p.node)) === undefined) return undefined;
  if (p.resourceType === 'AWS::AppFlow::ConnectorProfile' && Array.isArray(p.node)) return undefined;
  return key;
}

/**
 * The credential property name that `path` (its first `end` segments) ends with, whatever its value. Called for
 * every node of every resource by the walks, so it works on the prefix in place rather than on a copy.
 */
function credentialKey(resourceType: string | undefined, path: readonly PathSegment[], end = path.length): string | undefined {
  if (path[0] !== 'Properties' || end < 2) return undefined;
  const key = path[end - 1];
  if (typeof key !== 'string' || resourceType === SECRETS_MANAGER_SECRET) return undefined;
  // Most keys name nothing secret: decide that with one lookup before looking at the rest of the path.
  const named = CREDENTIAL_PROPERTIES.has(normalise(key));
  const apiKeyValue = resourceType === 'AWS::ApiGateway::ApiKey' && end === 2 && key === 'Value';
  const custom = isSchemaless(resourceType, path, end);
  const appFlow = resourceType === 'AWS::AppFlow::ConnectorProfile';
  // A key ending in `.$` (Step Functions, `"token.$": "$$.Task.Token"`) holds a path evaluated at run time, not a value.
  if ((!named && !apiKeyValue && !custom && !appFlow) || key.endsWith('.$')) return undefined;
  let appFlowCredentials = false;
  for (let i = 1; i < end; i++) {
    const s = path[i];
    if (typeof s !== 'string') continue;
    if (NOT_CREDENTIAL_PARENTS.has(s)) return undefined;
    if (s === 'ConnectorProfileCredentials') appFlowCredentials = true;
  }
  if (apiKeyValue || named) return key;
  if (custom && secretName(key)) return key;
  if (appFlow && appFlowCredentials && key !== 'ConnectorProfileCredentials') {
    const last = words(key).pop() ?? '';
    if (!APPFLOW_NOT_CREDENTIAL.has(last)) return key;
  }
  return undefined;
}

/**
 * Whether a parameter of an AWS SDK call (whose names have no schema here) names a credential: a credential property
 * name, or any name that says secret (`TemporaryPassword`, `ClientSecret`, `SecretString`).
 */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_PROPERTIES.has(normalise(name)) || secretName(name) !== undefined;
}

/** A credential property given in a resource (a place TokenGuard-SEC11 owns), or the SecretString of a secret. */
export interface CredentialPlace {
  readonly logicalId: string;
  readonly path: readonly PathSegment[];
  /** The raw value (intrinsics unevaluated). */
  readonly node: unknown;
  readonly when: readonly Assumption[];
  /** The whole `SecretString` of a Secrets Manager secret (where secrets belong), not a credential property. */
  readonly secretString: boolean;
}

/**
 * Every credential place of the template's resources, in the walk's order, found by the shared walk (walk.ts): what
 * TokenGuard-SEC11 judges, and where parameters become credentials (see `parameterSecrecy`).
 */
export const credentialPlaces = defineWalker<CredentialPlace[]>('credential-places', () => {
  const out: CredentialPlace[] = [];
  return {
    result: () => out,
    visit: (v) => {
      // Resource properties only; inside an intrinsic the path (and so the verdict) is the intrinsic's own.
      if (v.section !== 'Resources' || v.path[0] !== 'Properties' || v.inIntrinsic) return 'skip';
      const secretString = v.resourceType === SECRETS_MANAGER_SECRET && v.path.length === 2 && v.path[1] === 'SecretString';
      if (!secretString && (credentialProperty(v) === undefined || ownerOf(v) !== SEC.inlineCredential)) return undefined;
      out.push({ logicalId: v.logicalId, path: [...v.path], node: v.node, when: v.when, secretString });
      return 'skip';
    },
  };
});

export const isCustomResource = isCustomResourceType;

/** Resource types that run another template: their `Parameters` are its inputs and their `Outputs.<Name>` its outputs. */
export const NESTED_STACK = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);

/**
 * Whether the property at `path` (its first `end` segments) has no schema: a custom resource's property, or a
 * parameter a nested stack passes to its template (named by that template: `GoogleClientSecret`,
 * Amplify's `hostedUIProviderCreds`). A name there says secret only by its words, and a literal counts by what it is.
 */
export function isSchemaless(resourceType: string | undefined, path: readonly PathSegment[], end = path.length): boolean {
  if (isCustomResource(resourceType)) return end === 2;
  return end === 3 && path[1] === 'Parameters' && NESTED_STACK.has(resourceType ?? '');
}

/**
 * Property names whose values become plaintext configuration that more people can read than the secret's own
 * readers: tags, user data, descriptions, environment-like maps of any service, definitions and inline code.
 */
const PLAINTEXT_KEYS: Readonly<Record<string, string>> = {
  Tags: 'a tag (readable with tag:GetResources and copied into billing data)',
  UserData: 'instance user data (readable with ec2:DescribeInstanceAttribute)',
  Description: 'a description (shown wherever the resource is listed)',
  Environment: 'an environment (plaintext configuration)',
  EnvironmentVariables: 'environment variables (plaintext configuration)',
  RuntimeEnvironmentVariables: 'environment variables (plaintext configuration)',
  Variables: 'variables (plaintext configuration)',
  StageVariables: 'stage variables (plaintext configuration)',
  DefaultArguments: 'job arguments (plaintext configuration)',
  NonOverridableArguments: 'job arguments (plaintext configuration)',
  Definition: 'a definition document (readable by anyone who can describe the resource)',
  DefinitionString: 'a definition document (readable by anyone who can describe the resource)',
  DefinitionSubstitutions: 'a definition document (readable by anyone who can describe the resource)',
  DefinitionBody: 'a definition document (readable by anyone who can describe the resource)',
  Body: 'a definition document (readable by anyone who can describe the resource)',
  Input: 'an event target input (readable with events:ListTargetsByRule or scheduler:GetSchedule)',
  InputTemplate: 'an event input template (readable by anyone who can describe the rule or pipe)',
  OptionSettings: 'option settings (plaintext configuration)',
  ZipFile: 'inline function code (readable with lambda:GetFunction)',
  InlineCode: 'inline function code (readable with lambda:GetFunction)',
  FunctionCode: 'inline function code (readable by anyone who can describe the function)',
  Content: 'document content (readable by anyone who can get the document)',
};

/** What kind of plaintext place `path` is, or undefined. The innermost such key wins. */
export function plaintextPlace(path: readonly PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 1; i--) {
    const s = path[i];
    if (typeof s === 'string' && Object.prototype.hasOwnProperty.call(PLAINTEXT_KEYS, s)) return PLAINTEXT_KEYS[s];
  }
  return undefined;
}

/** Lower case without separators; property names repeat across resources, so results are kept. */
function normalise(name: string): string {
  let n = normalised.get(name);
  if (n === undefined) {
    n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (normalised.size < 10_000) normalised.set(name, n);
  }
  return n;
}
