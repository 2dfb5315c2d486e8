/** SEC8-SEC11: dynamic references in plaintext, secret attributes, token-shaped literals and inline credentials anywhere. */
import { fingerprint, TokenMatch } from '../../../rules/secret-placement/tokens';
import { fake } from './fixtures';
import { fn, sec, summary, template } from './helpers';

const CLIENT_SECRET = { 'Fn::GetAtt': ['Client', 'ClientSecret'] };

describe('TokenGuard-SEC8 DynamicReferenceInPlaintext', () => {
  test('compliant: dynamic references in credential properties, a Secrets Manager secret, custom resources (not resolved there)', () => {
    const t = template({
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUsername: 'admin', MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}' } },
      Ad: { Type: 'AWS::DirectoryService::MicrosoftAD', Properties: { Name: 'corp.example.com', Password: '{{resolve:secretsmanager:ad-admin:SecretString:password}}' } },
      Copy: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: '{"password": "{{resolve:secretsmanager:ad-admin:SecretString:password}}"}' } },
      Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x', Tags: [{ Key: 'k', Value: '{{resolve:secretsmanager:x}}' }] } },
      Plain: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'url', Value: '{{resolve:ssm:/prod/app/url}}' }] } },
    });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: tags, user data (Fn::Base64 of Fn::Sub), Amplify environment variables, a state machine definition', () => {
    const t = template({
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'token', Value: '{{resolve:secretsmanager:prod/token}}' }] } },
      Host: {
        Type: 'AWS::EC2::Instance',
        Properties: { ImageId: 'ami-12345678', UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\nexport TOKEN={{resolve:ssm-secure:/prod/token}}\n' } } },
      },
      App: { Type: 'AWS::Amplify::App', Properties: { Name: 'app', EnvironmentVariables: [{ Name: 'API_TOKEN', Value: '{{resolve:secretsmanager:prod/api:SecretString:token}}' }] } },
      Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: { 'Fn::Join': ['', ['{"token":"', '{{resolve:secretsmanager:', { Ref: 'Client' }, '}}', '"}']] } } },
    });
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC8 violation App Properties.EnvironmentVariables.0.Value',
      'TokenGuard-SEC8 violation Bucket Properties.Tags.0.Value',
      'TokenGuard-SEC8 violation Flow Properties.DefinitionString',
      'TokenGuard-SEC8 violation Host Properties.UserData',
    ]);
    expect(found.find((f) => f.logicalId === 'Bucket')!.message).toBe(
      '{{resolve:secretsmanager:prod/token}} (a Secrets Manager dynamic reference, resolved at deploy time) resolves into a tag (readable with tag:GetResources and copied into billing data) at Properties.Tags.0.Value of Bucket: the secret is stored there in plaintext after deployment and goes stale when it rotates.',
    );
  });

  test('one problem, one finding: a dynamic reference in a Lambda environment variable is SEC1\'s, in an output is nobody\'s', () => {
    const t = template(
      { Fn: fn({ TOKEN: '{{resolve:secretsmanager:prod/token}}' }) },
      { Outputs: { Ref: { Value: '{{resolve:secretsmanager:prod/token}}' } } },
    );
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC1 violation Fn Properties.Environment.Variables.TOKEN']);
  });

  test('no cannot-tell: a dynamic reference is template text, so a tag from an import or a parameter is not one', () => {
    const t = template({ Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'a', Value: { 'Fn::ImportValue': 'x' } }] } } });
    expect(sec(t)).toEqual([]);
  });
});

