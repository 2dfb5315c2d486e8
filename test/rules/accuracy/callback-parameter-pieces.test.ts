/**
 * Holdout class (issue 15 class 8, found by the real-world holdout rw55): a parameter default is resolved the same
 * way inside a string built with Fn::Sub or Fn::Join as for a whole property or a list element. The pattern (a
 * callback `https://${SiteDistributionDomain}/callback` whose parameter defaults to the CloudFront domain) follows
 * aws-samples/amazon-cognito-example-for-external-idp cdk/src/cdk.ts (commit 1cdb2a76a938da4382bd229930469d884ccc9151:
 * the app URL as callback) written as a parameterised template; and (holdout rw77, a silent pass before) a list made
 * with Fn::Split of a comma-separated parameter, as Cognito templates found by code search write CallbackURLs.
 */
import { audit, clientTemplate, GOOD_CLIENT, only } from '../helpers';

const callbacks = (urls: unknown, parameters: Record<string, unknown>) =>
  only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: urls }, { Parameters: parameters })), 'TokenGuard-COG11');

describe('parameter pieces of a callback URL', () => {
  test('compliant: https:// and a parameter whose default is a CloudFront domain', () => {
    expect(callbacks([{ 'Fn::Sub': 'https://${Site}/callback' }], { Site: { Type: 'String', Default: 'd111111abcdef8.cloudfront.net' } })).toEqual([]);
  });

  test('compliant: every allowed value of a host parameter is a public host (Fn::Join)', () => {
    const urls = [{ 'Fn::Join': ['', ['https://', { Ref: 'Host' }, '/cb']] }];
    expect(callbacks(urls, { Host: { Type: 'String', AllowedValues: ['app.example.net', 'staging.example.net'] } })).toEqual([]);
  });

  test('non-compliant: a host parameter defaulting to localhost is a loopback callback, and the finding says it is a default', () => {
    const [f, ...rest] = callbacks([{ 'Fn::Sub': 'http://${Host}:3000/cb' }], { Host: { Type: 'String', Default: 'localhost' } });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'violation', severity: 'warning', path: 'Properties.CallbackURLs.0' });
    expect(f.message).toContain('the default of parameter Host, which a deployment can override');
  });

  test('cannot tell: a host parameter without default or allowed values', () => {
    expect(callbacks([{ 'Fn::Sub': 'https://${Host}/cb' }], { Host: { Type: 'String' } }).map((f) => f.kind)).toEqual(['cannot-tell']);
  });
});

describe('Fn::Split of a parameter', () => {
  const split = (parameter: Record<string, unknown>) => callbacks({ 'Fn::Split': [',', { Ref: 'Urls' }] }, { Urls: { Type: 'String', ...parameter } });

  test('compliant: every URL of the split default is HTTPS to a public host', () => {
    expect(split({ Default: 'https://shop.example.org/cb,https://admin.example.org/cb' })).toEqual([]);
  });

  test('non-compliant: the split default holds a localhost callback, reported at its index', () => {
    const found = split({ Default: 'https://shop.example.org/cb,http://localhost:3000/cb' });
    expect(found.map((f) => `${f.kind} ${f.severity} ${f.path}`)).toEqual(['violation warning Properties.CallbackURLs.1']);
    expect(found[0].message).toContain('the default of parameter Urls');
  });

  test('cannot tell: the parameter has no default', () => {
    expect(split({}).map((f) => f.kind)).toEqual(['cannot-tell']);
  });
});
