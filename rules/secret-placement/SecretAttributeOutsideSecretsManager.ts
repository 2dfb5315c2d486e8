import { parseSub } from '../engine/evaluate';
import { sdkCalls } from '../engine/sdk-calls';
import { STANDARDS } from '../engine/standards';
import type { Observation, RuleContext, TemplateRule } from '../engine/types';
import { Composite, isPlainObject, Opaque, type Source, type Value } from '../engine/values';
import { isCredentialName, isCustomResource, ownerOf, SEC } from './places';
import { capitalise } from './placement';
import { resourceValueSecrecy, SECRET_ATTRIBUTES } from './provenance';
import { pathText, placeText, defineWalker, type Visit } from './walk';

/** The attribute name the evaluator gives a `Fn::GetAtt` whose attribute is not a literal. */
const COMPUTED = '(computed attribute)';

/** Whether any resource of the template has a secret attribute to read (a custom resource's attributes have any name). */
function hasSecretReads(ctx: RuleContext): boolean {
  return ctx.template.resources.some((r) => isCustomResource(r.type) || hasSecretAttributes(r.type));
}

function hasSecretAttributes(type: string | undefined): type is string {
  return type !== undefined && Object.prototype.hasOwnProperty.call(SECRET_ATTRIBUTES, type);
}

/** One shared traversal (see walk.ts) finds this rule's observations. */
const observations = defineWalker<Observation[]>(
  'secret-attribute',
  (ctx) => {
    const out: Observation[] = [];
    if (!hasSecretReads(ctx)) return undefined;
    // A Ref reads a secret only from a custom resource (its physical id).
    const hasCustomResources = ctx.template.resources.some((r) => isCustomResource(r.type));
    return {
      result: () => out,
      visit: (v) => {
        const fn = v.intrinsic;
        if (fn !== 'Fn::GetAtt' && fn !== 'Fn::Sub' && fn !== 'Ref') return;
        // Most templates read many attributes and few of them can be secret: rule those out before evaluating.
        if (fn === 'Ref' && !hasCustomResources) return;
        const reads = fn === 'Fn::Sub' ? subReads((v.node as Record<string, unknown>)['Fn::Sub']) : [v.node];
        if (!reads.some((read) => mayReadSecret(ctx, read))) return;
        if (ownerOf(v) !== undefined) return 'skip';
        for (const alt of ctx.evaluator.value(fn === 'Fn::Sub' ? reads : v.node, v.when)) {
          const leaves = alt.value instanceof Opaque ? [alt.value] : Array.isArray(alt.value) ? alt.value.filter((x): x is Opaque => x instanceof Opaque) : [];
          for (const leaf of leaves) {
            const s = leaf.source;
            const base = { path: pathText(v.path), when: alt.when, subject: { section: v.section, logicalId: v.logicalId } };
            if (s.kind === 'attribute' && s.attribute === COMPUTED && (isCustomResource(s.resourceType) || hasSecretAttributes(s.resourceType))) {
              out.push({ ...base, outcome: 'cannot-tell', message: `Cannot tell whether ${placeText(v)} receives a secret: it reads an attribute of ${s.logicalId} (${s.resourceType}) whose name is computed.` });
              continue;
            }
            const secrecy = resourceValueSecrecy(s, ctx);
            if (secrecy === undefined || inCallCredential(ctx, v, s)) continue;
            out.push(
              'secret' in secrecy
                ? {
                    ...base,
                    outcome: 'non-compliant',
                    message: `${capitalise(secrecy.secret)} reaches ${placeText(v)}, outside Secrets Manager: CloudFormation copies it there as plaintext, where it cannot be rotated and is readable by whoever can read that property.`,
                  }
                : { ...base, outcome: 'cannot-tell', message: `Cannot tell whether ${placeText(v)} receives a secret: it reads ${secrecy.unknown}.` },
            );
          }
        }
        return undefined;
      },
    };
  },
  SEC.secretAttribute,
);

/**
 * `Fn::GetAtt` of a secret attribute (a user pool client's ClientSecret, an access key's SecretAccessKey, …) anywhere
 * but the SecretString of a Secrets Manager secret. Places owned by the placement rules are reported there.
 */
