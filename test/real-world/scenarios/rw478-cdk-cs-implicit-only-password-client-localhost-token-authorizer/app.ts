/**
 * Written after a C# CDK construct found by code search (the index does not name its repository; namespace
 * apigateway_cognito_lambda_dynamodb.Staks.Base, BaseStack), rewritten in TypeScript: an admin-created pool with two
 * groups, a public client with the user-password and SRP flows, the implicit grant only (email and openid scopes,
 * callback http://localhost), 20-minute access and ID tokens and one-hour refresh tokens, a hosted-UI domain whose
 * prefix is built from the client id, a table of group policies, a token-authorizer function given the pool id,
 * client id and table name, a REST API with GET and POST on the root, and an output of the implicit-grant login URL.
 * Stack name "Dev"; .NET assets are inline Node code here.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const props = { stackName: 'Dev', region: 'us-east-2' };
  const stack = new Stack(app, 'ApiGatewayCognitoLambdaDynamoDb', { env: { account: '111122223333', region: props.region } });
  const userPool = new cognito.UserPool(stack, 'CognitoUserPool', {
    userPoolName: `CognitoUserPool-${props.stackName}`,
    removalPolicy: RemovalPolicy.DESTROY,
    signInAliases: { email: true },
    selfSignUpEnabled: false,
  });
  new cognito.CfnUserPoolGroup(stack, `UserPoolGroupReadOnly-${props.stackName}`, { userPoolId: userPool.userPoolId, description: 'Read Only Access', groupName: 'read-only' });
  new cognito.CfnUserPoolGroup(stack, `UserPoolGroupReadUpdateAdd-${props.stackName}`, { userPoolId: userPool.userPoolId, description: 'Full Access', groupName: 'read-update-add' });
  const callbackUrl = 'http://localhost';
  const cognitoAppClient = new cognito.UserPoolClient(stack, `CognitoAppClient-${props.stackName}`, {
    userPoolClientName: `CognitoAppClient-${props.stackName}`,
    userPool,
    accessTokenValidity: Duration.minutes(20),
    idTokenValidity: Duration.minutes(20),
    refreshTokenValidity: Duration.hours(1),
    authFlows: { userPassword: true, userSrp: true },
    oAuth: { callbackUrls: [callbackUrl], flows: { implicitCodeGrant: true }, scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID] },
  });
  const domain = new cognito.UserPoolDomain(stack, `CognitoDomainName-${props.stackName}`, { userPool, cognitoDomain: { domainPrefix: 'sign-in-' + cognitoAppClient.userPoolClientId } });
  const table = new dynamodb.Table(stack, `UserPoolGroupApiPolicy-${props.stackName}`, {
    tableName: 'UserGroupApiGwAccessPolicy',
    removalPolicy: RemovalPolicy.DESTROY,
    partitionKey: { name: 'UserPoolGroup', type: dynamodb.AttributeType.STRING },
  });
  const code = lambda.Code.fromInline('exports.handler = async () => ({});');
  const authLambda = new lambda.Function(stack, `AuthLambdaFunc-${props.stackName}`, {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code,
    environment: { REGION: props.region, COGNITO_USER_POOL_ID: userPool.userPoolId, CLIENT_ID: cognitoAppClient.userPoolClientId, TABLE_NAME: table.tableName },
    timeout: Duration.minutes(1), memorySize: 256,
  });
  table.grantReadData(authLambda);
  const backend = new lambda.Function(stack, `BackendLambdaFunc-${props.stackName}`, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  const tokenAuthorizer = new apigateway.TokenAuthorizer(stack, `LambdaTokenAuthorizer-${props.stackName}`, { handler: authLambda, identitySource: 'method.request.header.authorization', resultsCacheTtl: Duration.seconds(0) });
  const api = new apigateway.RestApi(stack, `Api-${props.stackName}`, { defaultMethodOptions: { authorizer: tokenAuthorizer } });
  api.root.addMethod('GET', new apigateway.LambdaIntegration(backend, { proxy: true }));
  api.root.addMethod('POST', new apigateway.LambdaIntegration(backend, { proxy: true }));
  new CfnOutput(stack, `CognitoHostedUIUrl-${props.stackName}`, { value: `${domain.baseUrl()}/login?response_type=token&client_id=${cognitoAppClient.userPoolClientId}&redirect_uri=${encodeURIComponent(callbackUrl)}` });
  new CfnOutput(stack, `APIGWEndpoint-${props.stackName}`, { value: api.url });
  return templateOf(app, stack);
}
