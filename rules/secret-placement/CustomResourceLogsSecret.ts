import { CALL_PROPERTIES, sdkCalls, secretResponse, type SdkCall } from '../engine/sdk-calls';
import { STANDARDS } from '../engine/standards';
import type { Observation, RuleContext, TemplateRule } from '../engine/types';
import { isPlainObject, type Value } from '../engine/values';
import { isCustomResource, SEC } from './places';
import { traceValue } from './provenance';

/**
 * Secret material that an AwsCustomResource writes to its provider's CloudWatch log: the provider logs every request
 * (the call's parameters included) and, unless the call says `"logApiResponseData": false`, every API response.
 */
const CustomResourceLogsSecret: TemplateRule = {
  id: SEC.customResourceLog,
  name: 'CustomResourceLogsSecret',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'No AwsCustomResource (a custom resource whose Create, Update or Delete is an AWS SDK call) writes secret material to its log: a call whose response is secret (describeUserPoolClient, getSecretValue, getParameter with WithDecryption, getApiKey with includeValue, createAccessKey, …) sets logApiResponseData to false, and no call sends a secret in its parameters, which the provider always logs.',
  rationale:
    "The provider function of CDK's AwsCustomResource logs every request it receives and, unless logApiResponseData is false, every API response: a client secret read or a password set through it lies in plaintext in a CloudWatch log group, for the log's whole retention, readable by everyone allowed to read logs there.",
  fix: {
    cdk: 'logging: cr.Logging.withDataHidden() on calls whose response is secret (or read the secret at runtime instead of through a custom resource); never pass a secret in parameters: set it from a function that reads Secrets Manager',
    cloudFormation: '"logApiResponseData": false in the call; keep secrets out of the call\'s parameters',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: "ERROR; cannot tell when whether the response is secret depends on a parameter given by a token (WithDecryption from a parameter) or a parameter's value cannot be traced",
  check: (ctx) => {
    const out: Observation[] = [];
    for (const r of ctx.template.resources) {
      if (!isCustomResource(r.type)) continue;
      const calls = sdkCalls(r, ctx.evaluator);
      // One finding per resource, at the first call that logs something secret (CDK's onUpdate gives Create and
      // Update the same call).
      const problems = CALL_PROPERTIES.flatMap((property) => calls.filter((c) => c.property === property).flatMap((c) => callProblems(c, ctx)));
      if (problems.length === 0) continue;
      const path = `Properties.${problems[0].property}`;
      const seen = new Set<string>();
      for (const p of problems) {
        if (seen.has(p.message)) continue;
        seen.add(p.message);
        out.push({ outcome: p.outcome, path, when: p.when, subject: { section: 'Resources', logicalId: r.logicalId }, message: p.message });
      }
    }
    return out;
  },
};

interface Problem {
  readonly property: SdkCall['property'];
  readonly outcome: Observation['outcome'];
  readonly when: SdkCall['when'];
  readonly message: string;
}

function callProblems(call: SdkCall, ctx: RuleContext): Problem[] {
  const out: Problem[] = [];
  const base = { property: call.property, when: call.when };
  const response = secretResponse(call, ctx.evaluator);
  if (response !== undefined && call.logApiResponseData !== false) {
    const logged = `the provider logs the response (${call.property} does not set logApiResponseData to false)`;
    out.push(
      response.unknownBecause === undefined
        ? { ...base, outcome: 'non-compliant', message: `The ${call.action} call ${response.what} and ${logged}: the secret is written to CloudWatch Logs in plaintext.` }
        : { ...base, outcome: 'cannot-tell', message: `The ${call.action} call ${response.what} in some cases and ${logged}; whether it does here cannot be told: ${response.unknownBecause}.` },
    );
  }
  for (const [key, value] of parameterLeaves(call.parameters)) {
    // CloudFormation does not resolve secure dynamic references in a custom resource's properties: such a reference
    // reaches the handler as its own text.
    const trace = traceValue(value, ctx, { key, dynamicReferences: false });
    for (const secret of trace.secrets) {
      out.push({ ...base, outcome: 'non-compliant', message: `Parameter ${key} of the ${call.action} call is ${secret}, and the provider logs every request with its parameters.` });
    }
    for (const unknown of trace.unknowns) {
      out.push({ ...base, outcome: 'cannot-tell', message: `Cannot tell whether parameter ${key} of the ${call.action} call, which the provider logs, holds a secret: it comes from ${unknown}.` });
    }
  }
  return out;
}

/** The scalar leaves of a call's parameters, each with the nearest key above it. */
function parameterLeaves(parameters: { readonly [key: string]: Value }): [string, Value][] {
  const out: [string, Value][] = [];
  const walk = (v: Value, key: string, depth: number): void => {
    if (depth > 32 || v === null) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key, depth + 1));
    if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
      return;
    }
    out.push([key, v]);
  };
  for (const [k, v] of Object.entries(parameters)) walk(v, k, 0);
  return out;
}

export default CustomResourceLogsSecret;
