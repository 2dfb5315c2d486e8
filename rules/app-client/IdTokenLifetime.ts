import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { mergeAssumptions } from '../engine/values';
import { USER_POOL_CLIENT, userSignIn } from './client-facts';
import { lifetimeObservations } from './lifetime-check';

/** ID token lifetime above the policy's target (warning) or ceiling (error), units normalised, on clients that issue them. */
const IdTokenLifetime: ResourceRule = {
  id: 'TokenGuard-COG2',
  name: 'IdTokenLifetime',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary:
    'ID token lifetime of a Cognito app client that can issue ID tokens (one a user can sign in through: the code or implicit grant, or an API sign-in flow; not a client-credentials-only client), normalised through TokenValidityUnits (absent: 60 minutes).',
  rationale:
    'ID tokens are often accepted as bearer credentials by APIs behind Cognito authorizers; like access tokens they stay valid after revocation until they expire.',
  fix: {
    cdk: 'new cognito.UserPoolClient(this, "Client", { userPool, idTokenValidity: Duration.minutes(5) })',
    cloudFormation: 'IdTokenValidity: 5 and TokenValidityUnits: { IdToken: minutes }',
  },
  standards: [STANDARDS.nhi7LongLived, STANDARDS.nistAc12],
  defaultSeverity: 'error',
  levels: 'WARN above `idTokenMinutes.warnAbove` (15); ERROR above `idTokenMinutes.errorAbove` (60)',
  check: (r, { evaluator, policy }) => {
    // ID tokens come only from a user's sign-in. Report an alternative unless every compatible answer says no user
    // can sign in through this client.
    const signIn = userSignIn(r, evaluator);
    return lifetimeObservations(r, evaluator, 'IdToken', policy.idTokenMinutes, 'idTokenMinutes', (l) =>
      signIn.some((x) => mergeAssumptions(x.when, l.when) !== undefined && (!x.known || x.value)),
    );
  },
};
export default IdTokenLifetime;
