import { isPlainWords } from './names';

/**
 * Literal token material: strings whose structure says they are credentials, with a low false-positive rate.
 *
 * A format matches only when its whole structure is there (a JWT's header decodes to JSON with `alg`; a JWE's
 * header names `enc`; a PEM private key has a body; a provider token has its prefix, its exact length and
 * alphabet) and its random part is random (Shannon entropy per character above a floor, so `ghp_xxxx…` or a
 * documentation `…EXAMPLE` key does not count). An AWS secret access key has no prefix at all, so a 40-character
 * candidate counts only when an access key id appears in the same template.
 *
 * Nothing here returns or prints the secret: callers get the format's name and a fingerprint (length and a sha256
 * prefix), enough to find the value again and to tell two findings apart.
 */

export class TokenMatch {
  readonly #text: string;

  constructor(
    /** What it is, for messages: `a GitHub token`, `a JWE (the shape of a Cognito refresh token)`. */
    readonly format: string,
    /** Offsets in the scanned text (for callers that must not report the same text twice). */
    readonly start: number,
    readonly end: number,
    text: string,
  ) {
    this.#text = text;
  }

  /** Length and sha256 prefix of the matched text, worked out when asked for: most matches of a template full of them are counted, not shown. */
  fingerprint(): string {
    return fingerprint(this.#text);
  }

  /** The first `n` matches that differ in format or text, in order: each the first of its kind. */
  static firstDifferent(matches: readonly TokenMatch[], n: number): TokenMatch[] {
    const out: TokenMatch[] = [];
    for (const m of matches) {
      if (out.length === n) break;
      if (!out.some((o) => o.format === m.format && o.#text === m.#text)) out.push(m);
    }
    return out;
  }
}

export interface ScanOptions {
  /**
   * Whether an AWS access key id (AKIA…, ASIA…) occurs anywhere in the template. A function is called only for a
   * candidate secret access key that passes every other check.
   */
  readonly awsAccessKeyIdNearby?: boolean | (() => boolean);
}

/** A candidate: the matched text and its groups, as `RegExp.prototype.exec` gives them, and where it starts. */
type Candidate = readonly string[] & { readonly index: number };

/** Gives a format's candidates one at a time from `lastIndex` on, as a global RegExp does (null at the end, and `lastIndex` back to 0). */
interface Scanner {
  lastIndex: number;
  exec(text: string): Candidate | null;
}

interface Format {
  readonly name: string;
  /** Text every match contains: the format is tried only on text that has it. */
  readonly marker?: string;
  /** Finds the candidates in order, without overlaps: a global expression, or {@link PEM_KEYS}. */
  readonly pattern: Scanner;
  /** The random part of a match, whose entropy is checked. */
  readonly random: (m: Candidate) => string;
  /** Minimum Shannon entropy of the random part, in bits per character. */
  readonly minEntropy: number;
  readonly validate?: (m: Candidate) => boolean;
  /** Counts only when an AWS access key id is in the same template. */
  readonly needsKeyId?: true;
}

const B64URL = 'A-Za-z0-9_\\-';

const PEM_BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;

/**
 * PEM private keys: each `-----BEGIN <label>-----` with the first `-----END <label>-----` after it, as
 * `/-----BEGIN (<labels>)-----([\s\S]*?)-----END \1-----/g` matches them (group 2 is the body). That expression
 * searches the rest of the text again for every opener without its END; here each label's next END is searched for
 * once per text and kept while it lies ahead, so the work is linear in the text.
 */
const PEM_KEYS = {
  lastIndex: 0,
  /** For each label: the offset of its next END at or after where it was last searched for, or -1 for none (emptied when a text is started). */
  ends: new Map<string, number>(),
  exec(text: string): Candidate | null {
    if (this.lastIndex === 0) this.ends.clear();
    PEM_BEGIN.lastIndex = this.lastIndex;
    for (let m = PEM_BEGIN.exec(text); m !== null; m = PEM_BEGIN.exec(text)) {
      const label = m[1];
      const body = PEM_BEGIN.lastIndex;
      const closing = `-----END ${label}-----`;
      let end = this.ends.get(label);
      if (end === undefined || (end !== -1 && end < body)) this.ends.set(label, (end = text.indexOf(closing, body)));
      if (end === -1) {
        PEM_BEGIN.lastIndex = m.index + 1;
        continue;
      }
      this.lastIndex = end + closing.length;
      return Object.assign([text.slice(m.index, this.lastIndex), label, text.slice(body, end)], { index: m.index });
    }
    this.lastIndex = 0;
    return null;
  },
};

/** Not preceded or followed by characters of the token's own alphabet, so a match is a whole token. */
const edge = (alphabet: string, body: string) => new RegExp(`(?<![${alphabet}])${body}(?![${alphabet}])`, 'g');

const AWS_SECRET_ACCESS_KEY: Format = {
  name: 'an AWS secret access key (an access key id is in the same template)',
  // `=` may precede the key (`KEY=…`) but not follow it (it would be the padding of a longer base64 text).
  pattern: /(?<![A-Za-z0-9/+_-])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=_-])/g,
  random: (m) => m[1],
  minEntropy: 4.2,
  needsKeyId: true,
  validate: (m) =>
    /[a-z]/.test(m[1]) &&
    /[A-Z]/.test(m[1]) &&
    /[0-9]/.test(m[1]) &&
    !/EXAMPLE/.test(m[1]) &&
    // CDK logical ids end with eight upper-case hex digits; random base64 almost never does.
    !/[0-9A-F]{8}$/.test(m[1]),
};

const FORMATS: readonly Format[] = [
  {
    name: 'a JWE (five segments: the shape of a Cognito refresh token)',
    marker: 'eyJ',
    pattern: edge(`${B64URL}.`, `(eyJ[${B64URL}]{10,})\\.([${B64URL}]*)\\.([${B64URL}]{8,})\\.([${B64URL}]{16,})\\.([${B64URL}]{16,})`),
    random: (m) => m[4],
    minEntropy: 4.0,
    validate: (m) => {
      const header = decodeJson(m[1]);
      return header !== undefined && typeof header.enc === 'string' && typeof header.alg === 'string';
    },
  },
  {
    name: 'a JSON Web Token (JWT)',
    marker: 'eyJ',
    pattern: edge(`${B64URL}.`, `(eyJ[${B64URL}]{10,})\\.([${B64URL}]{10,})\\.([${B64URL}]{16,})`),
    random: (m) => m[3],
    minEntropy: 3.5,
    validate: (m) => {
      const header = decodeJson(m[1]);
      return header !== undefined && typeof header.alg === 'string' && decodeJson(m[2]) !== undefined;
    },
  },
  {
    name: 'a PEM private key',
    marker: '-----BEGIN ',
    pattern: PEM_KEYS,
    random: (m) => pemBody(m[2]),
    minEntropy: 4.5,
    validate: (m) => pemBody(m[2]).length >= 64,
  },
  AWS_SECRET_ACCESS_KEY,
  { name: 'a GitHub token', marker: 'gh', pattern: edge('A-Za-z0-9_', '(gh[pousr]_([A-Za-z0-9]{36}))'), random: (m) => m[2], minEntropy: 3.8 },
  {
    name: 'a GitHub fine-grained personal access token',
    marker: 'github_pat_',
    pattern: edge('A-Za-z0-9_', '(github_pat_([A-Za-z0-9]{22})_([A-Za-z0-9]{59}))'),
    random: (m) => m[3],
    minEntropy: 4.2,
  },
  { name: 'a GitLab personal access token', marker: 'glpat-', pattern: edge('A-Za-z0-9_-', '(glpat-([A-Za-z0-9_-]{20}))'), random: (m) => m[2], minEntropy: 3.5 },
  {
    name: 'a Slack token',
    marker: 'xox',
    pattern: edge('A-Za-z0-9-', '(xox[abposr]-(?:[0-9]{8,13}-){1,3}([A-Za-z0-9]{24,64}))'),
    random: (m) => m[2],
    minEntropy: 3.5,
  },
  { name: 'a Slack app-level token', marker: 'xapp-', pattern: edge('A-Za-z0-9-', '(xapp-[0-9]-[A-Z0-9]{8,12}-[0-9]{10,14}-([a-f0-9]{64}))'), random: (m) => m[2], minEntropy: 3.3 },
  {
    name: 'a Slack webhook URL',
    marker: 'hooks.slack.com/',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/([A-Za-z0-9]{24,32})(?![A-Za-z0-9])/g,
    random: (m) => m[1],
    minEntropy: 3.5,
  },
  { name: 'a Stripe live secret key', marker: '_live_', pattern: edge('A-Za-z0-9_', '((?:sk|rk)_live_([A-Za-z0-9]{24,99}))'), random: (m) => m[2], minEntropy: 3.8 },
  { name: 'a Stripe webhook signing secret', marker: 'whsec_', pattern: edge('A-Za-z0-9_', '(whsec_([A-Za-z0-9+/]{32,}))'), random: (m) => m[2], minEntropy: 3.8 },
  { name: 'a Google API key', marker: 'AIza', pattern: edge('A-Za-z0-9_-', '(AIza([0-9A-Za-z_-]{35}))'), random: (m) => m[2], minEntropy: 3.8 },
  { name: 'a Google OAuth client secret', marker: 'GOCSPX-', pattern: edge('A-Za-z0-9_-', '(GOCSPX-([A-Za-z0-9_-]{28}))'), random: (m) => m[2], minEntropy: 3.8 },
  { name: 'a SendGrid API key', marker: 'SG.', pattern: edge('A-Za-z0-9_.-', '(SG\\.[A-Za-z0-9_-]{22}\\.([A-Za-z0-9_-]{43}))'), random: (m) => m[2], minEntropy: 4.0 },
  { name: 'an npm token', marker: 'npm_', pattern: edge('A-Za-z0-9_', '(npm_([A-Za-z0-9]{36}))'), random: (m) => m[2], minEntropy: 3.8 },
  { name: 'a PyPI token', marker: 'pypi-', pattern: edge('A-Za-z0-9_-', '(pypi-AgEIcHlwaS5vcmc([A-Za-z0-9_-]{50,}))'), random: (m) => m[2], minEntropy: 4.0 },
  { name: 'a Shopify access token', marker: 'shp', pattern: edge('A-Za-z0-9_', '(shp(?:at|ca|pa|ss)_([a-fA-F0-9]{32}))'), random: (m) => m[2], minEntropy: 3.3 },
  {
    name: 'an OpenAI API key',
    marker: 'T3BlbkFJ',
    pattern: edge('A-Za-z0-9_-', '(sk-(?:proj-|svcacct-|admin-)?([A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}))'),
    random: (m) => m[2],
    minEntropy: 4.0,
  },
  { name: 'an Anthropic API key', marker: 'sk-ant-', pattern: edge('A-Za-z0-9_-', '(sk-ant-(?:api|admin)[0-9]{2}-([A-Za-z0-9_-]{80,}))'), random: (m) => m[2], minEntropy: 4.0 },
];

/** What each format is called in messages, in the order they are tried: the tests give every one a fake and a lookalike. */
export const TOKEN_FORMATS: readonly string[] = FORMATS.map((f) => f.name);

const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/;

/**
 * Whether a whole text is the AWS documentation's example key pair or one in its shape (`AKIAIOSFODNN7EXAMPLE`, a
 * 40-character secret access key ending EXAMPLEKEY): published on purpose, valid nowhere. The formats above skip
 * matches with EXAMPLE in them for the same reason.
 */
export function isAwsExampleKey(text: string): boolean {
  return /^[A-Za-z0-9/+]{30}EXAMPLEKEY$|^A[KS]IA[A-Z0-9]{9}EXAMPLE$/.test(text);
}

/** Whether text contains an AWS access key id (an identifier, not a secret, but it travels with one). */
export function containsAwsAccessKeyId(text: string): boolean {
  const m = AWS_KEY_ID.exec(text);
  return m !== null && !m[0].includes('EXAMPLE');
}

/**
 * A cheap first look: every format but the AWS secret key has one of these markers (`sk-` only at the start of a
 * word, so that `task-` and `disk-` do not count): `eyJ`, `-----BEGIN `, `gh[pousr]_`, `github_pat_`, `glpat-`,
 * `xox[abposr]-`, `xapp-`, `hooks.slack.com`, `_live_`, `whsec_`, `AIza`, `GOCSPX-`, `SG.`, `npm_`, `pypi-`,
 * `shp(at|ca|pa|ss)_`, `sk-`.
 *
 * findTokens tries it first on every string of every template, so it is written to try as few positions as it can. All markers
 * but `eyJ` and `AIza` contain a `-`, `_` or `.`: the expression tries those three characters (and `e`, `A`) and
 * looks back from them for the rest of the marker. An alternation of the markers as written tries every position
 * that starts one (`e`, `g`, `s`, `x`, …, letters that fill any template) and took three times as long on the
 * 2,000-resource benchmark templates (2.8 ms against 0.9 ms). test/rules/secret-placement/provenance.test.ts
 * checks that the two agree.
 */
export const TOKEN_MARKERS =
  /eyJ|AIza|-(?:----BEGIN |(?<=glpat-|xox[abposr]-|xapp-|GOCSPX-|pypi-|(?:^|[^A-Za-z0-9])sk-))|_(?:live_|pat_(?<=github_pat_)|(?<=gh[pousr]_|whsec_|npm_|shp(?:at|ca|pa|ss)_))|\.(?:slack\.com(?<=hooks\.slack\.com)|(?<=SG\.))/;

/**
 * Every token-shaped literal in `text`, without overlaps, in order. Formats are tried in their order, and a match
 * that overlaps one already taken is passed over: the work is linear in the text for each format.
 */
export function findTokens(text: string, options: ScanOptions = {}): TokenMatch[] {
  if (text.length < 20) return [];
  // Only an AWS secret access key (40 characters) has no marker: without one, it is the only format to try.
  const formats = TOKEN_MARKERS.test(text) ? FORMATS : options.awsAccessKeyIdNearby && text.length >= 40 ? [AWS_SECRET_ACCESS_KEY] : [];
  const out: TokenMatch[] = [];
  // One mark per character of the tokens the formats tried before found (a format's own matches never overlap).
  let taken: Uint8Array | undefined;
  let marked = 0;
  for (const f of formats) {
    if (f.marker !== undefined && !text.includes(f.marker)) continue;
    for (; marked < out.length; marked++) (taken ??= new Uint8Array(text.length)).fill(1, out[marked].start, out[marked].end);
    const pattern = f.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken !== undefined && overlaps(taken, start, end)) continue;
      if (f.validate && !f.validate(m)) continue;
      if (!looksRandom(f.random(m), f.minEntropy)) continue;
      if (f.needsKeyId && !keyIdNearby(options)) continue;
      out.push(new TokenMatch(f.name, start, end, m[0]));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function overlaps(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i] === 1) return true;
  return false;
}

