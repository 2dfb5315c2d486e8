import { STANDARDS } from '../engine/standards';
import type { Observation, RuleContext, TemplateRule } from '../engine/types';
import type { Assumption } from '../engine/values';
import { capitalise } from './placement';
import { SEC } from './places';
import { traceValue } from './provenance';
import { defineWalker, pathText } from './walk';

/** The keys CDK writes into every resource's Metadata (`aws:cdk:path`, `aws:asset:path`, …): never secrets. */
const CDK_METADATA = /^aws:(cdk|asset):/;

interface MetadataPlace {
  readonly logicalId: string;
  readonly path: string;
  readonly key: string | undefined;
  readonly node: unknown;
  readonly when: readonly Assumption[];
}

/**
 * One shared traversal (see walk.ts) finds the values in resources' Metadata; they are judged after it (tracing a
 * value may ask which parameters are secret, which is another walk's result).
 */
const places = defineWalker<MetadataPlace[]>(
  'metadata-values',
  () => {
    const out: MetadataPlace[] = [];
    return {
      result: () => out,
      visit: (v) => {
        // A resource's Metadata only: its Properties are other rules' places, and the template's Metadata section is
        // not evaluated by CloudFormation (a Ref there stays a Ref).
        if (v.section !== 'Resources' || v.path[0] !== 'Metadata' || v.inIntrinsic) return 'skip';
        if (v.path.length === 2 && typeof v.path[1] === 'string' && CDK_METADATA.test(v.path[1])) return 'skip';
        if (typeof v.node !== 'string' && v.intrinsic === undefined) return undefined;
        const key = [...v.path].reverse().find((s): s is string => typeof s === 'string');
        out.push({ logicalId: v.logicalId, path: pathText(v.path), key, node: v.node, when: v.when });
        return 'skip';
      },
    };
  },
  SEC.metadata,
);

function observations(ctx: RuleContext): Observation[] {
  const out: Observation[] = [];
  for (const p of places(ctx) ?? []) {
    const where = `${p.path} of ${p.logicalId}`;
    for (const alt of ctx.evaluator.value(p.node, p.when)) {
      // CloudFormation does not resolve secure dynamic references in Metadata: they stay references there.
      const trace = traceValue(alt.value, ctx, { key: p.key, dynamicReferences: false });
      const base = { path: p.path, when: alt.when, subject: { section: 'Resources' as const, logicalId: p.logicalId } };
      for (const secret of trace.secrets) {
        out.push({ ...base, outcome: 'non-compliant', message: `${capitalise(secret)} reaches ${where}: CloudFormation returns resource Metadata unmasked (DescribeStackResource) and cfn-init writes it to the instance.` });
      }
      for (const unknown of trace.unknowns) {
        out.push({ ...base, outcome: 'cannot-tell', message: `Cannot tell whether ${where} holds a secret: it comes from ${unknown}.` });
      }
    }
  }
  return out;
}

/** Secret material in a resource's Metadata (AWS::CloudFormation::Init files, commands, environment, …). */
const MetadataSecret: TemplateRule = {
  id: SEC.metadata,
  name: 'MetadataSecret',
  category: 'secret-placement',
  scope: 'template',
  summary:
    "No secret material (a NoEcho or otherwise secret parameter, a secret attribute, a token-shaped literal, a password in a URL's userinfo) is placed in a resource's Metadata, such as the files, commands and environment of AWS::CloudFormation::Init.",
  rationale:
    "CloudFormation neither masks NoEcho parameters nor redacts anything in a resource's Metadata: everyone allowed cloudformation:DescribeStackResource reads the secret there, and cfn-init writes it into files and command lines on the instance.",
  fix: {
    cdk: 'give the init config only the secret\'s ARN and read the value at boot (ec2.InitCommand.shellCommand("aws secretsmanager get-secret-value --secret-id …")), with secret.grantRead(instanceRole)',
    cloudFormation: 'put the secret\'s ARN in AWS::CloudFormation::Init and read the value at boot with the instance role (aws secretsmanager get-secret-value); do not substitute NoEcho parameters into it',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; cannot tell for a value that cannot be traced (an import named like a secret, an unknown intrinsic). Secure dynamic references stay unresolved in Metadata and are not reported',
  check: (ctx) => observations(ctx),
};

export default MetadataSecret;
