/** The evidence the secret-placement rules rest on: names, token formats, fingerprints, parameter secrecy. */
import { TemplateModel } from '../../../rules/engine/template';
import { Evaluator } from '../../../rules/engine/evaluate';
import { DEFAULT_POLICY } from '../../../rules/engine/policy';
import type { RuleContext } from '../../../rules/engine/types';
import { describedAsSecret, looksLikeReference, secretName } from '../../../rules/secret-placement/names';
import { parameterSecrecy, traceValue } from '../../../rules/secret-placement/provenance';
import { containsAwsAccessKeyId, findTokens, fingerprint, looksGenerated, TOKEN_MARKERS } from '../../../rules/secret-placement/tokens';
import { seededRandom } from '../../seeded-random';
import { allFakeTokens, fake, randomText } from './fixtures';

function ctx(template: Record<string, unknown>): RuleContext {
  const model = new TemplateModel(template);
  return { template: model, evaluator: new Evaluator(model), policy: DEFAULT_POLICY };
}

describe('secretName: a secret noun not qualified into a name, path, ARN or setting', () => {
  test.each([
    ['MY_COGNITO_POOL_APP_CLIENT_SECRET', 'client secret'],
    ['SlackToken', 'token'],
    ['OAuthToken', 'token'],
    ['AWS_SECRET_ACCESS_KEY', 'secret access key'],
    ['ApiKeyOperationUsersParameter', 'api key'],
    ['UserPoolClient.ClientSecret', 'client secret'],
    ['/prod/db/password', 'password'],
    ['PreSharedKey', 'shared key'],
  ])('%s names a %s', (name, noun) => expect(secretName(name)).toEqual({ noun }));

  test.each([
    'SLACK_BOT_TOKEN_PARAM', 'TokenSecretArn', 'SECRET_NAME', 'CLIENT_SECRET_ID', 'RefreshTokenValidity', 'TokenValidityUnits',
    'PasswordLength', 'TOKEN_ENDPOINT', 'ServiceToken', 'ClientToken', 'NextToken', 'GenerateSecret', 'UseExistingClientSecret',
    'AWS_ACCESS_KEY_ID', 'AWS_CA_BUNDLE', 'KeyName', 'S3Key', 'SecretsManagerDomainCredentialsSecretsKMSKey', 'EnableTokenRevocation',
    'PreTokenGeneration', 'ClientId', 'USER_POOL_ID',
  ])('%s does not', (name) => expect(secretName(name)).toBeUndefined());

  test('descriptions: opening words that name a secret, unless the first sentence says name, path or ARN', () => {
    expect(describedAsSecret('Password for accessing ActiveMQ (at least 12 characters)')).toEqual({ noun: 'password' });
    expect(describedAsSecret('Enter OAuth Client Secret')).toEqual({ noun: 'secret' });
    expect(describedAsSecret('Access token for the git provider')).toEqual({ noun: 'token' });
    expect(describedAsSecret('The SSM parameter path of the slack bot token')).toBeUndefined();
    expect(describedAsSecret('ARN of the secret that holds the token')).toBeUndefined();
    expect(describedAsSecret('Enter OAuth Client ID')).toBeUndefined();
    expect(describedAsSecret('Token validity in days')).toBeUndefined();
    expect(describedAsSecret('The settings for the cookies holding the tokens.')).toBeUndefined();
  });

  test('descriptions beyond ASCII are read the same, in any case, and no letter is folded into an ASCII one', () => {
    expect(describedAsSecret('API Key für den Partner')).toEqual({ noun: 'api key' });
    expect(describedAsSecret('Enter The OAuth CLIENT SECRET — wird rotiert')).toEqual({ noun: 'secret' });
    expect(describedAsSecret('SSM Parameter Path des Tokens für den Bot')).toBeUndefined();
    expect(describedAsSecret('Enter the Client ID — nicht geheim')).toBeUndefined();
    // KELVIN SIGN, which lower-cases to "k" but which the i flag does not take for one
    expect(describedAsSecret('Api \u212Aey of the partner')).toBeUndefined();
    expect(describedAsSecret('Api Key of the partner')).toEqual({ noun: 'api key' });
  });

  test('references: SSM paths, secret names as lower-case paths, ARNs, dynamic references, URLs without credentials, e-mail addresses', () => {
    for (const r of ['/prod/slack/token', 'prod/slack/token', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x', '{{resolve:ssm:/a}}', 'https://auth.example.com/oauth2/token', 'ops@example.com']) {
      expect(looksLikeReference(r)).toBe(true);
    }
    for (const r of ['Prod/Slack/Token9!', fake.clientSecret(), 'hunter2']) expect(looksLikeReference(r)).toBe(false);
  });
});

describe('TOKEN_MARKERS: the markers, looked for from their separators', () => {
  /** The markers as its doc lists them, in a plain alternation: what TOKEN_MARKERS must agree with. */
  const REFERENCE =
    /eyJ|-----BEGIN |gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|hooks\.slack\.com|_live_|whsec_|AIza|GOCSPX-|SG\.|npm_|pypi-|shp(?:at|ca|pa|ss)_|(?:^|[^A-Za-z0-9])sk-/;
  const MARKERS = ['eyJ', '-----BEGIN ', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'glpat-', 'xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xapp-', 'hooks.slack.com', '_live_', 'whsec_', 'AIza', 'GOCSPX-', 'SG.', 'npm_', 'pypi-', 'shpat_', 'shpca_', 'shppa_', 'shpss_', 'sk-'];

  test.each(MARKERS)('finds %s alone, inside a word-start and in JSON text', (marker) => {
    expect(TOKEN_MARKERS.test(marker)).toBe(true);
    expect(TOKEN_MARKERS.test(`{"Value": "prefix ${marker}rest"}`)).toBe(true);
  });

  test('near misses are not markers: a broken marker, sk- inside a word', () => {
    for (const text of ['ghx_', 'xoab-', 'SG-', 'SG_', 'github_', '_pat_', 'glpat', 'xoxz-', 'xap-', 'hooks.slack.co', 'slack.com', '_live', 'whsec', 'AIz', 'GOCSPX', 'SG', 'npm-', 'pypi_', 'shpxx_', 'task-', 'disk-', '9sk-', '----BEGIN ']) {
      expect({ text, found: TOKEN_MARKERS.test(text) }).toEqual({ text, found: false });
    }
  });

  test('agrees with the plain alternation on 200,000 strings made of markers, their pieces, letters and separators', () => {
    const random = seededRandom(20261128);
    const pieces = [...MARKERS, 'ghx_', 'github_', '_pat_', 'pat_', 'hooks.', '.slack', 'slack.com', 'live_', 'BEGIN ', '----', 'task-', '9sk-', '_sk-', ' sk-', 'xo', 'gh', 'shp', 'SG', 'sk', 'npm', 'pypi', ...'abcehiklmnopstuwxyzAGIJSX-_. "'];
    let agreed = 0;
    let found = 0;
    for (let i = 0; i < 200_000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(random() * 8); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
      const expected = REFERENCE.test(text);
      if (TOKEN_MARKERS.test(text) !== expected) throw new Error(`TOKEN_MARKERS disagrees on ${JSON.stringify(text)}: expected ${expected}`);
      agreed++;
      if (expected) found++;
    }
    expect(agreed).toBe(200_000);
    // Both answers occur often: the strings test the expression, not one side of it.
    expect(found).toBeGreaterThan(20_000);
    expect(agreed - found).toBeGreaterThan(20_000);
  });
});

describe('findTokens: structure plus entropy', () => {
  test.each(Object.entries(allFakeTokens()))('finds a %s, embedded in other text, and reports it by format and fingerprint only', (_name, token) => {
    const [match, ...rest] = findTokens(`Authorization: Bearer ${token} # deploy`);
    expect(rest).toEqual([]);
    expect(match.fingerprint()).toBe(fingerprint(token));
    expect(match.fingerprint()).toMatch(/^\d+ chars, sha256 [0-9a-f]{8}$/);
    expect(JSON.stringify(match)).not.toContain(token.slice(4, 24));
  });

  test('an AWS secret access key counts only beside an access key id; example keys never', () => {
    const secret = fake.awsSecretKey();
    expect(findTokens(`KEY=${secret}`)).toEqual([]);
    expect(findTokens(`KEY=${secret}`, { awsAccessKeyIdNearby: true })).toHaveLength(1);
    expect(containsAwsAccessKeyId(`id ${fake.awsKeyId()}`)).toBe(true);
    expect(containsAwsAccessKeyId('id AKIAIOSFODNN7EXAMPLE')).toBe(false);
    expect(findTokens('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', { awsAccessKeyIdNearby: true })).toEqual([]);
  });

  test('text inside a token of an earlier format is no token of its own; tokens of one format side by side are each found', () => {
    const secret = fake.awsSecretKey();
    // A 40-character line of a PEM body has the shape of an AWS secret access key.
    const pem = fake.pem().replace('\n-----END ', `\n${secret}\n-----END `);
    const found = findTokens(`${pem} ${secret}`, { awsAccessKeyIdNearby: true });
    expect(found.map((m) => [m.format, m.fingerprint()])).toEqual([
      ['a PEM private key', fingerprint(pem)],
      ['an AWS secret access key (an access key id is in the same template)', fingerprint(secret)],
    ]);
    const [a, b] = [fake.github(41), fake.github(42)];
    expect(findTokens(`${a} ${b}`).map((m) => m.fingerprint())).toEqual([fingerprint(a), fingerprint(b)]);
  });

  test('prefixes alone, placeholders and low-entropy fillers are not tokens', () => {
    for (const text of [
      'gh' + 'p_' + 'x'.repeat(36),
      'gh' + 'p_' + '0123456789'.repeat(3) + 'abcdef',
      'gh' + 'p_' + 'abcdefghijklmnopqrstuvwxyzABCD012345',
      'sk' + '_live_' + 'a'.repeat(30),
      'sk' + '_test_' + randomText('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 40),
      'eyJhbGciOiJIUzI1NiJ9.not-json-at-all.' + 'x'.repeat(40),
      '-----BEGIN ' + 'PRIVATE KEY-----\n...\n-----END ' + 'PRIVATE KEY-----',
      'xo' + 'xb-your-token-here',
    ]) {
      expect(findTokens(text, { awsAccessKeyIdNearby: true })).toEqual([]);
    }
  });

  test('CDK-synthesised text is not token material: asset hashes, logical ids, asset buckets, 40-character names', () => {
    const text = [
      '2b2f6e7d96d216685951807694b6e6fca88b8fd0f6ac90be6d3c75201710dd6a.zip',
      'AWS679f53fac002430cb0da5b7982bd22872D164C4C',
      'myuserpoolmyuserpoolclientDescribeCognitoUserPoolClientCustomResourcePolicyF83BED40',
      'cdk-hnb659fds-assets-123456789012-us-east-1',
      'MyServiceStackProcessorFunctionServiceRoleDefaultPolicy',
      'ApiGatewayRestApiDeploymentStageProdLogGroup0123456789A',
    ].join(' ');
    expect(findTokens(text, { awsAccessKeyIdNearby: true })).toEqual([]);
  });

  test('looksGenerated: random keys yes; names, constants, paths and short words no', () => {
    expect(looksGenerated(fake.clientSecret())).toBe(true);
    expect(looksGenerated(fake.awsSecretKey())).toBe(true);
    for (const t of ['my-function-name-prod', 'SOME_CONSTANT_VALUE', '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', 'hunter2', 'prod-slack-bot-token-name']) {
      expect(looksGenerated(t)).toBe(false);
    }
  });
});

describe('provenance', () => {
  test('a parameter is secret by NoEcho, use, token default, name or description, and not when its type or default says reference', () => {
    const c = ctx({
      Parameters: {
        A: { Type: 'String', NoEcho: true },
        B: { Type: 'String' },
        C: { Type: 'String', Default: fake.github() },
        SlackToken: { Type: 'String' },
        SlackTokenPath: { Type: 'String', Default: '/prod/slack/token' },
        ApiToken: { Type: 'String', Default: '/prod/api/token' },
        NumberToken: { Type: 'Number' },
      },
      Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUserPassword: { Ref: 'B' } } } },
    });
    expect(parameterSecrecy(c, 'A')?.reasons).toEqual(['NoEcho']);
    expect(parameterSecrecy(c, 'B')?.reasons).toEqual(['passed to Properties.MasterUserPassword of Db']);
    expect(parameterSecrecy(c, 'C')?.reasons).toEqual(['its default or allowed values contain a GitHub token']);
    expect(parameterSecrecy(c, 'SlackToken')?.reasons).toEqual(['named like a token']);
    expect(parameterSecrecy(c, 'SlackTokenPath')).toBeUndefined();
    expect(parameterSecrecy(c, 'ApiToken')).toBeUndefined();
    expect(parameterSecrecy(c, 'NumberToken')).toBeUndefined();
  });

  test('Sub and Join pieces are traced one by one; pieces inside a dynamic reference are the secret\'s name, not its value', () => {
    const c = ctx({
      Parameters: { SecretName: { Type: 'String', NoEcho: true }, Token: { Type: 'String', NoEcho: true } },
      Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: {} } },
    });
    const [a] = c.evaluator.value({ 'Fn::Sub': '{{resolve:secretsmanager:${SecretName}}} and ${Token} and ${Client.ClientSecret} for ${Client}' });
    expect(traceValue(a.value, c).secrets).toEqual([
      '{{resolve:secretsmanager:<parameter SecretName>}} (a Secrets Manager dynamic reference, resolved at deploy time)',
      'parameter Token (NoEcho; named like a token)',
      'ClientSecret of Client',
    ]);
  });

  test('an import is unknown only where a name says secret; a Ref to a resource is an identifier', () => {
    const c = ctx({ Resources: { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} } } });
    const trace = (node: unknown, key?: string) => traceValue(c.evaluator.value(node)[0].value, c, { key });
    expect(trace({ 'Fn::ImportValue': 'network-VpcId' }, 'VPC_ID')).toEqual({ secrets: [], unknowns: [] });
    expect(trace({ 'Fn::ImportValue': 'network-VpcId' }, 'API_TOKEN').unknowns).toEqual(['Fn::ImportValue network-VpcId']);
    expect(trace({ 'Fn::ImportValue': 'auth-RefreshToken' }).unknowns).toHaveLength(1);
    expect(trace({ Ref: 'Secret' }, 'CLIENT_SECRET')).toEqual({ secrets: [], unknowns: [] });
  });
});