function keyIdNearby(options: ScanOptions): boolean {
  const nearby = options.awsAccessKeyIdNearby;
  return typeof nearby === 'function' ? nearby() : nearby === true;
}

/**
 * Whether a literal looks machine-generated (a key, a client secret, a random password): no spaces, at least 16
 * characters, letters and digits mixed, high entropy, and not a reference (path, ARN, URL, e-mail) or an
 * identifier-shaped word (`my-function-name`, `SOME_CONSTANT`).
 */
export function looksGenerated(text: string): boolean {
  const t = text.trim();
  if (t.length < 16 || t.length > 4096 || /\s/.test(t)) return false;
  if (t.startsWith('/') || t.startsWith('arn:') || t.includes('{{resolve:') || t.includes('${')) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t) || /^[^@]+@[^@]+\.[a-z]{2,}$/i.test(t)) return false;
  if (isPlainWords(t)) return false;
  if (!/[A-Za-z]/.test(t) || !/[0-9]/.test(t)) return false;
  const digits = (t.match(/[0-9]/g) ?? []).length;
  if (digits < 2) return false;
  return looksRandom(t, t.length < 24 ? 3.3 : 3.5);
}

/**
 * Random enough for a secret: entropy above the floor, and no run of six characters that are the same or follow each
 * other (`xxxxxx`, `abcdef`, `012345`), the marks of placeholders and documentation examples.
 */
