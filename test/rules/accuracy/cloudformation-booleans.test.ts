/**
 * Holdout class (session 5, rw211): CloudFormation reads a Boolean written as a string in any case, so the Aurora
 * Quick Start's `NoEcho: "True"` (aws-quickstart/quickstart-amazon-aurora-postgresql) hides the parameter, and
 * `EnableTokenRevocation: "False"` turns revocation off. cfn-lint compares such strings lower-cased too
 * (`helpers.bool_compare`). Anything else (`"yes"`, a token) is not known to be either.
 */
import { audit } from '../helpers';

const findings = (t: Record<string, unknown>, rule: string) => audit(t).filter((f) => f.ruleId === rule).map((f) => `${f.kind} ${f.logicalId} ${f.path}`);

describe('Booleans written as strings in any case', () => {
  const withPassword = (noEcho: unknown) => ({
    Parameters: { DBPassword: { Type: 'String', NoEcho: noEcho, MinLength: 8 } },
    Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'admin', MasterUserPassword: { Ref: 'DBPassword' } } } },
  });
  const client = (properties: Record<string, unknown>) => ({
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...properties } },
    },
  });

  test.each([true, 'true', 'True', 'TRUE'])('compliant: NoEcho %p hides the password parameter (no SEC6)', (noEcho) => {
    expect(findings(withPassword(noEcho), 'TokenGuard-SEC6')).toEqual([]);
  });

  test.each(['False', 'false', 'yes'])('non-compliant: NoEcho %p leaves the password parameter visible (SEC6)', (noEcho) => {
    expect(findings(withPassword(noEcho), 'TokenGuard-SEC6')).toEqual(['violation DBPassword Parameters.DBPassword.NoEcho']);
  });

  test.each(['False', 'FALSE'])('non-compliant: EnableTokenRevocation %p turns revocation off (COG5)', (value) => {
    expect(findings(client({ EnableTokenRevocation: value }), 'TokenGuard-COG5')).toEqual(['violation Client Properties.EnableTokenRevocation']);
  });

  test("compliant: EnableTokenRevocation 'True' (no COG5)", () => {
    expect(findings(client({ EnableTokenRevocation: 'True' }), 'TokenGuard-COG5')).toEqual([]);
  });

  test("cannot tell: EnableTokenRevocation 'yes' is not a CloudFormation Boolean", () => {
    expect(findings(client({ EnableTokenRevocation: 'yes' }), 'TokenGuard-COG5')).toEqual(['cannot-tell Client Properties.EnableTokenRevocation']);
  });

  test("non-compliant: AllowedOAuthFlowsUserPoolClient 'True' with the implicit grant is judged as true (COG6, COG11)", () => {
    const t = client({ AllowedOAuthFlowsUserPoolClient: 'True', AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['http://app.example.com/cb'], SupportedIdentityProviders: ['COGNITO'] });
    expect(findings(t, 'TokenGuard-COG6')).toEqual(['violation Client Properties.AllowedOAuthFlows']);
    expect(findings(t, 'TokenGuard-COG11')).toEqual(['violation Client Properties.CallbackURLs.0']);
  });
});
