/**
 * What names say about secrets. Names are the weakest evidence the secret-placement rules use: on their own they
 * never make a value secret (a variable called `SLACK_BOT_TOKEN_PARAM` that holds `/prod/slack/token` is fine).
 * They are used only where nothing better exists: a CloudFormation parameter (whose value the template cannot see),
 * an attribute of a custom resource (whose attributes have no schema), and to decide whether a literal that looks
 * generated sits under a key meant for a secret.
 */

/** Words of an identifier: `MY_APP_CLIENT_SECRET`, `myAppClientSecret`, `OAuthToken`, `/prod/slack/token`. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // `OAuthToken`: a space before the last capital of a run that starts a word. Not `([A-Z]+)([A-Z][a-z])`, which
    // crosses the whole run again from each of its letters (quadratic in a long upper-case name).
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase())
    // A number ending a word is a word of its own (`DbPassword2`, `SecretName2`), unless the lists know the word
    // with it (`sha256`, `md5`).
    .flatMap((w) => {
      const digits = /[a-z]([0-9]+)$/.exec(w);
      return digits === null || QUALIFIERS.has(w) ? [w] : [w.slice(0, -digits[1].length), digits[1]];
    });
}

/** Words that name secret material by themselves. */
const NOUNS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'creds', 'apikey', 'apikeys', 'privatekey', 'secretkey', 'clientsecret',
  'accesstoken', 'refreshtoken', 'authtoken', 'oauthtoken', 'bearertoken', 'sessiontoken',
]);

/** Two-word nouns: `API key`, `private key`, `pre-shared key`, … (but not `access key`: an access key id is not secret). */
const COMPOUNDS: ReadonlyArray<readonly [string, string]> = [
  ['api', 'key'],
  ['api', 'keys'],
  ['private', 'key'],
  ['secret', 'key'],
  ['signing', 'key'],
  ['hmac', 'key'],
  ['auth', 'key'],
  ['shared', 'key'],
  ['client', 'secret'],
];

/**
 * Last words of a name that says it holds a reference (`TOP_SECRET_ARN`, `TOKEN_PARAM_PATH`), and the first of the
 * {@link QUALIFIERS}. Not URL words: a connection URL can carry a password in its userinfo (`DATABASE_URL`).
 */
const REFERENCE_WORDS = ['name', 'names', 'arn', 'arns', 'id', 'ids', 'identifier', 'path', 'paths', 'param', 'params'];

/**
 * Words that, after the secret noun, turn the name into one of something else: `TokenArn`, `SECRET_NAME`,
 * `SlackTokenParam`, `RefreshTokenValidity`, `PasswordLength`, `TokenEndpoint`, `SigningKeyThumbprint`, `ApiKeySha256`,
 * `AdminCredsEmail`, `ImageCredentialsUsername`, `API_KEY_CIPHERTEXT`, `RESET_PASSWORD_ROUTE` (a thumbprint,
 * fingerprint or digest of a key is published or kept to check the key, as EC2 KeyFingerprint, OIDC thumbprints and
 * stored API-key hashes are; `hash` above is the same; an e-mail address or a user name identifies an account; KMS
 * ciphertext is useless without kms:Decrypt on its key; a route is a page's path).
 * `Parameter` is deliberately absent: `ApiKeyParameter` is how many templates name a CloudFormation parameter that
 * holds the key itself, while `…Param` is the usual abbreviation for an SSM parameter name.
 */
const QUALIFIERS = new Set([
  ...REFERENCE_WORDS, 'ssm', 'url', 'urls',
  'uri', 'endpoint', 'location', 'ref', 'reference', 'header', 'field', 'length', 'len', 'size', 'type', 'types',
  'format', 'mode', 'ttl', 'validity', 'valid', 'expiry', 'expire', 'expires', 'expiration', 'lifetime', 'duration', 'seconds',
  'secs', 'minutes', 'mins', 'hours', 'days', 'units', 'unit', 'version', 'versions', 'stage', 'stages', 'rotation',
  'rotate', 'policy', 'policies', 'role', 'bucket', 'table', 'queue', 'topic', 'count', 'enabled', 'enable',
  'disabled', 'required', 'prefix', 'suffix', 'issuer', 'issuers', 'audience', 'audiences', 'scope', 'scopes', 'kms',
  'manager', 'store', 'storage', 'source', 'template', 'file', 'dir', 'directory', 'hash', 'interval', 'period',
  'schedule', 'revocation', 'config', 'configuration', 'settings', 'limit', 'max', 'min', 'claim', 'selection',
  'expression', 'provider', 'vendor', 'generation', 'exchange', 'reuse', 'history', 'reset', 'metadata', 'key',
  'keys', 'json', 'encryption', 'required', 'only', 'options', 'attributes', 'flags', 'list', 'check', 'host',
  'domains', 'domain', 'validation', 'pattern', 'tokenizer', 'auth', 'authentication', 'details', 'grant',
  'thumbprint', 'thumbprints', 'fingerprint', 'fingerprints', 'digest', 'digests', 'checksum', 'checksums', 'md5',
  'sha1', 'sha256', 'sha512', 'email', 'emails', 'user', 'username', 'ciphertext', 'encrypted', 'route', 'routes',
]);