describe('TokenGuard-SEC9 SecretAttributeOutsideSecretsManager', () => {
  test('compliant: GetAtt ClientSecret into a secret\'s SecretString (also CDK\'s AwsCustomResource attribute), ClientId anywhere', () => {
    const t = template({
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: CLIENT_SECRET } },
      Describe: { Type: 'Custom::DescribeCognitoUserPoolClient', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x' } },
      Secret2: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { 'Fn::GetAtt': ['Describe', 'UserPoolClient.ClientSecret'] } } },
      Json: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { 'Fn::Sub': '{"id":"${Client}","secret":"${Client.ClientSecret}"}' } } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { Tags: [{ Key: 'client', Value: { Ref: 'Client' } }] } },
    });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: a custom resource\'s config, a tag, an access key\'s secret in a Sub (each with source and place)', () => {
    const t = template({
      Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'ci' } },
      Config: {
        Type: 'Custom::EdgeConfig',
        Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:cfg', Configuration: { 'Fn::Sub': ['{"clientSecret":"${S}"}', { S: CLIENT_SECRET }] } },
      },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { Tags: [{ Key: 'k', Value: { 'Fn::Sub': '${Key.SecretAccessKey}' } }] } },
    });
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC9 violation Config Properties.Configuration',
      'TokenGuard-SEC9 violation Topic Properties.Tags.0.Value',
    ]);
    expect(found[0].message).toMatch(/^ClientSecret of Client reaches Properties\.Configuration of Config, outside Secrets Manager/);
    expect(found[1].message).toMatch(/^SecretAccessKey of Key reaches Properties\.Tags\.0\.Value of Topic/);
  });

  test('one problem, one finding: ClientSecret in an environment variable, an output or a credential property is reported by that place\'s rule', () => {
    const t = template(
      {
        Fn: fn({ S: CLIENT_SECRET }),
        Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS', AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: { Ref: 'Client' }, ClientSecret: CLIENT_SECRET } } } } },
      },
      { Outputs: { S: { Value: CLIENT_SECRET } } },
    );
    expect(summary(sec(t))).toEqual([
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.S',
      'TokenGuard-SEC11 violation Conn Properties.AuthParameters.OAuthParameters.ClientParameters.ClientSecret',
      'TokenGuard-SEC7 violation S Outputs.S.Value',
    ]);
  });

  test('cannot tell: an attribute name computed from a parameter on a user pool client', () => {
    const t = template(
      { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': ['Client', { Ref: 'Attr' }] } } } },
      { Parameters: { Attr: { Type: 'String' } } },
    );
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC9 cannot-tell Topic Properties.DisplayName']);
  });
});

