import { STANDARDS } from '../engine/standards';
import type { Observation, TemplateRule } from '../engine/types';
import { ABSENT } from '../engine/values';
import { SEC } from './places';
import { judgeLanding } from './placement';

const CONSEQUENCE =
  'stack outputs are shown to everyone allowed cloudformation:DescribeStacks and in the console, NoEcho does not mask them, and an export is readable by every stack in the account and Region.';

/** Secret material in stack outputs and exports. */
const OutputSecret: TemplateRule = {
  id: SEC.output,
  name: 'OutputSecret',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'No output (or export) carries secret material: a secret attribute, a secret-bearing parameter, a token-shaped literal, a password in a URL\'s userinfo, a generated-looking literal under a secret-named output. Outputs of a secret\'s ARN or name, a client id or a pool id are fine.',
  rationale:
    'Outputs are the most widely readable part of a stack: anyone who can describe it, any pipeline that prints outputs and, for exports, any other stack can read them, and CloudFormation does not mask NoEcho parameters there.',
  fix: {
    cdk: 'output the secret\'s ARN (new CfnOutput(this, "TokenSecretArn", { value: secret.secretArn })) and let consumers read the value from Secrets Manager',
    cloudFormation: 'Value: !Ref TokenSecret (the ARN) instead of the secret; consumers call GetSecretValue',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; cannot tell for an output that passes on an import named like a secret',
  check: (ctx) => {
    const out: Observation[] = [];
    for (const o of ctx.template.outputs) {
      const when = o.condition === undefined ? [] : [{ condition: o.condition, value: true }];
      const exports = ctx.evaluator.scalars({ Name: o.exportName }, ['Name'], when);
      const exportName = exports.length === 1 && typeof exports[0].value === 'string' ? exports[0].value : undefined;
      const exported = o.exportName === undefined || exports[0]?.value === ABSENT ? '' : exportName ? ` (exported as ${exportName})` : ' (exported)';
      out.push(
        ...judgeLanding(
          ctx,
          o.value,
          { path: `Outputs.${o.name}.Value`, where: `Outputs.${o.name}.Value${exported}`, when, subject: { section: 'Outputs', logicalId: o.name } },
          // CloudFormation does not resolve dynamic references in outputs (it shows the reference), so they are not secrets here.
          { key: o.name, consequence: CONSEQUENCE, dynamicReferences: false },
        ),
      );
    }
    return out;
  },
};

export default OutputSecret;
