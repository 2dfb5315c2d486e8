/**
 * Fake credentials for tests, built at run time from a seeded generator so that no token-shaped literal is written in
 * this repository (secret scanners would rightly object) and every run sees the same values. None of these is a real
 * credential; their prefixes are assembled from pieces for the same reason.
 */
import { loadTemplate as loadTemplateFile, parseTemplateText } from '../../../bin/cli/load-template';
import { seededRandom } from '../../seeded-random';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;
const HEX = '0123456789abcdef';
const UPPER_B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomText(alphabet: string, length: number, seed = 1): string {
  const next = seededRandom(seed);
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export const fake = {
  jwt: (seed = 1) =>
    [b64url({ alg: 'RS256', kid: randomText(ALNUM, 20, seed) }), b64url({ sub: randomText(HEX, 32, seed + 1), token_use: 'access', exp: 1900000000 }), randomText(B64URL, 342, seed + 2)].join('.'),
  /** Five segments with a JWE header, the shape of a Cognito refresh token. */
  jwe: (seed = 2) =>
    [b64url({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }), randomText(B64URL, 342, seed), randomText(B64URL, 16, seed + 1), randomText(B64URL, 1500, seed + 2), randomText(B64URL, 22, seed + 3)].join('.'),
  pem: (seed = 3) => {
    const body = randomText(B64, 1600, seed).match(/.{1,64}/g)!.join('\n');
    return ['-----BEGIN ' + 'PRIVATE KEY-----', body, '-----END ' + 'PRIVATE KEY-----'].join('\n');
  },
  awsKeyId: (seed = 4) => 'AK' + 'IA' + randomText(UPPER_B32, 16, seed),
  awsSecretKey: (seed = 5) => {
    // Retry until it has the character mix of a real key (lower, upper, digit) and does not end like a CDK logical id.
    for (let s = seed; ; s += 1000) {
      const k = randomText(B64, 40, s);
      if (/[a-z]/.test(k) && /[A-Z]/.test(k) && /[0-9]/.test(k) && !/[0-9A-F]{8}$/.test(k)) return k;
    }
  },
  github: (seed = 6) => 'gh' + 'p_' + randomText(ALNUM, 36, seed),
  slackBot: (seed = 7) => 'xo' + 'xb-' + randomText('0123456789', 12, seed) + '-' + randomText('0123456789', 13, seed + 1) + '-' + randomText(ALNUM, 24, seed + 2),
  slackWebhook: (seed = 8) => 'https://hooks.slack.com/services/T' + randomText('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10, seed) + '/B' + randomText('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10, seed + 1) + '/' + randomText(ALNUM, 24, seed + 2),
  stripeLive: (seed = 9) => 'sk' + '_live_' + randomText(ALNUM, 48, seed),
  googleApiKey: (seed = 10) => 'AI' + 'za' + randomText(`${ALNUM}-_`, 35, seed),
  githubFineGrained: (seed = 12) => 'github' + '_pat_' + randomText(ALNUM, 22, seed) + '_' + randomText(ALNUM, 59, seed + 1),
  gitlab: (seed = 13) => 'gl' + 'pat-' + randomText(B64URL, 20, seed),
  slackApp: (seed = 14) => 'xa' + 'pp-1-' + randomText(UPPER_ALNUM, 11, seed) + '-' + randomText(DIGITS, 13, seed + 1) + '-' + randomText(HEX, 64, seed + 2),
  stripeWebhook: (seed = 15) => 'wh' + 'sec_' + randomText(B64, 32, seed),
  googleOAuthSecret: (seed = 16) => 'GOC' + 'SPX-' + randomText(B64URL, 28, seed),
  sendGrid: (seed = 17) => 'S' + 'G.' + randomText(B64URL, 22, seed) + '.' + randomText(B64URL, 43, seed + 1),
  npm: (seed = 18) => 'np' + 'm_' + randomText(ALNUM, 36, seed),
  pypi: (seed = 19) => 'py' + 'pi-' + 'AgEIcHlwaS5vcmc' + randomText(B64URL, 70, seed),
  shopify: (seed = 20) => 'sh' + 'pat_' + randomText(HEX, 32, seed),
  openAi: (seed = 21) => 'sk' + '-proj-' + randomText(B64URL, 74, seed) + 'T3Blbk' + 'FJ' + randomText(B64URL, 74, seed + 1),
  anthropic: (seed = 22) => 'sk' + '-ant-' + 'api03-' + randomText(B64URL, 93, seed),
  /** A Cognito client secret: no structure, just 52 random lower-case letters and digits. */
  clientSecret: (seed = 11) => randomText('abcdefghijklmnopqrstuvwxyz0123456789', 52, seed),
};

/** Every fabricated token above, by name (for "each format" tests and the redaction check). */
export function allFakeTokens(): Record<string, string> {
  return {
    jwt: fake.jwt(),
    jwe: fake.jwe(),
    pem: fake.pem(),
    github: fake.github(),
    slackBot: fake.slackBot(),
    slackWebhook: fake.slackWebhook(),
    stripeLive: fake.stripeLive(),
    googleApiKey: fake.googleApiKey(),
  };
}

/** Parses CloudFormation YAML (short forms and all) with the audit CLI's loader, as the CLI would. */
export function parseTemplate(text: string, file = 'template.yaml'): Record<string, unknown> {
  return parseTemplateText(file, text).template;
}

/** Loads a template file with the audit CLI's loader. */
export function loadTemplate(file: string): Record<string, unknown> {
  return loadTemplateFile(file).template;
}
