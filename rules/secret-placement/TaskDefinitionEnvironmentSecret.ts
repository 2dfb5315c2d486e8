import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { SEC, TASK_DEFINITION } from './places';
import { judgeEnvironment, listElements, nameValueEntries, opaqueObservation } from './placement';

const CONSEQUENCE =
  'ECS keeps container environment values as plaintext in the task definition, readable by anyone allowed ecs:DescribeTaskDefinition and kept in every revision; Secrets with ValueFrom injects the value at launch instead.';

/** Secret material in the Environment of an ECS task definition's containers. */
const TaskDefinitionEnvironmentSecret: ResourceRule = {
  id: SEC.taskDefinitionEnvironment,
  name: 'TaskDefinitionEnvironmentSecret',
  category: 'secret-placement',
  scope: 'resource',
  resourceTypes: [TASK_DEFINITION],
  summary:
    'No Environment entry of a container in an AWS::ECS::TaskDefinition carries secret material; secrets go in Secrets with ValueFrom (a Secrets Manager or SSM SecureString ARN).',
  rationale:
    'Task definitions are plaintext, versioned and widely readable: every revision keeps its environment values, so a token placed there survives rotation and deletion of the task, while Secrets/ValueFrom resolves the value when the task starts and keeps only a reference.',
  fix: {
    cdk: 'container secrets: { TOKEN: ecs.Secret.fromSecretsManager(secret) } instead of environment: { TOKEN: … }',
    cloudFormation: 'ContainerDefinitions[].Secrets: [{ Name: TOKEN, ValueFrom: !Ref TokenSecret }] instead of an Environment entry',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5_7, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; a value that cannot be traced (an import named like a secret, an unknown intrinsic) is reported as cannot tell',
  check: (r, ctx) => {
    const out: Observation[] = [];
    const containers = listElements(ctx, r.properties, ['Properties'], ['ContainerDefinitions'], r.when);
    for (const o of containers.opaque) out.push(opaqueObservation(o, `the container definitions of ${r.logicalId}`));
    for (const c of containers.elements) {
      const names = ctx.evaluator.scalars(c.node, ['Name'], c.when);
      const container = names.length === 1 && typeof names[0].value === 'string' ? `container ${names[0].value}` : `container ${String(c.path[c.path.length - 1])}`;
      out.push(
        ...judgeEnvironment(ctx, nameValueEntries(ctx, c.node, c.path, ['Environment'], c.when), {
          what: `the environment variables of ${container} in ${r.logicalId}`,
          where: (e, path) => `${path} (${e.name ?? 'a variable'}) of ${container} in ${r.logicalId}`,
          consequence: CONSEQUENCE,
        }),
      );
    }
    return out;
  },
};

export default TaskDefinitionEnvironmentSecret;
