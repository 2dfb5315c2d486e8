/**
 * Holdout class (holdout23: rw710, rw712, rw723, rw726, rw732; false SEC11 ERRORs, four of them on clean templates).
 * A DMS endpoint, a Glue connection and a DataSync SMB location connect to a database or share someone else runs, as
 * an EventBridge connection calls someone else's API: their passwords belong to the endpoint they call, so they are
 * issued elsewhere and a stand-in written there (`change_me`, `examplepassword`, `ANotGreatPassword`) cannot become a
 * working credential. Stand-ins are also written as a few words with spaces (`Secret password`, `Mailchimp API Key`)
 * and as CamelCase that opens with a one-letter word (`ANotGreatPassword`). A password the stack sets on a resource
 * of its own (an RDS master password) still counts whatever it says, and a password that mixes in digits or symbols
 * is a password wherever it is written.
 */
import { audit } from '../helpers';

const sec11 = (resources: Record<string, unknown>) =>
  audit({ Resources: resources })
    .filter((f) => f.ruleId === 'TokenGuard-SEC11')
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const dms = (password: unknown) => ({
  Source: {
    Type: 'AWS::DMS::Endpoint',
    Properties: { EndpointType: 'source', EngineName: 'oracle', ServerName: 'ora.example.com', Port: 1521, Username: 'dms', Password: password },
  },
});
const glue = (password: unknown) => ({
  Jdbc: {
    Type: 'AWS::Glue::Connection',
    Properties: {
      CatalogId: '111122223333',
      ConnectionInput: {
        Name: 'example',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:mysql://example.com/exampledatabase', USERNAME: 'exampleusername', PASSWORD: password },
      },
    },
  },
});
const smb = (password: unknown) => ({
  Share: {
    Type: 'AWS::DataSync::LocationSMB',
    Properties: { ServerHostname: 'smb.example.com', Subdirectory: '/exported/path', User: 'Guest', Password: password, AgentArns: ['arn:aws:datasync:eu-west-1:111122223333:agent/agent-0b1c2d3e4f5a6b7c8'] },
  },
});
const connection = (password: unknown) => ({
  Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'user', Password: password } } } },
});

describe('stand-ins in connection credentials', () => {
  test.each(['change_me', 'examplepassword', 'ANotGreatPassword', 'Secret password'])('compliant: %s as a DMS, Glue or DataSync password', (text) => {
    expect(sec11({ ...dms(text), ...glue(text), ...smb(text) })).toEqual([]);
  });

  test.each(['Secret password', 'Mailchimp API Key', 'Bearer SendGridSuperSecretApiKey', 'ANotGreatPassword'])('compliant: %s as an EventBridge connection password', (text) => {
    expect(sec11(connection(text))).toEqual([]);
  });

  test('non-compliant: passwords with digits or symbols, and random letters, in the same places', () => {
    expect(
      sec11({ ...dms('Or4cle!Prod2024'), ...glue('hGtRkLpQwZxVbNmAsDfJ'), ...smb('Tr0ub4dor&3'), ...connection('correct horse battery staple 42') }),
    ).toEqual([
      'violation error Conn Properties.AuthParameters.BasicAuthParameters.Password',
      'violation error Jdbc Properties.ConnectionInput.ConnectionProperties.PASSWORD',
      'violation error Share Properties.Password',
      'violation error Source Properties.Password',
    ]);
  });

  test('non-compliant: the same words as a password the stack sets on a database of its own', () => {
    expect(
      sec11({
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: 'change_me' } },
        Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql', MasterUsername: 'app', MasterUserPassword: 'Secret password' } },
      }).sort(),
    ).toEqual(['violation error Cluster Properties.MasterUserPassword', 'violation error Db Properties.MasterUserPassword']);
  });

  test('cannot tell: a DMS endpoint password from an import', () => {
    expect(sec11(dms({ 'Fn::ImportValue': 'oracle-password' }))).toEqual(['cannot-tell warning Source Properties.Password']);
  });
});
