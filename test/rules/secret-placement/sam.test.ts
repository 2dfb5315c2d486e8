/**
 * A realistic SAM application, written for this test: an orders API behind Cognito, a partner integration over
 * OAuth, a Slack notifier and a nightly export. Some of it is done right (names and ARNs in variables, dynamic
 * references in credential properties, NoEcho without Default), some of it the way the brief says teams get it wrong.
 */
import { auditTemplate } from '../../../rules/engine/run';
import { ALL_RULES } from '../../../rules/registry';
import { fake, parseTemplate } from './fixtures';
import { secretLookingLiterals, leakedRun } from './redaction';
import { summary } from './helpers';

const GITHUB = fake.github(41);

const SAM = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders API with a partner OAuth integration and Slack notifications

Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, prod]
  PartnerClientId:
    Type: String
    Description: OAuth client id issued by the partner
  PartnerClientSecret:
    Type: String
    NoEcho: true
    Description: OAuth client secret issued by the partner
  SlackBotTokenParam:
    Type: String
    Default: /orders/slack/bot-token
    Description: The SSM parameter path of the Slack bot token
  NotifierWebhookSecret:
    Type: String
    Description: Secret used to sign webhook calls to the notifier

Conditions:
  IsProd: !Equals [!Ref Stage, prod]

Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    Environment:
      Variables:
        STAGE: !Ref Stage
        USER_POOL_ID: !Ref UserPool
        APP_CLIENT_ID: !Ref AppClient
        APP_CLIENT_SECRET: !GetAtt AppClient.ClientSecret

Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !Sub orders-\${Stage}

  AppClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      GenerateSecret: true

  AppClientSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub orders/\${Stage}/app-client-secret
      SecretString: !GetAtt AppClient.ClientSecret

  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito:
            UserPoolArn: !GetAtt UserPool.Arn

  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: orders.handler
      CodeUri: src/
      Environment:
        Variables:
          CLIENT_SECRET_ARN: !Ref AppClientSecret
          SLACK_BOT_TOKEN_PARAM: !Ref SlackBotTokenParam
          PARTNER_CLIENT_ID: !Ref PartnerClientId
      Events:
        Get:
          Type: Api
          Properties:
            RestApiId: !Ref OrdersApi
            Path: /orders
            Method: get

  NotifierFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: notify.handler
      CodeUri: src/
      Environment:
        Variables:
          WEBHOOK_SECRET: !Ref NotifierWebhookSecret
          PARTNER_TOKEN: '{{resolve:secretsmanager:orders/partner:SecretString:refreshToken}}'
          GITHUB_STATUS_TOKEN: !If [IsProd, ${GITHUB}, '']
      Tags:
        Owner: orders-team

  PartnerConnection:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: OAUTH_CLIENT_CREDENTIALS
      AuthParameters:
        OAuthParameters:
          AuthorizationEndpoint: https://partner.example.com/oauth2/token
          HttpMethod: POST
          ClientParameters:
            ClientID: !Ref PartnerClientId
            ClientSecret: !Ref PartnerClientSecret

  LegacyConnection:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: OAUTH_CLIENT_CREDENTIALS
      AuthParameters:
        OAuthParameters:
          AuthorizationEndpoint: https://legacy.example.com/oauth2/token
          HttpMethod: POST
          ClientParameters:
            ClientID: legacy-orders
            ClientSecret: '{{resolve:secretsmanager:orders/legacy:SecretString:clientSecret}}'

  ExportBucket:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: partner-token
          Value: '{{resolve:secretsmanager:orders/partner:SecretString:refreshToken}}'
        - Key: token-secret
          Value: !Ref AppClientSecret

  SlackTokenParameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /orders/slack/bot-token-secret-name
      Type: String
      Value: orders/slack/bot-token

  ClientSecretCopy:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Sub /orders/\${Stage}/client-secret
      Type: String
      Value: !GetAtt AppClient.ClientSecret

