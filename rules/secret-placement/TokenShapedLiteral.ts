import { MAX_VARIANTS } from '../engine/run';
import { STANDARDS } from '../engine/standards';
import type { Observation, Section, TemplateRule } from '../engine/types';
import { thousands } from '../meta/FindingLimit';
import { ownerOf, SEC } from './places';
import { templateHasAwsKeyId, withoutDynamicReferences } from './provenance';
import { containsAwsAccessKeyId, findTokens, TokenMatch } from './tokens';
import { pathText, placeText, defineWalker } from './walk';

/** One shared traversal (see walk.ts) finds this rule's observations. */
const observations = defineWalker<Observation[]>(
  'token-literal',
  (ctx) => {
    const out: Observation[] = [];
    const scan = { awsAccessKeyIdNearby: () => templateHasAwsKeyId(ctx) };
    return {
      result: () => out,
      visit: (v) => {
        if (v.resourceType === 'AWS::CDK::Metadata') return 'skip';
        if (typeof v.node !== 'string' || v.node.length < 20) return undefined;
        const script = encodedUserData(v.path, v.node);
        const tokens =
          script === undefined
            ? findTokens(withoutDynamicReferences(v.node), scan)
            : findTokens(script, { awsAccessKeyIdNearby: () => containsAwsAccessKeyId(script) || templateHasAwsKeyId(ctx) });
        // Places other rules own are reported there.
        if (tokens.length === 0 || ownerOf(v) !== undefined) return undefined;
        // No condition: whichever branch deploys, the literal is in the template text.
        out.push(new LiteralsFound(pathText(v.path), { section: v.section, logicalId: v.logicalId }, tokens));
        return undefined;
      },
    };
  },
  SEC.tokenLiteral,
);

/**
 * The script of user data committed already base64-encoded (as EC2 returns it and as templates copied from running
 * stacks hold it): CloudFormation passes the string to EC2 as it is, and anyone who reads it decodes it in one step.
 */
function encodedUserData(path: readonly (string | number)[], text: string): string | undefined {
  if (path[path.length - 1] !== 'UserData' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const script = Buffer.from(text, 'base64').toString('utf8');
  return /^[\t\n\r\x20-\x7e\u00a0-\uffef]*$/.test(script) ? script : undefined;
}

/**
 * The literals of one value, whose message (its place and fingerprints) is worked out when read: the engine reads the
 * messages it reports or compares, and a template full of literals reports at most 1,000 findings. The message names the first
 * {@link MAX_VARIANTS} different literals (format and text), as a finding spells out its alternatives, and counts the
 * rest: only the literals named are fingerprinted, and the literals after the last one named are not looked at.
 */
class LiteralsFound implements Observation {
  readonly outcome = 'non-compliant';

  constructor(
    readonly path: string,
    readonly subject: { readonly section: Section; readonly logicalId: string },
    private readonly tokens: readonly TokenMatch[],
  ) {}

  get message(): string {
    const where = placeText({ ...this.subject, path: this.path });
    const named = TokenMatch.firstDifferent(this.tokens, MAX_VARIANTS).map((t) => `${t.format} (${t.fingerprint()})`);
    if (named.length === 1) return `The template contains ${named[0]} at ${where}: anyone who can read the template has the credential.`;
    const more = this.tokens.length > named.length ? `; and ${thousands(this.tokens.length - named.length)} more` : '';
    return `The template contains ${thousands(this.tokens.length)} token literals at ${where}: ${named.join('; ')}${more}. Anyone who can read the template has the credentials.`;
  }
}

/** Literal token material anywhere in the template, outside the places other rules own. */
const TokenShapedLiteral: TemplateRule = {
  id: SEC.tokenLiteral,
  name: 'TokenShapedLiteral',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'No literal in the template is token material: a JWT, a JWE (the shape of Cognito refresh tokens), a PEM private key, an AWS secret access key next to its key id, GitHub, GitLab, Slack, Stripe live, Google, SendGrid, npm, PyPI, Shopify, OpenAI or Anthropic keys, matched by structure and entropy, not by prefix alone.',
  rationale:
    'A literal credential is readable by everyone who can read the template: its repository and every clone, GetTemplate, the console, and every tool that copies templates; it cannot be rotated without editing the template and stays in version control history afterwards.',
  fix: {
    cdk: 'revoke the token, store its replacement in Secrets Manager (token-guard seed), and pass the secret (SecretValue.secretsManager or its ARN) instead of the text',
    cloudFormation: 'revoke the token, store its replacement in Secrets Manager, and use {{resolve:secretsmanager:…}} in credential properties or the secret\'s ARN elsewhere',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5_7],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (ctx) => observations(ctx) ?? [],
};

export default TokenShapedLiteral;
