// Every public export of the package, so that the type check reads every declaration it ships.
import * as tokenGuard from 'cdk-token-guard';

export const api: typeof tokenGuard = tokenGuard;
export type Report = tokenGuard.RevocationReport;