/**
 * Words that name a setting about a secret when they end the name: `TokenSigningAlgorithm`, `TOKEN_KID` (a JWS key id
 * is published), `TokenTimeout`, `SecretsExtensionPort`, `SecretReplicaRegion`, `PASSWORD_HASHER`,
 * `PasswordComplexity`, `CredentialsProfile`, `ApiKeyUsagePlanTier`, `SecretExcludeCharacters` (GenerateSecretString's
 * ExcludeCharacters). Only at the end: `apiKeyBasicTierValue` is the value of the basic tier's API key.
 */
const SETTINGS = new Set([
  'algorithm', 'algorithms', 'alg', 'kid', 'timeout', 'timeouts', 'port', 'region', 'regions', 'hasher', 'hashers',
  'strategy', 'complexity', 'window', 'recovery', 'profile', 'profiles', 'encoding', 'threshold', 'tier', 'replica',
  'replicas', 'characters', 'chars',
]);

/** Nouns that name a password: `client` before them does not make an idempotency token of them (`API_CLIENT_PASSWORD`). */
export const PASSWORD_NOUNS = new Set(['password', 'passwords', 'passwd', 'pwd', 'passphrase']);

/** A lower-case word that ends in a password noun (`cmrpassword`): the prefix, then the noun. */
const GLUED_PASSWORD = /^([a-z0-9]+?)(passwords?|passwd|passphrase)$/;

/**
 * Words that, right before the noun, make it something that is not secret: `ServiceToken`, `NextToken`,
 * `GenerateSecret`, the public half of a pair (`PublicToken`, a publishable token), a piece of a name
 * (`BUCKET_NAME_TOKEN`, a random suffix for bucket names), and KMS ciphertext (`kmsEncryptedToken`, the Lambda
 * blueprints' encrypted environment variables: useless without kms:Decrypt on the key). Not before a password noun:
 * `API_CLIENT_PASSWORD` and `USER_NAME_PASSWORD` are passwords.
 */
const NOT_SECRET_BEFORE = new Set([
  'service', 'client', 'next', 'continuation', 'pagination', 'page', 'idempotency', 'generate', 'dkim',
  'version', 'billing', 'max', 'output', 'overlap', 'http', 'event', 'use', 'existing', 'manage', 'rotate', 'no',
  'cancel', 'sync', 'pre', 'public', 'publishable', 'name', 'encrypted',
]);

/**
 * Words that, right before a two-word noun, make it a flag rather than the secret (`UseExistingClientSecret`), the
 * public half of a key pair (`PublicApiKey`: a MongoDB Atlas public API key identifies the pair, as an access key id
 * does; a publishable key is made for browsers), or its KMS ciphertext (`EncryptedApiKey`).
 */
const NOT_SECRET_BEFORE_COMPOUND = new Set(['use', 'existing', 'generate', 'manage', 'rotate', 'add', 'remove', 'no', 'public', 'publishable', 'encrypted']);

export interface SecretName {
  /** The noun that makes the name secret, as written in words (`client secret`, `token`, `api key`). */
  readonly noun: string;
}

/** `a token`, `an api key`. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/**
 * Whether a name designates secret material: a secret noun not qualified into something else. Returns the noun
 * for messages, or undefined.
 */
