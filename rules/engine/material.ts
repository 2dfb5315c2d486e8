/**
 * The tag that marks what kind of credential a Secrets Manager secret (and its KMS key) holds. The constructs set
 * it; rules and the audit CLI may read it to hold such secrets to the stricter expectations of their kind (for
 * example, a refresh-token vault must rotate well inside the grant's lifetime and admit only named principals).
 */
export const MATERIAL_TAG_KEY = 'cdk-token-guard:material';

/** `refresh-token`: an OAuth refresh token (a standing grant). `client-secret`: an OAuth client secret. */
export type Material = 'refresh-token' | 'client-secret';
