/**
 * The policy as a CDK app sees it: the defaults, then the `cdk.json` context key, then the settings given in code
 * (pack props, a construct's `policy` prop). Shared by the pack and the constructs so both read it the same way.
 */
import type { IConstruct } from 'constructs';
import { POLICY_CONTEXT_KEY, resolvePolicy, TokenGuardPolicy, TokenGuardPolicyInput } from './engine/policy';
import { RULE_IDS } from './registry';

/**
 * @param scope where the context is read from (`undefined`: no context, as for a pack made without a scope)
 * @param source how errors name the code-level settings, e.g. `TokenGuardChecks props`
 */
export function contextPolicy(scope: IConstruct | undefined, source: string, input: TokenGuardPolicyInput | undefined): TokenGuardPolicy {
  return resolvePolicy(
    [
      { source: `cdk.json context "${POLICY_CONTEXT_KEY}"`, input: scope?.node.tryGetContext(POLICY_CONTEXT_KEY) },
      { source, input },
    ],
    RULE_IDS,
  );
}
