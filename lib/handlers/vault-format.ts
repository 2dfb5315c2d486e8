/**
 * What a `RefreshTokenVault` holds: a JSON object whose `refreshToken` is the grant. An empty string means the vault
 * is empty (how it is created: no token value is ever written into a template). Seeding and the broker add fields
 * of their own (`lib/token-broker/vault-record.ts`, docs/broker.md); readers must ignore fields they do not know.
 */
export const EMPTY_VAULT_VALUE = '{"refreshToken":""}';

/** True when the value holds no refresh token (the placeholder, or a vault emptied on purpose). */
export function isEmptyVault(value: Record<string, unknown>): boolean {
  return value.refreshToken === '' || value.refreshToken === null || value.refreshToken === undefined;
}
