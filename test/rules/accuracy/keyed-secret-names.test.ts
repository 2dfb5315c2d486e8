/**
 * Holdout class (issue 15, found by the real-world holdout rw41): a secret noun followed by "key"
 * (`TWITTER_ACCESS_TOKEN_KEY`, `ConsumerSecretKey`) names either where a secret is kept or the secret itself, as
 * Twitter's credentials are named in serverless/examples aws-node-twitter-joke-bot/serverless.yml (commit
 * 22865199326008b9f863cb1ad28bfdddae9a7473), whose `${self:custom.env.*}` values `serverless package` writes into
 * the compiled template. The value decides: a generated-looking literal is a secret, a key name is not; an import
 * under such a name cannot be told.
 */
import { audit } from '../helpers';

const GENERATED = '1472583691357924680-Qw7eRt5yUi3oPa1sDf9gHj2kLz8xCv';
const sec1 = (variables: Record<string, unknown>) =>
  audit({ Resources: { Tweet: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'handler.tweet', Runtime: 'nodejs20.x', Environment: { Variables: variables } } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('secret nouns followed by "key"', () => {
  test.each([
    ['a key name under TOKEN_KEY', { TOKEN_KEY: 'refresh_token' }],
    ['a generated value under a name without a secret noun', { CACHE_KEY: GENERATED }],
    ['a placeholder under ACCESS_TOKEN_KEY', { ACCESS_TOKEN_KEY: 'YOUR-ACCESS-TOKEN-HERE' }],
  ])('compliant: %s', (_what, variables) => {
    expect(sec1(variables)).toEqual([]);
  });

  test('non-compliant: a generated-looking literal under TWITTER_ACCESS_TOKEN_KEY is the access token', () => {
    expect(sec1({ TWITTER_ACCESS_TOKEN_KEY: GENERATED })).toEqual(['violation error Properties.Environment.Variables.TWITTER_ACCESS_TOKEN_KEY']);
  });

  test('non-compliant: the same holds for an output named that way (SEC7)', () => {
    const t = { Resources: {}, Outputs: { ConsumerSecretKey: { Value: 'Zx8Cv7Bn6Mm5Ll4Kk3Jj2Hh1Gg0Ff9Dd8Ss7Aa6Qq5Ww4Ee3' } } };
    expect(audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC7').map((f) => `${f.kind} ${f.logicalId}`)).toEqual(['violation ConsumerSecretKey']);
  });

  test('cannot tell: an import under ACCESS_TOKEN_KEY', () => {
    expect(sec1({ ACCESS_TOKEN_KEY: { 'Fn::ImportValue': 'bot-credentials' } })).toEqual(['cannot-tell warning Properties.Environment.Variables.ACCESS_TOKEN_KEY']);
  });
});