const SecretAttributeOutsideSecretsManager: TemplateRule = {
  id: SEC.secretAttribute,
  name: 'SecretAttributeOutsideSecretsManager',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'Fn::GetAtt of a secret attribute (AWS::Cognito::UserPoolClient ClientSecret, AWS::IAM::AccessKey SecretAccessKey, AWS::AppSync::ApiKey ApiKey, IVS stream keys, custom-resource attributes named like secrets, the secret response fields of an AwsCustomResource call such as describeUserPoolClient or getSecretValue), or the Ref of a custom resource whose physical id is such a field, appears only in the SecretString of an AWS::SecretsManager::Secret.',
  rationale:
    'A secret attribute read with GetAtt is copied by CloudFormation into whatever property it is given to, where it is plaintext configuration and cannot be rotated (Cognito\'s two-secret rotation happens outside CloudFormation); the only safe destination is a Secrets Manager secret that consumers read at runtime.',
  fix: {
    cdk: 'new secretsmanager.Secret(this, "ClientSecret", { secretStringValue: client.userPoolClientSecret }) and pass the secret (not the value) to consumers; better, a client whose secret never passes through CloudFormation (WorkloadClient)',
    cloudFormation: 'SecretString: !GetAtt Client.ClientSecret in an AWS::SecretsManager::Secret, and !Ref that secret everywhere else',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; cannot tell when the attribute name is computed on a resource that has secret attributes, or when a value comes from a Lambda-backed custom resource whose name says it holds a secret (unless the attribute is named as an identifier: GOOGLE_CLIENT_ID, DbHost)',
  check: (ctx) => observations(ctx) ?? [],
};

/**
 * Whether a `Fn::GetAtt` or `Ref` node can read a secret: its resource has secret attributes or is a custom resource
 * (whose attributes and physical id can be anything), or its resource name is computed (then the evaluator decides).
 * A resource that is not in the template has no secrets.
 */
function mayReadSecret(ctx: RuleContext, read: unknown): boolean {
  if (!isPlainObject(read)) return false;
  if ('Ref' in read) return typeof read.Ref === 'string' && isCustomResource(ctx.template.resource(read.Ref)?.type);
  const args = read['Fn::GetAtt'];
  const logicalId = typeof args === 'string' ? args.split('.', 1)[0] : Array.isArray(args) ? args[0] : undefined;
  if (typeof logicalId !== 'string') return true;
  const type = ctx.template.resource(logicalId)?.type;
  return type !== undefined && (hasSecretAttributes(type) || isCustomResource(type));
}

/**
 * Whether a read sits in a credential-named parameter of an AwsCustomResource call (putSecretValue's SecretString,
 * createIdentityProvider's ClientSecret): SEC11 owns that place, as it owns credential properties, and reports it once
 * per resource (CDK repeats the call in Create and Update).
 */
function inCallCredential(ctx: RuleContext, v: Pick<Visit, 'section' | 'resource' | 'path'>, s: Source): boolean {
  if (v.section !== 'Resources' || v.resource === undefined || v.path[0] !== 'Properties') return false;
  const reads = (x: Value): boolean =>
    x instanceof Opaque ? sameSource(x.source, s) : x instanceof Composite ? x.parts.some((p) => p instanceof Opaque && sameSource(p.source, s)) : Array.isArray(x) && x.some(reads);
  return sdkCalls(v.resource, ctx.evaluator).some((call) => call.property === v.path[1] && Object.entries(call.parameters).some(([key, x]) => isCredentialName(key) && reads(x)));
}

function sameSource(a: Source, b: Source): boolean {
  return a.kind === b.kind && 'logicalId' in a && 'logicalId' in b && a.logicalId === b.logicalId && (!('attribute' in a) || !('attribute' in b) || a.attribute === b.attribute);
}

/** The `${Resource.Attribute}` and `${Resource}` references of a Fn::Sub template that its variable map does not define. */
function subReads(args: unknown): unknown[] {
  const [text, vars] = Array.isArray(args) ? args : [args, {}];
  if (typeof text !== 'string') return [];
  const defined = isPlainObject(vars) ? vars : {};
  return parseSub(text)
    .map((p) => p.variable)
    .filter((name): name is string => name !== undefined && !name.startsWith('AWS::') && !(name in defined))
    .map((name) => (name.includes('.') ? { 'Fn::GetAtt': [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)] } : { Ref: name }));
}

export default SecretAttributeOutsideSecretsManager;
