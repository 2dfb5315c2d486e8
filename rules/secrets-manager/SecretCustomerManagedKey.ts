import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, Composite, Opaque } from '../engine/values';
import type { Candidate } from '../engine/evaluate';
import { describeCandidate } from '../engine/describe';
import { SECRET } from './secret-facts';

const AWS_MANAGED = /(^|[:/])(alias\/)?aws\/secretsmanager$/;

/** A Secrets Manager secret encrypted with the AWS managed key rather than a customer-managed one. */
const SecretCustomerManagedKey: ResourceRule = {
  id: 'TokenGuard-SMG1',
  name: 'SecretCustomerManagedKey',
  category: 'secrets-manager',
  scope: 'resource',
  resourceTypes: [SECRET],
  summary: 'KmsKeyId is set to a customer-managed KMS key (absent means the AWS managed key aws/secretsmanager), for the secret and for each of its ReplicaRegions.',
  rationale:
    'With the AWS managed key, any principal with secretsmanager:GetSecretValue in the account can decrypt; a customer-managed key adds a key policy you control and a separate audit trail for every decrypt.',
  fix: {
    cdk: 'new secretsmanager.Secret(this, "Secret", { encryptionKey: new kms.Key(this, "Key", { enableKeyRotation: true }) }) (or RefreshTokenVault)',
    cloudFormation: 'KmsKeyId: !GetAtt Key.Arn (an AWS::KMS::Key with EnableKeyRotation: true)',
  },
  standards: [STANDARDS.nistSc28, STANDARDS.nistSc12, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    const judge = (c: Candidate, path: string, what: string) => {
      if (c.value === ABSENT) {
        out.push({ outcome: 'non-compliant', path, when: c.when, message: `${what} is encrypted with the AWS managed key aws/secretsmanager (KmsKeyId is not set).` });
      } else if (typeof c.value === 'string') {
        if (AWS_MANAGED.test(c.value)) {
          out.push({ outcome: 'non-compliant', path, when: c.when, message: `${what} is encrypted with the AWS managed key (KmsKeyId ${c.value}${c.via ? `, ${c.via}` : ''}).` });
        }
      } else if (c.value instanceof Opaque && (c.value.source.kind === 'resource' || c.value.source.kind === 'attribute')) {
        if (!KMS_TYPES.has(c.value.source.resourceType ?? '')) {
          out.push({ outcome: 'cannot-tell', path, when: c.when, message: `KmsKeyId comes from ${describeCandidate(c)}, which is not a KMS key in this template.` });
        }
      } else if (c.value instanceof Composite && AWS_MANAGED.test(writtenEnd(c.value))) {
        out.push({ outcome: 'non-compliant', path, when: c.when, message: `${what} is encrypted with the AWS managed key (KmsKeyId ends in ${writtenEnd(c.value)}).` });
      } else if (!(c.value instanceof Composite && (c.value.parts.some(isTemplateKey) || cannotEndAsAwsManaged(writtenEnd(c.value))))) {
        // A key ARN built around a key of this template (a replica Region's ARN of a multi-Region key) is that key;
        // text whose written end differs from aws/secretsmanager (alias/${AWS::StackName}-SecretsKmsKey) is another key.
        out.push({ outcome: 'cannot-tell', path, when: c.when, message: `Whether the key is customer-managed cannot be determined: KmsKeyId comes from ${describeCandidate(c)}.` });
      }
    };
    for (const c of evaluator.scalars(r.properties, ['KmsKeyId'], r.when)) judge(c, 'Properties.KmsKeyId', 'The secret');
    // Each replica has its own key: without KmsKeyId it is the AWS managed key of the replica's Region.
    for (const alt of evaluator.rawAt(r.properties, ['ReplicaRegions'], r.when)) {
      if (!Array.isArray(alt.value)) continue;
      alt.value.forEach((_replica, i) => {
        for (const c of evaluator.scalars(r.properties, ['ReplicaRegions', i, 'KmsKeyId'], alt.when)) judge(c, `Properties.ReplicaRegions.${i}.KmsKeyId`, `The replica of the secret (ReplicaRegions ${i})`);
      });
    }
    return out;
  },
};

const KMS_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey']);

/** The literal text a value assembled from pieces ends with ('' when it ends in a piece that cannot be known). */
function writtenEnd(v: Composite): string {
  const last = v.parts[v.parts.length - 1];
  return typeof last === 'string' ? last : '';
}

/** Whether text a key name ends with rules out aws/secretsmanager (it is not the end of that name). */
function cannotEndAsAwsManaged(end: string): boolean {
  return end !== '' && !'aws/secretsmanager'.endsWith(end);
}

function isTemplateKey(part: string | Opaque): boolean {
  return part instanceof Opaque && (part.source.kind === 'resource' || part.source.kind === 'attribute') && KMS_TYPES.has(part.source.resourceType ?? '');
}
export default SecretCustomerManagedKey;
