/**
 * Sweep class (session 9, sweep3's rw585, a miss): a secret written into a nested stack's parameters.
 * An Amplify Gen 1 root stack as the CLI builds and users commit it (Aben25/SocialReview,
 * amplify/#current-cloud-backend/awscloudformation/build/root-cloudformation-stack.json, commit
 * 60b71d2dfa970e52b0d62909d5e2c0bfa593085b) passes its auth category every value of parameters.json as a literal,
 * including `hostedUIProviderCreds`, a JSON string holding the Facebook app's client secret: nothing was reported,
 * because a nested stack's parameters were judged only under the exact names of AWS credential properties
 * (`DbPassword`). Their names are chosen by the child template, as a custom resource's properties are, so they are
 * judged the same way: a secret-named parameter (`GoogleClientSecret`, `…Creds`) whose literal is token material,
 * looks generated or is a written-out password; a JSON document there is judged value by value under its own keys.
 */
import { audit } from '../helpers';

const sec11 = (parameters: Record<string, unknown>, type = 'AWS::CloudFormation::Stack') =>
  audit({
    Parameters: { ClientSecret: { Type: 'String', NoEcho: true }, Shared: { Type: 'String' } },
    Resources: { Child: { Type: type, Properties: { TemplateURL: 'https://s3.amazonaws.com/b/child.json', Location: 'child.yaml', Parameters: parameters } } },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC11' || f.ruleId === 'TokenGuard-SEC10')
    .map((f) => `${f.ruleId} ${f.kind} ${f.severity} ${f.path}`)
    .sort();
const creds = (secret: string) => JSON.stringify([{ ProviderName: 'Facebook', client_id: '418273650912748', client_secret: secret }]);

describe("a nested stack's parameters", () => {
  test.each(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'])('non-compliant: literal secrets under secret names (%s)', (type) => {
    expect(sec11({ GoogleClientSecret: '7c2e9b41d05fa8363e1b7d9c24a6f0e8', hostedUIProviderCreds: creds('7c2e9b41d05fa8363e1b7d9c24a6f0e8'), AdminPassword: 'Winter2024!' }, type)).toEqual([
      'TokenGuard-SEC11 violation error Properties.Parameters.AdminPassword',
      'TokenGuard-SEC11 violation error Properties.Parameters.GoogleClientSecret',
      'TokenGuard-SEC11 violation error Properties.Parameters.hostedUIProviderCreds',
    ]);
  });

  test('compliant: settings, ids, empty and placeholder credentials, references', () => {
    expect(
      sec11({
        hostedUIProviderCreds: '[]',
        hostedUIProviderMeta: '[{"ProviderName":"Facebook","authorize_scopes":"public_profile"}]',
        oAuthMetadata: '{"AllowedOAuthFlows":["code"],"CallbackURLs":["https://example.org/"]}',
        userpoolClientGenerateSecret: false,
        GoogleClientSecret: { Ref: 'ClientSecret' },
        ApiKeySecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:api-key-AbCdEf',
        SlackToken: '{{resolve:secretsmanager:slack:SecretString:token}}',
        AppSecret: 'CHANGE_ME',
        FacebookCreds: creds('<your app secret>'),
      }),
    ).toEqual([]);
  });

  test('cannot tell: an import under a secret name', () => {
    expect(sec11({ GoogleClientSecret: { 'Fn::ImportValue': 'auth-google-client-secret' } })).toEqual([
      'TokenGuard-SEC11 cannot-tell warning Properties.Parameters.GoogleClientSecret',
    ]);
  });
});
