/**
 * Written after focusOtter/appsync-cdk-cognito-fullstack (backend/lib/guest-user-backend-stack.ts), trimmed to what
 * the pack judges: a self-sign-up user pool, an app client given nothing but the pool (so the L2's OAuth defaults and
 * Cognito's default auth flows apply), an identity pool that admits guests, an AppSync API with user-pool default
 * auth and IAM as an extra mode (guests may run listUsers), a DynamoDB data source with a JS pipeline resolver, and a
 * scheduled Lambda that adds users. Construct ids are the source's; the schema and resolver code are inline here, and
 * the stable aws-cognito-identitypool module stands in for the alpha one.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AppsyncFunction, AuthorizationType, Code as AppSyncCode, Definition, FieldLogLevel, FunctionRuntime, GraphqlApi, Resolver, SchemaFile } from 'aws-cdk-lib/aws-appsync';
import { AccountRecovery, UserPool, UserPoolClient, VerificationEmailStyle } from 'aws-cdk-lib/aws-cognito';
import { IdentityPool, UserPoolAuthenticationProvider } from 'aws-cdk-lib/aws-cognito-identitypool';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { newApp, templateOf } from '../../app-helpers';

const SCHEMA = 'type User { userId: ID! name: String } type Query { listUsers: [User] @aws_iam @aws_cognito_user_pools }';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'GuestUserStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new UserPool(stack, 'UserDemoPool', {
    selfSignUpEnabled: true,
    accountRecovery: AccountRecovery.PHONE_AND_EMAIL,
    userVerification: { emailStyle: VerificationEmailStyle.CODE },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
  });
  const userPoolClient = new UserPoolClient(stack, 'UserListPoolClient', { userPool });
  const identityPool = new IdentityPool(stack, 'IdentityDemoPool', {
    identityPoolName: 'identityDemoForUserData',
    allowUnauthenticatedIdentities: true,
    authenticationProviders: { userPools: [new UserPoolAuthenticationProvider({ userPool, userPoolClient })] },
  });
  const userTable = new Table(stack, 'UsersAPITable', {
    removalPolicy: RemovalPolicy.DESTROY,
    billingMode: BillingMode.PAY_PER_REQUEST,
    partitionKey: { name: 'userId', type: AttributeType.STRING },
  });
  const schemaFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rw737-')), 'schema.graphql');
  fs.writeFileSync(schemaFile, SCHEMA);
  const api = new GraphqlApi(stack, 'UsersAPI', {
    name: 'UsersAPI',
    definition: Definition.fromSchema(SchemaFile.fromAsset(schemaFile)),
    authorizationConfig: {
      defaultAuthorization: { authorizationType: AuthorizationType.USER_POOL, userPoolConfig: { userPool } },
      additionalAuthorizationModes: [{ authorizationType: AuthorizationType.IAM }],
    },
    logConfig: { fieldLogLevel: FieldLogLevel.ALL },
    xrayEnabled: true,
  });
  api.grantQuery(identityPool.unauthenticatedRole, 'listUsers');
  const listUsersFunction = new AppsyncFunction(stack, 'listUsersFunction', {
    name: 'listUsersFunction',
    api,
    dataSource: api.addDynamoDbDataSource('listUsers', userTable),
    code: AppSyncCode.fromInline('export function request() { return { operation: "Scan" }; }\nexport function response(ctx) { return ctx.result.items; }'),
    runtime: FunctionRuntime.JS_1_0_0,
  });
  new Resolver(stack, 'PipelineResolver', {
    api,
    typeName: 'Query',
    fieldName: 'listUsers',
    code: AppSyncCode.fromInline('export function request() { return {}; }\nexport function response(ctx) { return ctx.prev.result; }'),
    runtime: FunctionRuntime.JS_1_0_0,
    pipelineConfig: [listUsersFunction],
  });
  const addUserLambda = new Function(stack, 'addUserFunction', {
    runtime: Runtime.NODEJS_18_X,
    handler: 'index.main',
    code: Code.fromInline('exports.main = async () => ({});'),
    environment: { TABLENAME: userTable.tableName },
  });
  userTable.grantWriteData(addUserLambda);
  new Rule(stack, 'addUserRule', { schedule: Schedule.rate(Duration.minutes(5)), targets: [new LambdaFunction(addUserLambda)] });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  new CfnOutput(stack, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
  new CfnOutput(stack, 'IdentityPoolId', { value: identityPool.identityPoolId });
  new CfnOutput(stack, 'GraphQLAPIID', { value: api.apiId });
  new CfnOutput(stack, 'GraphQLURL', { value: api.graphqlUrl });
  return templateOf(app, stack);
}
