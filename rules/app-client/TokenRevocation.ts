import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, cfnBoolean } from '../engine/values';
import { USER_POOL_CLIENT } from './client-facts';
import { describeCandidate } from '../engine/describe';

/** Token revocation disabled on an app client. */
const TokenRevocation: ResourceRule = {
  id: 'TokenGuard-COG5',
  name: 'TokenRevocation',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'EnableTokenRevocation is not false (absent means true, the Cognito default for new clients).',
  rationale:
    'With revocation disabled, RevokeToken fails and a leaked refresh token cannot be cancelled; the grant lives until it expires.',
  fix: {
    cdk: 'new cognito.UserPoolClient(this, "Client", { userPool, enableTokenRevocation: true })',
    cloudFormation: 'EnableTokenRevocation: true (or leave it out)',
  },
  standards: [STANDARDS.nistIa5d, STANDARDS.rfc9700RefreshProtection, STANDARDS.nhi7LongLived],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    const path = 'Properties.EnableTokenRevocation';
    for (const c of evaluator.scalars(r.properties, ['EnableTokenRevocation'], r.when)) {
      if (c.value === ABSENT || cfnBoolean(c.value) === true) continue;
      if (cfnBoolean(c.value) === false) {
        out.push({
          outcome: 'non-compliant',
          path,
          when: c.when,
          message: `Token revocation is disabled (EnableTokenRevocation false${c.via ? `, ${c.via}` : ''}); refresh tokens of this client cannot be revoked.`,
        });
      } else {
        out.push({ outcome: 'cannot-tell', path, when: c.when, message: `Whether token revocation is enabled cannot be determined: EnableTokenRevocation comes from ${describeCandidate(c)}.` });
      }
    }
    return out;
  },
};
export default TokenRevocation;
