import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { USER_POOL_CLIENT } from './client-facts';
import { lifetimeObservations } from './lifetime-check';

/** Access token lifetime above the policy's target (warning) or ceiling (error), units normalised. */
const AccessTokenLifetime: ResourceRule = {
  id: 'TokenGuard-COG1',
  name: 'AccessTokenLifetime',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'Access token lifetime of a Cognito app client, normalised through TokenValidityUnits (absent: 60 minutes).',
  rationale:
    'A Cognito access token is a JWT that APIs verify locally, so revoking the grant does not stop it: its lifetime is the exposure left after revocation or theft.',
  fix: {
    cdk: 'new cognito.UserPoolClient(this, "Client", { userPool, accessTokenValidity: Duration.minutes(5) }) (or use DelegatedClient / WorkloadClient)',
    cloudFormation: 'AccessTokenValidity: 5 and TokenValidityUnits: { AccessToken: minutes }',
  },
  standards: [STANDARDS.nhi7LongLived, STANDARDS.nistAc12],
  defaultSeverity: 'error',
  levels: 'WARN above `accessTokenMinutes.warnAbove` (15); ERROR above `accessTokenMinutes.errorAbove` (60)',
  check: (r, { evaluator, policy }) =>
    lifetimeObservations(r, evaluator, 'AccessToken', policy.accessTokenMinutes, 'accessTokenMinutes'),
};
export default AccessTokenLifetime;
