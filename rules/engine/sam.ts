/**
 * The resources the SAM transform creates, which a SAM template may reference before the transform has run:
 * `ServerlessRestApi`, `ServerlessHttpApi`, a function's `<Function>Role`, an API's stage and deployment, a GraphQL API's
 * keys (`<Api><Key>`), and the rest of the documented set (awsdocs/aws-sam-developer-guide,
 * doc_source/sam-specification-generated-resources-*.md).
 * A reference to one of them is a reference to a resource, like any other; it is neither undefined nor unknown.
 *
 * Ids with a hash the transform computes (`<Api>Deployment<sha>`, `<Function>Version<sha>`,
 * `ApiGatewayDomainName<sha>`) are known by their prefix; the referenceable properties (`MyApi.Stage`,
 * `MyFunction.Alias`) by name.
 */
import { isPlainObject } from './values';

interface SamResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: unknown;
}

export interface SamGenerated {
  /** The type of a generated resource (or referenceable property) named `name`, or undefined. */
  typeOf(name: string): string | undefined;
}

/** The generated resources of a template's SAM resources. */
export function samGenerated(resources: readonly SamResource[]): SamGenerated {
  const exact = new Map<string, string>();
  const prefixes: [string, string][] = [];
  const add = (name: string, type: string) => {
    if (!exact.has(name)) exact.set(name, type);
  };
  const restApi = () => {
    add('ServerlessRestApi', 'AWS::ApiGateway::RestApi');
    add('ServerlessRestApiProdStage', 'AWS::ApiGateway::Stage');
    add('ServerlessRestApi.Stage', 'AWS::ApiGateway::Stage');
    add('ServerlessRestApi.Deployment', 'AWS::ApiGateway::Deployment');
    prefixes.push(['ServerlessRestApiDeployment', 'AWS::ApiGateway::Deployment']);
  };
  const httpApi = () => {
    add('ServerlessHttpApi', 'AWS::ApiGatewayV2::Api');
    add('ServerlessHttpApiApiGatewayDefaultStage', 'AWS::ApiGatewayV2::Stage');
    add('ServerlessHttpApi.Stage', 'AWS::ApiGatewayV2::Stage');
  };
  const implicit = (api: unknown, name: string) => api === undefined || (isPlainObject(api) && api.Ref === name);
  const events = (id: string, props: Record<string, unknown>) => {
    if (!isPlainObject(props.Events)) return;
    for (const [event, e] of Object.entries(props.Events)) {
      if (!isPlainObject(e)) continue;
      const p = isPlainObject(e.Properties) ? e.Properties : {};
      // An event that names no API, or names the implicit one (`RestApiId: !Ref ServerlessRestApi`), is on it.
      if (e.Type === 'Api' && implicit(p.RestApiId, 'ServerlessRestApi')) restApi();
      if (e.Type === 'HttpApi' && implicit(p.ApiId, 'ServerlessHttpApi')) httpApi();
      // Event sources (rules, mappings, topic subscriptions, permissions) are named after the function and event.
      prefixes.push([`${id}${event}`, 'AWS::CloudFormation::Resource']);
    }
  };
  for (const r of resources) {
    const id = r.logicalId;
    const props = isPlainObject(r.properties) ? r.properties : {};
    switch (r.type) {
      case 'AWS::Serverless::Function':
        if (props.Role === undefined) add(`${id}Role`, 'AWS::IAM::Role');
        if (props.AutoPublishAlias !== undefined) {
          if (typeof props.AutoPublishAlias === 'string') add(`${id}Alias${props.AutoPublishAlias}`, 'AWS::Lambda::Alias');
          add(`${id}.Alias`, 'AWS::Lambda::Alias');
          add(`${id}.Version`, 'AWS::Lambda::Version');
          prefixes.push([`${id}Version`, 'AWS::Lambda::Version']);
        }
        if (props.DeploymentPreference !== undefined) {
          add('ServerlessDeploymentApplication', 'AWS::CodeDeploy::Application');
          add(`${id}DeploymentGroup`, 'AWS::CodeDeploy::DeploymentGroup');
          add('CodeDeployServiceRole', 'AWS::IAM::Role');
        }
        if (props.FunctionUrlConfig !== undefined) add(`${id}Url`, 'AWS::Lambda::Url');
        if (props.EventInvokeConfig !== undefined) {
          add(`${id}EventInvokeConfig`, 'AWS::Lambda::EventInvokeConfig');
          for (const [name, type] of [['OnSuccessTopic', 'AWS::SNS::Topic'], ['OnFailureTopic', 'AWS::SNS::Topic'], ['OnSuccessQueue', 'AWS::SQS::Queue'], ['OnFailureQueue', 'AWS::SQS::Queue']]) add(`${id}${name}`, type);
          add(`${id}.DestinationTopic`, 'AWS::SNS::Topic');
          add(`${id}.DestinationQueue`, 'AWS::SQS::Queue');
        }
        events(id, props);
        break;
      case 'AWS::Serverless::StateMachine':
        if (props.Role === undefined) add(`${id}Role`, 'AWS::IAM::Role');
        events(id, props);
        break;
      case 'AWS::Serverless::Api':
        if (typeof props.StageName === 'string') add(`${id}${props.StageName}Stage`, 'AWS::ApiGateway::Stage');
        else prefixes.push([id, 'AWS::ApiGateway::Stage']); // `<Api><stage>Stage` with a computed stage name
        add(`${id}.Stage`, 'AWS::ApiGateway::Stage');
        add(`${id}.Deployment`, 'AWS::ApiGateway::Deployment');
        prefixes.push([`${id}Deployment`, 'AWS::ApiGateway::Deployment']);
        add(`${id}.DomainName`, 'AWS::ApiGateway::DomainName');
        prefixes.push(['ApiGatewayDomainName', 'AWS::ApiGateway::DomainName']);
        for (const [name, type] of [['UsagePlan', 'AWS::ApiGateway::UsagePlan'], ['UsagePlanKey', 'AWS::ApiGateway::UsagePlanKey'], ['ApiKey', 'AWS::ApiGateway::ApiKey']]) {
          add(`${id}${name}`, type);
          add(`${id}.${name}`, type);
        }
        break;
      case 'AWS::Serverless::HttpApi':
        if (typeof props.StageName === 'string') add(`${id}${props.StageName}Stage`, 'AWS::ApiGatewayV2::Stage');
        else if (props.StageName === undefined) add(`${id}ApiGatewayDefaultStage`, 'AWS::ApiGatewayV2::Stage');
        else prefixes.push([id, 'AWS::ApiGatewayV2::Stage']);
        add(`${id}.Stage`, 'AWS::ApiGatewayV2::Stage');
        add(`${id}.DomainName`, 'AWS::ApiGatewayV2::DomainName');
        prefixes.push(['ApiGatewayDomainNameV2', 'AWS::ApiGatewayV2::DomainName']);
        break;
      case 'AWS::Serverless::GraphQLApi':
        if (isPlainObject(props.ApiKeys)) for (const key of Object.keys(props.ApiKeys)) add(`${id}${key}`, 'AWS::AppSync::ApiKey');
        break;
    }
  }
  return {
    typeOf(name) {
      const t = exact.get(name);
      if (t !== undefined) return t;
      for (const [prefix, type] of prefixes) if (name.startsWith(prefix) && name.length > prefix.length) return type;
      return undefined;
    },
  };
}
