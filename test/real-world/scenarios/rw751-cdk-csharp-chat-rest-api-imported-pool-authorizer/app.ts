/**
 * C# CDK app rewritten in TypeScript, after a serverless chat's RestApiStack found by code search (Infrastructure.Stacks;
 * the index does not name its repository), with the same constructs and props: six .NET custom-runtime handlers
 * sharing an environment of table names, the Cognito user pool id and the WebSocket API URL; a REST API whose
 * /users, /channels, /channels/{id} and /channels/{id}/messages methods use a Cognito authorizer on the user pool
 * imported by id ("resolving circular stack dependency"), /config left open, and mock OPTIONS methods for CORS; SSM
 * read access for the config handler. Construct ids are the source's; the tables, WebSocket API and pool id come
 * from the source's other stacks and are created or written here; inline code stands in for the bootstrap bundles.
 */
import { Stack } from 'aws-cdk-lib';
import { AuthorizationType, CognitoUserPoolsAuthorizer, IResource, LambdaIntegration, MockIntegration, PassthroughBehavior, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { WebSocketApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'RestApiStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const table = (id: string) => new Table(stack, id, { partitionKey: { name: 'id', type: AttributeType.STRING } });
  const messagesTable = table('MessagesTable');
  const channelsTable = table('ChannelsTable');
  const connectionsTable = table('ConnectionsTable');
  const webSocketApi = new WebSocketApi(stack, 'ServerlessChatWebsocketApi');
  const cognitoUserPoolId = 'us-east-1_Zy9Xw8Vu7';
  const defaultLambdaEnvironment = {
    CONNECTIONS_TABLE_NAME: connectionsTable.tableName,
    MESSAGES_TABLE_NAME: messagesTable.tableName,
    CHANNELS_TABLE_NAME: channelsTable.tableName,
    COGNITO_USER_POOL_ID: cognitoUserPoolId,
    WEBSOCKET_API_URL: `https://${webSocketApi.apiEndpoint}/wss`,
    POWERTOOLS_LOG_LEVEL: 'Information',
  };
  const customRuntimeFunction = (id: string, handler: string) => new Function(stack, id, {
    runtime: Runtime.PROVIDED_AL2023, handler, code: Code.fromAsset(__dirname, { exclude: ['*', '!app.ts'] }), environment: defaultLambdaEnvironment,
  });
  const getUsersHandler = customRuntimeFunction('GetUsersHandler', 'bootstrap::GetUsers.Function::FunctionHandler');
  connectionsTable.grantReadData(getUsersHandler);
  getUsersHandler.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['cognito-idp:ListUsers'], resources: [`arn:aws:cognito-idp:${stack.region}:${stack.account}:userpool/${cognitoUserPoolId}`] }));
  const getConfigHandler = customRuntimeFunction('GetConfigHandler', 'bootstrap::GetConfig.Function::FunctionHandler');
  getConfigHandler.addToRolePolicy(new PolicyStatement({
    effect: Effect.ALLOW,
    actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
    resources: [`arn:aws:ssm:${stack.region}:${stack.account}:parameter/prod/cognito/signinurl`, `arn:aws:ssm:${stack.region}:${stack.account}:parameter/prod/websocket/url`],
  }));
  const getChannelsHandler = customRuntimeFunction('GetChannelsHandler', 'bootstrap::GetChannels.Function::FunctionHandler');
  const postChannelsHandler = customRuntimeFunction('PostChannelsHandler', 'bootstrap::PostChannels.Function::FunctionHandler');
  const getChannelHandler = customRuntimeFunction('GetChannelHandler', 'bootstrap::GetChannel.Function::FunctionHandler');
  const getChannelMessagesHandler = customRuntimeFunction('GetChannelMessagesHandler', 'bootstrap::GetChannelMessages.Function::FunctionHandler');
  channelsTable.grantReadWriteData(getChannelsHandler);
  channelsTable.grantReadWriteData(postChannelsHandler);
  channelsTable.grantReadData(getChannelHandler);
  messagesTable.grantReadData(getChannelMessagesHandler);

  const restApi = new RestApi(stack, 'ServerlessChatRestApi', { restApiName: 'Serverless Chat REST API' });
  const userPool = UserPool.fromUserPoolId(stack, 'UserPool', cognitoUserPoolId);
  const auth = new CognitoUserPoolsAuthorizer(stack, 'websocketChatUsersAuthorizer', { cognitoUserPools: [userPool] });
  const authMethodOptions = { authorizer: auth, authorizationType: AuthorizationType.COGNITO };
  const api = restApi.root.addResource('api');
  const config = api.addResource('config');
  config.addMethod('GET', new LambdaIntegration(getConfigHandler));
  const users = api.addResource('users');
  users.addMethod('GET', new LambdaIntegration(getUsersHandler), authMethodOptions);
  const channels = api.addResource('channels');
  channels.addMethod('GET', new LambdaIntegration(getChannelsHandler), authMethodOptions);
  channels.addMethod('POST', new LambdaIntegration(postChannelsHandler), authMethodOptions);
  const channelId = channels.addResource('{id}');
  channelId.addMethod('GET', new LambdaIntegration(getChannelHandler), authMethodOptions);
  const messages = channelId.addResource('messages');
  messages.addMethod('GET', new LambdaIntegration(getChannelMessagesHandler), authMethodOptions);
  const addCorsOptions = (apiResource: IResource) => apiResource.addMethod('OPTIONS', new MockIntegration({
    integrationResponses: [{
      statusCode: '200',
      responseParameters: {
        'method.response.header.Access-Control-Allow-Headers': "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent'",
        'method.response.header.Access-Control-Allow-Origin': "'*'",
        'method.response.header.Access-Control-Allow-Credentials': "'false'",
        'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET,PUT,POST,DELETE'",
      },
    }],
    passthroughBehavior: PassthroughBehavior.NEVER,
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
  }), {
    methodResponses: [{
      statusCode: '200',
      responseParameters: {
        'method.response.header.Access-Control-Allow-Headers': true,
        'method.response.header.Access-Control-Allow-Methods': true,
        'method.response.header.Access-Control-Allow-Credentials': true,
        'method.response.header.Access-Control-Allow-Origin': true,
      },
    }],
  });
  [config, users, channels, messages].forEach(addCorsOptions);
  return templateOf(app, stack);
}
