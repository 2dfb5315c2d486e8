/**
 * Holdout rw352 (after annleefores/kodiko infra/auth/output.tf): an auth module outputs its app client's secret and
 * the parent hands `!GetAtt AuthStack.Outputs.UserPoolClientSecret` to a function's environment. The parent template
 * cannot show what another template's output holds; read as a plain attribute it passed silently. Like an
 * `Fn::ImportValue`, a nested stack's output (AWS::CloudFormation::Stack or SAM AWS::Serverless::Application) is
 * judged where it is defined (SEC7) and, where it lands, told only by its name or the key it lands under: cannot tell
 * when either says secret, nothing otherwise. A secret the parent passes down itself stays a violation.
 */
import { audit, Template } from '../helpers';

const NESTED = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://bucket.s3.amazonaws.com/auth.yaml' } };
const APP = { Type: 'AWS::Serverless::Application', Properties: { Location: { ApplicationId: 'arn:aws:serverlessrepo:us-east-1:111122223333:applications/auth', SemanticVersion: '1.0.0' } } };

function parent(variables: Record<string, unknown>, extra: Record<string, unknown> = {}): Template {
  return {
    Resources: {
      AuthStack: NESTED,
      AuthApp: APP,
      ApiFunction: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } },
      ...extra,
    },
  };
}
const output = (stack: string, name: string) => ({ 'Fn::GetAtt': [stack, `Outputs.${name}`] });
const found = (t: Template, rule: string) => audit(t).filter((f) => f.ruleId === rule).map((f) => `${f.kind} ${f.logicalId} ${f.path}`);

describe('nested stack outputs are judged like imports', () => {
  test('compliant: outputs named as identifiers, under keys named as identifiers', () => {
    const t = parent({
      USER_POOL_ID: output('AuthStack', 'UserPoolId'),
      CLIENT_ID: { 'Fn::GetAtt': 'AuthStack.Outputs.UserPoolClientId' },
      SECRET_ARN: output('AuthApp', 'ClientSecretArn'),
      TOKEN_URL: { 'Fn::Sub': 'https://${AuthStack.Outputs.Domain}/oauth2/token' },
    });
    expect(found(t, 'TokenGuard-SEC1')).toEqual([]);
  });

  test('non-compliant: a secret attribute the parent itself passes to a nested stack (as CDK names the parameter) stays a violation', () => {
    const t = parent(
      { CLIENT_ID: { Ref: 'Client' } },
      {
        Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
        Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, GenerateSecret: true } },
        ApiStack: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://bucket.s3.amazonaws.com/api.yaml', Parameters: { referencetoParentClientClientSecret: { 'Fn::GetAtt': ['Client', 'ClientSecret'] } } } },
      },
    );
    // A nested stack's secret-named parameter is a credential place, as a custom resource's property is (sweep3, rw585).
    expect(found(t, 'TokenGuard-SEC11')).toEqual(['violation ApiStack Properties.Parameters.referencetoParentClientClientSecret']);
    expect(found(t, 'TokenGuard-SEC9')).toEqual([]);
  });

  test('cannot tell: an output named like a secret, or any output landing under a secret-named key', () => {
    const t = parent({
      COGNITO_CLIENT_SECRET: { 'Fn::GetAtt': 'AuthStack.Outputs.UserPoolClientSecret' },
      SIGNING: output('AuthApp', 'SigningKeyPassword'),
      API_TOKEN: output('AuthStack', 'Value'),
    });
    expect(found(t, 'TokenGuard-SEC1').sort()).toEqual([
      'cannot-tell ApiFunction Properties.Environment.Variables.API_TOKEN',
      'cannot-tell ApiFunction Properties.Environment.Variables.COGNITO_CLIENT_SECRET',
      'cannot-tell ApiFunction Properties.Environment.Variables.SIGNING',
    ]);
    const message = audit(t).find((f) => f.path.endsWith('COGNITO_CLIENT_SECRET'))?.message ?? '';
    expect(message).toContain('Outputs.UserPoolClientSecret of AuthStack (an output of a nested stack, defined in another template)');
    // The same judgement where other rules own the place: an SSM String parameter and a stack output.
    const ssm = { ...t, Resources: { ...(t.Resources as object), Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: output('AuthStack', 'ClientSecret') } } }, Outputs: { Secret: { Value: output('AuthStack', 'RefreshToken') } } };
    expect(found(ssm, 'TokenGuard-SEC5')).toEqual(['cannot-tell Param Properties.Value']);
    expect(found(ssm, 'TokenGuard-SEC7')).toEqual(['cannot-tell Secret Outputs.Secret.Value']);
  });
});
