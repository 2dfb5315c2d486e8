/**
 * Holdout and sweep class (rw197, rw524, and four templates of a sweep of aws-samples/serverless-patterns and
 * serverless-samples): a secret parameter whose Default asks for the value (`<Portal API key here>`,
 * `xoxb-your-token-here`, `Bearer <<Enter your APIKeyValue>>`, `xoxb-ENTER YOUR BOT'S ACCESS TOKEN HERE`) got a SEC6
 * ERROR saying the secret is written in the template. It is not: a deployment that omits the parameter sends that text
 * to the other party, which rejects it. Every reviewer who wrote expectations for these templates said so.
 * The earlier reason to keep reporting still holds where it applies: when the parameter sets a password or key on a
 * resource of the stack's own (an RDS master password, a broker user's password, an API Gateway key's value), that
 * resource gets the text as its real credential, so the Default is still reported there.
 */
import { audit } from '../helpers';

const sec6 = (parameters: Record<string, unknown>, resources: Record<string, unknown> = {}) =>
  audit({ Parameters: parameters, Resources: { Topic: { Type: 'AWS::SNS::Topic' }, ...resources } })
    .filter((f) => f.ruleId === 'TokenGuard-SEC6')
    .map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`);

const connection = (ref: string) => ({
  Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'Authorization', ApiKeyValue: { Ref: ref } } } } },
});

describe('placeholder Defaults of secret parameters', () => {
  test.each(['<Portal API key here>', 'xoxb-your-token-here', 'Bearer <<Enter your APIKeyValue>>', "xoxb-ENTER YOUR BOT'S ACCESS TOKEN HERE", 'Enter the partner key', 'your-tracker-api-key-here'])(
    'compliant: NoEcho token parameter with Default %s, given to a connection',
    (text) => {
      expect(sec6({ PartnerApiKey: { Type: 'String', NoEcho: true, Default: text } }, connection('PartnerApiKey'))).toEqual([]);
    },
  );

  test('compliant: a stand-in Default of a NoEcho parameter named like a token and stored in a secret', () => {
    const secret = { Slack: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { Ref: 'SlackBotToken' } } } };
    expect(sec6({ SlackBotToken: { Type: 'String', NoEcho: true, Default: 'your-slack-bot-token-here' } }, secret)).toEqual([]);
  });

  test('non-compliant: a Default that is a value, not a stand-in', () => {
    expect(sec6({ PartnerApiKey: { Type: 'String', NoEcho: true, Default: 'Pk7-partner-2026' } }, connection('PartnerApiKey'))).toEqual([
      'violation error PartnerApiKey Parameters.PartnerApiKey.Default',
    ]);
  });

  test('non-compliant: a stand-in Default of a password the stack sets on its own database, and of a visible parameter', () => {
    const db = { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: { Ref: 'DbPassword' } } } };
    expect(sec6({ DbPassword: { Type: 'String', NoEcho: true, Default: '<your password here>' } }, db)).toEqual(['violation error DbPassword Parameters.DbPassword.Default']);
    expect(sec6({ PartnerApiKey: { Type: 'String', Default: '<Portal API key here>' } }, connection('PartnerApiKey'))).toEqual([
      'violation error PartnerApiKey Parameters.PartnerApiKey.NoEcho',
    ]);
  });

  test('no cannot-tell: a parameter\'s definition is literal, so SEC6 always decides', () => {
    const t = { PartnerApiKey: { Type: 'String', NoEcho: true, Default: 'xoxb-your-token-here' } };
    const found = audit({ Parameters: t, Resources: connection('PartnerApiKey') }).filter((f) => f.ruleId === 'TokenGuard-SEC6');
    expect(found.filter((f) => f.kind === 'cannot-tell')).toEqual([]);
  });
});
