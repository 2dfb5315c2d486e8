/**
 * Every token format findTokens knows, one by one: a fake built here at run time is found (with the default options,
 * so through the format's marker), as that format and by its fingerprint only; lookalikes with the same prefix but a
 * placeholder or a wrong length are not. A wrong marker, prefix or length in tokens.ts fails here. No token is
 * printed: titles name formats, and assertions compare formats and fingerprints.
 */
import { findTokens, fingerprint, TOKEN_FORMATS } from '../../../rules/secret-placement/tokens';
import { fake, randomText } from './fixtures';
import { sec, summary } from './helpers';
import { leakedRun } from './redaction';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const a = (n: number) => 'a'.repeat(n);

interface Case {
  /** The format's name, as tokens.ts gives it in messages. */
  readonly format: string;
  readonly token: string;
  /** The token's shape with its random part a placeholder, and with a part one character short (or long). */
  readonly lookalikes: readonly string[];
}

const jwtHeader = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url');
const jweHeader = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');
const jwtPayload = Buffer.from(JSON.stringify({ sub: 'user', exp: 1900000000 })).toString('base64url');
const pem = (body: string) => ['-----BEGIN ' + 'RSA PRIVATE KEY-----', body, '-----END ' + 'RSA PRIVATE KEY-----'].join('\n');

const CASES: readonly Case[] = [
  {
    format: 'a JWE (five segments: the shape of a Cognito refresh token)',
    token: fake.jwe(),
    lookalikes: [
      [jweHeader, randomText(B64URL, 342), randomText(B64URL, 16), a(1500), randomText(B64URL, 22)].join('.'),
      [jweHeader, randomText(B64URL, 342), randomText(B64URL, 16), randomText(B64URL, 1500), randomText(B64URL, 15)].join('.'),
    ],
  },
  {
    format: 'a JSON Web Token (JWT)',
    token: fake.jwt(),
    lookalikes: [`${jwtHeader}.${jwtPayload}.${a(43)}`, `${jwtHeader}.${jwtPayload}.${randomText(B64URL, 15)}`],
  },
  {
    format: 'a PEM private key',
    token: fake.pem(),
    lookalikes: [pem(`MII${'A'.repeat(1600)}`), pem(randomText(ALNUM, 63))],
  },
  {
    format: 'an AWS secret access key (an access key id is in the same template)',
    token: fake.awsSecretKey(),
    lookalikes: [`wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLE'}KEY`, fake.awsSecretKey().slice(1), `${fake.awsSecretKey().slice(0, 32)}D3F1A2B4`],
  },
  { format: 'a GitHub token', token: fake.github(), lookalikes: ['gh' + 'p_' + a(36), 'gh' + 'p_' + randomText(ALNUM, 35), 'gh' + 'x_' + randomText(ALNUM, 36)] },
  {
    format: 'a GitHub fine-grained personal access token',
    token: fake.githubFineGrained(),
    lookalikes: ['github' + '_pat_' + randomText(ALNUM, 22) + '_' + a(59), 'github' + '_pat_' + randomText(ALNUM, 22) + '_' + randomText(ALNUM, 58)],
  },
  { format: 'a GitLab personal access token', token: fake.gitlab(), lookalikes: ['gl' + 'pat-' + a(20), 'gl' + 'pat-' + randomText(B64URL, 19)] },
  {
    format: 'a Slack token',
    token: fake.slackBot(),
    lookalikes: ['xo' + 'xb-123456789012-1234567890123-' + a(24), 'xo' + 'xb-123456789012-1234567890123-' + randomText(ALNUM, 23), 'xo' + 'xb-your-token-here'],
  },
  {
    format: 'a Slack app-level token',
    token: fake.slackApp(),
    lookalikes: ['xa' + 'pp-1-A01B2C3D4E5-1234567890123-' + a(64), 'xa' + 'pp-1-A01B2C3D4E5-1234567890123-' + randomText('0123456789abcdef', 63)],
  },
  {
    format: 'a Slack webhook URL',
    token: fake.slackWebhook(),
    lookalikes: ['https://hooks.slack.com/services/T00000000/B00000000/' + 'X'.repeat(24), 'https://hooks.slack.com/services/T00000000/B00000000/' + randomText(ALNUM, 23)],
  },
  { format: 'a Stripe live secret key', token: fake.stripeLive(), lookalikes: ['sk' + '_live_' + a(48), 'sk' + '_live_' + randomText(ALNUM, 23), 'sk' + '_test_' + randomText(ALNUM, 48)] },
  { format: 'a Stripe webhook signing secret', token: fake.stripeWebhook(), lookalikes: ['wh' + 'sec_' + a(32), 'wh' + 'sec_' + randomText(ALNUM, 31)] },
  { format: 'a Google API key', token: fake.googleApiKey(), lookalikes: ['AI' + 'za' + a(35), 'AI' + 'za' + randomText(B64URL, 34)] },
  { format: 'a Google OAuth client secret', token: fake.googleOAuthSecret(), lookalikes: ['GOC' + 'SPX-' + a(28), 'GOC' + 'SPX-' + randomText(B64URL, 27)] },
  {
    format: 'a SendGrid API key',
    token: fake.sendGrid(),
    lookalikes: ['S' + 'G.' + randomText(B64URL, 22) + '.' + a(43), 'S' + 'G.' + randomText(B64URL, 21) + '.' + randomText(B64URL, 43)],
  },
  { format: 'an npm token', token: fake.npm(), lookalikes: ['np' + 'm_' + a(36), 'np' + 'm_' + randomText(ALNUM, 35)] },
  {
    format: 'a PyPI token',
    token: fake.pypi(),
    lookalikes: ['py' + 'pi-' + 'AgEIcHlwaS5vcmc' + a(70), 'py' + 'pi-' + 'AgEIcHlwaS5vcmc' + randomText(B64URL, 49), 'py' + 'pi-' + randomText(B64URL, 85)],
  },
  { format: 'a Shopify access token', token: fake.shopify(), lookalikes: ['sh' + 'pat_' + a(32), 'sh' + 'pat_' + randomText('0123456789abcdef', 31)] },
  {
    format: 'an OpenAI API key',
    token: fake.openAi(),
    lookalikes: ['sk' + '-proj-' + a(74) + 'T3Blbk' + 'FJ' + a(74), 'sk' + '-' + randomText(ALNUM, 19) + 'T3Blbk' + 'FJ' + randomText(B64URL, 74), 'sk' + '-proj-' + randomText(B64URL, 156)],
  },
  {
    format: 'an Anthropic API key',
    token: fake.anthropic(),
    lookalikes: ['sk' + '-ant-' + 'api03-' + a(93), 'sk' + '-ant-' + 'api03-' + randomText(B64URL, 79)],
  },
];

