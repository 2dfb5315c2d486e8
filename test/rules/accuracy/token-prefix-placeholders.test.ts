/**
 * A false ERROR found by the holdout rw514-rw538 (rw523, after bridge-nakao/slack2backlog template.yaml): a chat bot's
 * secret is created with `{"bot_token": "xoxb-placeholder", "signing_secret": "placeholder"}` and filled in by hand
 * after the first deployment. `placeholder` alone was a filler; `xoxb-placeholder` (a token format's prefix and a
 * filler, as sample templates write `ghp_dummy` or `sk-example`) read as a value written in the template. A lower-case
 * kebab- or snake-case text with a filler word as one of its parts is now a stand-in, as one with a secret noun
 * (`db_password`) already was; a value with a filler inside a word, or with upper-case characters, is still a value.
 */
import { audit } from '../helpers';

const smg4 = (secretString: unknown) =>
  audit({ Resources: { ChatSecrets: { Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'chat app', SecretString: secretString } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SMG4')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('token prefixes with a filler word', () => {
  test.each(['xoxb-placeholder', 'ghp_dummy', 'sk-example', 'xoxp-fake-token', 'pplx-changeme'])('compliant: %s under a secret key is a stand-in', (value) => {
    expect(smg4(JSON.stringify({ bot_token: value, signing_secret: 'placeholder' }))).toEqual([]);
  });

  test.each(['xoxb-Zq81MMrw4Tk', 'ghp_Sampled7Kz', 'placeholderx9'])('non-compliant: %s under a secret key is a value', (value) => {
    expect(smg4(JSON.stringify({ bot_token: value }))).toEqual(['violation error Properties.SecretString']);
  });

  test('cannot tell: an imported bot token', () => {
    expect(smg4({ 'Fn::Sub': ['{"bot_token": "${T}"}', { T: { 'Fn::ImportValue': 'chat-bot-token' } }] })).toEqual(['cannot-tell warning Properties.SecretString']);
  });
});
