/**
 * Structured JSON log lines (through the constructs' logger) and CloudWatch Embedded Metric Format (EMF) lines, one
 * JSON document a line.
 *
 * Nothing here accepts an arbitrary object: fields are scalars the caller names, and errors are described by
 * `describeError` (type and HTTP status only, never a service message), so token material has no path into a line.
 */
import { createLogger, type Logger } from '../handlers/log';

/** Namespace of every metric the broker and the rotation emit. */
export const METRIC_NAMESPACE = 'CdkTokenGuard';
/** The one dimension: which grant (vault) the metric is about. */
export const METRIC_DIMENSION = 'Grant';

export const METRICS = {
  /** The broker could not serve an access token (transient failure, store failure, misconfiguration). */
  brokerFailure: 'BrokerFailure',
  /** A rotation step failed or could not store what it obtained. */
  rotationFailure: 'RotationFailure',
  /** The grant is unusable: Cognito refused the stored token, or the vault is revoked, invalid or empty (the revocation emits it too). */
  grantUnusable: 'GrantUnusable',
  /** A refresh through Cognito that was committed to the vault (informational). */
  refresh: 'Refresh',
  /** A revocation could not revoke every stored token (or failed outright): run it again. */
  revocationFailure: 'RevocationFailure',
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];

export type Scalar = string | number | boolean | undefined;
export type LogFields = Readonly<Record<string, Scalar>>;

export type Component = 'broker' | 'rotation' | 'seed' | 'revocation';

export class Telemetry {
  private readonly log: Logger;

  constructor(
    private readonly write: (line: string) => void,
    private readonly component: Component,
    private readonly grant: string,
    private readonly now: () => number,
  ) {
    // The constructs' log shape (Powertools': level, message, timestamp, service), with the component and grant on
    // every line and its redaction of secret-named fields as a second line of defence.
    this.log = createLogger({ write, now, level: 'INFO' }, { component, grant });
  }

  /** The underlying logger (the rotation protocol module logs through it). */
  get logger(): Logger {
    return this.log;
  }

  info(event: string, message: string, fields: LogFields = {}): void {
    this.log.info(message, { event, ...fields });
  }

  warn(event: string, message: string, fields: LogFields = {}): void {
    this.log.warn(message, { event, ...fields });
  }

  error(event: string, message: string, fields: LogFields = {}): void {
    this.log.error(message, { event, ...fields });
  }

  /** One EMF line: CloudWatch extracts the metric from the log line, no SDK call involved. */
  metric(name: MetricName, value: number, properties: LogFields = {}): void {
    const doc: Record<string, unknown> = {
      _aws: {
        Timestamp: this.now(),
        CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: [[METRIC_DIMENSION]], Metrics: [{ Name: name, Unit: 'Count' }] }],
      },
      [METRIC_DIMENSION]: this.grant,
      component: this.component,
      ...scalars(properties),
      [name]: value,
    };
    this.write(JSON.stringify(doc));
  }

}

function scalars(fields: LogFields): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/**
 * What may be logged about an error: its name and HTTP status (the constructs' `errorFields` shape). Service messages
 * are left out on purpose (they are free text from outside this code), and so are request parameters the SDK attaches.
 */
export function describeError(e: unknown): { errorName: string; httpStatus?: number } {
  if (e && typeof e === 'object') {
    const o = e as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
    const status = typeof o.$metadata?.httpStatusCode === 'number' ? o.$metadata.httpStatusCode : undefined;
    const name = typeof o.name === 'string' && o.name !== 'Error' ? o.name : typeof o.code === 'string' ? o.code : 'Error';
    return { errorName: safeName(name), ...(status !== undefined ? { httpStatus: status } : {}) };
  }
  return { errorName: 'Error' };
}

/** Error names are identifiers; anything else is replaced so that no free text passes. */
function safeName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_.:-]{0,80}$/.test(name) ? name : 'Error';
}
