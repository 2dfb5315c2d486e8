/**
 * The call log: one record per request the stand-in server received.
 *
 * Records carry the service, operation, outcome and a few non-secret identifiers (client id, user
 * pool id, user name, secret id, version id and stage, and the stand-in references of any tokens
 * involved). They never carry token values, client secrets, secret values or rotation tokens.
 */
export type ServiceName = 'cognito' | 'secretsmanager';

export type CallOutcome = 'ok' | 'error' | 'fault';

export type FaultKind = 'throttle' | '5xx' | 'timeout' | 'reset' | 'error' | 'delay';

export interface CallRefs {
  clientId?: string;
  userPoolId?: string;
  username?: string;
  authFlow?: string;
  clientSecretId?: string;
  secretId?: string;
  versionId?: string;
  versionStage?: string;
  moveToVersionId?: string;
  removeFromVersionId?: string;
  clientRequestToken?: string;
  /** Stand-in reference of the token presented in the request (e.g. `rt-3`), if it was one we issued. */
  tokenRef?: string;
  /** Stand-in references of tokens the operation issued. */
  issuedRefs?: string[];
}

export interface CallRecord {
  /** 1-based sequence number in arrival order. */
  seq: number;
  service: ServiceName;
  operation: string;
  /** Stand-in clock time (epoch ms) at arrival. */
  at: number;
  /**
   * `ok`: the service answered successfully. `error`: the service answered with a service error
   * (errorType says which). `fault`: an injected fault decided the answer (fault says which).
   */
  outcome: CallOutcome;
  errorType?: string;
  fault?: FaultKind;
  /** Whether the operation's effect was applied to the model (false for refused or un-applied calls). */
  applied: boolean;
  /** Non-secret explanation (e.g. "unknown token, RFC 7009 success"). */
  detail?: string;
  refs: CallRefs;
}

export interface CallFilter {
  service?: ServiceName;
  operation?: string;
  outcome?: CallOutcome;
  errorType?: string;
}

export class CallLog {
  private readonly records: CallRecord[] = [];
  private seq = 0;

  /** @internal used by the server */
  start(service: ServiceName, operation: string, at: number): CallRecord {
    const record: CallRecord = { seq: ++this.seq, service, operation, at, outcome: 'ok', applied: false, refs: {} };
    this.records.push(record);
    return record;
  }

  /** All records (copies), optionally filtered. */
  list(filter: CallFilter = {}): CallRecord[] {
    return this.records.filter((r) => matches(r, filter)).map((r) => ({ ...r, refs: { ...r.refs } }));
  }

  count(filter: CallFilter = {}): number {
    return this.records.filter((r) => matches(r, filter)).length;
  }

  /** Operation names in arrival order, e.g. `['cognito:GetTokensFromRefreshToken', 'secretsmanager:PutSecretValue']`. */
  sequence(filter: CallFilter = {}): string[] {
    return this.records.filter((r) => matches(r, filter)).map((r) => `${r.service}:${r.operation}`);
  }

  /** A mark to pass to `since()`, for "what happened during this step" assertions. */
  mark(): number {
    return this.seq;
  }

  since(mark: number, filter: CallFilter = {}): CallRecord[] {
    return this.list(filter).filter((r) => r.seq > mark);
  }

  clear(): void {
    this.records.length = 0;
  }
}

function matches(r: CallRecord, f: CallFilter): boolean {
  return (
    (f.service === undefined || r.service === f.service) &&
    (f.operation === undefined || r.operation === f.operation) &&
    (f.outcome === undefined || r.outcome === f.outcome) &&
    (f.errorType === undefined || r.errorType === f.errorType)
  );
}
