import { describeCandidate } from '../engine/describe';
import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT } from '../engine/values';
import { CODEBUILD_PROJECT, SEC } from './places';
import { judgeLanding, nameValueEntries, opaqueObservation } from './placement';
import { pathText } from './walk';

const CONSEQUENCE =
  'a PLAINTEXT variable is stored in the project and shown by codebuild:BatchGetProjects and in the console; SECRETS_MANAGER or PARAMETER_STORE variables are resolved when the build starts.';

/** Secret material in PLAINTEXT environment variables of a CodeBuild project. */
const CodeBuildEnvironmentSecret: ResourceRule = {
  id: SEC.codeBuildEnvironment,
  name: 'CodeBuildEnvironmentSecret',
  category: 'secret-placement',
  scope: 'resource',
  resourceTypes: [CODEBUILD_PROJECT],
  summary:
    'No PLAINTEXT environment variable (Type absent or PLAINTEXT) of an AWS::CodeBuild::Project carries secret material; SECRETS_MANAGER and PARAMETER_STORE variables hold names and are fine.',
  rationale:
    'CI variables are read by everyone who can view the project and are easily echoed into build logs; a refresh token or client secret there is exposed to the whole pipeline, while a SECRETS_MANAGER variable keeps only the secret\'s name in the project.',
  fix: {
    cdk: 'environmentVariables: { TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: secret.secretName } }',
    cloudFormation: 'EnvironmentVariables: [{ Name: TOKEN, Type: SECRETS_MANAGER, Value: my-secret-name:token }]',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5_7, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; cannot tell when the Type or the value cannot be known statically',
  check: (r, ctx) => {
    const out: Observation[] = [];
    const { entries, opaque } = nameValueEntries(ctx, r.properties, ['Properties'], ['Environment', 'EnvironmentVariables'], r.when);
    for (const o of opaque) out.push(opaqueObservation(o, `the environment variables of ${r.logicalId}`));
    for (const e of entries) {
      for (const type of ctx.evaluator.scalars(e.element, ['Type'], e.when)) {
        if (type.value === 'SECRETS_MANAGER' || type.value === 'PARAMETER_STORE') continue;
        const known = type.value === ABSENT || type.value === 'PLAINTEXT';
        const where = `${pathText(e.path)} (${e.name ?? 'a variable'}) of ${r.logicalId}`;
        out.push(
          ...judgeLanding(ctx, e.raw, { path: pathText(e.path), where, when: type.when }, {
            key: e.name,
            consequence: CONSEQUENCE,
            ...(known ? {} : { onlyIf: `if its Type, which comes from ${describeCandidate(type)}, is PLAINTEXT` }),
          }),
        );
      }
    }
    return out;
  },
};

export default CodeBuildEnvironmentSecret;
