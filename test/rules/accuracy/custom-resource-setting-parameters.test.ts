/**
 * Sweep class (session 8, sweep1's rw539, a false ERROR): a parameter that holds a setting, passed to a custom
 * resource's property whose name holds a password noun. The Security Reference Architecture's IAM password policy
 * (aws-samples/aws-security-reference-architecture-examples, aws_sra_examples/solutions/iam/iam_password_policy/
 * templates/sra-iam-password-policy.yaml, commit 7803ea4e3c930c246c33095012b460faa41e32cd) hands its Lambda the policy
 * as `ALLOW_USERS_TO_CHANGE_PASSWORD: !Ref pAllowUsersToChangePassword` (AllowedValues 'true'/'false'): three SEC6
 * ERRORs. The public pattern: settings passed to Lambda-backed custom resources under upper-snake names that mention
 * what they configure (password policies, secret checks, token settings). A custom resource has no schema, so its
 * property is a credential by its name alone: weak evidence that the parameter's type, values or description outweigh,
 * as they outweigh the parameter's own name. A property with a schema (MasterUserPassword) still decides.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

function template(parameters: Record<string, unknown>, customProperties: Record<string, unknown>, database?: unknown): Record<string, unknown> {
  return {
    Parameters: parameters,
    Resources: {
      PasswordPolicy: { Type: 'Custom::IAMPasswordPolicy', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:policy', ...customProperties } },
      ...(database === undefined ? {} : { Database: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', MasterUsername: 'app', MasterUserPassword: database } } }),
    },
  };
}
const sec6 = (t: Record<string, unknown>) =>
  audit(t)
    .filter((f: Finding) => f.ruleId === 'TokenGuard-SEC6')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`)
    .sort();

describe('settings passed to a custom resource property named like a password', () => {
  test('compliant: a Boolean with AllowedValues, a Number, and an SSM path under password-named custom properties', () => {
    const t = template(
      {
        pAllowUsersToChangePassword: { Type: 'String', AllowedValues: ['true', 'false'], Default: 'true' },
        pHardExpiry: { Type: 'String', AllowedValues: ['true', 'false'], Default: 'false' },
        pPasswordDays: { Type: 'Number', Default: 90 },
        pAdminPasswordLocation: { Type: 'String', Default: '/org/break-glass/password' },
      },
      {
        ALLOW_USERS_TO_CHANGE_PASSWORD: { Ref: 'pAllowUsersToChangePassword' },
        HARD_EXPIRY: { Ref: 'pHardExpiry' },
        EXPIRE_PASSWORD: { Ref: 'pPasswordDays' },
        ADMIN_PASSWORD: { Ref: 'pAdminPasswordLocation' },
      },
    );
    expect(sec6(t)).toEqual([]);
  });

  test('non-compliant: a secret-named parameter in a custom property, and a Boolean given to a property with a schema', () => {
    const t = template(
      { BreakGlassPassword: { Type: 'String' }, Flag: { Type: 'String', AllowedValues: ['true', 'false'], Default: 'true' } },
      { ADMIN_PASSWORD: { Ref: 'BreakGlassPassword' } },
      { Ref: 'Flag' },
    );
    expect(sec6(t)).toEqual([
      'violation error Parameters.BreakGlassPassword.NoEcho',
      'violation error Parameters.Flag.AllowedValues',
      'violation error Parameters.Flag.Default',
      'violation error Parameters.Flag.NoEcho',
    ]);
  });

  test('cannot tell from its values: a parameter without Default or AllowedValues keeps the property name as its evidence', () => {
    // Nothing about the parameter says it holds a setting, so the property's name still counts (reported as before).
    const t = template({ pAdminInput: { Type: 'String', Description: 'Value for the administrator' } }, { ADMIN_PASSWORD: { Ref: 'pAdminInput' } });
    expect(sec6(t)).toEqual(['violation error Parameters.pAdminInput.NoEcho']);
    expect(audit(t).find((f) => f.ruleId === 'TokenGuard-SEC6')?.message).toContain('passed to Properties.ADMIN_PASSWORD of PasswordPolicy');
  });
});
