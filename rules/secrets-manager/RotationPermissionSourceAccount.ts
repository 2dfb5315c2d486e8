import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, Composite } from '../engine/values';

/** A Lambda permission for Secrets Manager rotation without `SourceAccount` (or `SourceArn`). */
const RotationPermissionSourceAccount: ResourceRule = {
  id: 'TokenGuard-SMG6',
  name: 'RotationPermissionSourceAccount',
  category: 'secrets-manager',
  scope: 'resource',
  resourceTypes: ['AWS::Lambda::Permission'],
  summary: 'A Lambda permission for principal secretsmanager.amazonaws.com sets SourceAccount (or SourceArn).',
  rationale:
    'Without it, Secrets Manager acting for any account can invoke the rotation function (the confused-deputy problem); a rotator that holds a refresh token should answer only to your account. CDK\'s addRotationSchedule omits it.',
  fix: {
    cdk: '(permission.node.defaultChild as lambda.CfnPermission).addPropertyOverride("SourceAccount", Aws.ACCOUNT_ID), or use RefreshTokenVault / WorkloadClient',
    cloudFormation: 'SourceAccount: !Ref AWS::AccountId',
  },
  standards: [STANDARDS.nistAc3],
  defaultSeverity: 'warning',
  levels: 'WARN',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    for (const p of evaluator.at(r.properties, ['Principal'], r.when)) {
      const principal = typeof p.value === 'string' ? p.value : p.value instanceof Composite ? p.value.parts.filter((x) => typeof x === 'string').join('') : '';
      if (!principal.startsWith('secretsmanager.')) continue;
      for (const account of evaluator.at(r.properties, ['SourceAccount'], p.when)) {
        if (account.value !== ABSENT) continue;
        for (const arn of evaluator.at(r.properties, ['SourceArn'], account.when)) {
          if (arn.value !== ABSENT) continue;
          out.push({
            outcome: 'non-compliant',
            path: 'Properties.SourceAccount',
            when: arn.when,
            message: 'The permission lets secretsmanager.amazonaws.com invoke the function with neither SourceAccount nor SourceArn set.',
          });
        }
      }
    }
    return out;
  },
};
export default RotationPermissionSourceAccount;
