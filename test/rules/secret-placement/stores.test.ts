/** SEC5-SEC7: SSM String parameters, CloudFormation parameters and outputs. */
import { fake } from './fixtures';
import { sec, summary, template } from './helpers';

describe('TokenGuard-SEC5 SsmParameterSecret', () => {
  const param = (props: Record<string, unknown>) => ({ Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', ...props } });

  test('compliant: names, ARNs and ids; a secret-named path holding a secret\'s name', () => {
    const t = template({
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
      A: param({ Name: '/prod/slack/token', Value: 'prod/slack-token' }),
      B: param({ Name: '/prod/token-secret-arn', Value: { Ref: 'Secret' } }),
      C: param({ Name: '/prod/client-id', Value: { Ref: 'Client' } }),
      D: param({ Name: '/prod/cdk-asset', Value: '2b2f6e7d96d216685951807694b6e6fca88b8fd0f6ac90be6d3c75201710dd6a' }),
    });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: a client secret, a resolved secret, a JWT, and a generated value under a secret-named Name', () => {
    const t = template({
      A: param({ Name: '/prod/app/client', Value: { 'Fn::GetAtt': ['Client', 'ClientSecret'] } }),
      B: param({ Type: 'StringList', Value: '{{resolve:secretsmanager:prod/token}}' }),
      C: param({ Value: fake.jwt() }),
      D: param({ Name: '/prod/webhook/secret', Value: fake.clientSecret() }),
    });
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC5 violation A Properties.Value',
      'TokenGuard-SEC5 violation B Properties.Value',
      'TokenGuard-SEC5 violation C Properties.Value',
      'TokenGuard-SEC5 violation D Properties.Value',
    ]);
    expect(found[0].message).toMatch(/^ClientSecret of Client reaches Properties\.Value of A \(\/prod\/app\/client\): String and StringList parameters are stored unencrypted/);
  });

  test('cannot tell: the Type comes from a parameter, or the value from an import named like a token', () => {
    const t = template(
      {
        A: param({ Type: { Ref: 'ParamType' }, Value: { 'Fn::GetAtt': ['Client', 'ClientSecret'] } }),
        B: param({ Value: { 'Fn::ImportValue': 'shared-refresh-token' } }),
      },
      { Parameters: { ParamType: { Type: 'String' } } },
    );
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC5 cannot-tell A Properties.Value', 'TokenGuard-SEC5 cannot-tell B Properties.Value']);
  });
});

