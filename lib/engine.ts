/**
 * `cdk-token-guard/engine`: the rule engine's API, for TypeScript and JavaScript. The engine audits CloudFormation
 * templates given as plain objects (`auditTemplate`), with the rules of the registry and a policy resolved from layers
 * (`resolvePolicy`); its findings, the revocation report of `TokenBroker` and `token-guard revoke`, and the constants
 * the constructs write are typed here. None of it goes through jsii: other languages reach the same rules through the
 * pack (`TokenGuardChecks`), the `token-guard` CLI and the CloudFormation hook (`TokenGuardHook`).
 *
 * The constructs, the pack and the policy interfaces (`TokenGuardPolicy`, `TokenGuardPolicyInput`, …) are in the main
 * entry, `cdk-token-guard`.
 */
export { auditTemplate, type AuditOptions } from '../rules/engine/run';
export { DEFAULT_POLICY, POLICY_CONTEXT_KEY, PolicyError, resolvePolicy, type RuleLevel, type PolicyLayer } from '../rules/engine/policy';
export type { Finding, Rule, RuleMeta, Severity, StandardRef, RuleFix, Observation, Section } from '../rules/engine/types';
export { ALL_RULES, RULE_IDS, ruleById } from '../rules/registry';
/** Report-only rules (TokenGuard-ACK1, TokenGuard-LIM1): `auditTemplate` may return their findings; `ruleById` knows only the rules that check templates. */
export { META_RULES } from '../rules/meta';
export { PACK_NAME } from '../rules/pack';
export { MATERIAL_TAG_KEY, type Material } from '../rules/engine/material';
export type { RevocationReport, ResidualExposure, RevocationOutcome } from './token-broker/revocation-report';
export { TokenGuardValidationError } from './internal/policy';
export { CLIENT_TOKEN_AUTH_FLOW, UNSEEDED_CLIENT_CREDENTIALS } from './workload-client';
export { EMPTY_VAULT_VALUE } from './refresh-token-vault';
export { ALL_MANAGEMENT_EVENTS } from './vault-read-alert';
