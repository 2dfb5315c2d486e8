/**
 * A false ERROR found by the holdout rw594-rw618 (rw594, rw596: every GOV.UK One Login SAM template, e.g.
 * govuk-one-login/onboarding-self-service-experience backend/cognito/cognito.template.yml): Globals resolve the fields
 * of an observability vendor's secret into the environment, `{{resolve:secretsmanager:<arn>:SecretString:DT_TENANT}}`
 * beside `…:DT_CONNECTION_AUTH_TOKEN}}`. The auth token is secret material; `DT_TENANT` names the tenant, an identifier
 * like `tenant_id`, yet SEC1 reported it as an ERROR because the vendor's prefix hid the identifier word. A field whose
 * name ends in identifier words (`DT_TENANT`, `SMTP_USERNAME`, `ANALYTICS_DB_HOST`) now selects an identifier, as
 * custom-resource attributes already did (`GOOGLE_CLIENT_ID`).
 */
import { audit } from '../helpers';

const sec1 = (variables: Record<string, unknown>) =>
  audit({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: variables } } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);
const field = (name: string) => ({
  'Fn::Sub': [`{{resolve:secretsmanager:\${SecretArn}:SecretString:${name}}}`, { SecretArn: 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:VendorVariables' }],
});

describe('dynamic references to fields whose names end in identifier words', () => {
  test.each(['DT_TENANT', 'SMTP_USERNAME', 'ANALYTICS_DB_HOST', 'vendorClientId', 'warehouse_port'])('compliant: the %s field names an identifier', (name) => {
    expect(sec1({ FIELD: field(name) })).toEqual([]);
  });

  test.each(['DT_CONNECTION_AUTH_TOKEN', 'SMTP_PASSWORD', 'TENANT_API_KEY', 'HOST_SECRET'])('non-compliant: the %s field is secret material', (name) => {
    expect(sec1({ FIELD: field(name) })).toEqual(['violation error Properties.Environment.Variables.FIELD']);
  });

  test('cannot tell: an import under a token name stays unknown', () => {
    expect(sec1({ DT_CONNECTION_AUTH_TOKEN: { 'Fn::ImportValue': 'vendor-auth-token' } })).toEqual(['cannot-tell warning Properties.Environment.Variables.DT_CONNECTION_AUTH_TOKEN']);
  });
});
