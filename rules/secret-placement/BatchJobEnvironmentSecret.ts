import type { PathSegment } from '../engine/evaluate';
import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule, RuleContext } from '../engine/types';
import type { Assumption } from '../engine/values';
import { BATCH_JOB_DEFINITION, SEC } from './places';
import { judgeEnvironment, listElements, nameValueEntries } from './placement';
import { pathText } from './walk';

const CONSEQUENCE =
  'Batch keeps container environment values as plaintext in the job definition, readable by anyone allowed batch:DescribeJobDefinitions and kept in every revision; Secrets with ValueFrom injects the value when the job starts.';

/**
 * Where a job definition keeps container environments: single-container jobs, each node range of a multi-node job,
 * each container of an ECS-properties job, and the containers (and init containers) of an EKS pod.
 */
const CONTAINERS: readonly (readonly (string | '*')[])[] = [
  ['ContainerProperties'],
  ['NodeProperties', 'NodeRangeProperties', '*', 'Container'],
  ['EcsProperties', 'TaskProperties', '*', 'Containers', '*'],
  ['EksProperties', 'PodProperties', 'Containers', '*'],
  ['EksProperties', 'PodProperties', 'InitContainers', '*'],
];

/** Secret material in the container environments of a Batch job definition. */
const BatchJobEnvironmentSecret: ResourceRule = {
  id: SEC.batchJobEnvironment,
  name: 'BatchJobEnvironmentSecret',
  category: 'secret-placement',
  scope: 'resource',
  resourceTypes: [BATCH_JOB_DEFINITION],
  summary:
    'No container Environment (or EKS Env) entry of an AWS::Batch::JobDefinition carries secret material; secrets go in Secrets with ValueFrom.',
  rationale:
    'Job definitions are plaintext and versioned: every revision keeps its environment values, readable by anyone who can describe job definitions, so a token placed there outlives its rotation.',
  fix: {
    cdk: 'container secrets: { TOKEN: batch.Secret.fromSecretsManager(secret) } instead of environment: { TOKEN: … }',
    cloudFormation: 'ContainerProperties.Secrets: [{ Name: TOKEN, ValueFrom: !Ref TokenSecret }] instead of an Environment entry',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5_7, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; a value that cannot be traced (an import named like a secret, an unknown intrinsic) is reported as cannot tell',
  check: (r, ctx) => {
    const out: Observation[] = [];
    for (const shape of CONTAINERS) {
      for (const c of containersAt(ctx, r.properties, ['Properties'], shape, r.when)) {
        const envKey = shape[0] === 'EksProperties' ? 'Env' : 'Environment';
        out.push(
          ...judgeEnvironment(ctx, nameValueEntries(ctx, c.node, c.path, [envKey], c.when), {
            what: `the environment variables at ${pathText([...c.path, envKey])} of ${r.logicalId}`,
            where: (e, path) => `${path} (${e.name ?? 'a variable'}) of ${r.logicalId}`,
            consequence: CONSEQUENCE,
          }),
        );
      }
    }
    return out;
  },
};

/** The nodes at a path whose `*` segments stand for every element of a list. */
function containersAt(
  ctx: RuleContext,
  root: unknown,
  prefix: readonly PathSegment[],
  shape: readonly (string | '*')[],
  when: readonly Assumption[],
): { node: unknown; path: readonly PathSegment[]; when: readonly Assumption[] }[] {
  const star = shape.indexOf('*');
  if (star < 0) {
    return ctx.evaluator
      .rawAt(root, shape, when)
      .filter((a) => a.value !== undefined && typeof a.value === 'object' && a.value !== null)
      .map((a) => ({ node: a.value, path: [...prefix, ...shape], when: a.when }));
  }
  const { elements } = listElements(ctx, root, prefix, shape.slice(0, star), when);
  return elements.flatMap((e) => containersAt(ctx, e.node, e.path, shape.slice(star + 1), e.when));
}

export default BatchJobEnvironmentSecret;
