/**
 * cdk-token-guard's main entry: the cdk-nag pack and engine (from rules/) and the constructs.
 */
export * from '../rules';
