/**
 * A silent miss found by the real-world holdout rw458 (after aws-quickstart/quickstart-ibm-mq
 * templates/ibm-mq-eks-workload.template.yaml, commit 80b325bf…): a State Manager association running
 * AWS-RunShellScript gets both NoEcho broker passwords substituted into its `commands` parameter. Systems Manager keeps
 * an association's document parameters as written and returns them with ssm:DescribeAssociation (the run's command
 * history shows them too), so they are plaintext configuration like user data or a command document's content. The
 * same holds for the associations an instance declares in SsmAssociations. SEC8 has no cannot-tell level; a
 * secret-named custom resource's attribute there is SEC9's cannot-tell, reported once.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const found = (t: Record<string, unknown>, rule: string) =>
  audit(t).filter((f: Finding) => f.ruleId === rule).map((f) => `${f.kind} ${f.logicalId} ${f.path}`).sort();

const association = (command: unknown) => ({
  Type: 'AWS::SSM::Association',
  Properties: { Name: 'AWS-RunShellScript', Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }], Parameters: { commands: [command], workingDirectory: ['/opt/mq'] } },
});
const instanceAssociation = (value: unknown) => ({
  Type: 'AWS::EC2::Instance',
  Properties: { ImageId: 'ami-0123456789abcdef0', SsmAssociations: [{ DocumentName: 'AWS-RunShellScript', AssociationParameters: [{ Key: 'commands', Value: [value] }] }] },
});
const parameters = {
  MQAdminPassword: { Type: 'String', NoEcho: true, Description: 'Admin password for the broker' },
  BrokerSecretName: { Type: 'String', Description: 'Name of the secret that holds the broker passwords' },
  AppNamespace: { Type: 'String', Default: 'default' },
};

describe('State Manager association parameters', () => {
  test('compliant: commands that name the secret and read it at run time, and settings', () => {
    const t = {
      Parameters: parameters,
      Resources: {
        Install: association({ 'Fn::Sub': 'echo "NAMESPACE=${AppNamespace}" > p.properties\naws secretsmanager get-secret-value --secret-id ${BrokerSecretName} > /opt/mq/secret.json' }),
        Node: instanceAssociation({ 'Fn::Sub': 'aws secretsmanager get-secret-value --secret-id ${BrokerSecretName}' }),
      },
    };
    expect(found(t, 'TokenGuard-SEC8')).toEqual([]);
  });

  test('non-compliant: a NoEcho password substituted into commands, a resolved secret in an instance association', () => {
    const t = {
      Parameters: parameters,
      Resources: {
        Install: association({ 'Fn::Sub': 'echo "ADMIN_PASSWORD=${MQAdminPassword}" >> p.properties' }),
        Node: instanceAssociation('echo "{{resolve:secretsmanager:broker/admin:SecretString:password}}" | passwd --stdin mqm'),
      },
    };
    expect(found(t, 'TokenGuard-SEC8')).toEqual([
      'violation Install Properties.Parameters.commands.0',
      'violation Node Properties.SsmAssociations.0.AssociationParameters.0.Value.0',
    ]);
  });

  test('cannot tell: a secret-named custom resource attribute there is SEC9 cannot-tell, not a second SEC8 finding', () => {
    const t = {
      Resources: {
        Fetcher: { Type: 'Custom::BrokerPasswordFetcher', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:fetch' } },
        Install: association({ 'Fn::Sub': 'echo "ADMIN=${Fetcher.Value}" >> p.properties' }),
      },
    };
    expect(found(t, 'TokenGuard-SEC9')).toEqual(['cannot-tell Install Properties.Parameters.commands.0']);
    expect(found(t, 'TokenGuard-SEC8')).toEqual([]);
  });
});
