/**
 * cdk-token-guard's main entry: the cdk-nag pack and engine (from rules/) and the constructs that keep OAuth
 * refresh tokens rare, protected and revocable.
 */
export * from '../rules';
export { MATERIAL_TAG_KEY, type Material } from '../rules/engine/material';

export { DelegatedClient, type DelegatedClientProps, type DelegatedClientAuthFlows, type IRefreshTokenClient } from './delegated-client';
export { WorkloadClient, type WorkloadClientProps, type ClientCredentials, CLIENT_TOKEN_AUTH_FLOW, UNSEEDED_CLIENT_CREDENTIALS } from './workload-client';
export { RefreshTokenVault, type RefreshTokenVaultProps, EMPTY_VAULT_VALUE } from './refresh-token-vault';
export { TokenBroker, type TokenBrokerProps, type ServiceUser } from './token-broker';
export { VaultReadAlert, type VaultReadAlertProps, VaultChangeAlert, type VaultChangeAlertProps, ALL_MANAGEMENT_EVENTS } from './vault-read-alert';
export type { RevocationReport, ResidualExposure, RevocationOutcome } from './token-broker/revocation-report';
export { TokenGuardValidationError } from './internal/policy';
export { TokenGuardHook, type TokenGuardHookProps, type HookStackFilters, HookTargetOperation, HookFailureMode } from './token-guard-hook';
