/**
 * Class 7 of issue 15: facts of other resources that settle an app-client rule. Fixtures follow
 * aws-samples/amazon-cognito-passwordless-email-auth cognito/template.yaml (commit 0b40eece…: custom-auth triggers in
 * the pool's LambdaConfig, a CUSTOM_AUTH_FLOW_ONLY client), the SAM Cognito event that attaches a trigger
 * (awsdocs/aws-sam-developer-guide sam-property-function-cognito.md), and choice-based sign-in as documented in
 * aws/aws-cdk packages/aws-cdk-lib/aws-cognito/README.md (signInPolicy.allowedFirstAuthFactors).
 */
import { audit, GOOD_CLIENT, only, verdict } from '../helpers';

const { RefreshTokenRotation: _rotation, ...NO_ROTATION } = GOOD_CLIENT;

function pooled(pool: Record<string, unknown>, client: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: pool },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, ...client } },
      ...((extra.Resources as Record<string, unknown>) ?? {}),
    },
  };
}

const customOnly = { ...NO_ROTATION, AllowedOAuthFlowsUserPoolClient: false, ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };
const triggers = { LambdaConfig: { DefineAuthChallenge: 'arn:aws:lambda:eu-west-1:111122223333:function:define', CreateAuthChallenge: 'arn:aws:lambda:eu-west-1:111122223333:function:create' } };

describe('refresh-token rules on custom-auth-only clients (the pool must be able to run custom auth)', () => {
  test('compliant: no DefineAuthChallenge trigger on the pool, so no sign-in completes and no refresh token is issued', () => {
    const f = audit(pooled({ LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-1:111122223333:function:presignup' } }, customOnly));
    expect(verdict(f, 'TokenGuard-COG4', 'Client')).toBe('compliant');
    expect(verdict(f, 'TokenGuard-COG3', 'Client')).toBe('compliant');
    // The setting itself is still reported by the custom-auth rule.
    expect(verdict(f, 'TokenGuard-COG8', 'Client')).toBe('non-compliant');
  });

  test('non-compliant: with the triggers in LambdaConfig, custom auth issues refresh tokens and rotation is off', () => {
    const [f] = only(audit(pooled(triggers, customOnly)), 'TokenGuard-COG4');
    expect(f).toMatchObject({ kind: 'violation', severity: 'error' });
    expect(f.message).toContain('ALLOW_CUSTOM_AUTH');
  });

  test('non-compliant: a SAM function attaching DefineAuthChallenge with a Cognito event counts as a trigger', () => {
    const sam = {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Define: {
          Type: 'AWS::Serverless::Function',
          Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Events: { Define: { Type: 'Cognito', Properties: { UserPool: { Ref: 'Pool' }, Trigger: ['DefineAuthChallenge', 'CreateAuthChallenge'] } } } },
        },
      },
    };
    expect(verdict(audit(pooled({}, customOnly, sam)), 'TokenGuard-COG4', 'Client')).toBe('non-compliant');
  });

  test('non-compliant: a pool in another stack may have the triggers, so custom auth still counts', () => {
    const t = { Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { 'Fn::ImportValue': 'auth-pool-id' }, ...customOnly } } } };
    expect(verdict(audit(t), 'TokenGuard-COG4', 'Client')).toBe('non-compliant');
  });

  test('non-compliant: SRP beside custom auth still issues refresh tokens on a pool without triggers', () => {
    const t = pooled({}, { ...customOnly, ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH'] });
    expect(verdict(audit(t), 'TokenGuard-COG4', 'Client')).toBe('non-compliant');
  });

  test('cannot tell: the flows themselves are not known', () => {
    const t = pooled({}, { ...customOnly, ExplicitAuthFlows: { 'Fn::ImportValue': 'client-flows' } });
    expect(verdict(audit(t), 'TokenGuard-COG4', 'Client')).toBe('cannot-tell');
  });
});

describe('ALLOW_USER_AUTH (choice-based sign-in) is a password flow when the pool allows PASSWORD first', () => {
  const userAuth = { ...GOOD_CLIENT, ExplicitAuthFlows: ['ALLOW_USER_AUTH'] };

  test('non-compliant: PASSWORD among AllowedFirstAuthFactors', () => {
    const [f] = only(audit(pooled({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } }, userAuth)), 'TokenGuard-COG7');
    expect(f).toMatchObject({ kind: 'violation', severity: 'error', path: 'Properties.ExplicitAuthFlows' });
    expect(f.message).toContain('PASSWORD challenge');
  });

  test("non-compliant: no SignInPolicy means Cognito's default, password only", () => {
    expect(verdict(audit(pooled({}, userAuth)), 'TokenGuard-COG7', 'Client')).toBe('non-compliant');
  });

  test('compliant: passkeys and e-mail codes only', () => {
    expect(verdict(audit(pooled({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['WEB_AUTHN', 'EMAIL_OTP'] } } }, userAuth)), 'TokenGuard-COG7', 'Client')).toBe('compliant');
  });

  test('cannot tell: the pool is not in this template', () => {
    const t = { Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'eu-west-1_AbCdEfGhI', ...userAuth } } } };
    expect(verdict(audit(t), 'TokenGuard-COG7', 'Client')).toBe('cannot-tell');
  });

  test('cannot tell: the factors come from a parameter without default', () => {
    const t = pooled({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: { Ref: 'Factors' } } } }, userAuth, { Parameters: { Factors: { Type: 'CommaDelimitedList' } } });
    expect(verdict(audit(t), 'TokenGuard-COG7', 'Client')).toBe('cannot-tell');
  });
});
