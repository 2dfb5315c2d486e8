/**
 * False alarms the secret-placement rules must not raise: what peers flag by name or by a 40-character regex.
 * (checkov#7310 and #7542, kics#7023 in ../shared/research/peers.md.)
 */
import { fake } from './fixtures';
import { fn, sec, template } from './helpers';

describe('traps that must not fire', () => {
  test('references under secret-sounding names: SSM paths, secret ARNs and names, client ids, pool ids', () => {
    const t = template(
      {
        TokenSecret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'prod/slack/bot-token', GenerateSecretString: {} } },
        SlackTokenParameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name: '/prod/slack/token-secret-name', Value: 'prod/slack/bot-token' } },
        Fn: fn({
          SLACK_BOT_TOKEN_PARAM: '/prod/slack/token',
          SLACK_TOKEN_SECRET_ARN: { Ref: 'TokenSecret' },
          SLACK_TOKEN_SECRET_NAME: 'prod/slack/bot-token',
          CLIENT_SECRET_ID: { 'Fn::GetAtt': ['TokenSecret', 'Id'] },
          TOKEN_PARAMETER: { Ref: 'SlackTokenParameter' },
          COGNITO_CLIENT_ID: { Ref: 'Client' },
          USER_POOL_ID: { Ref: 'Pool' },
          API_TOKEN_URL: 'https://auth.example.com/oauth2/token',
          REFRESH_TOKEN_TTL_SECONDS: '3600',
          PASSWORD_MIN_LENGTH: '14',
        }),
      },
      {
        Parameters: {
          SlackBotTokenParam: { Type: 'String', Default: '/slack/bot_token', Description: 'The SSM parameter path of the slack bot token' },
          ClientSecretArn: { Type: 'String' },
          ApiTokenSsmName: { Type: 'AWS::SSM::Parameter::Name', Default: '/prod/api/token' },
          DbPasswordSecret: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/prod/db/password-secret-name' },
        },
        Outputs: {
          ClientId: { Value: { Ref: 'Client' } },
          TokenSecretArn: { Value: { Ref: 'TokenSecret' }, Export: { Name: 'TokenSecretArn' } },
          TokenParameterName: { Value: { Ref: 'SlackTokenParameter' } },
        },
      },
    );
    expect(sec(t)).toEqual([]);
  });

  test('CDK-synthesised noise: asset hashes, asset buckets, logical ids, AWS_CA_BUNDLE, CDK metadata, 40-character names', () => {
    const t = {
      Resources: {
        CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C81C01536: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: '9eb41a5505d37607ac419321497a4f8c21cf0ee1f9b4a6b29aa04301aea5c7fd.zip' },
            Environment: { Variables: { AWS_CA_BUNDLE: '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem' } },
            Role: { 'Fn::GetAtt': ['CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756CServiceRole89A01265', 'Arn'] },
          },
          Metadata: { 'aws:cdk:path': 'Site/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource', 'aws:asset:path': 'asset.9eb41a5505d37607ac419321497a4f8c21cf0ee1f9b4a6b29aa04301aea5c7fd' },
        },
        Deploy: {
          Type: 'Custom::CDKBucketDeployment',
          Properties: {
            ServiceToken: { 'Fn::GetAtt': ['CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C81C01536', 'Arn'] },
            SourceBucketNames: [{ 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }],
            SourceObjectKeys: ['4c2e3f1b1f4f5e3d6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f.zip'],
            DestinationBucketName: 'mystackwebsitebucket12ab34cd56ef78gh90ij',
          },
        },
        Worker: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Environment: {
              Variables: {
                TABLE_NAME: 'MyServiceStackTokenTable0A1B2C3D4E5F6G7H8',
                QUEUE_NAME: 'MyServiceStackProcessorQueue9X8Y7Z6W5V4U',
                BUCKET: 'myservicestack-artifactsbucket1a2b3c4d5e6f',
                BUILD_ID: 'AWS679f53fac002430cb0da5b7982bd22872D164C4C',
                HASH: 'f'.repeat(8) + '2b2f6e7d96d216685951807694b6e6fca88b8fd0',
              },
            },
          },
        },
        CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:H4sIAAAAAAAA/' + fake.awsSecretKey() + 'zPSMzTQM1BMLC/WS' } },
      },
    };
    expect(sec(t)).toEqual([]);
  });

  test('40-character values that look like AWS secret keys are not keys without an access key id in the template', () => {
    const t = template({ Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: fake.awsSecretKey(), TopicName: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0' } } });
    expect(sec(t)).toEqual([]);
  });

  test('placeholders and documentation values in credential properties and parameters', () => {
    const t = template(
      {
        Conn: { Type: 'AWS::Events::Connection', Properties: { AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: '' } } } },
        Alexa: { Type: 'Alexa::ASK::Skill', Properties: { AuthenticationConfiguration: { ClientId: 'amzn1.application-oa2-client.1', ClientSecret: '<>' } } },
      },
      { Parameters: { ClientSecret: { Type: 'String', NoEcho: true, Default: '' } } },
    );
    expect(sec(t)).toEqual([]);
  });
});
