/**
 * Sweep class (session 9, sweep2's rw576, a false ERROR): CamelCase words longer than fifteen letters in the place of
 * a credential issued elsewhere. kics's Amplify fixtures (Checkmarx/kics, here the DataDog/kics fork:
 * assets/queries/cloudFormation/aws/amplify_app_access_token_exposed/test/negative5.json and negative6.json,
 * docdb_cluster_master_password_in_plaintext/test/negative9.json and negative10.json, commit
 * d91e3669233f883ffa89d3013a4af2874ab87b40) write `"AccessToken": "ParentAccessToken"`, the name of the template's
 * parameter where a Ref was meant: 5 SEC11 ERRORs. GitHub issues the token (`ghp_` and 36 characters); CamelCase
 * words there are a name, as `MyAPIkey` (at most 15 letters) already was, whatever their length. Random letters are
 * not CamelCase words, and a password the stack sets on its own resource still counts.
 */
import { audit } from '../helpers';

const sec11 = (resources: Record<string, unknown>) =>
  audit({ Resources: resources })
    .filter((f) => f.ruleId === 'TokenGuard-SEC11')
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const app = (accessToken: unknown) => ({ App: { Type: 'AWS::Amplify::App', Properties: { Name: 'web', Repository: 'https://github.com/example-org/web', AccessToken: accessToken } } });

describe('CamelCase names in a credential issued elsewhere', () => {
  test.each(['ParentAccessToken', 'GitHubPersonalToken', 'YourGithubAccessTokenHere'])('compliant: AccessToken %s', (text) => {
    expect(sec11(app(text))).toEqual([]);
  });

  test.each(['hGtRkLpQwZxVbNmAsDfJ', 'ParentAccessToken2024', 'ghp_Zq81MMrw4TkLp9xR2vN7cB5hY3aW6eJ0sD1f'])('non-compliant: AccessToken %s is no name', (text) => {
    expect(sec11(app(text))).toEqual(['violation error App Properties.AccessToken']);
  });

  test('non-compliant: the same words as a password the stack sets on its own user', () => {
    expect(sec11({ User: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: 'ParentMasterPassword' } } } })).toEqual([
      'violation error User Properties.LoginProfile.Password',
    ]);
  });

  test('cannot tell: an imported access token', () => {
    expect(sec11(app({ 'Fn::ImportValue': 'github-access-token' }))).toEqual(['cannot-tell warning App Properties.AccessToken']);
  });
});
