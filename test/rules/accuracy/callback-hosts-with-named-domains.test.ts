/**
 * Holdout class (holdout17, rw552): an HTTPS callback whose host starts with a value the template cannot know (an
 * import, a parameter without default) but goes on with a written-out domain is not loopback: the name says where it
 * points, as for a URL written in full. The pattern is CDK's cross-stack `${api.url}web/token.html` on a client in
 * another stack than the API (BielosX/AWS-developer cdk/cognito_user_pool/web_deployment/web_deployment_stack.py,
 * commit dd751a1635c2e86b52829749763d38b508f9c049), which CDK writes as
 * https:// + Fn::ImportValue(<api id>) + .execute-api.<region>. + ${AWS::URLSuffix} + /<stage>/… .
 */
import { audit, clientTemplate, GOOD_CLIENT, only } from '../helpers';

const callbacks = (pieces: unknown[], parameters: Record<string, unknown> = {}) =>
  only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: [{ 'Fn::Join': ['', pieces] }] }, { Parameters: parameters })), 'TokenGuard-COG11');

const apiId = { 'Fn::ImportValue': 'ApiGatewayStack:ExportsOutputRefdemoapi7EEFB372C906B97E' };

describe('a callback host that starts unknown and ends in a written-out domain', () => {
  test('compliant: https:// + an imported API id + .execute-api.<region>. + AWS::URLSuffix', () => {
    expect(callbacks(['https://', apiId, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/prod/web/token.html'])).toEqual([]);
  });

  test('compliant: a parameter without default as the first label of a company domain', () => {
    expect(callbacks(['https://', { Ref: 'Tenant' }, '.app.example.com/callback'], { Tenant: { Type: 'String' } })).toEqual([]);
  });

  test('non-compliant: the same host over plain HTTP is an error', () => {
    const found = callbacks(['http://', apiId, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/prod/cb']);
    expect(found.map((f) => `${f.kind} ${f.severity} ${f.path}`)).toEqual(['violation error Properties.CallbackURLs.0']);
    expect(found[0].message).toContain('plain HTTP');
  });

  test('cannot tell: the unknown piece is the whole host, or the written part could still make it loopback', () => {
    expect(callbacks(['https://', apiId, '/callback']).map((f) => f.kind)).toEqual(['cannot-tell']);
    expect(callbacks(['https://', apiId, '.localhost/callback']).map((f) => f.kind)).toEqual(['cannot-tell']);
    expect(callbacks(['https://', apiId, '.0.0.1/callback']).map((f) => f.kind)).toEqual(['cannot-tell']);
    expect(callbacks(['https://', apiId, '.', { Ref: 'Domain' }, '/callback'], { Domain: { Type: 'String' } }).map((f) => f.kind)).toEqual(['cannot-tell']);
  });
});