export function secretName(name: string): SecretName | undefined {
  const w = words(name);
  let found: { noun: string; end: number } | undefined;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 'secret' && w[i + 1] === 'access' && w[i + 2] === 'key') {
      found = { noun: 'secret access key', end: i + 2 };
      i += 2;
      continue;
    }
    const pair = COMPOUNDS.find(([a, b]) => w[i] === a && w[i + 1] === b);
    if (pair) {
      if (!NOT_SECRET_BEFORE_COMPOUND.has(w[i - 1] ?? '')) found = { noun: `${pair[0]} ${pair[1]}`, end: i + 1 };
      i++;
      continue;
    }
    // A password noun glued to a lower-case prefix (`cmrpassword`, `dbpassword`) is the noun after that word.
    const glued = NOUNS.has(w[i]) ? undefined : GLUED_PASSWORD.exec(w[i]);
    const [before, noun] = glued ? [glued[1], glued[2]] : [w[i - 1], w[i]];
    if (NOUNS.has(noun)) {
      if ((glued || i > 0) && NOT_SECRET_BEFORE.has(before) && !((before === 'client' || before === 'name') && PASSWORD_NOUNS.has(noun))) {
        found = undefined;
        continue;
      }
      found = { noun, end: i };
    }
  }
  if (!found) return undefined;
  if (w.slice(found.end + 1).some((x) => QUALIFIERS.has(x))) return undefined;
  if (found.end < w.length - 1 && SETTINGS.has(w[w.length - 1])) return undefined;
  return { noun: found.noun };
}

/**
 * Whether a name is a secret noun followed by "key" (`ACCESS_TOKEN_KEY`, `ConsumerSecretKey`), which names either
 * where a secret is kept or, as Twitter's credentials are named, the secret itself: only the value can say which.
 * Returns the secret noun, or undefined.
 */
export function keyedSecretName(name: string): SecretName | undefined {
  const stem = /^(.*?)[-_ ]?keys?$/i.exec(name)?.[1];
  return stem ? secretName(stem) : undefined;
}

/**
 * Whether a parameter's description says it holds a secret: its opening words name one (`Password for…`,
 * `Enter OAuth Client Secret`, `Access token for the git provider`), and its first sentence does not say it is a
 * name, path or ARN of one (`The SSM parameter path of the bot token`).
 */
export function describedAsSecret(description: string | undefined): SecretName | undefined {
  if (!description) return undefined;
  const first = description.split(/(?<=[.!?])\s|\n/)[0] ?? '';
  // In lower case, without the `i` flag: its case-folding makes these expressions several times dearer to compile,
  // and the CLI compiles them on every run. Text beyond ASCII keeps its case and the `i` flag (toLowerCase would fold
  // characters such as the Kelvin sign, which `i` does not).
  const ascii = !/[^\x00-\x7f]/.test(first);
  const text = ascii ? first.toLowerCase() : first;
  if (describedAsReference(description)) return undefined;
  const m = DESCRIBES_A_SECRET.get(ascii).exec(text);
  if (!m) return undefined;
  const next = (m[3] ?? '').toLowerCase();
  if ((QUALIFIERS.has(next) && next !== 'key') || SETTINGS.has(next)) return undefined;
  // `Secret with name cfn/atlas/profile/{Profile}`, `the secret named …`: names a secret, the parameter is its name.
  const then = (/^\s*(\w+)/.exec(text.slice(m.index + m[0].length))?.[1] ?? '').toLowerCase();
  if (next === 'named' || next === 'called' || (next === 'with' && REFERENCE_WORDS.includes(then))) return undefined;
  if (m[1] && words(m[1]).some((x) => NOT_SECRET_BEFORE.has(x) && x !== 'client')) return undefined;
  return { noun: m[2].toLowerCase() };
}

/**
 * Whether a parameter's description says it holds a name, path, id or ARN (`Stack name of the parent secret stack`,
 * `The SSM parameter path of the bot token`): its first sentence says so.
 */
export function describedAsReference(description: string | undefined): boolean {
  if (!description) return false;
  const first = description.split(/(?<=[.!?])\s|\n/)[0] ?? '';
  const ascii = !/[^\x00-\x7f]/.test(first);
  return DESCRIBES_A_REFERENCE.get(ascii).test(ascii ? first.toLowerCase() : first);
}

/** Whether a name speaks of secret material, as what it holds or not (`TokenExpireTime`, `ApiKeyLength`, `ServiceToken`). */
export function mentionsSecret(name: string): boolean {
  const w = words(name);
  return w.some((x, i) => NOUNS.has(x) || COMPOUNDS.some(([a, b]) => x === a && w[i + 1] === b));
}

/** Whether a description opens by calling the value a reference: `Arn of the Cloud One API Key Secret`, `The name of …`. */
export function opensAsReference(description: string | undefined): boolean {
  return description !== undefined && /^\s*(?:(?:the|an?)\s+)?(?:arn|name|path|id|identifier)\s+(?:of|for)\b/i.test(description);
}

/** A pattern over lower-case ASCII text, or (made when first needed) over any text, ignoring case. */
class CasePattern {
  private readonly lower: RegExp;
  private anyCase: RegExp | undefined;

