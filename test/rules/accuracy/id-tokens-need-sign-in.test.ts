/**
 * Holdout class (issue 15, found by the real-world holdout rw92, a false warning): a client-credentials client whose
 * explicit flows allow no user sign-in (the Amplify CLI's confidential client pattern, aws-amplify/amplify-cli
 * auth-template.yml.ejs, and the M2M clients found by code search) issues no ID tokens, so their lifetime is not
 * reported. A client that leaves ExplicitAuthFlows out still lets users sign in (Cognito's default flows).
 */
import { audit, only } from '../helpers';

const M2M = {
  UserPoolId: 'eu-west-1_example',
  GenerateSecret: true,
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthScopes: ['billing/write'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
  AccessTokenValidity: 10,
  TokenValidityUnits: { AccessToken: 'minutes' },
  PreventUserExistenceErrors: 'ENABLED',
};
const cog2 = (properties: Record<string, unknown>) =>
  only(audit({ Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: properties } } }), 'TokenGuard-COG2').map((f) => `${f.kind} ${f.severity}`);

describe('ID token lifetime only where users sign in', () => {
  test('compliant: a client-credentials client with no sign-in flow issues no ID tokens', () => {
    expect(cog2(M2M)).toEqual([]);
  });

  test('non-compliant: without ExplicitAuthFlows, Cognito\'s default flows let users sign in (SRP) through the same client', () => {
    const { ExplicitAuthFlows: _flows, ...defaults } = M2M;
    expect(cog2(defaults)).toEqual(['violation warning']);
  });

  test('non-compliant: the implicit grant issues ID tokens without any sign-in flow', () => {
    expect(cog2({ ...M2M, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://app.example.net/cb'] })).toEqual(['violation warning']);
  });

  test('cannot tell: a sign-in client whose ID token lifetime is imported', () => {
    expect(cog2({ ...M2M, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], IdTokenValidity: { 'Fn::ImportValue': 'id-token-minutes' } })).toEqual(['cannot-tell warning']);
  });
});