describe('TokenGuard-SEC6 SecretParameterExposed', () => {
  const withParams = (parameters: Record<string, unknown>, resources: Record<string, unknown> = {}) => template(resources, { Parameters: parameters });

  test('compliant: NoEcho without Default (or with an empty placeholder); SSM paths, ARNs, ids and numbers whatever their names', () => {
    const t = withParams({
      ClientSecret: { Type: 'String', NoEcho: true },
      OauthToken: { Type: 'String', NoEcho: 'true', Default: '' },
      ApiPassword: { Type: 'String', NoEcho: true, Default: '<>' },
      SlackBotTokenParam: { Type: 'String', Default: '/slack/bot_token', Description: 'The SSM parameter path of the slack bot token' },
      TokenSecretArn: { Type: 'String' },
      ClientId: { Type: 'String' },
      RefreshTokenValidity: { Type: 'Number', Default: 30 },
      TokenParameter: { Type: 'AWS::SSM::Parameter::Name', Default: '/prod/token' },
      KeyName: { Type: 'AWS::EC2::KeyPair::KeyName' },
    });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: secret by name, by description, by use (a credential property, a secret key of a SecretString), by a token-shaped default', () => {
    const t = withParams(
      {
        SlackToken: { Type: 'String' },
        Credential: { Type: 'String', Description: 'Password for accessing the broker' },
        BrokerPass: { Type: 'String' },
        Field: { Type: 'String' },
        User: { Type: 'String' },
        Seed: { Type: 'String', Default: fake.github() },
        ApiKeyParameter: { Type: 'String', NoEcho: true, Default: 'Pk7-partner-2026' },
        Choice: { Type: 'String', NoEcho: true, AllowedValues: ['first-secret-value', 'second-secret-value'] },
      },
      {
        Broker: { Type: 'AWS::AmazonMQ::Broker', Properties: { Users: [{ Username: { Ref: 'User' }, Password: { Ref: 'BrokerPass' } }] } },
        Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { 'Fn::Sub': '{"username": "${User}", "password": "${Field}"}' } } },
      },
    );
    const found = sec(t).filter((f) => f.ruleId === 'TokenGuard-SEC6');
    expect(summary(found)).toEqual([
      'TokenGuard-SEC6 violation ApiKeyParameter Parameters.ApiKeyParameter.Default',
      'TokenGuard-SEC6 violation BrokerPass Parameters.BrokerPass.NoEcho',
      'TokenGuard-SEC6 violation Choice Parameters.Choice.AllowedValues',
      'TokenGuard-SEC6 violation Credential Parameters.Credential.NoEcho',
      'TokenGuard-SEC6 violation Field Parameters.Field.NoEcho',
      'TokenGuard-SEC6 violation Seed Parameters.Seed.Default',
      'TokenGuard-SEC6 violation Seed Parameters.Seed.NoEcho',
      'TokenGuard-SEC6 violation SlackToken Parameters.SlackToken.NoEcho',
    ]);
    const text = (id: string) => found.filter((f) => f.logicalId === id).map((f) => f.message).join(' ');
    expect(text('BrokerPass')).toContain('passed to Properties.Users.0.Password of Broker');
    expect(text('Field')).toContain('passed to Properties.SecretString of Secret (key password)');
    expect(text('Credential')).toContain('described as a password');
    expect(text('SlackToken')).toContain('named like a token');
    expect(text('Seed')).toContain('its default or allowed values contain a GitHub token');
    expect(text('Seed')).not.toContain(fake.github());
    expect(found.every((f) => f.section === 'Parameters' && f.severity === 'error')).toBe(true);
  });

  test('compliant: a NoEcho Default that the conditions compare the parameter with is a sentinel for "not given"', () => {
    const t = withParams(
      {
        SlackToken: { Type: 'String', NoEcho: true, Default: 'none', Description: 'Slack bot token (leave none to disable Slack)' },
        DdApiKey: { Type: 'String', NoEcho: true, Default: 'USE_ARN' },
      },
      {},
    );
    t.Conditions = {
      HasSlack: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'SlackToken' }, 'none'] }] },
      UseArn: { 'Fn::And': [{ 'Fn::Equals': ['USE_ARN', { Ref: 'DdApiKey' }] }, { Condition: 'HasSlack' }] },
    };
    expect(sec(t).filter((f) => f.ruleId === 'TokenGuard-SEC6')).toEqual([]);
  });

  test('non-compliant: a Default the conditions do not compare with (another value, another parameter) is still written in the template', () => {
    // 'changeme' is a stand-in, but the stack sets it as a database's password: that database gets it.
    const t = withParams(
      { DbPassword: { Type: 'String', NoEcho: true, Default: 'changeme' }, Stage: { Type: 'String', Default: 'changeme' } },
      { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: { Ref: 'DbPassword' } } } },
    );
    t.Conditions = { IsProd: { 'Fn::Equals': [{ Ref: 'DbPassword' }, 'prod'] }, Other: { 'Fn::Equals': [{ Ref: 'Stage' }, 'changeme'] } };
    expect(summary(sec(t).filter((f) => f.ruleId === 'TokenGuard-SEC6'))).toEqual(['TokenGuard-SEC6 violation DbPassword Parameters.DbPassword.Default']);
  });

  test('no cannot-tell: a parameter\'s definition is always literal, so every parameter is decided', () => {
    const t = withParams({ Token: { Type: 'String' }, Other: { Type: 'String' } }, { Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { X: { Ref: 'Other' } } } } } });
    expect(sec(t).filter((f) => f.ruleId === 'TokenGuard-SEC6').map((f) => f.kind)).toEqual(['violation']);
  });
});

describe('TokenGuard-SEC7 OutputSecret', () => {
  test('compliant: ids, ARNs, names, URLs; a dynamic reference (CloudFormation shows it unresolved in outputs)', () => {
    const t = template(
      { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } } },
      {
        Outputs: {
          ClientId: { Value: { Ref: 'Client' }, Export: { Name: 'ClientId' } },
          ClientSecretArn: { Value: { Ref: 'Secret' } },
          ClientSecretName: { Value: { 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: 'Secret' }] }] } },
          PoolProviderUrl: { Value: { 'Fn::GetAtt': ['Pool', 'ProviderURL'] } },
          Reference: { Value: '{{resolve:secretsmanager:prod/token}}' },
        },
      },
    );
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: an exported client secret, a NoEcho parameter (not masked in outputs), a literal token', () => {
    const t = template(
      {},
      {
        Parameters: { Token: { Type: 'String', NoEcho: true } },
        Conditions: {},
        Outputs: {
          Secret: { Value: { 'Fn::GetAtt': ['Client', 'ClientSecret'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-ClientSecret' } } },
          Echo: { Value: { 'Fn::Sub': 'Bearer ${Token}' } },
          Hook: { Value: fake.slackWebhook() },
        },
      },
    );
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC7 violation Echo Outputs.Echo.Value',
      'TokenGuard-SEC7 violation Hook Outputs.Hook.Value',
      'TokenGuard-SEC7 violation Secret Outputs.Secret.Value',
    ]);
    expect(found.find((f) => f.logicalId === 'Secret')!.message).toMatch(/^ClientSecret of Client reaches Outputs\.Secret\.Value \(exported\): stack outputs/);
    expect(found.find((f) => f.logicalId === 'Hook')!.message).toContain('A literal Slack webhook URL');
  });

  test('cannot tell: an output passing on an import named like a token', () => {
    const t = template({}, { Outputs: { Passed: { Value: { 'Fn::ImportValue': 'shared-RefreshToken' } } } });
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC7 cannot-tell Passed Outputs.Passed.Value']);
  });
});
