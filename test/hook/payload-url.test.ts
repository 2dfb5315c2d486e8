/**
 * The payload URL must be an HTTPS Amazon S3 presigned URL (SigV4 query parameters,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html); anything else is refused before a
 * request is made, and the refusal never repeats the URL's query (a presigned URL is a credential).
 */
import { checkPayloadUrl, PayloadError } from '../../lib/token-guard-hook/payload';
import { presignedQuery } from './payload-standin';

const q = presignedQuery('0123456789abcdef'.repeat(4));

describe('S3 presigned payload URLs', () => {
  it.each([
    `https://cfn-hook-payloads.s3.amazonaws.com/abc/payload.json?${q}`,
    `https://cfn-hook-payloads.s3.us-west-2.amazonaws.com/abc/payload.json?${q}`,
    `https://cfn-hook-payloads.s3-us-west-2.amazonaws.com/abc?${q}`,
    `https://s3.eu-central-1.amazonaws.com/cfn-hook-payloads/abc?${q}`,
    `https://cfn-hook-payloads.s3.dualstack.ap-southeast-2.amazonaws.com/abc?${q}`,
    `https://cfn-hook-payloads.s3-fips.us-gov-west-1.amazonaws.com/abc?${q}`,
    `https://cfn-hook-payloads.s3.cn-north-1.amazonaws.com.cn/abc?${q}`,
  ])('accepts %s', (url) => {
    expect(checkPayloadUrl(url).hostname).toMatch(/amazonaws\.com(\.cn)?$/);
  });

  it.each([
    ['not HTTPS', `http://bucket.s3.amazonaws.com/k?${q}`, /not HTTPS/],
    ['a look-alike host', `https://bucket.s3.amazonaws.com.evil.example/k?${q}`, /not an Amazon S3 endpoint/],
    ['S3 in the path only', `https://evil.example/bucket.s3.amazonaws.com/k?${q}`, /not an Amazon S3 endpoint/],
    ['another port', `https://bucket.s3.amazonaws.com:8443/k?${q}`, /not an Amazon S3 endpoint/],
    ['user information', `https://user:pw@bucket.s3.amazonaws.com/k?${q}`, /user information/],
    ['a metadata endpoint', `https://169.254.169.254/latest/meta-data?${q}`, /not an Amazon S3 endpoint/],
    ['no signature', `https://bucket.s3.amazonaws.com/k?${q.replace(/&X-Amz-Signature=[^&]+/, '')}`, /X-Amz-Signature missing/],
    ['SigV2', 'https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=AKIAEXAMPLE&Expires=1&Signature=abc', /X-Amz-Algorithm missing/],
    ['another service\'s credential scope', `https://bucket.s3.amazonaws.com/k?${q.replace('%2Fs3%2F', '%2Fsts%2F')}`, /X-Amz-Credential malformed/],
    ['two signatures', `https://bucket.s3.amazonaws.com/k?${q}&X-Amz-Signature=${'f'.repeat(64)}`, /X-Amz-Signature malformed/],
    ['not a URL', 'payload.json', /not a URL/],
    ['not a string', 42, /no payload URL/],
  ])('refuses %s, without repeating the query', (_name, url, why) => {
    let error: unknown;
    try {
      checkPayloadUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PayloadError);
    expect((error as PayloadError).message).toMatch(why);
    expect((error as PayloadError).message).not.toMatch(/X-Amz-Signature=|0123456789abcdef|Credential=/);
  });
});
