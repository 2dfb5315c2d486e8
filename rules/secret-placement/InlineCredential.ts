import { STANDARDS } from '../engine/standards';
import type { Observation, RuleContext, TemplateRule } from '../engine/types';
import { ABSENT, Composite, Maybe, Opaque, Source, Value, describeSource } from '../engine/values';
import { isPlaceholder, isPlainWords, looksLikePlaceholder, looksLikeReference } from './names';
import { credentialPlaces, isCredentialName, isCustomResource, isSchemaless, isSsmTyped, issuedElsewhere, SEC, SSM_PARAMETER, SECRETS_MANAGER_SECRET } from './places';
import { sdkCalls } from '../engine/sdk-calls';
import { dynamicReferencesIn, keyedLiteralSecret, resourceValueSecrecy, templateHasAwsKeyId, urlPassword } from './provenance';
import { findTokens, fingerprint, isAwsExampleKey } from './tokens';
import { pathText, placeText } from './walk';

type Verdict = { readonly outcome: 'non-compliant' | 'cannot-tell'; readonly problem: string };

function observations(ctx: RuleContext): Observation[] {
  const out: Observation[] = [];
  for (const place of credentialPlaces(ctx) ?? []) {
    if (place.secretString) continue;
    const where = placeText({ section: 'Resources', ...place });
    const key = place.path[place.path.length - 1];
    const type = ctx.template.resource(place.logicalId)?.type;
    const schemaless = isSchemaless(type, place.path) && typeof key === 'string';
    const issued = typeof key === 'string' && issuedElsewhere(key, type);
    for (const alt of ctx.evaluator.value(place.node, place.when)) {
      for (const verdict of schemaless ? judgeSchemaless(key, alt.value, ctx) : judge(alt.value, ctx, issued)) {
        out.push({
          outcome: verdict.outcome,
          path: pathText(place.path),
          when: alt.when,
          subject: { section: 'Resources', logicalId: place.logicalId },
          message:
            verdict.outcome === 'non-compliant'
              ? `${where} ${verdict.problem}: the credential passes through CloudFormation as plaintext template or stack data; give it as a {{resolve:secretsmanager:…}} reference.`
              : `Cannot tell whether ${where} is given safely: it comes from ${verdict.problem}.`,
        });
      }
    }
  }
  return out;
}

/**
 * Credentials given inline in resource properties (third-party OAuth client secrets and tokens of AppFlow,
 * EventBridge connections, Amplify, Alexa skills, identity providers; passwords, API keys, private keys) instead of
 * a Secrets Manager dynamic reference.
 */
