import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, Composite, Opaque, Value, describeSource, isPlainObject } from '../engine/values';

/** Condition keys that pin an `Allow` to known principals, accounts or networks. */
const RESTRICTING_KEYS = new Set(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:userid',
    'aws:username',
  ].map((k) => k.toLowerCase()),
);

/** A secret resource policy that allows any principal (`*`) without a condition that pins who it is. */
const SecretPolicyOpen: ResourceRule = {
  id: 'TokenGuard-SMG5',
  name: 'SecretPolicyOpen',
  category: 'secrets-manager',
  scope: 'resource',
  resourceTypes: ['AWS::SecretsManager::ResourcePolicy'],
  summary: 'No Allow statement of the resource policy names Principal "*" (or uses NotPrincipal) without a condition on the principal, account, organisation or network.',
  rationale:
    'A resource policy open to "*" lets principals outside the account read the secret if anything else (a key policy, a misconfigured role) lets them decrypt; the vault holding a refresh token must admit only its named readers.',
  fix: {
    cdk: 'secret.addToResourcePolicy(new iam.PolicyStatement({ principals: [brokerRole], actions: ["secretsmanager:GetSecretValue"], resources: ["*"] })) (RefreshTokenVault admits only named readers)',
    cloudFormation: 'Principal: { AWS: <role ARN> }, or add Condition: { StringEquals: { aws:PrincipalAccount: !Ref AWS::AccountId } }',
  },
  standards: [STANDARDS.nistAc3, STANDARDS.nistAc6, STANDARDS.nhi5Overprivileged],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    for (const alt of evaluator.at(r.properties, ['ResourcePolicy'], r.when)) {
      if (alt.value === ABSENT) continue;
      let doc: Value | undefined = alt.value;
      if (typeof doc === 'string') {
        try {
          doc = JSON.parse(doc) as Value;
        } catch {
          doc = undefined;
        }
      }
      if (!isPlainObject(doc)) {
        const from = alt.value instanceof Opaque ? describeSource(alt.value.source) : 'a value that is not a policy document';
        out.push({ outcome: 'cannot-tell', path: 'Properties.ResourcePolicy', when: alt.when, message: `The resource policy cannot be read: it comes from ${from}.` });
        continue;
      }
      const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
      statements.forEach((st, i) => {
        if (!isPlainObject(st) || st.Effect !== 'Allow') return;
        const path = Array.isArray(doc!.Statement) ? `Properties.ResourcePolicy.Statement.${i}` : 'Properties.ResourcePolicy.Statement';
        const open = st.NotPrincipal !== undefined ? 'NotPrincipal' : isWildcardPrincipal(st.Principal) ? 'Principal "*"' : undefined;
        if (!open || hasRestrictingCondition(st.Condition)) return;
        out.push({
          outcome: 'non-compliant',
          path,
          when: alt.when,
          message: `Statement ${typeof st.Sid === 'string' ? st.Sid + ' ' : ''}allows ${describeActions(st.Action)} to ${open} without a condition on the principal, account or network.`,
        });
      });
    }
    return out;
  },
};

function isWildcardPrincipal(p: unknown): boolean {
  if (p === '*') return true;
  if (!isPlainObject(p)) return false;
  const aws = p.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

function hasRestrictingCondition(condition: unknown): boolean {
  if (!isPlainObject(condition)) return false;
  return Object.values(condition).some(
    (block) => isPlainObject(block) && Object.keys(block).some((k) => RESTRICTING_KEYS.has(k.toLowerCase())),
  );
}

function describeActions(action: unknown): string {
  if (typeof action === 'string') return action;
  if (Array.isArray(action)) return action.filter((a) => typeof a === 'string').join(', ') || 'actions';
  if (action instanceof Composite || action instanceof Opaque) return 'computed actions';
  return 'actions';
}

export default SecretPolicyOpen;
