import { describeCandidate } from '../engine/describe';
import { STANDARDS } from '../engine/standards';
import type { Observation, ResourceRule } from '../engine/types';
import { ABSENT, isPlainObject } from '../engine/values';
import { SEC, SSM_PARAMETER } from './places';
import { judgeLanding } from './placement';

const CONSEQUENCE =
  'String and StringList parameters are stored unencrypted, readable by anyone allowed ssm:GetParameter on them (and shown in the console), and CloudFormation cannot create SecureString parameters.';

/** Secret material in the Value of an SSM String or StringList parameter. */
const SsmParameterSecret: ResourceRule = {
  id: SEC.ssmParameter,
  name: 'SsmParameterSecret',
  category: 'secret-placement',
  scope: 'resource',
  resourceTypes: [SSM_PARAMETER],
  summary:
    'The Value of an AWS::SSM::Parameter of Type String or StringList carries no secret material (a secret attribute, a secret-bearing parameter, a resolved secret, a token-shaped literal, a password in a URL\'s userinfo, a generated-looking literal under a secret-named Name).',
  rationale:
    'A String parameter is plaintext at rest and in the console; a refresh token or client secret there is readable by every principal with broad SSM read access (ssm:GetParametersByPath on a prefix is common) and is never rotated.',
  fix: {
    cdk: 'store the value in secretsmanager.Secret (or create a SecureString outside CloudFormation) and keep only its ARN or name in a StringParameter',
    cloudFormation: 'use an AWS::SecretsManager::Secret for the value; keep only the secret\'s ARN or name in the String parameter',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5g, STANDARDS.nistSc28],
  defaultSeverity: 'error',
  levels: 'ERROR; cannot tell when the Type or the value cannot be known statically',
  check: (r, ctx) => {
    const out: Observation[] = [];
    const names = ctx.evaluator.scalars(r.properties, ['Name'], r.when);
    const name = names.length === 1 && typeof names[0].value === 'string' ? names[0].value : undefined;
    const raw = isPlainObject(r.properties) ? r.properties.Value : undefined;
    for (const type of ctx.evaluator.scalars(r.properties, ['Type'], r.when)) {
      if (type.value !== ABSENT && type.value !== 'String' && type.value !== 'StringList' && typeof type.value === 'string') continue;
      const known = type.value === ABSENT || typeof type.value === 'string';
      const where = `Properties.Value of ${r.logicalId}${name ? ` (${name})` : ''}`;
      out.push(
        ...judgeLanding(ctx, raw, { path: 'Properties.Value', where, when: type.when }, {
          key: name,
          consequence: CONSEQUENCE,
          ...(known ? {} : { onlyIf: `if its Type, which comes from ${describeCandidate(type)}, is String or StringList` }),
        }),
      );
    }
    return out;
  },
};

export default SsmParameterSecret;
