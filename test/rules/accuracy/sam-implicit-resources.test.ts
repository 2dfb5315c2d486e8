/**
 * Class 5 of issue 15: the resources the SAM transform creates are known resources. Fixtures follow
 * aws-samples/serverless-patterns activemq-lambda/template.yaml (commit 795504a0…: GetAtt/Ref of <Function>Role in
 * outputs), the sam-init hello-world outputs (https://${ServerlessRestApi}.execute-api…) and the set documented in
 * awsdocs/aws-sam-developer-guide doc_source/sam-specification-generated-resources-{function,api,httpapi}.md.
 */
import { audit } from '../helpers';

const SAM = 'AWS::Serverless-2016-10-31';

function samTemplate(extra: Record<string, unknown>, functionProps: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Transform: SAM,
    Resources: {
      Quote: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Handler: 'app.handler',
          Runtime: 'python3.12',
          AutoPublishAlias: 'live',
          Events: { Get: { Type: 'Api', Properties: { Path: '/q', Method: 'get' } }, GetV2: { Type: 'HttpApi', Properties: { Path: '/v2/q', Method: 'get' } } },
          ...functionProps,
        },
      },
      Admin: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'admin' } },
    },
    ...extra,
  };
}

const sec = (t: Record<string, unknown>) => audit(t).filter((f) => f.ruleId.startsWith('TokenGuard-SEC'));

describe('SAM implicit resources are known resources', () => {
  test.each([
    ['the implicit REST API', { 'Fn::Sub': 'https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod' }],
    ['the implicit HTTP API', { 'Fn::Sub': 'https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com' }],
    ["a function's generated role", { Ref: 'QuoteRole' }],
    ["the implicit API's Prod stage", { Ref: 'ServerlessRestApiProdStage' }],
    ["the HTTP API's default stage", { Ref: 'ServerlessHttpApiApiGatewayDefaultStage' }],
    ["a function's alias (referenceable property)", { Ref: 'Quote.Alias' }],
    ["a function's version (referenceable property)", { Ref: 'Quote.Version' }],
    ["an explicit API's stage, by id and by property", { 'Fn::Join': ['/', [{ Ref: 'AdminadminStage' }, { Ref: 'Admin.Stage' }]] }],
    ["an API's generated deployment (hashed id)", { Ref: 'AdminDeployment926eeb5ff1' }],
  ])('compliant: %s in an environment variable and an output gives no finding', (_what, value) => {
    const t = samTemplate({ Outputs: { Out: { Value: value } } }, { Environment: { Variables: { REF: value } } });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: a secret beside an implicit resource is still found', () => {
    const t = samTemplate(
      { Parameters: { NotifyToken: { Type: 'String', NoEcho: true } } },
      { Environment: { Variables: { HOOK: { 'Fn::Sub': 'https://${ServerlessRestApi}.execute-api.amazonaws.com/?t=${NotifyToken}' } } } },
    );
    expect(sec(t).map((f) => `${f.ruleId} ${f.kind} ${f.path}`)).toEqual(['TokenGuard-SEC1 violation Properties.Environment.Variables.HOOK']);
  });

  test('cannot tell: a name that no SAM resource generates is still undefined', () => {
    const t = samTemplate({ Outputs: { Out: { Value: { Ref: 'NotGeneratedByAnything' } } } });
    const [f, ...rest] = sec(t);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'TokenGuard-SEC7', kind: 'cannot-tell' });
    expect(f.message).toContain('does not define');
  });

  test('cannot tell: without the SAM transform, ServerlessRestApi is just an undefined name', () => {
    const t = { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { API: { Ref: 'ServerlessRestApi' } } } } } } };
    expect(sec(t).map((f) => `${f.ruleId} ${f.kind}`)).toEqual(['TokenGuard-SEC1 cannot-tell']);
  });

  test('a function with its own Role generates no <Function>Role', () => {
    const t = samTemplate({ Outputs: { Out: { Value: { Ref: 'QuoteRole' } } } }, { Role: 'arn:aws:iam::111122223333:role/quote' });
    expect(sec(t).map((f) => `${f.ruleId} ${f.kind}`)).toEqual(['TokenGuard-SEC7 cannot-tell']);
  });
});
