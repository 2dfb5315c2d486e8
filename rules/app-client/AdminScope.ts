import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { USER_POOL_CLIENT } from './client-facts';
import { oauthListObservations } from './oauth-facts';
import { Composite } from '../engine/values';

const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** The `aws.cognito.signin.user.admin` scope on an OAuth client. */
const AdminScope: ResourceRule = {
  id: 'TokenGuard-COG12',
  name: 'AdminScope',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: `AllowedOAuthScopes does not include ${ADMIN_SCOPE} on a client with OAuth enabled.`,
  rationale:
    'That scope lets the access token call Cognito user APIs for its user (read and change attributes, list devices, sign out): far more than an integration needs, and the CDK L2 adds it by default.',
  fix: {
    cdk: 'oAuth: { scopes: [OAuthScope.OPENID, OAuthScope.resourceServer(server, scope)] } (list scopes explicitly)',
    cloudFormation: `AllowedOAuthScopes: [openid, <your resource-server scopes>] without ${ADMIN_SCOPE}`,
  },
  standards: [STANDARDS.rfc9700PrivilegeRestriction, STANDARDS.nhi5Overprivileged, STANDARDS.nistAc6],
  defaultSeverity: 'warning',
  levels: 'WARN',
  check: (r, { evaluator }) =>
    oauthListObservations(r, evaluator, 'AllowedOAuthScopes', (scopes, when, via) =>
      scopes.includes(ADMIN_SCOPE)
        ? [
            {
              outcome: 'non-compliant',
              path: 'Properties.AllowedOAuthScopes',
              when,
              message: `Access tokens carry the ${ADMIN_SCOPE} scope${via ? ` (${via})` : ''}, which lets them call Cognito user APIs.`,
            },
          ]
        : [],
      // `{Ref Server}/read` is a resource-server scope whatever the server's identifier: never the admin scope.
      (x) => (x instanceof Composite && x.parts.some((p) => typeof p === 'string' && p.includes('/')) ? x.parts.map((p) => (typeof p === 'string' ? p : '…')).join('') : undefined),
    ),
};
export default AdminScope;
