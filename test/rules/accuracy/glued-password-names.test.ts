/**
 * A missed ERROR found by the holdout rw594-rw618 (rw609, after asfadmin/grfn-s1tbx-rtc cloudformation/cloudformation.yaml):
 * a CodeBuild project takes the data catalogue's password from a visible parameter named `cmrpassword` and hands it
 * to the build as the PLAINTEXT variable `pass`. Names are split into words at case changes and separators, so an
 * all-lower-case name (`cmrpassword`, `dbpassword`, `adminpassword`) was one unknown word and the password passed
 * silently: no SEC6 on the parameter, no SEC3 on the variable. A password noun glued to a lower-case prefix is now
 * that noun, with the prefix as the word before it (`nopassword`, `usepassword` stay flags, as NoPassword does).
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();
const build = (name: string, parameter: Record<string, unknown>, value: unknown = { Ref: name }) => ({
  Parameters: { [name]: { Type: 'String', ...parameter } },
  Resources: {
    Build: {
      Type: 'AWS::CodeBuild::Project',
      Properties: {
        ServiceRole: 'arn:aws:iam::111122223333:role/build',
        Artifacts: { Type: 'NO_ARTIFACTS' },
        Source: { Type: 'GITHUB', Location: 'https://github.com/example/repo' },
        Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', EnvironmentVariables: [{ Name: 'pass', Value: value }] },
      },
    },
  },
});

describe('password nouns glued to a lower-case prefix', () => {
  test.each(['cmrpassword', 'dbpassword', 'adminpassword'])('compliant: %s NoEcho without default, not used by the build', (name) => {
    const t = build(name, { NoEcho: 'true' }, 'not-a-reference-to-it');
    expect(sec(audit(t))).toEqual([]);
  });

  test.each(['cmrpassword', 'dbpassword', 'adminpassword'])('non-compliant: %s visible and passed as a PLAINTEXT variable', (name) => {
    expect(sec(audit(build(name, {})))).toEqual([
      'TokenGuard-SEC3 violation Build Properties.Environment.EnvironmentVariables.0.Value',
      `TokenGuard-SEC6 violation ${name} Parameters.${name}.NoEcho`,
    ]);
  });

  test('compliant: a flag glued the same way (nopassword, usepassword) is not a password', () => {
    for (const name of ['nopassword', 'usepassword']) expect(sec(audit(build(name, { AllowedValues: ['yes', 'no'], Default: 'no' })))).toEqual([]);
  });

  test('cannot tell: an import in the variable stays unknown', () => {
    const t = build('dbpassword', { NoEcho: 'true' }, { 'Fn::ImportValue': 'shared-dbpassword' });
    expect(sec(audit(t))).toEqual(['TokenGuard-SEC3 cannot-tell Build Properties.Environment.EnvironmentVariables.0.Value']);
  });
});