Outputs:
  ApiUrl:
    Value: !Sub https://\${OrdersApi}.execute-api.\${AWS::Region}.amazonaws.com/\${Stage}
  AppClientId:
    Value: !Ref AppClient
    Export:
      Name: !Sub orders-\${Stage}-app-client-id
  AppClientSecretArn:
    Value: !Ref AppClientSecret
  AppClientSecretValue:
    Condition: IsProd
    Value: !GetAtt AppClient.ClientSecret
`;

describe('a realistic SAM template', () => {
  const template = parseTemplate(SAM);
  const findings = auditTemplate(template, { rules: ALL_RULES }).filter((f) => f.ruleId.startsWith('TokenGuard-SEC'));

  test('reports exactly the secrets that leave Secrets Manager, once each', () => {
    expect(summary(findings)).toEqual([
      'TokenGuard-SEC1 violation Function Globals.Function.Environment.Variables.APP_CLIENT_SECRET',
      'TokenGuard-SEC1 violation NotifierFunction Properties.Environment.Variables.GITHUB_STATUS_TOKEN',
      'TokenGuard-SEC1 violation NotifierFunction Properties.Environment.Variables.PARTNER_TOKEN',
      'TokenGuard-SEC1 violation NotifierFunction Properties.Environment.Variables.WEBHOOK_SECRET',
      'TokenGuard-SEC5 violation ClientSecretCopy Properties.Value',
      'TokenGuard-SEC6 violation NotifierWebhookSecret Parameters.NotifierWebhookSecret.NoEcho',
      'TokenGuard-SEC7 violation AppClientSecretValue Outputs.AppClientSecretValue.Value',
      'TokenGuard-SEC8 violation ExportBucket Properties.Tags.0.Value',
    ]);
  });

  test('messages say where the secret comes from and where it lands', () => {
    const message = (path: string) => findings.find((f) => f.path === path)!.message;
    expect(message('Globals.Function.Environment.Variables.APP_CLIENT_SECRET')).toMatch(
      /^ClientSecret of AppClient reaches Globals\.Function\.Environment\.Variables\.APP_CLIENT_SECRET of every function: /,
    );
    expect(message('Properties.Environment.Variables.WEBHOOK_SECRET')).toMatch(/^Parameter NotifierWebhookSecret \(named like a secret; described as a secret\) reaches/);
    expect(message('Properties.Environment.Variables.PARTNER_TOKEN')).toMatch(/^\{\{resolve:secretsmanager:orders\/partner:SecretString:refreshToken\}\} \(a Secrets Manager dynamic reference/);
    expect(message('Properties.Value')).toMatch(/^ClientSecret of AppClient reaches Properties\.Value of ClientSecretCopy: String and StringList parameters/);
    expect(message('Properties.Environment.Variables.GITHUB_STATUS_TOKEN')).toMatch(/^A literal GitHub token \(40 chars, sha256 [0-9a-f]{8}\)/);
  });

  test('conditional findings name their condition', () => {
    expect(findings.find((f) => f.path === 'Properties.Environment.Variables.GITHUB_STATUS_TOKEN')!.conditions).toEqual(['IsProd=true']);
    expect(findings.find((f) => f.logicalId === 'AppClientSecretValue')!.conditions).toEqual(['IsProd=true']);
  });

  test('what is done right is not reported: names, ARNs, ids, the secret store, credential dynamic references, NoEcho without Default', () => {
    const places = findings.map((f) => `${f.logicalId} ${f.path}`).join('\n');
    for (const fine of ['CLIENT_SECRET_ARN', 'SLACK_BOT_TOKEN_PARAM', 'PARTNER_CLIENT_ID', 'AppClientSecret ', 'PartnerConnection', 'LegacyConnection', 'SlackTokenParameter', 'Tags.1', 'AppClientId', 'AppClientSecretArn', 'PartnerClientSecret', 'SlackBotTokenParam', 'USER_POOL_ID', 'APP_CLIENT_ID']) {
      expect(places).not.toContain(fine);
    }
  });

  test('no message repeats 20 characters of a secret-looking literal', () => {
    expect(leakedRun(findings, [...secretLookingLiterals(template), GITHUB])).toBeUndefined();
  });
});