  constructor(private readonly source: string) {
    this.lower = new RegExp(source);
  }

  get(lowerCaseAscii: boolean): RegExp {
    return lowerCaseAscii ? this.lower : (this.anyCase ??= new RegExp(this.source, 'i'));
  }
}

/** A first sentence that calls the parameter a name, path or ARN of a secret. */
const DESCRIBES_A_REFERENCE = new CasePattern(String.raw`\b(ssm|parameter store|arn|path|name of|id of|identifier of|the name|location of|url of)\b`);
/** A first sentence that opens by naming a secret: group 1 the words before the noun, 2 the noun, 3 the word after. */
const DESCRIBES_A_SECRET = new CasePattern(
  String.raw`^\s*(?:(?:enter|specify|provide|set|the|a|an|your|default|optional|required)\s+){0,3}((?:[\w-]+\s+){0,3}?)(password|passphrase|secret|token|api[ -]?key|private key|credentials?)\b\s*(\w+)?`,
);

/**
 * Whether a literal names or locates something rather than being secret material: an SSM parameter path, a secret's
 * name written as a lower-case path, an ARN, a dynamic reference, a URL without credentials, an e-mail address.
 */
export function looksLikeReference(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (t.startsWith('/') || t.startsWith('arn:') || t.startsWith('{{resolve:')) return true;
  // A secret's name written as a path without the leading slash: `prod/db/password`, `vendor/keystore-password`.
  if (/^[a-z][a-z0-9]*([-_.][a-z0-9]+)*(\/[a-z][a-z0-9]*([-_.][a-z0-9]+)*)+$/.test(t)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+(\/\S*)?$/i.test(t)) return true;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(t)) return true;
  return false;
}

/**
 * Whether a parameter's Default and AllowedValues show that it holds a setting, not secret material: each is a small
 * number (a port, a timeout, a ratio: `2773`, `300`, `0.8`), a region code (`eu-west-1`) or a boolean (YAML's unquoted
 * `true` parses as one; CloudFormation turns it into the text `true`); or the
 * AllowedValues are an enumeration of two or more short words (`[RS256, ES256]`, `[Strict, Lax, None]`) holding the
 * Default. Secret material is long and chosen by whoever deploys, not picked from a list of words.
 */
export function valuesAreSettings(defaultValue: unknown, allowedValues: readonly unknown[] | undefined): boolean {
  const allowed = allowedValues ?? [];
  const values = (defaultValue === undefined ? allowed : [defaultValue, ...allowed]).map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
  if (values.length === 0 || !values.every((v): v is string => typeof v === 'string')) return false;
  if (values.every((v) => SETTING.test(v))) return true;
  return allowed.length >= 2 && values.every((v) => ENUM_WORD.test(v)) && (defaultValue === undefined || allowed.includes(defaultValue));
}

/**
 * Whether a parameter's name says it holds a user name (`DBUser`, `MasterUsername`, `AdminLoginName`): authors often
 * mark those NoEcho, and a user name is an identifier, not secret material.
 */
export function namesAUser(name: string): boolean {
  const w = words(name);
  const last = w[w.length - 1];
  return ['user', 'username', 'login'].includes(last) || (last === 'name' && ['user', 'login'].includes(w[w.length - 2]));
}

/**
 * Whether a name says it holds a reference to something (`TOP_SECRET_ARN`, `DbPasswordSecretName`, `TOKEN_PARAM_PATH`):
 * its last word is an ARN, name, id or path word.
 */
export function namesAReference(name: string): boolean {
  return REFERENCE_WORDS.includes(words(name).pop() ?? '');
}

/**
 * Whether a name says it is the public half of a key pair (`auth_to_ipv_public_encryption_key`, `PUBLIC_KEY`,
 * `publicSigningKeyPem`): `public` right before `key`, or before an encryption, signing, RSA or EC key, and no
 * `private` or `secret` anywhere in it. Public keys are made to be handed out.
 */
export function namesAPublicKey(name: string): boolean {
  const w = words(name);
  if (w.some((x) => x === 'private' || x === 'secret')) return false;
  const key = (x: string | undefined) => x === 'key' || x === 'keys';
  return w.some((x, i) => x === 'public' && (key(w[i + 1]) || (['encryption', 'signing', 'rsa', 'ec'].includes(w[i + 1]) && key(w[i + 2]))));
}

