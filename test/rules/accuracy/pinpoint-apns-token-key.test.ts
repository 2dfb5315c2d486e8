/**
 * Sweep class (session 9, sweep2's rw574, a miss): the APNs token signing key of a Pinpoint channel. Every APNs
 * channel type (AWS::Pinpoint::APNSChannel, APNSSandboxChannel, APNSVoipChannel, APNSVoipSandboxChannel) takes the
 * private key of the .p8 file Apple issues as `TokenKey` (beside `TokenKeyId`, the key's id). cfn_nag's
 * PinpointAPNS*ChannelTokenKeyRule fixtures (stelligent/cfn_nag spec/test_templates/yaml/pinpoint_apns*channel/
 * *_token_key_*, commit 8b5f03da74202ba323a145e9d037ddce6cab9dec) write it as a literal, a `{{resolve:ssm:…}}`
 * reference and a visible parameter: twelve templates, no finding, while the same channels' `PrivateKey` was judged.
 * `TokenKey` is now a credential property; `TokenKeyId` and `TokenKeyName` stay identifiers.
 */
import { audit } from '../helpers';

const channel = (type: string, tokenKey: unknown, parameters?: Record<string, unknown>) =>
  audit({
    ...(parameters ? { Parameters: parameters } : {}),
    Resources: {
      App: { Type: 'AWS::Pinpoint::App', Properties: { Name: 'push' } },
      Channel: { Type: type, Properties: { ApplicationId: { Ref: 'App' }, BundleId: 'com.example.app', TeamId: 'ABCDE12345', TokenKeyId: { Ref: 'KeyId' }, TokenKey: tokenKey } },
    },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC11' || f.ruleId === 'TokenGuard-SEC6')
    .map((f) => `${f.ruleId.slice(11)} ${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const KEY_ID = { KeyId: { Type: 'String' } };
const TYPES = ['AWS::Pinpoint::APNSChannel', 'AWS::Pinpoint::APNSSandboxChannel', 'AWS::Pinpoint::APNSVoipChannel', 'AWS::Pinpoint::APNSVoipSandboxChannel'];

describe('the APNs token signing key of a Pinpoint channel', () => {
  test.each(TYPES)('compliant: %s TokenKey from Secrets Manager, or from a NoEcho parameter without Default', (type) => {
    expect(channel(type, '{{resolve:secretsmanager:push/apns:SecretString:tokenKey}}', KEY_ID)).toEqual([]);
    expect(channel(type, { Ref: 'TokenKey' }, { ...KEY_ID, TokenKey: { Type: 'String', NoEcho: true } })).toEqual([]);
  });

  test.each(TYPES)('non-compliant: %s TokenKey as a literal, from a plaintext SSM parameter, or from a visible parameter', (type) => {
    expect(channel(type, 'K3y!NotReal#2024', KEY_ID)).toEqual(['SEC11 violation error Channel Properties.TokenKey']);
    expect(channel(type, '{{resolve:ssm:/push/apns/token-key}}', KEY_ID)).toEqual(['SEC11 violation error Channel Properties.TokenKey']);
    expect(channel(type, { Ref: 'SigningKey' }, { ...KEY_ID, SigningKey: { Type: 'String' } })).toEqual([
      'SEC6 violation error SigningKey Parameters.SigningKey.NoEcho',
    ]);
  });

  test('cannot tell: an imported TokenKey', () => {
    expect(channel('AWS::Pinpoint::APNSChannel', { 'Fn::ImportValue': 'push-apns-key' }, KEY_ID)).toEqual([
      'SEC11 cannot-tell warning Channel Properties.TokenKey',
    ]);
  });
});
