/**
 * False ERROR found by the real-world holdout rw239 (after aws-samples/cognito-device-grant-flow
 * template/CFT-DeviceGrantFlowDemo-latest.yml): the parameter `ACredsEmail`, described as the e-mail of the Cognito
 * user who owns the device and used as that user's Username and email attribute, was reported by SEC6 as an exposed
 * credential because `creds` is a secret noun. `Email` after the noun makes the name one of an e-mail address (as
 * `Name`, `Arn` or `Id` do): an address identifies an account and is not secret material, as a literal address is
 * already read as a reference. The value still decides where it can: token material is token material under any name.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();
const deviceOwner = (parameter: string, extra: Record<string, unknown> = {}) => ({
  Parameters: { [parameter]: { Type: 'String', Description: 'Email of the Cognito user that acts as the device owner' } },
  Resources: {
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
    Owner: {
      Type: 'AWS::Cognito::UserPoolUser',
      Properties: { UserPoolId: { Ref: 'Pool' }, Username: { Ref: parameter }, UserAttributes: [{ Name: 'email', Value: { Ref: parameter } }] },
    },
  },
  ...extra,
});

describe('secret nouns qualified by an e-mail address', () => {
  test('compliant: a creds e-mail parameter used as a user name and an e-mail attribute, and its output', () => {
    expect(sec(audit(deviceOwner('ACredsEmail', { Outputs: { CredsEmail: { Value: { Ref: 'ACredsEmail' } } } })))).toEqual([]);
  });

  test('non-compliant: the credential itself, without the qualifier, or with the address word before the noun', () => {
    expect(sec(audit(deviceOwner('ACreds')))).toEqual(['TokenGuard-SEC6 violation ACreds Parameters.ACreds.NoEcho']);
    const t = { Parameters: { EmailPassword: { Type: 'String', Description: 'SMTP password of the notification mailbox' } }, Resources: {} };
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC6 violation EmailPassword Parameters.EmailPassword.NoEcho']);
  });

  test('cannot tell: an output passing on an import named like credentials stays cannot-tell; one named as their e-mail does not', () => {
    const t = {
      Resources: {},
      Outputs: {
        OwnerCreds: { Value: { 'Fn::ImportValue': 'device-grant-OwnerCreds' } },
        OwnerCredsEmail: { Value: { 'Fn::ImportValue': 'device-grant-OwnerCredsEmail' } },
      },
    };
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC7 cannot-tell OwnerCreds Outputs.OwnerCreds.Value']);
  });
});
