/**
 * Fetches the payload of a stack or change-set request: only from the URL CloudFormation put in the request, only when
 * that URL is an HTTPS Amazon S3 presigned URL (Signature Version 4 query parameters), never following a redirect, with
 * a size limit and a deadline. Messages never contain the URL's query: a presigned URL is a credential until it expires.
 *
 * The presigned form: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html (`X-Amz-Algorithm`
 * `AWS4-HMAC-SHA256`, `X-Amz-Credential` `<key>/<yyyymmdd>/<region>/s3/aws4_request`, `X-Amz-Date`, `X-Amz-Expires`,
 * `X-Amz-SignedHeaders`, `X-Amz-Signature`). S3 endpoints: virtual-hosted (`bucket.s3.<region>.amazonaws.com`), path
 * style (`s3.<region>.amazonaws.com`), the legacy dash forms, dual-stack and FIPS, and `.amazonaws.com.cn`.
 */
import { request as httpsRequest } from 'node:https';

export interface PayloadOptions {
  /**
   * Largest payload accepted, in bytes. A stack payload holds the template and the previous template (each at most
   * 1 MB, CloudFormation's limit), JSON-escaped; 8 MiB leaves room for escaping and change-set contexts.
   * @default 8 MiB
   */
  readonly maxBytes?: number;
  /**
   * Tests only: the one origin (`https://127.0.0.1:<port>`) accepted instead of Amazon S3, and the certificate
   * authority it is trusted with. Not settable from the function's environment.
   * @default - Amazon S3 endpoints, the runtime's certificate authorities
   */
  readonly standIn?: { readonly origin: string; readonly ca: string | Buffer };
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

/** Why the payload could not be had; `message` is safe to show and to log (no URL query, no payload content). */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  constructor(
    readonly code: 'bad-url' | 'too-large' | 'http' | 'network' | 'timeout' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

const S3_HOST =
  /^(?:[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\.)?s3(?:[.-](?:fips|dualstack|external-1|[a-z]{2}(?:-[a-z]+)+-\d))*\.amazonaws\.com(?:\.cn)?$/;
const PRESIGNED: Readonly<Record<string, RegExp>> = {
  'X-Amz-Algorithm': /^AWS4-HMAC-SHA256$/,
  'X-Amz-Credential': /^[A-Z0-9]{16,128}\/\d{8}\/[a-z0-9-]+\/s3\/aws4_request$/,
  'X-Amz-Date': /^\d{8}T\d{6}Z$/,
  'X-Amz-Expires': /^\d{1,6}$/,
  'X-Amz-SignedHeaders': /^[a-z0-9;-]+$/,
  'X-Amz-Signature': /^[0-9a-f]{64}$/,
};

/** The URL, when it is an S3 presigned URL (or the test stand-in's); otherwise a PayloadError saying what is wrong. */
export function checkPayloadUrl(raw: unknown, options: PayloadOptions = {}): URL {
  if (typeof raw !== 'string' || raw === '') throw new PayloadError('bad-url', 'the request has no payload URL');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PayloadError('bad-url', 'the payload URL is not a URL');
  }
  const where = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'https:') throw new PayloadError('bad-url', `the payload URL is not HTTPS (${url.protocol}); refused`);
  if (url.username !== '' || url.password !== '') throw new PayloadError('bad-url', 'the payload URL carries user information; refused');
  if (options.standIn !== undefined) {
    if (url.origin !== new URL(options.standIn.origin).origin) throw new PayloadError('bad-url', `the payload URL is not the stand-in's (${where}); refused`);
  } else if (url.port !== '' || !S3_HOST.test(url.hostname)) {
    throw new PayloadError('bad-url', `the payload URL is not an Amazon S3 endpoint (${where}); refused`);
  }
  for (const [name, pattern] of Object.entries(PRESIGNED)) {
    const values = url.searchParams.getAll(name);
    if (values.length !== 1 || !pattern.test(values[0])) {
      throw new PayloadError('bad-url', `the payload URL is not an S3 presigned URL (${name} ${values.length === 0 ? 'missing' : 'malformed'}); refused`);
    }
  }
  return url;
}

/** GETs `url` (already checked) and returns its body as text. */
export function fetchPayload(url: URL, deadline: AbortSignal, options: PayloadOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const limit = formatMiB(maxBytes);
  return new Promise<string>((resolve, reject) => {
    const fail = (e: PayloadError) => {
      req.destroy();
      reject(e);
    };
    const req = httpsRequest(url, { method: 'GET', signal: deadline, ...(options.standIn ? { ca: options.standIn.ca } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        fail(new PayloadError('http', status >= 300 && status < 400 ? `the payload URL redirected (HTTP ${status}); not followed` : `fetching the payload failed with HTTP ${status}`));
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        fail(new PayloadError('too-large', `the payload is ${formatMiB(declared)}, over the ${limit} limit`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(new PayloadError('too-large', `the payload is over the ${limit} limit`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        try {
          resolve(new TextDecoder('utf-8', { fatal: true }).decode(body));
        } catch {
          reject(new PayloadError('malformed', 'the payload is not UTF-8 text'));
        }
      });
      res.on('error', () => undefined); // reported by the request's own error
    });
    req.on('error', (e: Error & { code?: string }) => {
      if (deadline.aborted) reject(new PayloadError('timeout', 'fetching the payload took too long; gave up to answer CloudFormation in time'));
      else if (!(e instanceof PayloadError)) reject(new PayloadError('network', `fetching the payload failed (${e.code ?? e.name})`));
    });
    req.end();
  });
}

/** The payload's JSON: an object whose `template` is text or empty. */
export function parsePayload(body: string): { template?: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new PayloadError('malformed', 'the payload is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new PayloadError('malformed', 'the payload is not a JSON object');
  const template = (value as { template?: unknown }).template;
  if (template !== undefined && template !== null && typeof template !== 'string') {
    throw new PayloadError('malformed', 'the payload\'s template is not text');
  }
  return typeof template === 'string' ? { template } : {};
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}
