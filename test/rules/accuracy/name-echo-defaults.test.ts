/**
 * Lead sweep of aws-ia partner solutions (aws-ia/cfn-abi-crowdstrike-fcs: `DockerAPIToken`, NoEcho, Default
 * "DockerAPIToken", passed on to a nested stack) and sweep1's MongoDB Atlas examples (`PrivateKey`, Default
 * "PrivateKey"): a Default that repeats the parameter's own name is a stand-in, like `<your token here>`, and
 * writes no secret into the template. As for every stand-in, a parameter that sets a password or key on a resource of
 * the stack's own is still reported: that resource gets the text as its credential.
 */
import { audit } from '../helpers';

const sec6 = (parameters: Record<string, unknown>, resources: Record<string, unknown>) =>
  audit({ Parameters: parameters, Resources: resources })
    .filter((f) => f.ruleId === 'TokenGuard-SEC6')
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const nested = (ref: string) => ({
  Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://bucket.s3.amazonaws.com/child.yaml', Parameters: { DockerAPIToken: { Ref: ref } } } },
});
const db = (ref: string) => ({ Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'admin', MasterUserPassword: { Ref: ref } } } });

describe("SEC6: a Default that repeats the parameter's name", () => {
  test.each(['DockerAPIToken', 'docker-api-token', 'Docker API Token'])('compliant: Default %s of DockerAPIToken', (text) => {
    expect(sec6({ DockerAPIToken: { Type: 'String', NoEcho: true, Default: text } }, nested('DockerAPIToken'))).toEqual([]);
  });

  test('non-compliant: a Default that is a value, or the name given to a password of the stack own', () => {
    expect(sec6({ DockerAPIToken: { Type: 'String', NoEcho: true, Default: 'DockerToken7Qx' } }, nested('DockerAPIToken'))).toEqual([
      'violation error DockerAPIToken Parameters.DockerAPIToken.Default',
    ]);
    expect(sec6({ DbPassword: { Type: 'String', NoEcho: true, Default: 'DbPassword' } }, db('DbPassword'))).toEqual(['violation error DbPassword Parameters.DbPassword.Default']);
  });

  test('cannot tell is not an outcome of SEC6: a visible parameter whose Default repeats its name is still reported for being shown', () => {
    expect(sec6({ DockerAPIToken: { Type: 'String', Default: 'DockerAPIToken' } }, nested('DockerAPIToken'))).toEqual(['violation error DockerAPIToken Parameters.DockerAPIToken.NoEcho']);
  });
});
