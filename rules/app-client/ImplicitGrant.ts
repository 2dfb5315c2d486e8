import { STANDARDS } from '../engine/standards';
import type { ResourceRule } from '../engine/types';
import { USER_POOL_CLIENT } from './client-facts';
import { oauthListObservations } from './oauth-facts';

/** The OAuth implicit grant enabled on an app client. */
const ImplicitGrant: ResourceRule = {
  id: 'TokenGuard-COG6',
  name: 'ImplicitGrant',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary: 'AllowedOAuthFlows does not include implicit on a client with OAuth enabled.',
  rationale:
    'The implicit grant returns tokens in the redirect URL, where browser history, referrers and injected scripts can read them; the code flow with PKCE does not.',
  fix: {
    cdk: 'oAuth: { flows: { authorizationCodeGrant: true, implicitCodeGrant: false } } (the L2 enables implicit by default)',
    cloudFormation: 'AllowedOAuthFlows: [code]',
  },
  standards: [STANDARDS.rfc9700Implicit, STANDARDS.nhi4InsecureAuthentication],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (r, { evaluator }) =>
    oauthListObservations(r, evaluator, 'AllowedOAuthFlows', (flows, when, via) =>
      flows.includes('implicit')
        ? [
            {
              outcome: 'non-compliant',
              path: 'Properties.AllowedOAuthFlows',
              when,
              message: `The implicit grant is enabled (AllowedOAuthFlows [${flows.join(', ')}]${via ? `, ${via}` : ''}); tokens travel in the redirect URL.`,
            },
          ]
        : [],
    ),
};
export default ImplicitGrant;