const InlineCredential: TemplateRule = {
  id: SEC.inlineCredential,
  name: 'InlineCredential',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'Credential properties (ClientSecret, RefreshToken, AccessToken, OauthToken, AuthToken, ApiKeyValue, Password, PrivateKey, …; every credential of an AppFlow connector profile; secret-named properties of custom resources, secret-named parameters a nested stack passes to its template (a JSON document there judged value by value) and credential parameters of an AwsCustomResource\'s SDK call, whose literals count when they are token material, look generated or are a written-out password; a client secret, token or connection credential issued by another party that is plain words, a few letters, CamelCase words or a run of characters (`secret`, `dummy_value`, `MyAPIkey`, `<PASSWORD_UPDATE_ME>`, `ParentAccessToken`, `Atzr|1234`) is a stand-in, and so is the AWS documentation\'s example key pair, `AKIAIOSFODNN7EXAMPLE` and its …EXAMPLEKEY secret) are a {{resolve:secretsmanager:…}} reference, an SSM SecureString reference, an ARN, or a NoEcho parameter without Default.',
  rationale:
    'A third-party refresh token or client secret written into the template (or fed from a visible parameter, a plaintext SSM parameter or another resource\'s attribute) is readable by everyone who can read the template or the stack, and cannot be rotated without a deployment; a dynamic reference leaves the value in Secrets Manager, where it is encrypted, access-controlled and rotated.',
  fix: {
    cdk: 'SecretValue.secretsManager("third-party/oauth", { jsonField: "refreshToken" }) for the property (for example EventBridge Authorization.oauth({ clientSecret: SecretValue.secretsManager(…) }))',
    cloudFormation: 'ClientSecret: "{{resolve:secretsmanager:third-party/oauth:SecretString:clientSecret}}"',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5_7, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; cannot tell for values from imports, unknown intrinsics or attributes of other resources. A parameter that is not NoEcho or has a Default is reported once, on the parameter, by TokenGuard-SEC6',
  check: (ctx) => [...observations(ctx), ...callCredentials(ctx)],
};

/**
 * Credentials in the parameters of an AwsCustomResource's SDK calls (a test user's Password for adminSetUserPassword,
 * a ClientSecret for createIdentityProvider): judged like credential properties, reported once per resource at the
 * first call that has one (CDK's onUpdate gives Create and Update the same call).
 */
function callCredentials(ctx: RuleContext): Observation[] {
  const out: Observation[] = [];
  for (const r of ctx.template.resources) {
    if (!isCustomResource(r.type)) continue;
    const calls = sdkCalls(r, ctx.evaluator);
    let first: string | undefined;
    for (const call of calls) {
      for (const [key, value] of Object.entries(call.parameters)) {
        if (!isCredentialName(key)) continue;
        for (const verdict of judgeParameter(key, value, ctx)) {
          first ??= call.property;
          if (first !== call.property) continue;
          out.push({
            outcome: verdict.outcome,
            path: `Properties.${call.property}`,
            when: call.when,
            subject: { section: 'Resources', logicalId: r.logicalId },
            message:
              verdict.outcome === 'non-compliant'
                ? `Parameter ${key} of the ${call.action} call of ${r.logicalId} ${verdict.problem}: the credential passes through CloudFormation as plaintext template or stack data; pass it from Secrets Manager at run time instead.`
                : `Cannot tell whether parameter ${key} of the ${call.action} call of ${r.logicalId} is given safely: it comes from ${verdict.problem}.`,
          });
        }
      }
    }
  }
  return out;
}

/**
 * A call parameter named like a credential: its names have no schema here (getApiKey's `apiKey` is the key's id), so
 * a literal counts by what it is, with the name as context (token material, a generated-looking value, a written-out
 * password); anything else is judged as a credential property's value is.
 */
function judgeParameter(key: string, v: Value, ctx: RuleContext): Verdict[] {
  if (typeof v !== 'string') return judge(v, ctx);
  if (dynamicReferencesIn(v, false).length > 0) return [];
  const tokens = findTokens(v, { awsAccessKeyIdNearby: () => templateHasAwsKeyId(ctx) });
  if (tokens.length > 0) return tokens.map((t) => ({ outcome: 'non-compliant', problem: `is written in the template: ${t.format} (${t.fingerprint()})` }));
  // A JSON document (`[{"ProviderName":"Facebook","client_id":"…","client_secret":"…"}]`): each value under its own key.
  const members = jsonMembers(v);
  if (members !== undefined) return members.flatMap(([k, s]) => judgeParameter(k, s, ctx).map((x) => ({ ...x, problem: `${x.problem} under JSON key ${k}` })));
  const secret = keyedLiteralSecret(v, key) ?? urlPassword(v);
  return secret === undefined ? [] : [{ outcome: 'non-compliant', problem: `is written in the template: ${secret}` }];
}

/** The string members of a JSON object written as text, or of the objects of a JSON array; undefined for other text. */
function jsonMembers(text: string): [string, string][] | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const objects: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  return objects.flatMap((o) =>
    o !== null && typeof o === 'object' && !Array.isArray(o) ? Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string') : [],
  );
}

/**
 * A custom resource's property has no schema either (`SecretsToReplicate: [prod/a]`, `ClientSecretGenerated: 'true'`,
 * `TokenKind: refresh`): its literals count as an SDK call's parameters do, by what they are with the name as
 * context; a plaintext SSM reference, an intrinsic or a list element is judged as a credential property's value is.
 */
function judgeSchemaless(key: string, v: Maybe<Value>, ctx: RuleContext): Verdict[] {
  if (Array.isArray(v)) return v.flatMap((x) => judgeSchemaless(key, x, ctx));
  return typeof v === 'string' && !PLAINTEXT_SSM_REFERENCE.test(v) ? judgeParameter(key, v, ctx) : judge(v, ctx);
}

