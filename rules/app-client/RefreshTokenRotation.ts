import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, mergeAssumptions } from '../engine/values';
import { receivesRefreshTokens, USER_POOL_CLIENT } from './client-facts';
import { describeCandidate } from '../engine/describe';

/** Refresh token rotation off on a client that can receive refresh tokens. */
const RefreshTokenRotation: ResourceRule = {
  id: 'TokenGuard-COG4',
  name: 'RefreshTokenRotation',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'Refresh token rotation (RefreshTokenRotation.Feature ENABLED) on every app client that can receive refresh tokens.',
  rationale:
    'Without rotation a refresh token is reusable for its whole lifetime and a copy works as well as the original; with rotation every refresh returns a new token and replaying an old one fails.',
  fix: {
    cdk: 'new cognito.UserPoolClient(this, "Client", { userPool, refreshTokenRotationGracePeriod: Duration.seconds(60), authFlows: { userSrp: true } }) (or DelegatedClient); refresh with GetTokensFromRefreshToken',
    cloudFormation: 'RefreshTokenRotation: { Feature: ENABLED, RetryGracePeriodSeconds: 60 }',
  },
  standards: [STANDARDS.rfc9700RefreshRotation, STANDARDS.rfc9700RefreshProtection, STANDARDS.nhi7LongLived, STANDARDS.nistIa5f],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    const path = 'Properties.RefreshTokenRotation.Feature';
    for (const receives of receivesRefreshTokens(r, evaluator)) {
      if (receives.known && !receives.value) continue;
      for (const feature of evaluator.scalars(r.properties, ['RefreshTokenRotation', 'Feature'], receives.when)) {
        const when = mergeAssumptions(receives.when, feature.when);
        if (when === undefined || feature.value === 'ENABLED') continue;
        const off = feature.value === ABSENT || feature.value === 'DISABLED';
        if (!off) {
          out.push({ outcome: 'cannot-tell', path, when, message: `Refresh token rotation cannot be determined: RefreshTokenRotation.Feature comes from ${describeCandidate(feature)}.` });
        } else if (!receives.known) {
          out.push({ outcome: 'cannot-tell', path, when, message: `Refresh token rotation is off and whether the client receives refresh tokens cannot be determined: ${receives.explain}.` });
        } else {
          const state = feature.value === ABSENT ? 'RefreshTokenRotation is not set' : 'RefreshTokenRotation.Feature is DISABLED';
          out.push({
            outcome: 'non-compliant',
            path,
            when,
            message: `Refresh token rotation is off (${state}) although ${receives.explain}; a copied refresh token keeps working for its whole lifetime.`,
          });
        }
      }
    }
    return out;
  },
};
export default RefreshTokenRotation;
