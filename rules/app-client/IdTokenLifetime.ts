import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { USER_POOL_CLIENT } from './client-facts';
import { lifetimeObservations } from './lifetime-check';

/** ID token lifetime above the policy's target (warning) or ceiling (error), units normalised. */
const IdTokenLifetime: ResourceRule = {
  id: 'TokenGuard-COG2',
  name: 'IdTokenLifetime',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'ID token lifetime of a Cognito app client, normalised through TokenValidityUnits (absent: 60 minutes).',
  rationale:
    'ID tokens are often accepted as bearer credentials by APIs behind Cognito authorizers; like access tokens they stay valid after revocation until they expire.',
  fix: {
    cdk: 'new cognito.UserPoolClient(this, "Client", { userPool, idTokenValidity: Duration.minutes(5) })',
    cloudFormation: 'IdTokenValidity: 5 and TokenValidityUnits: { IdToken: minutes }',
  },
  standards: [STANDARDS.nhi7LongLived, STANDARDS.nistAc12],
  defaultSeverity: 'error',
  levels: 'WARN above `idTokenMinutes.warnAbove` (15); ERROR above `idTokenMinutes.errorAbove` (60)',
  check: (r, { evaluator, policy }) => lifetimeObservations(r, evaluator, 'IdToken', policy.idTokenMinutes, 'idTokenMinutes'),
};
export default IdTokenLifetime;
