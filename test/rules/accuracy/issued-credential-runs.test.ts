/**
 * Sweep class (session 9, sweep2's rw575, a false ERROR): a digit run typed in the place of a credential issued
 * elsewhere. The CloudFormation Template Reference's Alexa::ASK::Skill example gives the skill's Login with Amazon
 * credentials as `ClientSecret: "1234"` and `RefreshToken: "Atzr|1234"`; kics copies it into its Alexa fixtures
 * (Checkmarx/kics, here the DataDog/kics fork: assets/queries/cloudFormation/aws/refresh_token_is_exposed/test/* and
 * alexa_skill_plaintext_client_secret_exposed/test/*, commit d91e3669233f883ffa89d3013a4af2874ab87b40): 16 SEC11
 * ERRORs. LWA issues a 64-character client secret and refresh tokens of a few hundred characters after `Atzr|`: a run
 * of characters that repeat or count up (`1234`, `0000`), alone or after a token's prefix, is a stand-in there, as
 * plain words are. A password or key the stack sets on its own resource is still that resource's credential.
 */
import { audit } from '../helpers';

const sec11 = (resources: Record<string, unknown>) =>
  audit({ Resources: resources })
    .filter((f) => f.ruleId === 'TokenGuard-SEC11')
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const skill = (clientSecret: unknown, refreshToken: unknown) => ({
  Skill: {
    Type: 'Alexa::ASK::Skill',
    Properties: {
      SkillPackage: { S3Bucket: 'skill-packages', S3Key: 'skill.zip' },
      AuthenticationConfiguration: { ClientId: 'amzn1.application-oa2-client.1234', ClientSecret: clientSecret, RefreshToken: refreshToken },
      VendorId: '1234',
    },
  },
});

describe('runs of characters in a credential issued elsewhere', () => {
  test.each([
    ['1234', 'Atzr|1234'],
    ['000000', 'Atzr|0000'],
    ['123456789', 'Atzr|abcdef'],
  ])('compliant: ClientSecret %s, RefreshToken %s', (secret, token) => {
    expect(sec11(skill(secret, token))).toEqual([]);
  });

  test('non-compliant: issued values that are no run', () => {
    expect(sec11(skill('9f3c1a7e5b2d', 'Atzr|IwEBIK7v2pQ9xR4mT8zW1cY5nL3hJ6fD0sA'))).toEqual([
      'violation error Skill Properties.AuthenticationConfiguration.ClientSecret',
      'violation error Skill Properties.AuthenticationConfiguration.RefreshToken',
    ]);
  });

  test('non-compliant: the same run as a password the stack sets on its own database', () => {
    expect(sec11({ Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: '1234' } } })).toEqual([
      'violation error Db Properties.MasterUserPassword',
    ]);
  });

  test('cannot tell: an imported refresh token', () => {
    expect(sec11(skill('{{resolve:secretsmanager:alexa/lwa:SecretString:clientSecret}}', { 'Fn::ImportValue': 'alexa-lwa-refresh-token' }))).toEqual([
      'cannot-tell warning Skill Properties.AuthenticationConfiguration.RefreshToken',
    ]);
  });
});
