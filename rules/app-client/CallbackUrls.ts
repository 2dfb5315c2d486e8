import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, Assumption, cfnBoolean, Composite, Opaque, describeSource, mergeAssumptions } from '../engine/values';
import { USER_POOL_CLIENT } from './client-facts';
import { describeCandidate, stringList } from '../engine/describe';

type Verdict = { severity: 'error' | 'warning'; problem: string } | 'ok' | 'unknown';

/** Non-HTTPS or loopback callback URLs on a client that can use the code or implicit grant. */
const CallbackUrls: ResourceRule = {
  id: 'TokenGuard-COG11',
  name: 'CallbackUrls',
  category: 'app-client',
  scope: 'resource',
  resourceTypes: [USER_POOL_CLIENT],
  summary:
    'CallbackURLs and DefaultRedirectURI use HTTPS and no loopback host (custom schemes of native apps are fine) on a client that can use the code or implicit grant (a client-credentials client never redirects).',
  rationale:
    'Authorization codes and tokens are delivered to the callback URL: over plain HTTP anyone on the path can take them, and a localhost callback left in a deployed client lets any local process receive them.',
  fix: {
    cdk: "oAuth: { callbackUrls: ['https://app.example.com/callback'] } (keep localhost in a separate development client)",
    cloudFormation: 'CallbackURLs: [https://app.example.com/callback]',
  },
  standards: [STANDARDS.rfc6749RedirectTls, STANDARDS.nistSc8],
  defaultSeverity: 'error',
  levels: 'ERROR for http:// to a non-loopback host; WARN for a loopback host (localhost, 127.0.0.1, ::1)',
  check: (r, { evaluator }) => {
    const out: Observation[] = [];
    for (const enabled of evaluator.scalars(r.properties, ['AllowedOAuthFlowsUserPoolClient'], r.when)) {
      if (enabled.value === ABSENT || cfnBoolean(enabled.value) === false) continue;
      for (const flows of evaluator.scalars(r.properties, ['AllowedOAuthFlows'], enabled.when)) {
        // Only the code and implicit grants redirect to a callback URL: a client-credentials client never uses one.
        const granted = flows.value === ABSENT ? [] : stringList(flows.value);
        const base = mergeAssumptions(enabled.when, flows.when);
        if (base === undefined || (granted !== undefined && !granted.some((f) => f === 'code' || f === 'implicit'))) continue;
        const found: Observation[] = [];
        for (const property of ['CallbackURLs', 'DefaultRedirectURI']) {
          for (const c of evaluator.scalars(r.properties, [property], base)) {
            const when = mergeAssumptions(base, c.when);
            if (when === undefined || c.value === ABSENT) continue;
            const urls = Array.isArray(c.value) ? c.value : [c.value];
            urls.forEach((url, i) => {
              const path = Array.isArray(c.value) ? `Properties.${property}.${i}` : `Properties.${property}`;
              judgeUrl(url, path, when, found, c.via);
            });
          }
        }
        const oauthKnown = cfnBoolean(enabled.value) === true;
        out.push(
          ...(oauthKnown
            ? found
            : found.map((o) => ({
                ...o,
                outcome: 'cannot-tell' as const,
                message: `${o.message} Whether OAuth is enabled cannot be determined: AllowedOAuthFlowsUserPoolClient comes from ${describeCandidate(enabled)}.`,
              }))),
        );
      }
    }
    return out;
  },
};

