import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { describeCandidate } from '../engine/describe';
import { intervalDays, ROTATION_SCHEDULE } from './secret-facts';

/** A rotation schedule whose interval is longer than the policy allows. */
const SecretRotationInterval: ResourceRule = {
  id: 'TokenGuard-SMG3',
  name: 'SecretRotationInterval',
  category: 'secrets-manager',
  scope: 'resource',
  resourceTypes: [ROTATION_SCHEDULE],
  summary: 'RotationRules rotate at least every `secretRotationDays.warnAbove` days (rate, cron or AutomaticallyAfterDays).',
  rationale: 'The rotation interval is how long a copied secret stays valid; a refresh-token vault must rotate well inside the grant\'s lifetime.',
  fix: {
    cdk: 'secret.addRotationSchedule("Rotation", { rotationLambda, automaticallyAfter: Duration.days(7) })',
    cloudFormation: 'RotationRules: { ScheduleExpression: rate(7 days) }',
  },
  standards: [STANDARDS.nhi7LongLived, STANDARDS.nistIa5f],
  defaultSeverity: 'warning',
  levels: 'WARN above `secretRotationDays.warnAbove` (30)',
  check: (r, { evaluator, policy }) => {
    const out: Observation[] = [];
    const limit = policy.secretRotationDays.warnAbove;
    for (const [field, kind] of [
      ['AutomaticallyAfterDays', 'days'],
      ['ScheduleExpression', 'expression'],
    ] as const) {
      const path = `Properties.RotationRules.${field}`;
      for (const c of evaluator.scalars(r.properties, ['RotationRules', field], r.when)) {
        const days = intervalDays(c.value, kind);
        if (days === undefined) continue;
        if (days === null) {
          out.push({ outcome: 'cannot-tell', path, when: c.when, message: `The rotation interval cannot be determined: ${typeof c.value === 'string' ? `${field} ${JSON.stringify(c.value)} is not understood` : `${field} comes from ${describeCandidate(c)}`}.` });
        } else if (days > limit) {
          out.push({
            outcome: 'non-compliant',
            path,
            when: c.when,
            message: `Rotation runs as rarely as every ${Math.round(days * 10) / 10} days${c.via ? ` (${c.via})` : ''}; the policy targets at most ${limit} (secretRotationDays.warnAbove).`,
          });
        }
      }
    }
    return out;
  },
};
export default SecretRotationInterval;
