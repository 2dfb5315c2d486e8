/**
 * cdk-token-guard's main entry, for every CDK language (TypeScript, JavaScript, Python, Java, .NET, Go through jsii):
 * the constructs that keep OAuth refresh tokens rare, protected and revocable, their props, the rule pack that gates
 * `cdk synth` (`TokenGuardChecks`), and the policy as plain interfaces.
 *
 * The rule engine's API (`auditTemplate`, the rules and their registry, findings, policy resolution, the revocation
 * report, the constants) is for TypeScript and JavaScript: `cdk-token-guard/engine` (lib/engine.ts).
 */
export { DelegatedClient, type DelegatedClientProps, type DelegatedClientAuthFlows, type IRefreshTokenClient } from './delegated-client';
export { WorkloadClient, type WorkloadClientProps, type ClientCredentials } from './workload-client';
export { RefreshTokenVault, type RefreshTokenVaultProps } from './refresh-token-vault';
export { TokenBroker, type TokenBrokerProps, type ServiceUser } from './token-broker';
export { VaultReadAlert, type VaultReadAlertProps, VaultChangeAlert, type VaultChangeAlertProps } from './vault-read-alert';
export { TokenGuardHook, type TokenGuardHookProps, type HookStackFilters, HookTargetOperation, HookFailureMode } from './token-guard-hook';
export { TokenGuardChecks, type TokenGuardChecksProps } from '../rules/pack';
export type {
  TokenGuardPolicy,
  TokenGuardPolicyInput,
  LifetimeThresholds,
  LifetimeThresholdsInput,
  TargetThreshold,
  TargetThresholdInput,
} from '../rules/engine/policy';
