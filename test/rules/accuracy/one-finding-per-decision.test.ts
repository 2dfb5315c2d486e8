/**
 * Class 9 of issue 15: where the branches of an Fn::If differ at one place (one violates, one cannot be known), the
 * engine reports one finding that names the condition and what each branch gives, not one finding per branch.
 * Fixtures follow aws-samples/cloudfront-authorization-at-edge template.yaml (commit 37a825b4…), which picks its app
 * client's settings and its ClientSecret output with Fn::If, and the dev/prod callback pattern of
 * aws-samples/serverless-patterns cognito-httpapi/auth.yaml (Postman callback under a condition).
 */
import { audit, clientTemplate, GOOD_CLIENT, only } from '../helpers';

const stage = {
  Parameters: { Stage: { Type: 'String', AllowedValues: ['dev', 'prod'] }, ProdCallbackUrl: { Type: 'String' }, ProdMinutes: { Type: 'Number' } },
  Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] } },
};

describe('one finding per decision (Fn::If with branches that differ)', () => {
  test('compliant: both branches fine gives no finding', () => {
    const t = clientTemplate({ ...GOOD_CLIENT, CallbackURLs: { 'Fn::If': ['IsDev', ['https://dev.example.org/cb'], ['https://www.example.org/cb']] } }, stage);
    expect(only(audit(t), 'TokenGuard-COG11')).toEqual([]);
  });

  test('non-compliant on one branch, cannot tell on the other: one violation naming the condition and both outcomes', () => {
    const t = clientTemplate({ ...GOOD_CLIENT, CallbackURLs: { 'Fn::If': ['IsDev', ['http://localhost:3000/cb'], [{ Ref: 'ProdCallbackUrl' }]] } }, stage);
    const found = only(audit(t), 'TokenGuard-COG11');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'violation', severity: 'warning', path: 'Properties.CallbackURLs.0' });
    expect(found[0].conditions).toBeUndefined();
    expect(found[0].message).toMatch(/^Depends on IsDev\. When IsDev=true: Callback URL http:\/\/localhost:3000\/cb points at a loopback host.* When IsDev=false: A callback URL cannot be checked: it comes from parameter ProdCallbackUrl\.$/);
  });

  test('an error and a cannot-tell: the finding is an error (the worse branch decides the level)', () => {
    const t = clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: { 'Fn::If': ['IsDev', 1440, { Ref: 'ProdMinutes' }] } }, stage);
    const found = only(audit(t), 'TokenGuard-COG1');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'violation', severity: 'error' });
    expect(found[0].message).toContain('When IsDev=true: Access tokens live 1 day');
    expect(found[0].message).toContain('When IsDev=false: Access tokens lifetime cannot be determined');
  });

  test('cannot tell on both branches for different reasons: one cannot-tell finding', () => {
    const t = clientTemplate(
      { ...GOOD_CLIENT, AccessTokenValidity: { 'Fn::If': ['IsDev', { Ref: 'ProdMinutes' }, { 'Fn::ImportValue': 'shared-access-minutes' }] } },
      stage,
    );
    const found = only(audit(t), 'TokenGuard-COG1');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'cannot-tell', severity: 'warning' });
    expect(found[0].message).toMatch(/^Depends on IsDev\./);
  });

  test('the same outcome on both branches does not depend on the condition', () => {
    const t = clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: { 'Fn::If': ['IsDev', 1440, 1440] } }, stage);
    const [f, ...rest] = only(audit(t), 'TokenGuard-COG1');
    expect(rest).toEqual([]);
    expect(f.conditions).toBeUndefined();
    expect(f.message).not.toContain('Depends on');
  });

  test('an output whose Fn::If carries a secret both ways (the retrieved attribute or a visible parameter) is one finding', () => {
    const t = {
      Parameters: { UserPoolClientSecret: { Type: 'String', Default: '' } },
      Conditions: { LookupClientSecret: { 'Fn::Equals': [{ Ref: 'UserPoolClientSecret' }, ''] } },
      Resources: { Lookup: { Type: 'Custom::ClientSecretRetrieval', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:lookup' } } },
      Outputs: { ClientSecret: { Value: { 'Fn::If': ['LookupClientSecret', { 'Fn::GetAtt': ['Lookup', 'ClientSecret'] }, { Ref: 'UserPoolClientSecret' }] } } },
    };
    const found = audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC7');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('When LookupClientSecret=true: ClientSecret of custom resource Lookup');
    expect(found[0].message).toContain('When LookupClientSecret=false: Parameter UserPoolClientSecret');
  });
});
