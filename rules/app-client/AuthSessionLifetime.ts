import { STANDARDS } from '../engine/standards';
import { toNumber } from '../engine/evaluate';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT } from '../engine/values';
import { USER_POOL_CLIENT } from './client-facts';
import { describeCandidate } from '../engine/describe';

/** A long `AuthSessionValidity` (the session token of a multi-step sign-in). */
const AuthSessionLifetime: ResourceRule = {
  id: 'TokenGuard-COG10',
  name: 'AuthSessionLifetime',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'AuthSessionValidity (minutes; absent means 3) at most the policy target.',
  rationale:
    'The session token between sign-in steps (MFA, custom challenges) can complete a sign-in that issues a refresh token; the longer it lives, the longer a stolen one is useful.',
  fix: {
    cdk: 'authSessionValidity: Duration.minutes(3)',
    cloudFormation: 'AuthSessionValidity: 3',
  },
  standards: [STANDARDS.nistAc12],
  defaultSeverity: 'warning',
  levels: 'WARN above `authSessionMinutes.warnAbove` (5)',
  check: (r, { evaluator, policy }) => {
    const out: Observation[] = [];
    const path = 'Properties.AuthSessionValidity';
    const limit = policy.authSessionMinutes.warnAbove;
    for (const c of evaluator.scalars(r.properties, ['AuthSessionValidity'], r.when)) {
      if (c.value === ABSENT) continue; // 3 minutes, the minimum
      const minutes = toNumber(c.value);
      if (minutes === undefined) {
        out.push({ outcome: 'cannot-tell', path, when: c.when, message: `AuthSessionValidity comes from ${describeCandidate(c)}.` });
      } else if (minutes > limit) {
        out.push({
          outcome: 'non-compliant',
          path,
          when: c.when,
          message: `Sign-in sessions last ${minutes} minutes${c.via ? ` (${c.via})` : ''}; the policy targets at most ${limit} (authSessionMinutes.warnAbove).`,
        });
      }
    }
    return out;
  },
};
export default AuthSessionLifetime;