describe('TokenGuard-SEC10 TokenShapedLiteral', () => {
  test('compliant: hashes, logical ids, bucket names, UUIDs, ARNs, example keys', () => {
    const t = template(
      {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: '2b2f6e7d96d216685951807694b6e6fca88b8fd0f6ac90be6d3c75201710dd6a.zip' },
            Role: { 'Fn::GetAtt': ['AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2', 'Arn'] },
            Description: 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY 9a7743fa-3ae7-11eb-adc1-0242ac120002',
          },
        },
      },
      { Metadata: { Note: 'a JWT has three segments: header.payload.signature; ghp_ prefixes GitHub tokens' } },
    );
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: a JWE in a mapping, a GitHub token in a Sub, an AWS key pair in user data (a PEM key in cfn-init metadata is the metadata rule\'s)', () => {
    const keyId = fake.awsKeyId();
    const t = template(
      {
        Host: {
          Type: 'AWS::EC2::Instance',
          Metadata: { 'AWS::CloudFormation::Init': { config: { files: { '/etc/app/key.pem': { content: fake.pem() } } } } },
          Properties: { UserData: { 'Fn::Base64': `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${keyId}\nexport KEY=${fake.awsSecretKey()}\n` } },
        },
        Hook: { Type: 'AWS::CodePipeline::Webhook', Properties: { TargetPipeline: 'p', Filters: [], Authentication: 'GITHUB_HMAC', AuthenticationConfiguration: {}, TargetAction: { 'Fn::Sub': `repo ${fake.github()} \${AWS::Region}` } } },
      },
      { Mappings: { Tokens: { prod: { refresh: fake.jwe() } } } },
    );
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC10 violation Hook Properties.TargetAction',
      'TokenGuard-SEC10 violation Host Properties.UserData',
      'TokenGuard-SEC10 violation Tokens Mappings.Tokens.prod.refresh',
      'TokenGuard-SEC13 violation Host Metadata.AWS::CloudFormation::Init.config.files./etc/app/key.pem.content',
    ]);
    const messages = found.map((f) => f.message).join('\n');
    expect(messages).toContain('a JWE (five segments: the shape of a Cognito refresh token)');
    expect(messages).toContain('an AWS secret access key (an access key id is in the same template)');
    expect(messages).not.toContain(keyId);
  });

  test('one problem, one finding: a token in an environment variable, an SSM value, a parameter default or an output is reported there', () => {
    const t = template(
      { Fn: fn({ X: fake.github() }), P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: fake.github(2) } } },
      { Parameters: { Seed: { Type: 'String', NoEcho: true, Default: fake.github(3) } }, Outputs: { O: { Value: fake.github(4) } } },
    );
    expect(summary(sec(t))).toEqual([
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.X',
      'TokenGuard-SEC5 violation P Properties.Value',
      'TokenGuard-SEC6 violation Seed Parameters.Seed.Default',
      'TokenGuard-SEC7 violation O Outputs.O.Value',
    ]);
  });

  test('outside an output\'s Value (its description) a literal token is SEC10\'s', () => {
    const t = template({}, { Outputs: { Api: { Value: { Ref: 'Client' }, Description: `call with ${fake.jwt()}` } } });
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC10 violation Api Outputs.Api.Description']);
  });

  describe('one finding per value: the first ten different literals named, the rest counted', () => {
    const topic = (displayName: string) => template({ Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: displayName } } });
    const tail = 'Anyone who can read the template has the credentials.';
    const named = (...tokens: string[]) => tokens.map((t) => `${t.startsWith('eyJ') ? 'a JSON Web Token (JWT)' : 'a GitHub token'} (${fingerprint(t)})`).join('; ');

    test('a single token: the message names it (as one finding always has), also when it is repeated', () => {
      const token = fake.github(31);
      const single = `The template contains a GitHub token (${fingerprint(token)}) at Properties.DisplayName of Topic: anyone who can read the template has the credential.`;
      expect(sec(topic(`token ${token}`)).map((f) => f.message)).toEqual([single]);
      expect(sec(topic(`${token} and again ${token}`)).map((f) => f.message)).toEqual([single]);
    });

    test('a few different tokens: each named, a repeat counted', () => {
      const [a, b] = [fake.github(32), fake.jwt(33)];
      expect(sec(topic(`${a} ${b}`)).map((f) => f.message)).toEqual([`The template contains 2 token literals at Properties.DisplayName of Topic: ${named(a, b)}. ${tail}`]);
      expect(sec(topic(`${a} ${a} ${b}`)).map((f) => f.message)).toEqual([`The template contains 3 token literals at Properties.DisplayName of Topic: ${named(a, b)}; and 1 more. ${tail}`]);
    });

    test('many tokens: one finding names the first ten different ones and counts the rest, fingerprinting only those ten', () => {
      const tokens = Array.from({ length: 40 }, (_, i) => fake.github(100 + i));
      const value = [tokens[0], tokens[0], ...tokens.slice(1)].join(' ');
      const fingerprints = jest.spyOn(TokenMatch.prototype, 'fingerprint');
      try {
        const found = sec(topic(value));
        expect(summary(found)).toEqual(['TokenGuard-SEC10 violation Topic Properties.DisplayName']);
        expect(found[0].message).toBe(`The template contains 41 token literals at Properties.DisplayName of Topic: ${named(...tokens.slice(0, 10))}; and 31 more. ${tail}`);
        expect(fingerprints).toHaveBeenCalledTimes(10);
      } finally {
        fingerprints.mockRestore();
      }
    });
  });

  test('no cannot-tell: literals are always known', () => {
    const t = template({ Fn: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::ImportValue': 'x' } } } });
    expect(sec(t)).toEqual([]);
  });
});

