import { STANDARDS } from '../engine/standards';
import type { Observation, RuleContext, TemplateRule } from '../engine/types';
import { ABSENT, cfnBoolean, Composite, isPlainObject, Opaque, type Assumption, type Maybe, type Value } from '../engine/values';
import { capitalise } from './placement';
import { isCustomResource, ownerOf, plaintextPlace, SEC } from './places';
import { describeParameter, dynamicReferencesIn, parameterSecrecy } from './provenance';
import { placeText, pathText, defineWalker, type Visit } from './walk';

/**
 * Whether another rule owns the place (an environment, an SSM value, an output…). A key named like a credential
 * inside plaintext configuration (`DefaultArguments: { --db_password: … }`) stays this rule's place too: InlineCredential
 * judges the literal written there, this rule what is resolved or substituted into it.
 */
function ownedElsewhere(v: Visit): boolean {
  const owner = ownerOf(v);
  return owner !== undefined && owner !== SEC.inlineCredential;
}

/**
 * An invocation parameter of an EventBridge connection (header, query string or body) not marked IsValueSecret:
 * EventBridge keeps only the marked ones in its own secret and DescribeConnection returns the others as written.
 */
function connectionParameter(v: Visit): string | undefined {
  const path = v.path;
  if (v.resourceType !== 'AWS::Events::Connection' || path[path.length - 1] !== 'Value' || !path.includes('InvocationHttpParameters')) return undefined;
  let parameter: unknown = v.resource?.properties;
  for (const s of path.slice(1, -1)) parameter = isPlainObject(parameter) || Array.isArray(parameter) ? (parameter as Record<string | number, unknown>)[s] : undefined;
  if (!isPlainObject(parameter) || cfnBoolean(parameter.IsValueSecret) === true) return undefined;
  return 'an EventBridge connection parameter not marked IsValueSecret (returned in plaintext by events:DescribeConnection)';
}

/**
 * A document parameter of a State Manager association (an AWS::SSM::Association's Parameters, or those of an
 * association an instance declares in SsmAssociations): Systems Manager keeps them as written and returns them.
 */
function associationParameter(v: Visit): string | undefined {
  const p = v.path;
  const association = (v.resourceType === 'AWS::SSM::Association' && p[1] === 'Parameters') || (v.resourceType === 'AWS::EC2::Instance' && p[1] === 'SsmAssociations' && p[3] === 'AssociationParameters');
  return association ? 'the parameters of a State Manager association (returned as written by ssm:DescribeAssociation)' : undefined;
}

interface PlaintextPlace {
  readonly logicalId: string;
  readonly section: 'Resources' | 'Globals';
  readonly path: string;
  readonly label: string;
  readonly where: string;
  readonly node: unknown;
  readonly when: readonly Assumption[];
}

/**
 * One shared traversal (see walk.ts) finds this rule's observations, and the computed values (intrinsics) at
 * plaintext places: those are judged after it for the secret parameters in them, since whether a parameter is secret
 * is another walk's result (as in MetadataSecret).
 */
const found = defineWalker<{ observations: Observation[]; computed: PlaintextPlace[] }>(
  'dynamic-reference',
  (ctx) => {
    const observations: Observation[] = [];
    const computed: PlaintextPlace[] = [];
    return {
      result: () => ({ observations, computed }),
      visit: (v) => {
        // Intrinsics are judged whole (below), so nothing inside one is visited.
        if (v.inIntrinsic || (v.section !== 'Resources' && v.section !== 'Globals')) return 'skip';
        const node = v.node;
        if (typeof node === 'string' ? !node.includes('{{resolve:') : v.intrinsic === undefined) return undefined;
        const label = plaintextPlace(v.path) ?? connectionParameter(v) ?? associationParameter(v);
        // CloudFormation does not resolve secure dynamic references for custom resources, and owned places are
        // reported by their rule.
        if (label === undefined || isCustomResource(v.resourceType) || ownedElsewhere(v)) return 'skip';
        const path = pathText(v.path);
        const where = placeText(v);
        if (v.intrinsic !== undefined) computed.push({ logicalId: v.logicalId, section: v.section, path, label, where, node, when: v.when });
        for (const alt of ctx.evaluator.value(node, v.when)) {
          for (const ref of dynamicReferencesIn(alt.value)) {
            observations.push({
              outcome: 'non-compliant',
              path,
              when: alt.when,
              subject: { section: v.section, logicalId: v.logicalId },
              message: `${ref} resolves into ${label} at ${where}: the secret is stored there in plaintext after deployment and goes stale when it rotates.`,
            });
          }
        }
        return 'skip';
      },
    };
  },
  SEC.dynamicReference,
);

