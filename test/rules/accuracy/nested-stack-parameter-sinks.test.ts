/**
 * rw804 (sweep5, after a CI vendor's published elastic agent stack): a parameter holding a Parameter Store path
 * (`AgentTokenParameterStorePath`, described as a path, with a path pattern) is passed to a nested application's
 * `AgentTokenParameter`, which takes the name of the SSM parameter that holds the token. A nested stack's parameter,
 * like a custom resource's property, has no schema: its name is the only thing that makes it a credential, so being
 * passed to one is weak evidence, and the parameter's own reference name outweighs it (no SEC6). A parameter with no
 * such name passed there is still a secret, and so is one passed to a credential property of an AWS type.
 */
import { audit } from '../helpers';

const sec6 = (parameter: string, to: 'nested' | 'rds') =>
  audit({
    Parameters: { [parameter]: { Type: 'String', Default: '' } },
    Resources: {
      Target:
        to === 'nested'
          ? { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/agents.yaml', Parameters: { AgentTokenParameter: { Ref: parameter } } } }
          : { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', MasterUsername: 'app', MasterUserPassword: { Ref: parameter } } },
    },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC6')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('parameters passed to a nested stack', () => {
  test('compliant: a parameter named as a path, passed to a nested stack parameter named for a token', () => {
    expect(sec6('AgentTokenParameterStorePath', 'nested')).toEqual([]);
  });

  test('non-compliant: a parameter with no name of its own, passed to the same nested parameter', () => {
    expect(sec6('AgentValue', 'nested')).toEqual(['violation error Parameters.AgentValue.NoEcho']);
  });

  test('non-compliant: a path-named parameter passed to a credential property of an AWS type is strong evidence', () => {
    expect(sec6('AgentTokenParameterStorePath', 'rds')).toEqual(['violation error Parameters.AgentTokenParameterStorePath.NoEcho']);
  });
});