describe('TokenGuard-SEC11 InlineCredential', () => {
  test('compliant: dynamic references (literal or CDK Join), NoEcho parameters without Default, ARNs', () => {
    const t = template(
      {
        Conn: {
          Type: 'AWS::Events::Connection',
          Properties: {
            AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
            AuthParameters: {
              OAuthParameters: {
                AuthorizationEndpoint: 'https://auth.example.com/token',
                HttpMethod: 'POST',
                ClientParameters: { ClientID: 'my-client', ClientSecret: '{{resolve:secretsmanager:partner/oauth:SecretString:clientSecret}}' },
              },
            },
          },
        },
        App: { Type: 'AWS::Amplify::App', Properties: { Name: 'web', OauthToken: { Ref: 'GitToken' } } },
        Idp: {
          Type: 'AWS::Cognito::UserPoolIdentityProvider',
          Properties: {
            UserPoolId: { Ref: 'Pool' },
            ProviderName: 'Google',
            ProviderType: 'Google',
            ProviderDetails: { client_id: 'google-client-id', client_secret: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'GoogleSecret' }, ':SecretString:::}}']] } },
          },
        },
        GoogleSecret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
        Cred: { Type: 'AWS::CodeBuild::SourceCredential', Properties: { AuthType: 'SECRETS_MANAGER', ServerType: 'GITHUB', Token: { Ref: 'GoogleSecret' } } },
        Units: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'days' } } },
      },
      { Parameters: { GitToken: { Type: 'String', NoEcho: true } } },
    );
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: literal third-party OAuth credentials (AppFlow, Alexa, Amplify), a plaintext SSM reference, a client secret attribute', () => {
    const t = template({
      Flow: {
        Type: 'AWS::AppFlow::ConnectorProfile',
        Properties: {
          ConnectorProfileName: 'sf',
          ConnectorType: 'Salesforce',
          ConnectionMode: 'Public',
          ConnectorProfileConfig: { ConnectorProfileCredentials: { Salesforce: { AccessToken: 'Xq7vL2mN9pR4tW8kB3cZ6hJ1', RefreshToken: fake.jwe(), ClientCredentialsArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sf-AbCdEf' } } },
        },
      },
      Skill: {
        Type: 'Alexa::ASK::Skill',
        Properties: { VendorId: 'v', AuthenticationConfiguration: { ClientId: 'amzn1.application-oa2-client.x', ClientSecret: 'Kp4wR8nV2xM7qT1zL9cB5hY3', RefreshToken: '{{resolve:ssm:/alexa/refresh}}' } },
      },
      App: { Type: 'AWS::Amplify::App', Properties: { Name: 'web', AccessToken: fake.github() } },
      Conn: { Type: 'AWS::Events::Connection', Properties: { AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: { Ref: 'Client' }, ClientSecret: CLIENT_SECRET } } } } },
    });
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC11 violation App Properties.AccessToken',
      'TokenGuard-SEC11 violation Conn Properties.AuthParameters.OAuthParameters.ClientParameters.ClientSecret',
      'TokenGuard-SEC11 violation Flow Properties.ConnectorProfileConfig.ConnectorProfileCredentials.Salesforce.AccessToken',
      'TokenGuard-SEC11 violation Flow Properties.ConnectorProfileConfig.ConnectorProfileCredentials.Salesforce.RefreshToken',
      'TokenGuard-SEC11 violation Skill Properties.AuthenticationConfiguration.ClientSecret',
      'TokenGuard-SEC11 violation Skill Properties.AuthenticationConfiguration.RefreshToken',
    ]);
    const messages = found.map((f) => f.message).join('\n');
    expect(messages).toContain('Properties.AuthenticationConfiguration.RefreshToken of Skill comes from a plaintext SSM String parameter');
    expect(messages).toContain('comes from ClientSecret of Client, copied by CloudFormation');
    expect(messages).not.toContain('Kp4wR8nV2xM7qT1zL9cB5hY3');
  });

  test('one problem, one finding: a visible parameter in a credential property is reported once, on the parameter', () => {
    const t = template(
      { Broker: { Type: 'AWS::AmazonMQ::Broker', Properties: { Users: [{ Username: 'app', Password: { Ref: 'BrokerPassword' } }] } } },
      { Parameters: { BrokerPassword: { Type: 'String' } } },
    );
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC6 violation BrokerPassword Parameters.BrokerPassword.NoEcho']);
  });

  test('cannot tell: a credential from an import or from another resource\'s attribute', () => {
    const t = template({
      Helper: { Type: 'AWS::CloudFormation::WaitConditionHandle' },
      App: { Type: 'AWS::Amplify::App', Properties: { Name: 'web', AccessToken: { 'Fn::ImportValue': 'git-token' }, OauthToken: { 'Fn::GetAtt': ['Helper', 'Data'] } } },
    });
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC11 cannot-tell App Properties.AccessToken', 'TokenGuard-SEC11 cannot-tell App Properties.OauthToken']);
  });
});

