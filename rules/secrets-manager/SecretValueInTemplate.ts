import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, Assumption, Composite, Opaque, Value, describeSource } from '../engine/values';
import { isPlaceholder, jsonKeyBefore, looksLikePlaceholder, secretName } from '../secret-placement/names';
import { IDENTIFIER_KEY, urlPassword } from '../secret-placement/provenance';
import { looksGenerated, pemWithoutPrivateKey } from '../secret-placement/tokens';
import { SECRET } from './secret-facts';

/** Where the stored value is written: the whole SecretString, or the template a generated value is added to. */
interface Place {
  readonly path: string;
  readonly name: string;
  /** GenerateStringKey: the key whose template value Secrets Manager replaces with the generated one. */
  readonly generated?: string;
}
const PLACES: ReadonlyArray<readonly [readonly string[], Place]> = [
  [['SecretString'], { path: 'Properties.SecretString', name: 'SecretString' }],
  [['GenerateSecretString', 'SecretStringTemplate'], { path: 'Properties.GenerateSecretString.SecretStringTemplate', name: 'SecretStringTemplate' }],
];
const DYNAMIC_REFERENCE = /\{\{resolve:/;

/**
 * A secret whose value is written in the template, or passes through a CloudFormation parameter.
 *
 * What counts is the secret material, not every byte of `SecretString`: in a JSON secret only the keys named like a
 * secret (`password`, `clientSecret`, `token`, …) hold it, so a literal `"username": "admin"` beside a dynamic
 * reference is fine. A parameter that is visible (not NoEcho) or has a real Default is reported once, on the parameter,
 * by TokenGuard-SEC6; this rule reports what SEC6 cannot see: literals, and NoEcho parameters, whose values still pass
 * through CloudFormation and whatever runs the deployment.
 */
const SecretValueInTemplate: ResourceRule = {
  id: 'TokenGuard-SMG4',
  name: 'SecretValueInTemplate',
  category: 'secrets-manager',
  scope: 'resource',
  resourceTypes: [SECRET],
  summary:
    'SecretString (and the SecretStringTemplate of GenerateSecretString) holds no secret material written in the template (a whole literal, a literal of two or more characters under a secret-named JSON key, a generated-looking literal under any key but an identifier, or a password in a URL\'s userinfo under any key) and takes none from a NoEcho parameter (generated values, dynamic references and attributes are fine).',
  rationale:
    'A value written into the template is readable by anyone who can read the template, the stack (GetTemplate) or the repository; a parameter value passes through CloudFormation and the tooling that runs the deployment, where it can be logged or cached.',
  fix: {
    cdk: 'new secretsmanager.Secret(this, "Secret", { generateSecretString: { … } }), then write the real value with PutSecretValue (token-guard seed for refresh tokens)',
    cloudFormation: 'GenerateSecretString instead of SecretString; put the value with PutSecretValue after deployment',
  },
  standards: [STANDARDS.nistIa5_7, STANDARDS.nhi2SecretLeakage],
  defaultSeverity: 'error',
  levels:
    'ERROR for secret material written in the template; WARN for a NoEcho parameter (a visible or defaulted one is TokenGuard-SEC6); an imported value under a secret key cannot be told',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    const [key] = evaluator.at(r.properties, ['GenerateSecretString', 'GenerateStringKey'], r.when).map((a) => a.value);
    for (const [at, place] of PLACES) {
      for (const alt of evaluator.at(r.properties, at, r.when)) {
        if (alt.value === ABSENT) continue;
        out.push(...judge(alt.value, alt.when, typeof key === 'string' && at.length === 2 ? { ...place, generated: key } : place));
      }
    }
    return out;
  },
};

function judge(value: Value, when: readonly Assumption[], place: Place): Observation[] {
  if (typeof value === 'string') return judgeLiteral(value, when, place);
  if (value instanceof Opaque) return judgeSource(value, undefined, when, place);
  if (!(value instanceof Composite)) return [];
  const out: Observation[] = [];
  // Literal pieces: "key": "value" pairs written out in full.
  const text = value.parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  for (const m of text.matchAll(/"([^"\u0000]+)"\s*:\s*"([^"\u0000]*)"/g)) {
    const problem = literalUnderKey(m[1], m[2], place);
    if (problem) out.push({ outcome: 'non-compliant', severity: 'error', path: place.path, when, message: problem });
  }
  // Opaque pieces: what they stand for, under the key they sit under (when the text says).
  value.parts.forEach((part, i) => {
    if (!(part instanceof Opaque)) return;
    const key = jsonKeyBefore(value.parts, i);
    if (key !== undefined && (!secretName(key) || key === place.generated)) return; // a username, a host, a client id
    out.push(...judgeSource(part, key, when, place));
  });
  return out;
}

function judgeLiteral(text: string, when: readonly Assumption[], place: Place): Observation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const problems = Object.entries(parsed as Record<string, unknown>)
      .map(([k, v]) => (typeof v === 'string' ? literalUnderKey(k, v, place) : undefined))
      .filter((p): p is string => p !== undefined);
    return problems.map((message) => ({ outcome: 'non-compliant' as const, severity: 'error' as const, path: place.path, when, message }));
  }
  // A template is a JSON object the generated value is added to; only a whole SecretString can be the secret.
  if (place.name !== 'SecretString' || looksLikePlaceholder(text) || pemWithoutPrivateKey(text) || DYNAMIC_REFERENCE.test(text)) return [];
  return [{ outcome: 'non-compliant', severity: 'error', path: place.path, when, message: 'SecretString is a literal in the template, so the secret value is stored in the template.' }];
}

