import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT } from '../engine/values';
import { USER_POOL_CLIENT } from './client-facts';
import { describeCandidate } from '../engine/describe';

/** `PreventUserExistenceErrors` not ENABLED (absent means LEGACY). */
const UserExistenceErrors: ResourceRule = {
  id: 'TokenGuard-COG9',
  name: 'UserExistenceErrors',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'PreventUserExistenceErrors is ENABLED (absent means LEGACY).',
  rationale:
    'In LEGACY mode sign-in and password-reset errors say whether a user exists, which lets an attacker enumerate accounts before guessing or phishing credentials.',
  fix: {
    cdk: 'preventUserExistenceErrors: true',
    cloudFormation: 'PreventUserExistenceErrors: ENABLED',
  },
  standards: [STANDARDS.nistSi11],
  defaultSeverity: 'warning',
  levels: 'WARN',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    const path = 'Properties.PreventUserExistenceErrors';
    for (const c of evaluator.scalars(r.properties, ['PreventUserExistenceErrors'], r.when)) {
      if (c.value === 'ENABLED') continue;
      if (c.value === ABSENT || c.value === 'LEGACY') {
        const state = c.value === ABSENT ? 'not set, so Cognito uses LEGACY' : 'LEGACY';
        out.push({ outcome: 'non-compliant', path, when: c.when, message: `PreventUserExistenceErrors is ${state}: errors reveal whether a user exists.` });
      } else {
        out.push({ outcome: 'cannot-tell', path, when: c.when, message: `PreventUserExistenceErrors comes from ${describeCandidate(c)}.` });
      }
    }
    return out;
  },
};
export default UserExistenceErrors;
