import { STANDARDS } from '../engine/standards';
import type { Observation, TemplateRule } from '../engine/types';
import { isPlaceholder, looksLikePlaceholder, words } from './names';
import { isSsmTyped, SEC } from './places';
import { comparedValues, parameterSecrecy } from './provenance';

/** Secret-bearing CloudFormation parameters without NoEcho, or with a Default or AllowedValues. */
const SecretParameterExposed: TemplateRule = {
  id: SEC.parameter,
  name: 'SecretParameterExposed',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'A parameter that holds a secret (NoEcho unless its name says it holds a user name, an identifier (…Host, …ClientId) or a reference (…Arn, …SecretName) or its description opens by calling it one (`Arn of …`), passed to a credential property or a secret key of a SecretString, or named or described as a secret (or glued to a dynamic reference in a credential property: a piece of it), unless its type, its own name ending in a reference word (…SecretName, …Arn, …Id), a default that is a name, path or ARN, a Default and AllowedValues that are settings (small numbers, region codes, booleans, an enumeration of short words, or one its conditions compare it with), a description that calls it one, or uses that are all names (conditions, export names, Fn::ImportValue names, the secret id of a dynamic reference, pieces of ARNs, values of keys such as BucketName) say it holds a name) is NoEcho and has no Default or AllowedValues with a value in them (a Default that the conditions compare the parameter with is a sentinel for "not given", not a value; a stand-in Default such as `<your API key here>`, `xoxb-your-token-here` or a repeat of the parameter name holds none, unless the parameter sets a password or key on a resource of the stack\'s own).',
  rationale:
    'Without NoEcho, CloudFormation shows the value to everyone who can describe the stack, its events or its change sets; a Default or AllowedValues writes the secret into the template itself, where version control, GetTemplate and every copy of the template keep it.',
  fix: {
    cdk: 'new CfnParameter(this, "Token", { noEcho: true }) without default, or better: no parameter at all; reference a Secrets Manager secret (SecretValue.secretsManager) where a credential property needs it',
    cloudFormation: 'NoEcho: true and no Default; better, drop the parameter and use {{resolve:secretsmanager:…}} in the property that needs the secret',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR (a name or description alone is weaker evidence than NoEcho or a credential use; the finding says which it is)',
  check: (ctx) => {
    const out: Observation[] = [];
    for (const p of ctx.template.parameters.values()) {
      const secrecy = parameterSecrecy(ctx, p.name);
      if (!secrecy) continue;
      const subject = { section: 'Parameters' as const, logicalId: p.name };
      const why = secrecy.reasons.join('; ');
      if (!p.noEcho) {
        out.push({
          outcome: 'non-compliant',
          path: `Parameters.${p.name}.NoEcho`,
          subject,
          message: `Parameter ${p.name} holds a secret (${why}) but is not NoEcho: its value is shown by DescribeStacks, in stack events and change sets, and in the console.`,
        });
      }
      // An SSM-typed parameter's default is the name of the SSM parameter, not the value.
      const ssmTyped = isSsmTyped(p.type);
      // A stand-in Default (`<your API key here>`, `xoxb-your-token-here`, the parameter's own name: `DockerAPIToken`)
      // writes no secret into the template, unless the parameter sets a password or key on a resource of the stack's
      // own, which then gets that text as its credential.
      const standIn = typeof p.default === 'string' && (looksLikePlaceholder(p.default) || words(p.default).join(' ') === words(p.name).join(' ')) && !secrecy.setsOwnCredential;
      // A Default the conditions compare it with (`HasSlack: !Not [!Equals [!Ref SlackToken, none]]`) is the template's
      // own "not given": a sentinel, not a secret.
      const sentinel = typeof p.default === 'string' && (isPlaceholder(p.default) || standIn || comparedValues(ctx.template.conditions, p.name).includes(p.default));
      if (!ssmTyped && p.hasDefault && !sentinel) {
        out.push({
          outcome: 'non-compliant',
          path: `Parameters.${p.name}.Default`,
          subject,
          message: `Parameter ${p.name} holds a secret (${why}) and has a Default: the secret is written in the template, and a deployment that omits the parameter uses it.`,
        });
      }
      const allowed = (p.allowedValues ?? []).filter((v) => !(typeof v === 'string' && isPlaceholder(v)));
      if (!ssmTyped && allowed.length > 0) {
        out.push({
          outcome: 'non-compliant',
          path: `Parameters.${p.name}.AllowedValues`,
          subject,
          message: `Parameter ${p.name} holds a secret (${why}) and lists AllowedValues: every permitted secret is written in the template.`,
        });
      }
    }
    return out;
  },
};

export default SecretParameterExposed;