function looksRandom(text: string, minEntropy: number): boolean {
  if (entropy(text) < minEntropy) return false;
  let up = 1;
  let down = 1;
  let same = 1;
  for (let i = 1, before = text.charCodeAt(0); i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = c - before;
    before = c;
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    same = d === 0 ? same + 1 : 1;
    if (up >= 6 || down >= 6 || same >= 6) return false;
  }
  return true;
}

/** `40 chars, sha256 1a2b3c4d`: identifies a literal without revealing it. */
export function fingerprint(text: string): string {
  // Loaded when a token is found, not with the rules: the audit CLI starts cold, and node:crypto costs it a few ms.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  createHash ??= (require('node:crypto') as typeof import('node:crypto')).createHash;
  return `${text.length} chars, sha256 ${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

let createHash: typeof import('node:crypto').createHash | undefined;

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  // Characters are code points (as `for…of` gives them). Counted in an array below 128 and a map above: tokens are
  // ASCII, and a map for every character of thousands of them cost the most.
  const ascii = ASCII_COUNTS;
  let other: Map<number, number> | undefined;
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    if (c < 128) ascii[c]++;
    else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  // Summed in the order the characters first appear: a character's count is added, then cleared, where it is first met.
  let h = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    const n = c < 128 ? ascii[c] : other!.get(c)!;
    if (n === 0) continue;
    const p = n / text.length;
    h -= p * Math.log2(p);
    if (c < 128) ascii[c] = 0;
    else other!.set(c, 0);
  }
  return h;
}

/** {@link entropy}'s counts of ASCII characters, all zero between calls. */
const ASCII_COUNTS = new Uint32Array(128);

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a text is PEM armour and nothing else (`-----BEGIN <label>-----` … `-----END <label>-----` blocks and
 * whitespace) with no private key in it: public keys and certificates, public by design, or a private-key block whose
 * body is a placeholder (`...`) rather than a key's base64.
 */
export function pemWithoutPrivateKey(text: string): boolean {
  // [text, 'BEGIN', label, body, 'END', label, text, 'BEGIN', …]: six parts per block after the first.
  const parts = text.replace(/\\n/g, '\n').split(/-----(BEGIN|END) ([A-Z0-9 ]+)-----/);
  if (parts.length < 7 || (parts.length - 1) % 6 !== 0 || parts[0].trim() !== '') return false;
  for (let i = 1; i < parts.length; i += 6) {
    const [begin, label, body, end, endLabel, after] = parts.slice(i, i + 6);
    if (begin !== 'BEGIN' || end !== 'END' || endLabel !== label || after.trim() !== '') return false;
    if (label.includes('PRIVATE KEY') && pemBody(body).length >= 64) return false;
  }
  return true;
}

/** The base64 body of a PEM block, without headers such as `Proc-Type:` and without whitespace or literal `\n`s. */
function pemBody(block: string): string {
  return block
    .replace(/\\n/g, '\n')
    .split('\n')
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
}
