import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { enabledFlowObservations, USER_POOL_CLIENT } from './client-facts';

/** Current and legacy names of the flows that send the password itself to Cognito. */
export const PASSWORD_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'];

/** Password flows (the password itself sent to Cognito) enabled on an app client. */
const PasswordAuthFlows: ResourceRule = {
  id: 'TokenGuard-COG7',
  name: 'PasswordAuthFlows',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: `ExplicitAuthFlows includes none of ${PASSWORD_FLOWS.join(', ')}.`,
  rationale:
    'Password flows put the plain password in the request (and usually in the integration that stores it), the pattern RFC 9700 forbids for OAuth; SRP proves the password without sending it.',
  fix: {
    cdk: 'authFlows: { userSrp: true } (leave userPassword and adminUserPassword unset)',
    cloudFormation: 'ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]',
  },
  standards: [STANDARDS.rfc9700NoPasswordGrant, STANDARDS.nhi4InsecureAuthentication, STANDARDS.nistIa2_8],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (r, { evaluator }) =>
    enabledFlowObservations(r, evaluator, PASSWORD_FLOWS, 'Password flows', (found) =>
      `Password flows are enabled (${found.join(', ')}); the password itself is sent to Cognito.`,
    ),
};
export default PasswordAuthFlows;
