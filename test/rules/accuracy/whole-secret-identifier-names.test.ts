/**
 * rw788 (holdout25, after skamalj/lambda-oauth-callback lambda-oauth-callback/template.yaml): a Salesforce OAuth
 * callback keeps its client id, client secret and redirect URI each in a whole Secrets Manager secret and resolves
 * all three into the function's environment. The client secret is secret material (SEC1 ERROR); a whole secret named
 * for a client id or a redirect/callback URI holds an identifier that is public by design. Other identifier words do
 * not carry over to whole-secret names: a secret named `prod/app/database` holds the database credential.
 */
import { audit } from '../helpers';

const sec1 = (secretName: string) =>
  audit({
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: { VALUE: `{{resolve:secretsmanager:${secretName}}}` } } },
      },
    },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity}`);

describe('whole secrets named for an OAuth client id or redirect URI', () => {
  test.each(['sf_client_id', 'prod/GoogleClientId', 'sf_callback_uri', 'app/OAUTH_REDIRECT_URL'])('compliant: a whole secret named %s holds an identifier', (name) => {
    expect(sec1(name)).toEqual([]);
  });

  test.each(['sf_client_secret', 'prod/app/database', 'db-host', 'client_id_and_secret', 'slack/webhook_url'])('non-compliant: a whole secret named %s is secret material', (name) => {
    expect(sec1(name)).toEqual(['violation error']);
  });

  test('compliant: a field named client_id of any secret is an identifier as before', () => {
    expect(sec1('prod/salesforce:SecretString:client_id')).toEqual([]);
  });
});
