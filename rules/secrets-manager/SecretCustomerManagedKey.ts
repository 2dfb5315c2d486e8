import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, Opaque } from '../engine/values';
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
  summary: 'KmsKeyId is set to a customer-managed KMS key (absent means the AWS managed key aws/secretsmanager).',
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
    const path = 'Properties.KmsKeyId';
    for (const c of evaluator.scalars(r.properties, ['KmsKeyId'], r.when)) {
      if (c.value === ABSENT) {
        out.push({ outcome: 'non-compliant', path, when: c.when, message: 'The secret is encrypted with the AWS managed key aws/secretsmanager (KmsKeyId is not set).' });
      } else if (typeof c.value === 'string') {
        if (AWS_MANAGED.test(c.value)) {
          out.push({ outcome: 'non-compliant', path, when: c.when, message: `The secret is encrypted with the AWS managed key (KmsKeyId ${c.value}${c.via ? `, ${c.via}` : ''}).` });
        }
      } else if (c.value instanceof Opaque && (c.value.source.kind === 'resource' || c.value.source.kind === 'attribute')) {
        const type = c.value.source.resourceType;
        if (type !== 'AWS::KMS::Key' && type !== 'AWS::KMS::Alias' && type !== 'AWS::KMS::ReplicaKey') {
          out.push({ outcome: 'cannot-tell', path, when: c.when, message: `KmsKeyId comes from ${describeCandidate(c)}, which is not a KMS key in this template.` });
        }
      } else {
        out.push({ outcome: 'cannot-tell', path, when: c.when, message: `Whether the key is customer-managed cannot be determined: KmsKeyId comes from ${describeCandidate(c)}.` });
      }
    }
    return out;
  },
};
export default SecretCustomerManagedKey;
