import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { enabledFlowObservations, USER_POOL_CLIENT } from './client-facts';

const CUSTOM_FLOWS = ['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'];

/** Custom authentication enabled on an app client, explicitly or by Cognito's default. */
const CustomAuthFlow: ResourceRule = {
  id: 'TokenGuard-COG8',
  name: 'CustomAuthFlow',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'ExplicitAuthFlows is set and excludes ALLOW_CUSTOM_AUTH / CUSTOM_AUTH_FLOW_ONLY (absent means Cognito enables custom auth).',
  rationale:
    'Custom auth hands the decision to Lambda triggers, so sign-in (and the refresh tokens it issues) is only as strong as that code; Cognito enables it by default when ExplicitAuthFlows is left out.',
  fix: {
    cdk: 'authFlows: { userSrp: true } (always set authFlows; the L2 otherwise leaves Cognito\'s default, which includes custom auth)',
    cloudFormation: 'ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]',
  },
  standards: [STANDARDS.nhi4InsecureAuthentication],
  defaultSeverity: 'warning',
  levels: 'WARN',
  check: (r, { evaluator }) =>
    enabledFlowObservations(r, evaluator, CUSTOM_FLOWS, 'Custom auth', (found, isDefault) =>
      isDefault
        ? 'Custom auth is enabled by default: ExplicitAuthFlows is not set, and Cognito\'s default includes ALLOW_CUSTOM_AUTH.'
        : `Custom auth is enabled (${found.join(', ')}); sign-in strength depends on the Lambda triggers.`,
    ),
};
export default CustomAuthFlow;
