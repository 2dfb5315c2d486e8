/**
 * Holdout class (rw196, then holdout12's rw407: false SEC11 ERRORs). CDK's UserPoolIdentityProviderOidc takes its
 * client secret as a string, so apps that set the real one later, or never use it, write a stand-in:
 * `clientSecret: 'secret'` in a chatbot sample, `'dummy_value'` in NHS Digital's CIS2 federation (whose comment calls it
 * unused). A client secret or token is issued by the provider that checks it and is never plain words: such text
 * there is a stand-in, not a credential. A password or key the stack sets on a resource of its own (an RDS master
 * password, an API Gateway key's value) becomes that resource's real credential whatever it says, so it still counts.
 *
 * Then a sweep of aws-samples/serverless-patterns (EventBridge API destination and Step Functions HTTP endpoint
 * patterns): `ApiKeyValue: MyAPIkey`, `ApiKeyValue: KeyValue` and `BasicAuthParameters: { Password:
 * "<PASSWORD_UPDATE_ME>" }` gave false ERRORs. Every credential of an EventBridge connection or an AppFlow connector
 * profile belongs to the endpoint it calls, so it is issued elsewhere too; and an issued credential of at most 15
 * letters and no digit is a name written in its place (issued keys and secrets are long and mix in digits).
 */
import { audit } from '../helpers';

const sec11 = (resources: Record<string, unknown>, parameters?: Record<string, unknown>) =>
  audit({ ...(parameters ? { Parameters: parameters } : {}), Resources: resources })
    .filter((f) => f.ruleId === 'TokenGuard-SEC11')
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const oidc = (clientSecret: unknown) => ({
  Idp: {
    Type: 'AWS::Cognito::UserPoolIdentityProvider',
    Properties: {
      UserPoolId: 'eu-west-2_AbCdEf123',
      ProviderName: 'CIS2',
      ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'cis2-client', client_secret: clientSecret, oidc_issuer: 'https://auth.example.nhs.uk', authorize_scopes: 'openid' },
    },
  },
});

describe('stand-ins in credentials issued elsewhere', () => {
  test.each(['secret', 'dummy_value', 'my-client-secret', 'CLIENT_SECRET', 'unused', 'placeholder'])('compliant: client_secret %s', (text) => {
    expect(sec11(oidc(text))).toEqual([]);
  });

  test('compliant: stand-ins in an Amplify app token and an EventBridge connection', () => {
    expect(
      sec11({
        App: { Type: 'AWS::Amplify::App', Properties: { Name: 'web', OauthToken: 'github-token' } },
        Conn: { Type: 'AWS::Events::Connection', Properties: { AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'replace-me-later' } } } },
      }),
    ).toEqual([]);
  });

  test.each(['Secret', 'MyAPIkey', 'KeyValue'])('compliant: client_secret %s (a few letters)', (text) => {
    expect(sec11(oidc(text))).toEqual([]);
  });

  const connection = (auth: Record<string, unknown>) => ({ Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'BASIC', AuthParameters: auth } } });

  test.each(['<PASSWORD_UPDATE_ME>', 'UpdateMe', 'your-password'])('compliant: an EventBridge connection password %s', (text) => {
    expect(sec11(connection({ BasicAuthParameters: { Username: 'user', Password: text } }))).toEqual([]);
  });

  test.each(['Kp4wR8nV2xM7qT1zL9cB5hY3', 'secret123', 'hGtRkLpQwZxVbNmAsDfJ'])('non-compliant: a client secret that is not plain words or a few letters (%s)', (text) => {
    expect(sec11(oidc(text))).toEqual(['violation error Idp Properties.ProviderDetails.client_secret']);
  });

  test('non-compliant: the same words as a password or key the stack sets on its own resource', () => {
    expect(
      sec11({
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: 'secret' } },
        Key: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Enabled: true, Value: 'dummy_value_for_partner' } },
      }),
    ).toEqual(['violation error Db Properties.MasterUserPassword', 'violation error Key Properties.Value']);
  });

  test('non-compliant: a written-out password of an EventBridge connection; a bracketed stand-in as a password the stack sets', () => {
    expect(
      sec11({
        ...connection({ BasicAuthParameters: { Username: 'user', Password: 'Pa55w0rd!2024' } }),
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: '<PASSWORD_UPDATE_ME>' } },
      }),
    ).toEqual(['violation error Conn Properties.AuthParameters.BasicAuthParameters.Password', 'violation error Db Properties.MasterUserPassword']);
  });

  test('cannot tell: an EventBridge connection password from an import', () => {
    expect(sec11(connection({ BasicAuthParameters: { Username: 'user', Password: { 'Fn::ImportValue': 'partner-password' } } }))).toEqual([
      'cannot-tell warning Conn Properties.AuthParameters.BasicAuthParameters.Password',
    ]);
  });

  test('cannot tell: a client secret from an import', () => {
    expect(sec11(oidc({ 'Fn::ImportValue': 'cis2-client-secret' }))).toEqual(['cannot-tell warning Idp Properties.ProviderDetails.client_secret']);
  });
});
