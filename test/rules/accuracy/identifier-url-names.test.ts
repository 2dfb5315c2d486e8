/**
 * The URL decision left open by rw289 and pinned again by rw594 and rw596 (GOV.UK One Login SAM templates, e.g.
 * govuk-one-login/onboarding-self-service-experience backend/cognito/cognito.template.yml): an observability vendor's
 * secret holds `DT_CONNECTION_BASE_URL` beside its auth tokens, and Globals resolve each field into the environment;
 * a partner custom resource named for secrets returns `ApiUrl` beside `ApiKey`. A URL named for what it addresses (a
 * base, API, site or endpoint URL) is an identifier, like a host or an issuer URL: no SEC1 ERROR for the field, no
 * SEC7 cannot-tell for the attribute. A URL named for a data store (`DATABASE_URL`, `REDIS_URL`: a password may sit in
 * its userinfo) or a bare `Url` is still judged.
 */
import { audit } from '../helpers';

const sec1 = (name: string) =>
  audit({
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          Environment: { Variables: { FIELD: `{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-2:111122223333:secret:Vendor:SecretString:${name}}}` } },
        },
      },
    },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity}`);

const sec7 = (attribute: string) =>
  audit({
    Resources: { PartnerSecrets: { Type: 'Custom::SecretsRetrieval', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-2:111122223333:function:partner' } } },
    Outputs: { Out: { Value: { 'Fn::GetAtt': ['PartnerSecrets', attribute] } } },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC7')
    .map((f) => `${f.kind} ${f.severity}`);

describe('URLs named for what they address are identifiers', () => {
  test.each(['DT_CONNECTION_BASE_URL', 'VENDOR_API_URL', 'siteUrl', 'TokenEndpointUrl'])('compliant: a field named %s selects an identifier', (name) => {
    expect(sec1(name)).toEqual([]);
  });

  test.each(['DATABASE_URL', 'REDIS_URL', 'url', 'DT_CONNECTION_AUTH_TOKEN', 'api'])('non-compliant: a field named %s is secret material', (name) => {
    expect(sec1(name)).toEqual(['violation error']);
  });

  test('compliant: an ApiUrl attribute of a custom resource named for secrets is an identifier', () => {
    expect(sec7('ApiUrl')).toEqual([]);
  });

  test('cannot tell: a bare Url attribute of the same resource may carry credentials', () => {
    expect(sec7('Url')).toEqual(['cannot-tell warning']);
  });
});
