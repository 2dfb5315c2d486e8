/**
 * A local stand-in for the S3 object behind a Lambda hook's payload URL: an HTTPS server on 127.0.0.1 (a port the OS
 * chooses, a certificate made for this run by `selfsigned`) that serves what a test puts there under URLs shaped like
 * S3 presigned URLs (SigV4 query parameters). It records each request (path, never the query) so tests can say what was
 * fetched. No AWS.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import type { PayloadOptions } from '../../lib/token-guard-hook/payload';

export interface Served {
  /** The body, sent as is. */
  readonly body?: string | Buffer;
  /** @default 200 */
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Send the body without a Content-Length (chunked), so the size is known only while reading. */
  readonly chunked?: boolean;
  /** Never answer (until the server closes). */
  readonly stall?: boolean;
}

export interface PayloadStandIn {
  readonly origin: string;
  /** What the handler is given: this stand-in as its only accepted origin, and its certificate. */
  readonly options: PayloadOptions;
  /** Serves `what` and returns its presigned-looking URL. */
  put(what: Served | string): string;
  /** Paths requested so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A stack payload (`{ template, previousTemplate }`) as CloudFormation writes it. */
export function stackPayload(template: string | null, previousTemplate: string | null = null): string {
  return JSON.stringify({ template, previousTemplate });
}

/** The query an S3 presigned URL carries (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html). */
export function presignedQuery(signature = 'ab'.repeat(32)): string {
  return [
    'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    `X-Amz-Credential=${encodeURIComponent('ASIAEXAMPLEEXAMPLE12/20260101/us-east-1/s3/aws4_request')}`,
    'X-Amz-Date=20260101T000000Z',
    'X-Amz-Expires=300',
    'X-Amz-SignedHeaders=host',
    `X-Amz-Signature=${signature}`,
  ].join('&');
}

let pems: Promise<{ private: string; cert: string }> | undefined;

export async function startPayloadStandIn(): Promise<PayloadStandIn> {
  pems ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const { private: key, cert } = await pems;
  const objects = new Map<string, Served>();
  const requests: string[] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    requests.push(path);
    const served = objects.get(path);
    if (served === undefined) {
      res.writeHead(404).end('NoSuchKey');
      return;
    }
    if (served.stall) return;
    const body = served.body === undefined ? Buffer.alloc(0) : Buffer.from(served.body);
    const headers: Record<string, string> = { 'content-type': 'application/json', ...served.headers };
    if (!served.chunked) headers['content-length'] = String(body.length);
    res.writeHead(served.status ?? 200, headers);
    if (served.chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
      res.end();
    } else {
      res.end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    origin,
    options: { standIn: { origin, ca: cert } },
    requests,
    put(what) {
      const path = `/hook-payloads/${++next}.json`;
      objects.set(path, typeof what === 'string' ? { body: what } : what);
      return `${origin}${path}?${presignedQuery()}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
