export { default as SecretCustomerManagedKey } from './SecretCustomerManagedKey';
export { default as SecretRotationSchedule } from './SecretRotationSchedule';
export { default as SecretRotationInterval } from './SecretRotationInterval';
export { default as SecretValueInTemplate } from './SecretValueInTemplate';
export { default as SecretPolicyOpen } from './SecretPolicyOpen';
export { default as RotationPermissionSourceAccount } from './RotationPermissionSourceAccount';