describe('the shared walk finds every form among many resources that hold none', () => {
  // Many resources that concern no rule around the few that do: no form in which a secret can be read or a
  // credential given may be missed.
  const quiet = Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue', Properties: { QueueName: `q${i}`, Tags: [{ Key: 'team', Value: 'a' }] } }]),
  );

  test('every form of a secret attribute read is still found among resources that read none', () => {
    const t = template({
      ...quiet,
      Tagged: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'secret', Value: { 'Fn::GetAtt': 'Client.ClientSecret' } }] } },
      Described: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Sub': 'client ${Client.ClientSecret}' } } },
      Computed: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['Client', { Ref: 'AttributeName' }] } } },
    }, { Parameters: { AttributeName: { Type: 'String', AllowedValues: ['ClientId', 'ClientSecret'] } } });
    expect(summary(sec(t))).toEqual([
      'TokenGuard-SEC9 cannot-tell Computed Properties.QueueName',
      'TokenGuard-SEC9 violation Described Properties.DisplayName',
      'TokenGuard-SEC9 violation Tagged Properties.Tags.0.Value',
    ]);
  });

  test('an attribute whose name is common (an IVS stream key\'s Value) is still found', () => {
    const t = template({
      ...quiet,
      Key: { Type: 'AWS::IVS::StreamKey', Properties: { ChannelArn: 'arn:aws:ivs:eu-west-1:123456789012:channel/abc' } },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'x', Description: { 'Fn::Sub': 'key ${Key.Value}' } } },
    });
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC9 violation Param Properties.Description']);
  });

  test('a credential property after clients whose TokenValidityUnits name tokens (AccessToken, RefreshToken) is found', () => {
    const units = { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' };
    const t = template({
      First: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, AccessTokenValidity: 5, TokenValidityUnits: units } },
      Second: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, TokenValidityUnits: units, RefreshTokenValidity: 7 } },
      Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'Vb6tN1qW9zK3mR7pX2cL8hF4' } } } },
    });
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC11 violation Conn Properties.AuthParameters.ApiKeyAuthParameters.ApiKeyValue']);
    const onlyUnits = template({ First: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, TokenValidityUnits: units } } });
    expect(sec(onlyUnits)).toEqual([]);
  });

  test('a credential property written with any separators and case is found, as the rules read it, and a tag is not one', () => {
    const t = template({
      ...quiet,
      Conn: { Type: 'AWS::Events::Connection', Properties: { AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: 'id', CLIENT__SECRET_: 'Hj3kP9vT5wQ1nZ7xM2bR6cL8' } } } } },
      Tagged: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'Secret', Value: 'Token' }] } },
    });
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC11 violation Conn Properties.AuthParameters.OAuthParameters.ClientParameters.CLIENT__SECRET_']);
  });

  test('credentials in types whose keys are not known by name (custom resource, AppFlow profile, API key) are found among resources without any', () => {
    const t = template({
      ...quiet,
      Hook: { Type: 'Custom::Webhook', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x', SigningSecret: 'Zt4qW9xLp2Vn7RkB3sYd8HcF6mJa1EuG' } },
      Flow: {
        Type: 'AWS::AppFlow::ConnectorProfile',
        Properties: { ConnectorProfileName: 'z', ConnectorType: 'Zendesk', ConnectionMode: 'Public', ConnectorProfileConfig: { ConnectorProfileCredentials: { Zendesk: { ClientId: 'id', Oauth2Credential: 'Zd8kQ2wN5xR7vT1mL4pB9cY3hF6jA0sE' } } } },
      },
      Key: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Enabled: true, Value: 'literal-api-key-value-0123456789' } },
    });
    expect(summary(sec(t))).toEqual([
      'TokenGuard-SEC11 violation Flow Properties.ConnectorProfileConfig.ConnectorProfileCredentials.Zendesk.Oauth2Credential',
      'TokenGuard-SEC11 violation Hook Properties.SigningSecret',
      'TokenGuard-SEC11 violation Key Properties.Value',
    ]);
  });

  test('credential properties, secret strings, tokens and dynamic references are still found among resources without any', () => {
    const t = template({
      ...quiet,
      Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS', AuthParameters: { OAuthParameters: { ClientParameters: { ClientId: 'id', ClientSecret: { Ref: 'PartnerSecret' } } } } } },
      Store: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { 'Fn::Sub': '{"password":"${DbPassword}"}' } } },
      Deploy: { Type: 'AWS::CodeBuild::Project', Properties: { Description: `uses ${fake.github()}` } },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'k', Value: '{{resolve:secretsmanager:prod/k}}' }] } },
    }, { Parameters: { PartnerSecret: { Type: 'String' }, DbPassword: { Type: 'String' } } });
    const found = summary(sec(t));
    expect(found).toEqual([
      'TokenGuard-SEC10 violation Deploy Properties.Description',
      'TokenGuard-SEC6 violation DbPassword Parameters.DbPassword.NoEcho',
      'TokenGuard-SEC6 violation PartnerSecret Parameters.PartnerSecret.NoEcho',
      'TokenGuard-SEC8 violation Bucket Properties.Tags.0.Value',
    ]);
  });
});
