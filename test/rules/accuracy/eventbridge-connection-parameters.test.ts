/**
 * Session-6 item (lead's list; not a holdout finding): an EventBridge connection's invocation HTTP parameters (headers,
 * query strings, body values) are kept in EventBridge's own secret only when marked IsValueSecret (absent means
 * false); the others are returned as written by events:DescribeConnection, so a {{resolve:secretsmanager:…}} or a
 * secret parameter placed there is plaintext configuration, which is TokenGuard-SEC8's ground (as API Gateway stage
 * variables are). Fixtures follow the connections of rw151 and rw213 (aws-samples patterns: an API-key or OAuth
 * connection with extra header parameters).
 */
import { audit } from '../helpers';

const RESOLVED = '{{resolve:secretsmanager:partner/api:SecretString:tenantKey}}';
const connection = (invocation: Record<string, unknown>, parameters: Record<string, unknown> = {}) => ({
  Parameters: { PartnerSecret: { Type: 'String', NoEcho: true }, ...parameters },
  Resources: {
    Partner: {
      Type: 'AWS::Events::Connection',
      Properties: {
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: '{{resolve:secretsmanager:partner/api:SecretString:apiKey}}' },
          InvocationHttpParameters: invocation,
        },
      },
    },
  },
});
const sec8 = (t: Record<string, unknown>) => audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC8').map((f) => `${f.kind} ${f.severity} ${f.path}`).sort();

describe('EventBridge connection parameters not marked IsValueSecret', () => {
  test('compliant: the reference in the API key (a credential) or in a parameter marked secret, and settings in the others', () => {
    const t = connection({
      HeaderParameters: [
        { Key: 'x-tenant-key', Value: RESOLVED, IsValueSecret: true },
        { Key: 'x-partner-tier', Value: 'gold', IsValueSecret: false },
      ],
      QueryStringParameters: [{ Key: 'token', Value: { Ref: 'PartnerSecret' }, IsValueSecret: 'True' }],
    });
    expect(sec8(t)).toEqual([]);
  });

  test('non-compliant: a resolved secret in a header marked false, in a query string left unmarked, a NoEcho parameter in the body', () => {
    const t = connection({
      HeaderParameters: [{ Key: 'x-tenant-key', Value: RESOLVED, IsValueSecret: false }],
      QueryStringParameters: [{ Key: 'sig', Value: RESOLVED }],
      BodyParameters: [{ Key: 'secret', Value: { 'Fn::Sub': '${PartnerSecret}' }, IsValueSecret: 'false' }],
    });
    expect(sec8(t)).toEqual([
      'violation error Properties.AuthParameters.InvocationHttpParameters.BodyParameters.0.Value',
      'violation error Properties.AuthParameters.InvocationHttpParameters.HeaderParameters.0.Value',
      'violation error Properties.AuthParameters.InvocationHttpParameters.QueryStringParameters.0.Value',
    ]);
  });

  test('cannot tell is not raised here: an imported value in an unmarked header is judged where it is exported (SEC7)', () => {
    expect(sec8(connection({ HeaderParameters: [{ Key: 'x-tenant-key', Value: { 'Fn::ImportValue': 'partner-tenant-key' } }] }))).toEqual([]);
  });
});
