/**
 * The stand-in HTTP server: one per test, on 127.0.0.1 and an ephemeral port, speaking the
 * awsJson1_1 protocol of Cognito user pools (`X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`)
 * and Secrets Manager (`X-Amz-Target: secretsmanager.<Op>`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type ServiceName } from './calls';
import { type ClientOptions, DUMMY_CREDENTIALS, makeClients, type SdkClients } from './clients';
import { Clock } from './clock';
import { CognitoModel, type CognitoOptions } from './cognito';
import { ServiceError } from './errors';
import { Faults, type FaultSpec, internalError, throttleError } from './faults';
import { LeakDetector } from './leaks';
import type { Input } from './params';
import { SecretsManagerModel, type SecretsManagerOptions } from './secrets-manager';

export interface StandInOptions {
  cognito?: CognitoOptions;
  secretsManager?: Pick<SecretsManagerOptions, 'versionQuota'>;
  /** Initial stand-in clock time (default 2026-01-15T12:00:00Z). */
  startTime?: Date | number;
  region?: string;
  accountId?: string;
}

export interface StandIns {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  region: string;
  cognito: CognitoModel;
  secrets: SecretsManagerModel;
  faults: Faults;
  calls: CallLog;
  clock: Clock;
  leaks: LeakDetector;
  /** Real SDK clients for this endpoint (region, dummy credentials); closed by `close()`. */
  clients(options?: ClientOptions): SdkClients;
  /**
   * Environment variables that make SDK clients built by code under test (with no explicit
   * endpoint) talk to this stand-in: AWS_ENDPOINT_URL, AWS_REGION, dummy credentials.
   */
  env(): Record<string, string>;
  close(): Promise<void>;
}

const COGNITO_PREFIX = 'AWSCognitoIdentityProviderService.';
const SECRETS_PREFIX = 'secretsmanager.';
const MAX_BODY = 1024 * 1024;

interface RunResult {
  output?: unknown;
  error?: ServiceError;
  after?: () => void;
}

export async function startStandIns(options: StandInOptions = {}): Promise<StandIns> {
  const region = options.region ?? 'us-east-1';
  const clock = new Clock(options.startTime === undefined ? undefined : new Date(options.startTime).getTime());
  const leaks = new LeakDetector();
  const calls = new CallLog();
  const faults = new Faults();
  const cognito = new CognitoModel(clock, leaks, { region, accountId: options.accountId, ...options.cognito });
  const secrets = new SecretsManagerModel(clock, leaks, { region, accountId: options.accountId, ...options.secretsManager });
  const created: SdkClients[] = [];

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      // A failure while answering (e.g. the client went away) must not crash the test process.
      if (!res.headersSent) res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => undefined);
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    let service: ServiceName;
    let operation: string;
    if (target.startsWith(COGNITO_PREFIX)) {
      service = 'cognito';
      operation = target.slice(COGNITO_PREFIX.length);
    } else if (target.startsWith(SECRETS_PREFIX)) {
      service = 'secretsmanager';
      operation = target.slice(SECRETS_PREFIX.length);
    } else {
      sendError(res, 'cognito', new ServiceError('UnknownOperationException', `Unknown X-Amz-Target: ${target || '(none)'}`));
      return;
    }
    let input: Input;
    try {
      const parsed: unknown = body.length === 0 ? {} : JSON.parse(body);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Input;
    } catch {
      sendError(res, service, new ServiceError('SerializationException', 'Request body is not a JSON object'));
      return;
    }
    const record = calls.start(service, operation, clock.now());
    const run = (): RunResult => {
      try {
        const r = service === 'cognito' ? cognito.execute(operation, input, record.refs) : secrets.execute(operation, input, record.refs);
        record.applied = true;
        if (r.detail) record.detail = r.detail;
        return { output: r.output, after: r.after };
      } catch (e) {
        if (e instanceof ServiceError) return { error: e };
        const internal = internalError(service, operation);
        return { error: new ServiceError(internal.type, `stand-in failure: ${(e as Error).message}`, internal.status) };
      }
    };
    const answer = (r: RunResult): void => {
      if (r.error) {
        record.outcome = 'error';
        record.errorType = r.error.type;
        if (r.error.detail) record.detail = r.error.detail;
        sendError(res, service, r.error);
      } else {
        sendJson(res, 200, r.output ?? {});
      }
      r.after?.();
    };

    const fault = faults.take(service, operation, input);
    if (!fault) {
      answer(run());
      return;
    }
    record.fault = fault.kind;
    if (fault.kind === 'delay') {
      let result = fault.applied ? run() : undefined;
      await wait(fault);
      result ??= run();
      answer(result);
      return;
    }
    // Every other kind hides the real answer. With applied: true the effect happens first.
    record.outcome = 'fault';
    let after: (() => void) | undefined;
    if (fault.applied) {
      const r = run();
      if (r.error) {
        record.errorType = r.error.type;
        record.detail = `applied: the operation itself failed with ${r.error.type}`;
      }
      after = r.after;
    }
    switch (fault.kind) {
      case 'throttle': {
        const t = throttleError(service);
        sendError(res, service, new ServiceError(t.type, fault.message ?? t.message, t.status));
        break;
      }
      case '5xx': {
        const t = internalError(service, operation);
        sendError(res, service, new ServiceError(t.type, fault.message ?? t.message, t.status));
        break;
      }
      case 'error':
        sendError(res, service, new ServiceError(fault.errorType as string, fault.message ?? `Injected ${fault.errorType}`, fault.status ?? 400));
        break;
      case 'timeout':
        // Never answer. The SDK's request timeout fires and destroys the socket; close() destroys
        // any connection still held.
        break;
      case 'reset':
        req.socket.destroy();
        break;
    }
    after?.();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  let closed = false;

  return {
    endpoint,
    region,
    cognito,
    secrets,
    faults,
    calls,
    clock,
    leaks,
    clients(clientOptions?: ClientOptions): SdkClients {
      const c = makeClients(endpoint, { region, ...clientOptions });
      created.push(c);
      return c;
    },
    env(): Record<string, string> {
      return {
        AWS_ENDPOINT_URL: endpoint,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
      };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      faults.clear();
      for (const c of created) {
        c.cognito.destroy();
        c.secrets.destroy();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...extraHeaders,
  });
  res.end(text);
}

function sendError(res: ServerResponse, service: ServiceName, error: ServiceError): void {
  // Cognito's error bodies use `message`; Secrets Manager's use `Message`.
  const body = service === 'cognito' ? { __type: error.type, message: error.message } : { __type: error.type, Message: error.message };
  sendJson(res, error.status, body, { 'x-amzn-errortype': error.type });
}

async function wait(fault: FaultSpec): Promise<void> {
  if (fault.until) await fault.until.catch(() => undefined);
  if (fault.ms) await new Promise((r) => setTimeout(r, fault.ms));
}

