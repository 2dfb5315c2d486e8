/**
 * Holdout rw271 (after offlineprogrammer/gen2-samples car-rental-service/amplify/auth/resource.ts): Amplify Gen 2
 * fetches backend secrets through one Lambda-backed Custom::SecretFetcherResource whose attributes are named after
 * the secrets, and feeds `GOOGLE_CLIENT_ID` to the identity provider's client_id. The resource's name says it holds
 * secrets, so SEC9 could not tell whether any attribute of it is one; but an attribute named as an identifier
 * (IDENTIFIER_KEY ending its name: a client id, a host, a user name) is one, whatever the resource is called. An
 * attribute named like a secret stays secret, and any other attribute of a secret-named resource stays a cannot-tell.
 */
import { audit } from '../helpers';

const ID = 'TokenGuard-SEC9';
const FETCHER = {
  Type: 'Custom::SecretFetcherResource',
  Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:fetch', secretNames: ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'] },
};

function idp(clientId: string, extraVariables: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      SecretFetcherResource: FETCHER,
      Google: {
        Type: 'AWS::Cognito::UserPoolIdentityProvider',
        Properties: {
          UserPoolId: { Ref: 'Pool' },
          ProviderName: 'Google',
          ProviderType: 'Google',
          ProviderDetails: { client_id: { 'Fn::GetAtt': ['SecretFetcherResource', clientId] }, client_secret: '{{resolve:secretsmanager:google:SecretString:clientSecret}}', authorize_scopes: 'openid' },
        },
      },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: { STAGE: 'dev', ...extraVariables } } } },
    },
  };
}
const sec9 = (t: Record<string, unknown>) => audit(t).filter((f) => f.ruleId === ID).map((f) => `${f.kind} ${f.logicalId} ${f.path}`);

describe('SEC9: identifier-named attributes of a custom resource named like a secret', () => {
  test('compliant: an attribute named as an identifier (a client id, a host, a user name, a pool id)', () => {
    const get = (attribute: string) => ({ 'Fn::GetAtt': ['SecretFetcherResource', attribute] });
    expect(sec9(idp('GOOGLE_CLIENT_ID'))).toEqual([]);
    // The same judgement for the environment rule (SEC1), where the function's variables are judged.
    const t = idp('ClientId', { DB_HOST: get('DbHost'), DB_USER: get('MasterUsername'), POOL: get('UserPoolId'), PORT: get('port') });
    expect(audit(t).filter((f) => f.ruleId === ID || f.ruleId === 'TokenGuard-SEC1')).toEqual([]);
    expect(audit(idp('ClientId', { OTHER: get('Value') })).filter((f) => f.ruleId === 'TokenGuard-SEC1').map((f) => f.kind)).toEqual(['cannot-tell']);
  });

  test('non-compliant: an attribute named like a secret, outside a SecretString', () => {
    expect(sec9(idp('GOOGLE_CLIENT_SECRET'))).toEqual(['violation Google Properties.ProviderDetails.client_id']);
  });

  test('cannot tell: an attribute named as neither (a value, a client) of the secret-named resource', () => {
    expect(sec9(idp('Value'))).toEqual(['cannot-tell Google Properties.ProviderDetails.client_id']);
    expect(sec9(idp('GOOGLE_CLIENT'))).toEqual(['cannot-tell Google Properties.ProviderDetails.client_id']);
  });
});
