import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { mergeAssumptions } from '../engine/values';
import { explicitAuthFlows, passwordFirstFactor, USER_POOL_CLIENT } from './client-facts';

/** Current and legacy names of the flows that send the password itself to Cognito. */
export const PASSWORD_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'];

/** Choice-based sign-in: a password flow when the user pool allows PASSWORD as a first factor. */
const CHOICE_BASED = 'ALLOW_USER_AUTH';

/** Password flows (the password itself sent to Cognito) enabled on an app client. */
const PasswordAuthFlows: ResourceRule = {
  id: 'TokenGuard-COG7',
  name: 'PasswordAuthFlows',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: `ExplicitAuthFlows includes none of ${PASSWORD_FLOWS.join(', ')}, nor ${CHOICE_BASED} on a user pool that allows PASSWORD as a first sign-in factor (its default).`,
  rationale:
    'Password flows put the plain password in the request (and usually in the integration that stores it), the pattern RFC 9700 forbids for OAuth; SRP proves the password without sending it.',
  fix: {
    cdk: 'authFlows: { userSrp: true } (leave userPassword and adminUserPassword unset; with authFlows.user, give the pool signInPolicy.allowedFirstAuthFactors without password)',
    cloudFormation: 'ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]; with ALLOW_USER_AUTH, Policies.SignInPolicy.AllowedFirstAuthFactors without PASSWORD',
  },
  standards: [STANDARDS.rfc9700NoPasswordGrant, STANDARDS.nhi4InsecureAuthentication, STANDARDS.nistIa2_8],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    const path = 'Properties.ExplicitAuthFlows';
    for (const alt of explicitAuthFlows(r, evaluator)) {
      if (!alt.known) {
        out.push({ outcome: 'cannot-tell', path, when: alt.when, message: `Password flows cannot be ruled out: ${alt.explain}.` });
        continue;
      }
      const found = alt.value.filter((f) => PASSWORD_FLOWS.includes(f));
      if (found.length > 0) {
        out.push({ outcome: 'non-compliant', path, when: alt.when, message: `Password flows are enabled (${found.join(', ')}); the password itself is sent to Cognito.` });
        continue;
      }
      if (!alt.value.includes(CHOICE_BASED)) continue;
      // Choice-based sign-in sends the plain password (the PASSWORD challenge) when the pool lets password be a first factor.
      for (const first of passwordFirstFactor(r, evaluator)) {
        const when = mergeAssumptions(alt.when, first.when);
        if (when === undefined || (first.known && !first.value)) continue;
        out.push(
          first.known
            ? { outcome: 'non-compliant', path, when, message: `${CHOICE_BASED} is enabled and ${first.explain}: users can sign in with the PASSWORD challenge, which sends the password itself to Cognito.` }
            : { outcome: 'cannot-tell', path, when, message: `Whether ${CHOICE_BASED} lets users send their password cannot be determined: ${first.explain}.` },
        );
      }
    }
    return out;
  },
};
export default PasswordAuthFlows;