/** A small number, a region code (`us-gov-west-1`) or a boolean. */
const SETTING = /^(\d{1,5}(\.\d{1,5})?|[a-z]{2}(-[a-z]+)+-\d|true|false|True|False|TRUE|FALSE)$/;
/**
 * A word of an enumeration: pieces of at most 16 letters and digits joined by `-`, `_`, `.` or `+` (`RS256`, `us.v2`,
 * `ID+ACCESS+REFRESH`), 32 characters in all.
 */
const ENUM_WORD = /^(?=.{1,32}$)[A-Za-z][A-Za-z0-9]{0,15}([-_.+][A-Za-z0-9]{1,16})*$/;

/**
 * The JSON key a piece of a `SecretString` built with `Fn::Sub` / `Fn::Join` sits under: the literal text before it
 * ends with `"key": "` (`{"password": "${DbPassword}"}` gives `password`), or undefined when the text does not say.
 */
export function jsonKeyBefore(parts: ReadonlyArray<unknown>, i: number): string | undefined {
  const before = parts[i - 1];
  // `(?:"\s*)?`, not `"?\s*`: two `\s*` side by side split a run of spaces every way before failing (quadratic).
  return typeof before === 'string' ? /"([^"]+)"\s*:\s*(?:"\s*)?$/.exec(before)?.[1] : undefined;
}

/**
 * Lower-case words or upper-case snake words (`dummy_value`, `secret`, `my-client-secret`, `CLIENT_SECRET`): a name or
 * a stand-in, never a generated value.
 */
export function isPlainWords(text: string): boolean {
  return /^[a-z]+([-_.][a-z0-9]+)*$/.test(text) || /^[A-Z]+(_[A-Z0-9]+)*$/.test(text);
}

/** Text that holds nothing: empty, blank, or punctuation only (`''`, `'<>'`, `'***'`, `'-'`). */
export function isPlaceholder(text: string): boolean {
  return !/[A-Za-z0-9]/.test(text);
}

/** Words that make a kebab- or snake-case text a stand-in (`xoxb-placeholder`). */
const FILLER_WORDS = new Set(['placeholder', 'dummy', 'fake', 'example', 'sample', 'changeme', 'replaceme']);

/**
 * Text that stands in for a value rather than being one: {@link isPlaceholder}, a name in brackets (`<password>`,
 * `[token]`, `{secret}`, `\${Password}`), the usual fillers (`xxxx`, `****`, `CHANGE_ME`, `REPLACE_ME`,
 * `your-password`, `empty`, `placeholder`, `dummy`, `none`), or a lower-case kebab- or snake-case name that itself
 * holds a secret noun (`smtp-password`, `db_password`: the name of where the password is kept) or a filler word (a
 * token format's prefix with a filler: `xoxb-placeholder`, `ghp_dummy`, `sk-example`), or instructions ({@link isInstruction}).
 */
export function looksLikePlaceholder(text: string): boolean {
  const t = text.trim();
  return (
    isPlaceholder(t) ||
    /^(<[^<>]+>|\[[^\[\]]+\]|\{[^{}]+\}|\$\{[^{}]+\})$/.test(t) ||
    /^(x{3,}|\*{3,}|change[-_ ]?me|replace[-_ ]?me|your[-_ ]?(password|secret|token|api[-_ ]?key)|todo|tbd|empty|placeholder|dummy|none|null|undefined|n\/a)$/i.test(t) ||
    (/^[a-z0-9]+([-_][a-z0-9]+)+$/.test(t) && t.split(/[-_]/).some((w) => NOUNS.has(w) || FILLER_WORDS.has(w))) ||
    isInstruction(t)
  );
}

/**
 * Instructions written in a value's place: `Enter your API key`, `xoxb-ENTER YOUR BOT'S TOKEN HERE`, `Bearer <<Enter …>>`,
 * `your-tracker-api-key-here`, and plain words that start with replace, update, change or fill (`replacewithactualkey`,
 * `REPLACE_WITH_REAL_TOKEN`: secrets created so and set by hand), or with set me (`set-me`, `SET_ME_LATER`).
 */
function isInstruction(text: string): boolean {
  if (isPlainWords(text) && /^((replace|update|change|fill)|set[-_]?me([-_]|$))/i.test(text)) return true;
  const t = /^[a-z0-9]+([-_][a-z0-9]+)+$/i.test(text) ? text.replace(/[-_]/g, ' ') : text;
  if (!/\s/.test(t)) return false;
  if (/\b(enter|insert|paste|put|add) (your|the|a|an)\b/i.test(t)) return true;
  const your = /\byour\b/i.exec(t); // then `here` after it: two linear scans, not a backtracking `your.*here`
  return your !== null && /\bhere\b/i.test(t.slice(your.index));
}
