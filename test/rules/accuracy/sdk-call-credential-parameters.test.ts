/**
 * Holdout24 (rw736): a secret response field passed in a credential-named parameter of an AwsCustomResource call is
 * SEC11's place, as a credential property is; SEC9 leaves it to SEC11 instead of reporting the same copy again at
 * Create and at Update (CDK writes the call into both). The fixture follows the CognitoConstruct of an AgentCore
 * Gateway admin console found by code search: describeUserPoolClient reads the m2m client's secret and a second
 * AwsCustomResource puts it into a Secret with putSecretValue (SecretString). Calls are written the way CDK renders
 * them, a Fn::Join around the call's JSON.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit, callJson } from '../helpers';

const call = (c: Record<string, unknown>) => ({ Type: 'Custom::AWS', Properties: { ServiceToken: { 'Fn::GetAtt': ['Provider', 'Arn'] }, Create: callJson(c), Update: callJson(c) } });
const getAtt = (id: string, field: string) => ({ 'Fn::GetAtt': [id, field] });

function template(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, GenerateSecret: true, ExplicitAuthFlows: [], AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['gateway/invoke'] } },
      Fetch: call({ service: 'CognitoIdentityServiceProvider', action: 'describeUserPoolClient', parameters: { UserPoolId: { Ref: 'Pool' }, ClientId: { Ref: 'Client' } }, physicalResourceId: { id: 'describe' }, logApiResponseData: false }),
      Vault: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
      Write: call({ service: 'SecretsManager', action: 'putSecretValue', parameters: { SecretId: { Ref: 'Vault' }, ...parameters }, physicalResourceId: { id: 'write' } }),
      ...extra,
    },
  };
}

const placed = (findings: Finding[]) =>
  findings.filter((f) => (f.ruleId === 'TokenGuard-SEC9' || f.ruleId === 'TokenGuard-SEC11') && f.logicalId === 'Write').map((f) => `${f.ruleId} ${f.kind} ${f.path}`);

describe('a secret in a credential parameter of an SDK call is reported once, by SEC11', () => {
  test('non-compliant: the describe call\'s ClientSecret as putSecretValue\'s SecretString (Create and Update)', () => {
    const found = audit(template({ SecretString: getAtt('Fetch', 'UserPoolClient.ClientSecret') }));
    expect(placed(found)).toEqual(['TokenGuard-SEC11 violation Properties.Create']);
    // The provider still logs the request with the secret in it.
    expect(found.filter((f) => f.ruleId === 'TokenGuard-SEC12' && f.logicalId === 'Write').map((f) => f.path)).toEqual(['Properties.Create']);
  });

  test('non-compliant: the same read in a parameter SEC11 does not judge (nested, not credential-named) stays SEC9\'s', () => {
    const found = audit(template({ Config: { Nested: getAtt('Fetch', 'UserPoolClient.ClientSecret') } }));
    expect(placed(found)).toContain('TokenGuard-SEC9 violation Properties.Create');
    expect(placed(found).filter((k) => k.startsWith('TokenGuard-SEC11'))).toEqual([]);
  });

  test('compliant: the secret given to the Secret\'s own SecretString, and no secret in the call', () => {
    const vault = { Vault: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: getAtt('Fetch', 'UserPoolClient.ClientSecret') } } };
    const found = audit(template({ VersionStages: ['AWSCURRENT'] }, vault));
    expect(found.filter((f) => f.ruleId === 'TokenGuard-SEC9' || f.ruleId === 'TokenGuard-SEC11')).toEqual([]);
  });

  test('cannot tell: a secret-named attribute of a Lambda-backed custom resource in the credential parameter is one SEC11 cannot-tell', () => {
    const lookup = { Lookup: { Type: 'Custom::ClientSecretLookup', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:lookup' } } };
    expect(placed(audit(template({ SecretString: getAtt('Lookup', 'ClientSecret') }, lookup)))).toEqual(['TokenGuard-SEC11 cannot-tell Properties.Create']);
  });
});
