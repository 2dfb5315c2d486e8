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

/**
 * App clients made or configured by custom resources: an AwsCustomResource calling updateUserPoolClient (the pattern
 * of aws-samples/cloudfront-authorization-at-edge src/cfn-custom-resources/user-pool-client/index.ts, done as the
 * "UpdateCallbackUrls" constructs found by code search do), a Lambda-backed Custom::CognitoUserPoolClient with
 * CreateUserPoolClient's parameters (mazerte/aws-cloudformation-cognito-userpoolclient, commit 6ba5f389…) and the
 * settings-only Custom::CognitoUserPoolClientSettings of rosberglinhares/CloudFormationCognitoCustomResources
 * (commit 6c3ef2af…).
 */
describe('app clients made or configured by custom resources', () => {
  const update = (parameters: Record<string, unknown>) => ({
    Type: 'Custom::AWS',
    Properties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:provider',
      Create: `{"service":"CognitoIdentityServiceProvider","action":"updateUserPoolClient","parameters":${JSON.stringify(parameters)}}`,
    },
  });
  const goodParameters = {
    UserPoolId: 'eu-west-1_AbCdEfGhI',
    ClientId: 'abc',
    AccessTokenValidity: 5,
    IdTokenValidity: 5,
    RefreshTokenValidity: 7,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
    PreventUserExistenceErrors: 'ENABLED',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid'],
    CallbackURLs: ['https://app.example.org/cb'],
  };
  const app = (id: string, f: ReturnType<typeof audit>) => f.filter((x) => x.logicalId === id && x.ruleId.startsWith('TokenGuard-COG')).map((x) => `${x.ruleId} ${x.kind} ${x.path}`).sort();

  test('non-compliant: updateUserPoolClient without the rotation setting turns rotation off (the API resets what it is not given)', () => {
    const { RefreshTokenRotation: _r, ...rest } = goodParameters;
    const found = audit({ Resources: { Update: update(rest) } });
    expect(app('Update', found)).toEqual(['TokenGuard-COG4 violation Properties.Create']);
    expect(found.find((f) => f.ruleId === 'TokenGuard-COG4')!.message).toMatch(/^In its updateUserPoolClient call: Refresh token rotation is off/);
  });

  test('compliant: updateUserPoolClient that gives every setting the rules want', () => {
    expect(app('Update', audit({ Resources: { Update: update(goodParameters) } }))).toEqual([]);
  });

  test('cannot tell: a callback URL from an import in the call', () => {
    const t = {
      Resources: {
        Update: {
          Type: 'Custom::AWS',
          Properties: {
            ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:provider',
            Create: { 'Fn::Join': ['', [`{"service":"CognitoIdentityServiceProvider","action":"updateUserPoolClient","parameters":${JSON.stringify(goodParameters).replace('"https://app.example.org/cb"', '"').slice(0, -1)}`, { 'Fn::ImportValue': 'site-url' }, '"]}}']] },
          },
        },
      },
    };
    expect(app('Update', audit(t))).toEqual(['TokenGuard-COG11 cannot-tell Properties.Create']);
  });

  test('non-compliant: a Lambda-backed client with CreateUserPoolClient parameters is judged with the API defaults', () => {
    const t = {
      Resources: {
        Staff: { Type: 'Custom::CognitoUserPoolClient', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:clients', UserPoolId: 'eu-west-1_AbCdEfGhI', ClientName: 'staff', ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] } },
      },
    };
    expect(app('Staff', audit(t))).toEqual([
      'TokenGuard-COG1 violation Properties.AccessTokenValidity',
      'TokenGuard-COG2 violation Properties.IdTokenValidity',
      'TokenGuard-COG3 violation Properties.RefreshTokenValidity',
      'TokenGuard-COG4 violation Properties.RefreshTokenRotation.Feature',
      'TokenGuard-COG7 violation Properties.ExplicitAuthFlows',
      'TokenGuard-COG9 violation Properties.PreventUserExistenceErrors',
    ]);
  });

  test('non-compliant: settings of an existing client are judged on what they set, under the names they use', () => {
    const t = {
      Resources: {
        Settings: {
          Type: 'Custom::CognitoUserPoolClientSettings',
          Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:settings', UserPoolId: 'p', UserPoolClientId: 'c', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], CallbackURL: 'http://localhost:8080/cb' },
        },
      },
    };
    expect(app('Settings', audit(t))).toEqual(['TokenGuard-COG11 violation Properties.CallbackURL', 'TokenGuard-COG6 violation Properties.AllowedOAuthFlows']);
  });

  test('compliant: settings that set nothing the rules judge', () => {
    const t = { Resources: { Settings: { Type: 'Custom::UserPoolClientUpdate', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:u', UserPoolClientId: 'c', RedirectPathSignIn: '/parseauth' } } } };
    expect(app('Settings', audit(t))).toEqual([]);
  });

  test('cannot tell: settings whose flows come from a parameter without default', () => {
    const t = {
      Parameters: { Flows: { Type: 'CommaDelimitedList' } },
      Resources: { Settings: { Type: 'Custom::CognitoUserPoolClientSettings', Properties: { ServiceToken: 'x', UserPoolClientId: 'c', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: { Ref: 'Flows' } } } },
    };
    expect(app('Settings', audit(t))).toEqual(['TokenGuard-COG6 cannot-tell Properties.AllowedOAuthFlows']);
  });
});
