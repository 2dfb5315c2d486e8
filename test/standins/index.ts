/**
 * Local protocol stand-ins for Cognito user pools and Secrets Manager. See README.md.
 */
export { startStandIns, type StandIns, type StandInOptions } from './server';
export { Clock } from './clock';
export { CallLog, type CallRecord, type CallRefs, type CallFilter, type CallOutcome, type FaultKind, type ServiceName } from './calls';
export { Faults, deferred, throttleError, internalError, type FaultSpec, type FaultHandle } from './faults';
export { LeakDetector, captureConsole, type LeakReport, type LeakFinding, type SecretKind, type CapturedConsole } from './leaks';
export {
  makeClients,
  addCrashPoint,
  SimulatedCrash,
  DUMMY_CREDENTIALS,
  type ClientOptions,
  type SdkClients,
  type CrashPoint,
  type CrashPointSpec,
  type CrashPointHandle,
} from './clients';
export {
  CognitoModel,
  ADMIN_SCOPE,
  secretHash,
  validitySeconds,
  type CognitoOptions,
  type CreateUserPoolClientInput,
  type UpdateUserPoolClientInput,
  type RefreshTokenRotationConfig,
  type AuthenticationResult,
  type RefreshTokenInfo,
  type RefreshTokenState,
  type JwtInfo,
  type JwtState,
} from './cognito';
export {
  SecretsManagerModel,
  type SecretsManagerOptions,
  AWSCURRENT,
  AWSPREVIOUS,
  AWSPENDING,
  type RotationRequest,
  type RotationRules,
  type SecretSnapshot,
  type VersionSnapshot,
  type Tag,
} from './secrets-manager';
export { ServiceError, StandInUsageError } from './errors';
export { decodeJwtPayload } from './tokens';
export { errorOf } from './helpers';
export { seedDelegatedClient, seedMachineClient, type DelegatedClientSeed, type MachineClientSeed } from './seed';
