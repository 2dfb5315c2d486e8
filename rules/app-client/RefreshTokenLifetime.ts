import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { mergeAssumptions } from '../engine/values';
import { receivesRefreshTokens, USER_POOL_CLIENT } from './client-facts';
import { daysToMinutes, lifetimeObservations } from './lifetime-check';

/** Refresh token lifetime above the policy's target (warning) or ceiling (error), on clients that receive them. */
const RefreshTokenLifetime: ResourceRule = {
  id: 'TokenGuard-COG3',
  name: 'RefreshTokenLifetime',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary:
    'Refresh token lifetime of a Cognito app client that can receive refresh tokens, normalised through TokenValidityUnits (absent: 30 days).',
  rationale:
    'A refresh token is a standing grant: whoever holds it mints access tokens until it expires or is revoked, so its lifetime bounds how long a stolen grant is worth having.',
  fix: {
    cdk: 'new cognito.UserPoolClient(this, "Client", { userPool, refreshTokenValidity: Duration.days(7) }) (or DelegatedClient)',
    cloudFormation: 'RefreshTokenValidity: 7 and TokenValidityUnits: { RefreshToken: days }',
  },
  standards: [STANDARDS.nhi7LongLived, STANDARDS.rfc9700RefreshProtection, STANDARDS.nistIa5f],
  defaultSeverity: 'error',
  levels: 'WARN above `refreshTokenDays.warnAbove` (7); ERROR above `refreshTokenDays.errorAbove` (30); only on clients that can receive refresh tokens',
  check: (r, { evaluator, policy }) => {
    const receives = receivesRefreshTokens(r, evaluator);
    // Report an alternative unless every compatible answer says the client receives no refresh token.
    return lifetimeObservations(r, evaluator, 'RefreshToken', daysToMinutes(policy.refreshTokenDays), 'refreshTokenDays', (l) =>
      receives.some((x) => mergeAssumptions(x.when, l.when) !== undefined && (!x.known || x.value)),
    );
  },
};
export default RefreshTokenLifetime;