/** The formats findTokens reports in `text`, with and without an access key id in the template. */
const formats = (text: string, awsAccessKeyIdNearby: boolean) => findTokens(text, { awsAccessKeyIdNearby }).map((m) => m.format);

test('every format of tokens.ts has a case here', () => {
  expect(CASES.map((c) => c.format)).toEqual(TOKEN_FORMATS);
});

describe.each(CASES.map((c) => [c.format, c]))('%s', (format, c) => {
  const needsKeyId = format.startsWith('an AWS secret access key');

  test('a fake is found, as this format, by its fingerprint only', () => {
    const text = `Authorization: Bearer ${c.token} # deploy`;
    const found = findTokens(text, { awsAccessKeyIdNearby: true });
    expect(found.map((m) => m.format)).toEqual([format]);
    expect(found[0].fingerprint()).toBe(fingerprint(c.token));
    expect(text.slice(found[0].start, found[0].end) === c.token).toBe(true);
    // Without an access key id in the template only the AWS secret key is not told from other random text.
    expect(formats(text, false)).toEqual(needsKeyId ? [] : [format]);
  });

  test('lookalikes (a placeholder, a wrong length, a near prefix) are not', () => {
    c.lookalikes.forEach((lookalike, i) => expect({ lookalike: i, formats: formats(`Authorization: Bearer ${lookalike} # deploy`, true) }).toEqual({ lookalike: i, formats: [] }));
  });
});

describe('TokenGuard-SEC10 on every format', () => {
  const topics = (values: readonly string[]) =>
    Object.fromEntries(values.map((v, i) => [`Topic${String(i).padStart(2, '0')}`, { Type: 'AWS::SNS::Topic', Properties: { DisplayName: v } }]));
  const keyId = { KeyId: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: fake.awsKeyId() } } };

  test('non-compliant: one finding for each fake, naming its format and not repeating it', () => {
    const found = sec({ Resources: { ...topics(CASES.map((c) => c.token)), ...keyId } });
    expect(summary(found)).toEqual(CASES.map((_, i) => `TokenGuard-SEC10 violation Topic${String(i).padStart(2, '0')} Properties.DisplayName`));
    found.forEach((f, i) => expect(f.message).toContain(`The template contains ${CASES[i].format} (`));
    expect(leakedRun(found, CASES.map((c) => c.token))).toBeUndefined();
  });

  test('compliant: the lookalikes', () => {
    expect(sec({ Resources: { ...topics(CASES.flatMap((c) => c.lookalikes)), ...keyId } })).toEqual([]);
  });

  test('an AWS secret access key is told only beside an access key id (SEC10 has no cannot-tell: a literal is known)', () => {
    const aws = CASES.find((c) => c.format.startsWith('an AWS secret access key'))!;
    expect(sec({ Resources: topics([aws.token]) })).toEqual([]);
    expect(summary(sec({ Resources: { ...topics([aws.token]), ...keyId } }))).toEqual(['TokenGuard-SEC10 violation Topic00 Properties.DisplayName']);
  });
});
