import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, Composite, Opaque, Value, describeSource } from '../engine/values';
import { SECRET } from './secret-facts';

/** A secret whose `SecretString` is written in the template or passed in as a parameter. */
const SecretValueInTemplate: ResourceRule = {
  id: 'TokenGuard-SMG4',
  name: 'SecretValueInTemplate',
  category: 'secrets-manager',
  scope: 'resource',
  resourceTypes: [SECRET],
  summary: 'SecretString is neither a literal nor assembled from template parameters (use GenerateSecretString, or seed the value out of band).',
  rationale:
    'A value written into the template is readable by anyone who can read the template, the stack (GetTemplate) or the repository; a parameter value passes through CloudFormation and deployment tooling, and is shown in the console unless NoEcho is set.',
  fix: {
    cdk: 'new secretsmanager.Secret(this, "Secret", { generateSecretString: { … } }), then write the real value with PutSecretValue (token-guard seed for refresh tokens)',
    cloudFormation: 'GenerateSecretString instead of SecretString; put the value with PutSecretValue after deployment',
  },
  standards: [STANDARDS.nistIa5_7, STANDARDS.nhi2SecretLeakage],
  defaultSeverity: 'error',
  levels: 'ERROR for literals and for parameters without NoEcho or with a Default; WARN for a NoEcho parameter without Default; imported values cannot be told',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    const path = 'Properties.SecretString';
    for (const alt of evaluator.at(r.properties, ['SecretString'], r.when)) {
      if (alt.value === ABSENT) continue;
      const params = parameterSources(alt.value);
      if (typeof alt.value === 'string' && alt.value.trim() !== '' && !isPlaceholder(alt.value)) {
        out.push({ outcome: 'non-compliant', severity: 'error', path, when: alt.when, message: 'SecretString contains literal text from the template, so the secret value is stored in the template.' });
        continue;
      }
      for (const p of params) {
        if (p.source.kind === 'import' || p.source.kind === 'unknown-function' || p.source.kind === 'unresolved') {
          out.push({ outcome: 'cannot-tell', path, when: alt.when, message: `Where SecretString comes from cannot be determined: ${describeSource(p.source)}.` });
          continue;
        }
        if (p.source.kind !== 'parameter') continue;
        const exposed = !p.source.noEcho || p.source.default !== undefined;
        out.push({
          outcome: 'non-compliant',
          severity: exposed ? 'error' : 'warning',
          path,
          when: alt.when,
          message: exposed
            ? `SecretString comes from parameter ${p.source.name}, which ${!p.source.noEcho ? 'is not NoEcho' : 'has a Default'}: the value is visible in the template or the console.`
            : `SecretString comes from NoEcho parameter ${p.source.name}: the value still passes through CloudFormation and whatever runs the deployment.`,
        });
      }
    }
    return out;
  },
};

/** An empty JSON skeleton such as `{}` or `{"refreshToken":""}` holds nothing secret. */
function isPlaceholder(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return false;
    return Object.values(parsed).every((x) => x === '' || x === null);
  } catch {
    return false;
  }
}

function parameterSources(v: Value): Opaque[] {
  if (v instanceof Opaque) return [v];
  if (v instanceof Composite) return v.parts.filter((p): p is Opaque => p instanceof Opaque);
  return [];
}

export default SecretValueInTemplate;