function judgeUrl(url: unknown, path: string, when: readonly Assumption[], out: Observation[], via?: string): void {
  const v = classify(url);
  if (v === 'ok') return;
  if (v === 'unknown') {
    const from = url instanceof Opaque ? describeSource(url.source) : url instanceof Composite ? 'a string whose scheme or host is not known statically'
      : typeof url === 'string' ? `text that is not a URL (${redactUrl(url)})` : 'a value of an unexpected type';
    out.push({ outcome: 'cannot-tell', path, when, message: `A callback URL cannot be checked: it comes from ${from}.${via === undefined ? '' : ` (It is ${via}.)`}` });
    return;
  }
  out.push({ outcome: 'non-compliant', severity: v.severity, path, when, message: via === undefined ? v.problem : `${v.problem} (It is ${via}.)` });
}

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** Scheme and a host written out in full: the host ends inside the literal text. */
const SCHEME_AND_HOST = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]*)([/:?#])/i;

function classify(url: unknown): Verdict {
  if (typeof url === 'string') return classifyText(url);
  if (!(url instanceof Composite) || typeof url.parts[0] !== 'string') return 'unknown';
  const prefix = url.parts[0];
  const written = SCHEME_AND_HOST.exec(prefix);
  if (written) return classifyText(written[0]);
  const scheme = SCHEME.exec(prefix)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'unknown';
  if (scheme !== 'http' && scheme !== 'https') return 'ok'; // native-app custom schemes (RFC 8252)
  if (!prefix.toLowerCase().startsWith(`${scheme}://`) || !nonLoopbackHost(url.parts)) return 'unknown';
  // An AWS-generated host (a CloudFront, API Gateway, load balancer or Cognito domain) is never loopback, nor is a
  // host whose unknown first labels are followed by a written-out domain.
  if (scheme === 'https') return 'ok';
  return { severity: 'error', problem: `Callback URL ${shownUrl(url)} uses plain HTTP; authorization codes and tokens would cross the network unencrypted.` };
}

/**
 * Whether the host of a URL built from pieces is known not to be loopback: every computed piece before the host ends
 * comes from a resource of the template (its Ref or an attribute) or a pseudo parameter (`https://` +
 * `\${Distribution.DomainName}` + `/callback`), or each other piece is followed by a written-out domain
 * (`\${ImportedApiId}.execute-api.eu-west-1.\${AWS::URLSuffix}`, CDK's cross-stack API URL), which no loopback
 * name (localhost, 127.0.0.1) has.
 */
function nonLoopbackHost(parts: ReadonlyArray<string | Opaque>): boolean {
  let computed = false;
  let unnamed = false; // a piece neither AWS nor a written-out domain after it says anything about
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === 'string') {
      const text = i === 0 ? p.slice(p.indexOf('://') + 3) : p;
      const end = text.search(/[/:?#]/);
      if (unnamed && NAMED_DOMAIN.test(end < 0 ? text : text.slice(0, end))) unnamed = false;
      if (end >= 0) break;
      continue;
    }
    const s = p.source;
    const generated = (s.kind === 'resource' || s.kind === 'attribute') && s.resourceType !== undefined ? true : s.kind === 'pseudo';
    if (!generated) unnamed = true;
    computed = true;
  }
  return computed && !unnamed;
}

/** `.execute-api.eu-west-1.`, `.app.example.com`: a label with a letter after a dot, and no localhost label. */
const NAMED_DOMAIN = /^(?!.*(?:^|\.)localhost(?:\.|$))\.[a-z0-9-]*[a-z][a-z0-9-]*(?:\.|$)/i;

/** The URL with its computed pieces named: `http://<DNSName of PortalAlb>/oauth2/idpresponse`. */
function shownUrl(url: Composite): string {
  return url.parts.map((p) => (typeof p === 'string' ? p : `<${describeSource(p.source)}>`)).join('').split('?')[0].slice(0, 120);
}

function classifyText(text: string): Verdict {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'unknown';
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  const host = parsed.hostname;
  if (scheme !== 'http' && scheme !== 'https') return 'ok'; // native-app custom schemes (RFC 8252)
  if (LOOPBACK.test(host)) {
    return { severity: 'warning', problem: `Callback URL ${redactUrl(text)} points at a loopback host; a deployed client should not deliver codes to whatever listens locally.` };
  }
  if (scheme === 'http') {
    return { severity: 'error', problem: `Callback URL ${redactUrl(text)} uses plain HTTP; authorization codes and tokens would cross the network unencrypted.` };
  }
  return 'ok';
}

/** Scheme, host and path only: query strings in a callback could carry anything. */
function redactUrl(text: string): string {
  try {
    const u = new URL(text);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return text.slice(0, 80);
  }
}

export default CallbackUrls;
