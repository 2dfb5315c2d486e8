/**
 * Written after aws-samples/aws-appsync-resolver-samples (examples/cdk/pub-sub-app/lib/pub-sub-app-stack.ts): a user
 * pool with a web client that allows password and SRP sign-in, an AppSync API whose default mode is an API key and
 * whose additional mode is the pool, a NONE data source, and outputs for the endpoint, the region, the auth type, the
 * API key itself, the pool id and the client id (for a front end's configuration). The sample's AppSyncHelper
 * (resolvers from files) is replaced by one inline JS resolver; names are ours.
 */
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw270PubSub', { env: { account: '111122223333', region: 'us-west-2' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: 'LocalMessageUserPool',
    selfSignUpEnabled: true,
    autoVerify: { email: true },
    standardAttributes: { email: { required: true } },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const client = userPool.addClient('customer-app-client-web', {
    preventUserExistenceErrors: true,
    authFlows: { userPassword: true, userSrp: true },
  });
  const api = new appsync.GraphqlApi(stack, 'LocalMessageAPI', {
    name: 'LocalMessageAPI',
    definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/schema.graphql`)),
    authorizationConfig: {
      defaultAuthorization: {
        authorizationType: appsync.AuthorizationType.API_KEY,
        apiKeyConfig: { name: 'default', description: 'default auth mode' },
      },
      additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool } }],
    },
    logConfig: { fieldLogLevel: appsync.FieldLogLevel.ALL, excludeVerboseContent: false, retention: logs.RetentionDays.ONE_WEEK },
    xrayEnabled: true,
  });
  const none = api.addNoneDataSource('NONE');
  none.createResolver('PublishResolver', {
    typeName: 'Mutation',
    fieldName: 'publish',
    runtime: appsync.FunctionRuntime.JS_1_0_0,
    code: appsync.Code.fromInline('export function request(ctx) { return { payload: ctx.args }; }\nexport function response(ctx) { return ctx.result; }'),
  });
  new CfnOutput(stack, 'GRAPHQLENDPOINT', { value: api.graphqlUrl });
  new CfnOutput(stack, 'REGION', { value: Stack.of(stack).region });
  new CfnOutput(stack, 'AUTHTYPE', { value: 'API_KEY' });
  new CfnOutput(stack, 'APIKEY', { value: api.apiKey! });
  new CfnOutput(stack, 'USERPOOLSID', { value: userPool.userPoolId });
  new CfnOutput(stack, 'USERPOOLSWEBCLIENTID', { value: client.userPoolClientId });
  return templateOf(app, stack);
}
