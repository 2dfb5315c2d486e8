/**
 * Holdout rw271 (after offlineprogrammer/gen2-samples car-rental-service/amplify/auth/resource.ts): Amplify Gen 2 feeds
 * an identity provider's client_secret from a Lambda-backed Custom::SecretFetcherResource whose handler
 * (aws-amplify/amplify-backend backend_secret_fetcher.ts) answers with NoEcho: true. In a credential property the
 * value is where it belongs; whether the handler the template does not show masks it cannot be told (RULES.md SEC11:
 * cannot tell for attributes of other resources). A secret that CloudFormation is known to copy in the clear (a
 * client's ClientSecret, an AwsCustomResource's describeUserPoolClient response) stays an error.
 */
import { audit, verdict } from '../helpers';

const ID = 'TokenGuard-SEC11';
const POOL = { Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} } };

function idpWith(clientSecret: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Parameters: { GoogleSecret: { Type: 'String', NoEcho: true } },
    Resources: {
      ...POOL,
      ...extra,
      Google: {
        Type: 'AWS::Cognito::UserPoolIdentityProvider',
        Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'id.apps.googleusercontent.com', client_secret: clientSecret, authorize_scopes: 'openid' } },
      },
    },
  };
}

const FETCHER = { Fetcher: { Type: 'Custom::SecretFetcherResource', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:fetch', secretNames: ['GOOGLE_CLIENT_SECRET'] } } };

describe('SEC11: a Lambda-backed custom resource\'s secret attribute in a credential property', () => {
  test('compliant: a NoEcho parameter without default, or a Secrets Manager dynamic reference', () => {
    expect(verdict(audit(idpWith({ Ref: 'GoogleSecret' })), ID, 'Google')).toBe('compliant');
    expect(verdict(audit(idpWith('{{resolve:secretsmanager:google/oauth:SecretString:clientSecret}}')), ID, 'Google')).toBe('compliant');
  });

  test('cannot tell: an attribute named like a secret of a handler the template does not show (it may answer with NoEcho)', () => {
    const findings = audit(idpWith({ 'Fn::GetAtt': ['Fetcher', 'GOOGLE_CLIENT_SECRET'] }, FETCHER)).filter((f) => f.ruleId === ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'cannot-tell', severity: 'warning', path: 'Properties.ProviderDetails.client_secret' });
    expect(findings[0].message).toContain('NoEcho');
  });

  test('non-compliant: a client secret CloudFormation copies in the clear (GetAtt ClientSecret of an app client)', () => {
    const other = { Other: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, GenerateSecret: true } } };
    const findings = audit(idpWith({ 'Fn::GetAtt': ['Other', 'ClientSecret'] }, other)).filter((f) => f.ruleId === ID);
    expect(findings.map((f) => f.kind)).toEqual(['violation']);
  });
});
