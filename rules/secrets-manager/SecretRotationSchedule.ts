import { STANDARDS } from '../engine/standards';
import type { ResourceEntry } from '../engine/template';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT } from '../engine/values';
import { schedulesBySecret, SECRET } from './secret-facts';

/** A Secrets Manager secret that no rotation schedule rotates. */
const SecretRotationSchedule: ResourceRule = {
  id: 'TokenGuard-SMG2',
  name: 'SecretRotationSchedule',
  category: 'secrets-manager',
  scope: 'resource',
  resourceTypes: [SECRET],
  summary:
    'An AWS::SecretsManager::RotationSchedule targets the secret (by Ref, ARN, name or target attachment) with a rotation function and RotationRules (AutomaticallyAfterDays or ScheduleExpression).',
  rationale:
    'A secret that is never rotated is a long-lived credential: a copy taken once keeps working, and nothing exercises the path that would replace it in an incident.',
  fix: {
    cdk: 'secret.addRotationSchedule("Rotation", { rotationLambda, automaticallyAfter: Duration.days(30) }) (RefreshTokenVault does this)',
    cloudFormation: 'AWS::SecretsManager::RotationSchedule with SecretId: !Ref Secret, RotationLambdaARN and RotationRules: { ScheduleExpression: rate(30 days) }',
  },
  standards: [STANDARDS.nhi7LongLived, STANDARDS.nistIa5f],
  defaultSeverity: 'error',
  levels: 'ERROR; cannot tell when a rotation schedule whose SecretId cannot be resolved (a parameter without default, an import, an unknown intrinsic) may rotate it',
  check: (r, ctx) => {
    const { bySecret, unresolved } = schedulesBySecret(ctx);
    const schedules = bySecret.get(r.logicalId) ?? [];
    const ev = ctx.evaluator;
    // Whether a setting is given on some branch: its raw node says, without evaluating it.
    const given = (s: ResourceEntry, ...path: string[]) => ev.rawAt(s.properties, path).some((a) => a.value !== ABSENT);
    const rotates = (s: ResourceEntry) =>
      (given(s, 'RotationLambdaARN') || given(s, 'HostedRotationLambda')) &&
      (given(s, 'RotationRules', 'AutomaticallyAfterDays') || given(s, 'RotationRules', 'ScheduleExpression'));
    const complete = schedules.filter(rotates);
    if (complete.length === 0) {
      // A schedule whose SecretId cannot be resolved may be the one that rotates this secret.
      const maybe = unresolved.find((u) => rotates(u.schedule));
      if (maybe !== undefined) {
        return [{
          outcome: 'cannot-tell',
          path: '',
          when: r.when,
          message: `No rotation schedule that names this secret rotates it, but whether ${maybe.schedule.logicalId} rotates it cannot be determined: its SecretId comes from ${maybe.from}.`,
        }];
      }
    }
    if (schedules.length === 0) {
      return [{ outcome: 'non-compliant', path: '', when: r.when, message: 'No AWS::SecretsManager::RotationSchedule rotates this secret.' }];
    }
    const out: Observation[] = [];
    if (complete.length === 0) {
      out.push({
        outcome: 'non-compliant',
        path: '',
        when: r.when,
        message: `Rotation schedule ${schedules.map((s) => s.logicalId).join(', ')} lacks a rotation function (RotationLambdaARN or HostedRotationLambda) or RotationRules, so the secret is never rotated.`,
      });
    } else if (complete.every((s) => s.condition !== undefined && s.condition !== r.condition)) {
      const s = complete[0];
      out.push({
        outcome: 'non-compliant',
        path: '',
        when: [...r.when, { condition: s.condition!, value: false }],
        message: `The secret is rotated only when condition ${s.condition} holds (rotation schedule ${s.logicalId}).`,
      });
    }
    return out;
  },
};
export default SecretRotationSchedule;
