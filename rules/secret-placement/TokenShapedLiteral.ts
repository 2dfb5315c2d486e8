import { STANDARDS } from '../engine/standards';
import type { Observation, TemplateRule } from '../engine/types';
import { ownerOf, SEC } from './places';
import { templateHasAwsKeyId } from './provenance';
import { findTokens, TOKEN_MARKERS } from './tokens';
import { pathText, placeText, templateMentions, defineWalker, findMatches } from './walk';

/** The resources whose text has a token marker (TOKEN_MARKERS itself is not global: findTokens tests it). */
const MARKER_CONCERN = { find: findMatches(new RegExp(TOKEN_MARKERS.source, 'g')) };

/** One shared traversal (see walk.ts) finds this rule's observations. */
const observations = defineWalker<Observation[]>(
  'token-literal',
  (ctx) => {
    const out: Observation[] = [];
    const awsAccessKeyIdNearby = templateHasAwsKeyId(ctx);
    if (!awsAccessKeyIdNearby && !templateMentions(ctx.template, TOKEN_MARKERS)) return undefined;
    return {
      result: () => out,
      // A token in a resource is in its text, marker and all (findTokens looks for the same markers first). An AWS
      // secret key has no marker: beside an access key id, every resource is shown.
      concerns: awsAccessKeyIdNearby ? undefined : MARKER_CONCERN,
      visit: (v) => {
        if (v.resourceType === 'AWS::CDK::Metadata') return 'skip';
        // Owned subtrees are skipped, so no ancestor of this place is owned.
        if (ownerOf(v, true) !== undefined) return 'skip';
        if (typeof v.node !== 'string' || v.node.length < 20) return undefined;
        for (const token of findTokens(v.node.replace(/\{\{resolve:[^}]*\}\}/g, ' '), { awsAccessKeyIdNearby })) {
          out.push({
            outcome: 'non-compliant',
            path: pathText(v.path),
            // No condition: whichever branch deploys, the literal is in the template text.
            subject: { section: v.section, logicalId: v.logicalId },
            message: `The template contains ${token.format} (${token.fingerprint}) at ${placeText(v)}: anyone who can read the template has the credential.`,
          });
        }
        return undefined;
      },
    };
  },
  SEC.tokenLiteral,
);

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