/** The parameters an evaluated value is built from (`Fn::Sub` pieces, list elements, object values). */
function parametersIn(v: Maybe<Value>, out: Set<string>, depth = 0): Set<string> {
  if (v === ABSENT || v === null || depth > 32 || typeof v !== 'object') return out;
  if (v instanceof Opaque) {
    if (v.source.kind === 'parameter') out.add(v.source.name);
  } else if (v instanceof Composite) {
    for (const p of v.parts) parametersIn(p, out, depth + 1);
  } else {
    for (const x of Array.isArray(v) ? v : Object.values(v)) parametersIn(x, out, depth + 1);
  }
  return out;
}

/** Secret parameters (NoEcho, or secret by name or use) substituted into plaintext configuration. */
function secretParameters(ctx: RuleContext): Observation[] {
  const out: Observation[] = [];
  for (const p of found(ctx)?.computed ?? []) {
    for (const alt of ctx.evaluator.value(p.node, p.when)) {
      for (const name of parametersIn(alt.value, new Set())) {
        const secrecy = parameterSecrecy(ctx, name);
        if (secrecy === undefined) continue;
        out.push({
          outcome: 'non-compliant',
          path: p.path,
          when: alt.when,
          subject: { section: p.section, logicalId: p.logicalId },
          message: `${capitalise(describeParameter(secrecy))} is written into ${p.label} at ${p.where}: the property keeps it in plaintext (NoEcho masks only the parameter), readable by everyone who can describe the resource.`,
        });
      }
    }
  }
  return out;
}

/**
 * `{{resolve:secretsmanager:…}}` (or `ssm-secure`) resolved into plaintext configuration outside the places the
 * placement rules own: tags, user data, descriptions, environment-like settings of other services, definitions and
 * inline code.
 */
const DynamicReferenceInPlaintext: TemplateRule = {
  id: SEC.dynamicReference,
  name: 'DynamicReferenceInPlaintext',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'No {{resolve:secretsmanager:…}} (other than one selecting an identifier field such as username, host, port or dbname, also through the Default of a field parameter, or a secret named as a public key, an OAuth client id or a redirect URI) or {{resolve:ssm-secure:…}} reference sits where CloudFormation resolves it into plaintext configuration: tags, user data, descriptions, environment-like settings (Amplify, App Runner, SageMaker, Glue, API Gateway stage variables, Step Functions definitions, EventBridge connection parameters not marked IsValueSecret, the input of EventBridge rule, Scheduler and Pipes targets, State Manager association parameters), inline code; nor is a secret parameter (NoEcho, or secret by name or use) substituted into those places. Environment variables of functions, containers, CodeBuild and Batch, SSM parameters and outputs are reported by SEC1-SEC7.',
  rationale:
    'A dynamic reference keeps the secret out of the template, not out of the resource: CloudFormation resolves it at deploy time and the property then holds the secret in plaintext, readable by everyone who can read that property (tags and descriptions by almost everyone), and it stays stale after rotation until the next deployment.',
  fix: {
    cdk: 'pass the secret itself (its ARN or name) to the consumer and let it call GetSecretValue at runtime; never unsafeUnwrap() a SecretValue into a tag, user data or a definition',
    cloudFormation: 'reference the secret by ARN or name (!Ref TokenSecret) in configuration and read the value at runtime; keep {{resolve:secretsmanager}} for properties that are credentials (a database password, a connection\'s client secret)',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR',
  check: (ctx) => [...(found(ctx)?.observations ?? []), ...secretParameters(ctx)],
};

export default DynamicReferenceInPlaintext;