function literalUnderKey(key: string, value: string, place: Place): string | undefined {
  // Secrets Manager writes the generated value at GenerateStringKey: what the template says there never reaches it.
  if (key === place.generated) return undefined;
  // A placeholder (`<set after deploy>`, `REPLACE_ME`) is filled in later, out of band: no secret is in the template;
  // nor is one in a public key, a certificate or a private-key block left as a placeholder.
  if (looksLikePlaceholder(value) || pemWithoutPrivateKey(value) || DYNAMIC_REFERENCE.test(value)) return undefined;
  // One character is no secret material: the initial value of a token a function writes back later (`"AccessToken":
  // "0"` beside `"TokenExpiry": 0`).
  if (value.trim().length <= 1) return undefined;
  // A connection string with its password (`"uri": "postgres://app:pw@db/app"`) is one under any key.
  const url = urlPassword(value);
  if (url !== undefined) return `${place.name} key "${key}" holds ${url}, written in the template.`;
  // Under a key not named like a secret (`key1`, `primary`), a generated-looking value is still one; not an identifier.
  if (!secretName(key) && (IDENTIFIER_KEY.test(key) || !looksGenerated(value))) return undefined;
  return `${place.name} key "${key}" holds a literal written in the template (${value.length} characters, not shown).`;
}

function judgeSource(part: Opaque, key: string | undefined, when: readonly Assumption[], place: Place): Observation[] {
  const s = part.source;
  const under = key === undefined ? place.name : `${place.name} key "${key}"`;
  if (s.kind === 'parameter') {
    const realDefault = typeof s.default === 'string' ? !isPlaceholder(s.default) : s.default !== undefined;
    if (!s.noEcho || realDefault) return []; // reported on the parameter by TokenGuard-SEC6
    return [
      {
        outcome: 'non-compliant',
        severity: 'warning',
        path: place.path,
        when,
        message: `${under} comes from NoEcho parameter ${s.name}: the value still passes through CloudFormation and whatever runs the deployment.`,
      },
    ];
  }
  if (s.kind === 'import' || s.kind === 'unknown-function' || s.kind === 'unresolved') {
    return [{ outcome: 'cannot-tell', path: place.path, when, message: `Where ${under} comes from cannot be determined: ${describeSource(s)}.` }];
  }
  return []; // attributes (a client secret copied in), references, pseudo parameters
}

export default SecretValueInTemplate;