/** A `{{resolve:ssm:…}}` reference: a plaintext String parameter's value, copied in by CloudFormation. */
const PLAINTEXT_SSM_REFERENCE = /\{\{resolve:ssm:/;

/** `issued`: the property holds a credential issued elsewhere ({@link issuedElsewhere}). */
function judge(v: Maybe<Value>, ctx: RuleContext, issued = false): Verdict[] {
  if (v === ABSENT || v === null || typeof v === 'boolean' || typeof v === 'number') return [];
  if (typeof v === 'string') return judgeText(v, ctx, false, issued);
  if (v instanceof Opaque) return judgeSource(v.source, ctx);
  if (v instanceof Composite) {
    if (dynamicReferencesIn(v, false).length > 0) return [];
    const out: Verdict[] = [];
    for (const p of v.parts) {
      if (p instanceof Opaque) out.push(...judgeSource(p.source, ctx));
      else out.push(...judgeText(p, ctx, true, issued));
    }
    return out;
  }
  if (Array.isArray(v)) return v.flatMap((x) => judge(x, ctx, issued));
  return [];
}

function judgeText(text: string, ctx: RuleContext, piece = false, issued = false): Verdict[] {
  if (dynamicReferencesIn(text, false).length > 0) return [];
  if (PLAINTEXT_SSM_REFERENCE.test(text)) {
    return [{ outcome: 'non-compliant', problem: 'comes from a plaintext SSM String parameter ({{resolve:ssm:…}})' }];
  }
  const tokens = findTokens(text, { awsAccessKeyIdNearby: () => templateHasAwsKeyId(ctx) });
  if (tokens.length > 0) return tokens.map((t) => ({ outcome: 'non-compliant', problem: `is written in the template: ${t.format} (${t.fingerprint()})` }));
  // Literal glue around intrinsic pieces (`Bearer `, `:`) is not a credential by itself.
  if (piece || isPlaceholder(text) || looksLikeReference(text)) return [];
  // A credential its provider issued is never plain words, a few letters, CamelCase words or a run: `secret`,
  // `dummy_value`, `MyAPIkey`, `ParentAccessToken`, `ANotGreatPassword`, `Mailchimp API Key`, `1234`, `Atzr|1234`
  // there is a stand-in (issued keys and secrets are long, and mix in digits).
  const t = text.trim();
  if (issued && (looksLikePlaceholder(t) || isPlainWords(t) || /^[A-Za-z]{1,15}$|^[A-Z]?([A-Z][a-z]{2,}){2,}$/.test(t) || isPhrase(t) || isRun(t))) return [];
  if (isAwsExampleKey(t)) return [];
  return [{ outcome: 'non-compliant', problem: `is written in the template as a literal (${fingerprint(text)})` }];
}

/** Two to five words between single spaces, each a word, an acronym or CamelCase words (`Secret password`). */
function isPhrase(text: string): boolean {
  const w = text.split(' ');
  return w.length >= 2 && w.length <= 5 && w.every((x) => /^([A-Z]?[a-z]+|[A-Z]{2,5}|([A-Z][a-z]{2,}){2,})$/.test(x));
}

/** Characters that repeat or count up (`1234`, `0000`, `abcdef`), alone or after a token's prefix (`Atzr|1234`). */
function isRun(text: string): boolean {
  const t = text.replace(/^[A-Za-z]+[|_.-]/, '');
  const step = t.charCodeAt(1) - t.charCodeAt(0);
  if (t.length < 3 || (step !== 0 && step !== 1)) return false;
  for (let i = 2; i < t.length; i++) if (t.charCodeAt(i) - t.charCodeAt(i - 1) !== step) return false;
  return true;
}

function judgeSource(s: Source, ctx: RuleContext): Verdict[] {
  switch (s.kind) {
    case 'parameter': {
      // An SSM-typed parameter's value is the content of the String parameter it names (these types cannot read a
      // SecureString): the credential is stored in plaintext, whatever SEC6 says of the parameter itself.
      if (isSsmTyped(s.type)) {
        return [{ outcome: 'non-compliant', problem: `comes from parameter ${s.name} (${s.type}), the content of a plaintext SSM String parameter` }];
      }
      // A visible or defaulted parameter is reported once, on the parameter, by SEC6 (every parameter given to a
      // credential property holds a secret there); a NoEcho parameter without Default is the accepted form.
      return [];
    }
    case 'attribute':
    case 'resource': {
      const secrecy = resourceValueSecrecy(s, ctx);
      if (secrecy !== undefined && 'secret' in secrecy) {
        // A credential property is where the value belongs; whether a Lambda-backed handler the template cannot show
        // masks its response (NoEcho, as Amplify's secret fetcher does) on the way cannot be told.
        const r = s.kind === 'attribute' && isCustomResource(s.resourceType) ? ctx.template.resource(s.logicalId) : undefined;
        if (r !== undefined && sdkCalls(r, ctx.evaluator).length === 0) {
          return [{ outcome: 'cannot-tell', problem: `${secrecy.secret}, returned by a handler the template does not show, which may or may not mask it (NoEcho)` }];
        }
        return [{ outcome: 'non-compliant', problem: `comes from ${secrecy.secret}, copied by CloudFormation` }];
      }
      if (secrecy !== undefined) return [{ outcome: 'cannot-tell', problem: secrecy.unknown }];
      if (s.kind === 'resource') return [];
      const type = s.resourceType;
      if (type === SSM_PARAMETER && s.attribute === 'Value') {
        return [{ outcome: 'non-compliant', problem: `comes from the Value of SSM parameter ${s.logicalId}, a plaintext String parameter` }];
      }
      if (type === SECRETS_MANAGER_SECRET) return [];
      return [{ outcome: 'cannot-tell', problem: describeSource(s) }];
    }
    case 'import':
    case 'unknown-function':
    case 'unresolved':
      return [{ outcome: 'cannot-tell', problem: describeSource(s) }];
    default:
      return [];
  }
}

export default InlineCredential;
