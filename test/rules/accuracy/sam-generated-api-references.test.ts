/**
 * Holdout15 rw494 and rw512: two more of the resources the SAM transform creates.
 * - An `Api` event may name the implicit API itself (`RestApiId: !Ref ServerlessRestApi`, as the `sam build` output of
 *   Arcturus91/cloudformation-authentication-vitas-sample does for every event); SAM then puts the route on the implicit
 *   API, as for an event that names none. The endpoint output `https://${ServerlessRestApi}.execute-api…` was a
 *   cannot-tell ("a Ref to ServerlessRestApi, which the template does not define"). Same for `HttpApi` events naming
 *   `ServerlessHttpApi`.
 * - An `AWS::Serverless::GraphQLApi`'s `ApiKeys` become `AWS::AppSync::ApiKey` resources named `<api><key>`
 *   (awsdocs sam-specification-generated-resources-graphqlapi; the `sam init` AppSync quick start in
 *   aws/aws-sam-cli-app-templates outputs `!GetAtt HelloWorldGraphQLApiMyApiKey.ApiKey`). The key's value passed
 *   silently into outputs and environments, because the attribute's resource type was not known.
 */
import { audit, Template } from '../helpers';

const SAM = 'AWS::Serverless-2016-10-31';
const URL = { 'Fn::Sub': 'https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/' };
const HTTP_URL = { 'Fn::Sub': 'https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com' };

function api(events: Record<string, unknown>, outputs: Record<string, unknown>): Template {
  return {
    Transform: SAM,
    Resources: {
      Auth: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Events: events } },
      Admin: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'admin' } },
    },
    Outputs: outputs,
  };
}

function graphql(variables: Record<string, unknown>, outputs: Record<string, unknown>): Template {
  return {
    Transform: SAM,
    Resources: {
      PostsApi: { Type: 'AWS::Serverless::GraphQLApi', Properties: { SchemaUri: './schema.graphql', Auth: { Type: 'API_KEY' }, ApiKeys: { MyApiKey: { Description: 'my api key' } } } },
      Reader: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } },
    },
    Outputs: outputs,
  };
}

const sec = (t: Template) => audit(t).filter((f) => f.ruleId.startsWith('TokenGuard-SEC')).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`);

describe('events that name the implicit API, and GraphQLApi keys, are SAM-generated resources', () => {
  test('compliant: endpoint URLs of implicit APIs that every event names explicitly give no finding', () => {
    const t = api(
      {
        Rest: { Type: 'Api', Properties: { RestApiId: { Ref: 'ServerlessRestApi' }, Path: '/{proxy+}', Method: 'ANY' } },
        Http: { Type: 'HttpApi', Properties: { ApiId: { Ref: 'ServerlessHttpApi' }, Path: '/v2', Method: 'GET' } },
      },
      { ApiEndpoint: { Value: URL }, HttpEndpoint: { Value: HTTP_URL }, Stage: { Value: { Ref: 'ServerlessRestApiProdStage' } } },
    );
    expect(sec(t)).toEqual([]);
  });

  test("compliant: a GraphQLApi key's id and ARN are identifiers", () => {
    const t = graphql({ KEY_ID: { 'Fn::GetAtt': ['PostsApiMyApiKey', 'ApiKeyId'] } }, { KeyArn: { Value: { 'Fn::GetAtt': 'PostsApiMyApiKey.Arn' } }, Url: { Value: { 'Fn::GetAtt': 'PostsApi.GraphQLUrl' } } });
    expect(sec(t)).toEqual([]);
  });

  test("non-compliant: a GraphQLApi key's value in an output and in an environment", () => {
    const t = graphql({ API_KEY: { 'Fn::GetAtt': ['PostsApiMyApiKey', 'ApiKey'] } }, { PostsApiMyApiKey: { Value: { 'Fn::GetAtt': 'PostsApiMyApiKey.ApiKey' } } });
    expect(sec(t).sort()).toEqual([
      'TokenGuard-SEC1 violation Reader Properties.Environment.Variables.API_KEY',
      'TokenGuard-SEC7 violation PostsApiMyApiKey Outputs.PostsApiMyApiKey.Value',
    ]);
  });

  test('cannot tell: ServerlessRestApi when every event names another API is still undefined', () => {
    const t = api({ Rest: { Type: 'Api', Properties: { RestApiId: { Ref: 'Admin' }, Path: '/', Method: 'GET' } } }, { ApiEndpoint: { Value: URL } });
    expect(sec(t)).toEqual(['TokenGuard-SEC7 cannot-tell ApiEndpoint Outputs.ApiEndpoint.Value']);
  });
});
