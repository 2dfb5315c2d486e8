/** The rules' public API: the pack, the engine entry point, the policy and the rule registry. */
export { TokenGuardChecks, PACK_NAME } from './pack';
export type { TokenGuardChecksProps } from './pack';
export { auditTemplate } from './engine/run';
export type { AuditOptions } from './engine/run';
export { DEFAULT_POLICY, POLICY_CONTEXT_KEY, PolicyError, resolvePolicy } from './engine/policy';
export type { TokenGuardPolicy, TokenGuardPolicyInput, LifetimeThresholds, RuleLevel, PolicyLayer } from './engine/policy';
export type { Finding, Rule, RuleMeta, Severity, StandardRef, RuleFix, Observation, Section } from './engine/types';
export { ALL_RULES, RULE_IDS, ruleById } from './registry';
