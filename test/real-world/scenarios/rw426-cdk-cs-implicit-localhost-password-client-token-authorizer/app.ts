/**
 * Written after a C# CDK sample found by code search (the index does not name its repository; namespace
 * apigateway_cognito_lambda_dynamodb, Staks/Base/BaseStack.cs), rewritten in TypeScript: a pool with two groups, an app
 * client for the Hosted UI with the implicit grant only, callback http://localhost, user-password and SRP flows,
 * 20-minute access and ID tokens and 1-hour refresh tokens, a domain whose prefix embeds the client id, a token
 * authorizer function that gets the pool id, client id and a table name, a REST API behind it, and an output of the
 * Hosted UI login URL (response_type=token). The .NET functions are inline Node functions here. Names are ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const name = 'ApiCognitoSample';
  const stack = new Stack(app, name, { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'CognitoUserPool', { userPoolName: `CognitoUserPool-${name}`, removalPolicy: RemovalPolicy.DESTROY, signInAliases: { email: true }, selfSignUpEnabled: false });
  new cognito.CfnUserPoolGroup(stack, `UserPoolGroupReadOnly-${name}`, { userPoolId: userPool.userPoolId, description: 'Read Only Access', groupName: 'read-only' });
  new cognito.CfnUserPoolGroup(stack, `UserPoolGroupReadUpdateAdd-${name}`, { userPoolId: userPool.userPoolId, description: 'Full Access', groupName: 'read-update-add' });
  const callbackUrl = 'http://localhost';
  const client = new cognito.UserPoolClient(stack, `CognitoAppClient-${name}`, {
    userPoolClientName: `CognitoAppClient-${name}`,
    userPool,
    accessTokenValidity: Duration.minutes(20),
    idTokenValidity: Duration.minutes(20),
    refreshTokenValidity: Duration.hours(1),
    authFlows: { userPassword: true, userSrp: true },
    oAuth: { callbackUrls: [callbackUrl], flows: { implicitCodeGrant: true }, scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID] },
  });
  const domain = new cognito.UserPoolDomain(stack, `CognitoDomainName-${name}`, { userPool, cognitoDomain: { domainPrefix: `sign-in-${client.userPoolClientId}` } });
  const table = new dynamodb.Table(stack, `UserPoolGroupApiPolicy-${name}`, { tableName: 'UserGroupApiGwAccessPolicy', removalPolicy: RemovalPolicy.DESTROY, partitionKey: { name: 'UserPoolGroup', type: dynamodb.AttributeType.STRING } });
  const authFn = new lambda.Function(stack, `AuthLambdaFunc-${name}`, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ principalId: "user", policyDocument: { Version: "2012-10-17", Statement: [] } });'),
    environment: { REGION: 'us-east-1', COGNITO_USER_POOL_ID: userPool.userPoolId, CLIENT_ID: client.userPoolClientId, TABLE_NAME: table.tableName },
    timeout: Duration.minutes(1),
    memorySize: 256,
  });
  table.grantReadData(authFn);
  const backendFn = new lambda.Function(stack, `BackendLambdaFunc-${name}`, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "[]" });') });
  const authorizer = new apigateway.TokenAuthorizer(stack, `LambdaTokenAuthorizer-${name}`, { handler: authFn, identitySource: 'method.request.header.authorization', resultsCacheTtl: Duration.seconds(0) });
  const api = new apigateway.RestApi(stack, `Api-${name}`, { defaultMethodOptions: { authorizer } });
  api.root.addMethod('GET', new apigateway.LambdaIntegration(backendFn, { proxy: true }));
  api.root.addMethod('POST', new apigateway.LambdaIntegration(backendFn, { proxy: true }));
  new CfnOutput(stack, `CognitoHostedUIUrl-${name}`, { value: `${domain.baseUrl()}/login?response_type=token&client_id=${client.userPoolClientId}&redirect_uri=${encodeURIComponent(callbackUrl)}` });
  new CfnOutput(stack, `APIGWEndpoint-${name}`, { value: api.url });
  return templateOf(app, stack);
}
