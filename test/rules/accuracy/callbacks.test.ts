/**
 * Class 8 of issue 15: cannot-tell that can be told. A callback URL built from a literal https:// and a domain AWS
 * generates is HTTPS and not loopback; a parameter default is resolved the same way inside a list as for a whole
 * property. Fixtures follow aws-samples/serverless-patterns sam-webapp-cognito/template.yaml (CloudFront and
 * ${HttpApi}.execute-api domains), alb-cognito-lambda/template.yaml (the load balancer's /oauth2/idpresponse) and
 * cognito-restapi-vpclink/auth.yml (a localhost callback), all at commit fb7b5d06….
 */
import { audit, clientTemplate, GOOD_CLIENT, only } from '../helpers';

const RESOURCES = {
  Resources: {
    Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: {} },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'api', ProtocolType: 'HTTP' } },
    Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: {} },
    Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { Domain: 'shop-auth', UserPoolId: { Ref: 'Pool' } } },
  },
};
const callbacks = (urls: unknown, extra: Record<string, unknown> = RESOURCES) => only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: urls }, extra)), 'TokenGuard-COG11');

describe('callback URLs on AWS-generated domains', () => {
  test.each([
    ['a CloudFront distribution', { 'Fn::Sub': 'https://${Cdn.DomainName}/callback' }],
    ['an API Gateway API', { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/auth' }],
    ['a load balancer (Fn::Join)', { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Alb', 'DNSName'] }, '/oauth2/idpresponse']] }],
    ['a Cognito domain', { 'Fn::Sub': 'https://${Domain}.auth.${AWS::Region}.amazoncognito.com/saml2/idpresponse' }],
  ])('compliant: https:// and %s', (_what, url) => {
    expect(callbacks([url])).toEqual([]);
  });

  test('non-compliant: http:// and a load balancer name is plain HTTP to a host that is not loopback (error)', () => {
    const [f, ...rest] = callbacks([{ 'Fn::Sub': 'http://${Alb.DNSName}/oauth2/idpresponse' }]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'violation', severity: 'error', path: 'Properties.CallbackURLs.0' });
    expect(f.message).toContain('http://<DNSName of Alb>/oauth2/idpresponse uses plain HTTP');
  });

  test('cannot tell: https:// and a host from a parameter without default (it could be localhost)', () => {
    const [f] = callbacks([{ 'Fn::Sub': 'https://${SiteHost}/cb' }], { Parameters: { SiteHost: { Type: 'String' } } });
    expect(f).toMatchObject({ kind: 'cannot-tell' });
  });

  test('cannot tell, with the reason: text that is not a URL (an empty default in https://${Host}, holdout rw131) is named with its source', () => {
    const found = callbacks([{ 'Fn::Sub': 'https://${Host}' }], { Parameters: { Host: { Type: 'String', Default: '' } } });
    expect(found.map((f) => `${f.kind} ${f.path}`)).toEqual(['cannot-tell Properties.CallbackURLs.0']);
    expect(found[0].message).toContain('it comes from text that is not a URL (https://)');
    expect(found[0].message).toContain('the default of parameter Host');
    expect(found[0].message).not.toContain('unexpected type');
  });

  test('cannot tell: https:// and an imported host', () => {
    const [f] = callbacks([{ 'Fn::Join': ['', ['https://', { 'Fn::ImportValue': 'site-domain' }, '/cb']] }]);
    expect(f).toMatchObject({ kind: 'cannot-tell' });
  });
});

describe('parameter defaults in list properties', () => {
  const params = { Parameters: { SpaUrl: { Type: 'String', Default: 'http://localhost:5173/' }, Urls: { Type: 'CommaDelimitedList', Default: 'https://a.example.net/cb,http://localhost:4200/cb' } } };

  test('non-compliant: a URL parameter placed in a list is resolved to its default like the parameter alone', () => {
    const list = only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: [{ Ref: 'SpaUrl' }] }, params)), 'TokenGuard-COG11');
    const alone = only(audit(clientTemplate({ ...GOOD_CLIENT, DefaultRedirectURI: { Ref: 'SpaUrl' }, CallbackURLs: ['https://a.example.net/cb'] }, params)), 'TokenGuard-COG11');
    expect(list.map((f) => `${f.kind} ${f.severity} ${f.path}`)).toEqual(['violation warning Properties.CallbackURLs.0']);
    expect(alone.map((f) => `${f.kind} ${f.severity} ${f.path}`)).toEqual(['violation warning Properties.DefaultRedirectURI']);
    expect(list[0].message).toContain('the default of parameter SpaUrl, which a deployment can override');
  });

  test('non-compliant: a CommaDelimitedList default is read element by element', () => {
    expect(only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: { Ref: 'Urls' } }, params)), 'TokenGuard-COG11').map((f) => f.path)).toEqual(['Properties.CallbackURLs.1']);
  });

  test('compliant: an https default inside a list', () => {
    const p = { Parameters: { SpaUrl: { Type: 'String', Default: 'https://spa.example.net/' } } };
    expect(only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: [{ Ref: 'SpaUrl' }, 'myapp://cb'] }, p)), 'TokenGuard-COG11')).toEqual([]);
  });

  test('every allowed value of a parameter in a list is judged', () => {
    const p = { Parameters: { Url: { Type: 'String', AllowedValues: ['https://a.example.net/cb', 'http://b.example.net/cb'] } } };
    const found = only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: [{ Ref: 'Url' }] }, p)), 'TokenGuard-COG11');
    expect(found.map((f) => `${f.kind} ${f.severity}`)).toEqual(['violation error']);
  });

  test('cannot tell: a parameter without default or allowed values in a list', () => {
    const p = { Parameters: { Url: { Type: 'String' } } };
    expect(only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: [{ Ref: 'Url' }] }, p)), 'TokenGuard-COG11').map((f) => f.kind)).toEqual(['cannot-tell']);
  });
});
