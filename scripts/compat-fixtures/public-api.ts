// Every public export of the package, both entries, so that the type check reads every declaration it ships.
import * as tokenGuard from 'cdk-token-guard';
import * as engine from 'cdk-token-guard/engine';

export const api: typeof tokenGuard = tokenGuard;
export const engineApi: typeof engine = engine;
export type Report = engine.RevocationReport;
