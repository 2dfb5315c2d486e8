/**
 * Written after a C# CDK stack found by code search (the index does not name its repository; a "FinPal Pro" backend
 * for a Flutter app), rewritten in TypeScript: a pool with optional TOTP MFA, a public MobileAppClient (no secret, SRP
 * only, existence errors on, revocation on, one-hour access and ID tokens, 30-day refresh tokens, read attributes, and
 * OAuth left to the L2's defaults), a single-table DynamoDB table, an HTTP API with CORS, four String parameters (pool
 * id, client id, table name, API endpoint) and exported outputs of the same. Names follow the source; env 'dev'.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const env = 'dev';
  const stack = new Stack(app, 'FinpalProStack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: `finpal-pro-${env}`,
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireDigits: true, requireSymbols: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.RETAIN,
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
  });
  const client = new cognito.UserPoolClient(stack, 'MobileAppClient', {
    userPool,
    userPoolClientName: `finpal-pro-flutter-${env}`,
    generateSecret: false,
    authFlows: { userPassword: false, userSrp: true, custom: false },
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    enableTokenRevocation: true,
    readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, givenName: true, familyName: true, emailVerified: true }),
  });
  const table = new dynamodb.Table(stack, 'MainTable', {
    tableName: `finpal-pro-${env}`,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.DESTROY,
    timeToLiveAttribute: 'TTL',
  });
  const httpApi = new apigwv2.HttpApi(stack, 'HttpApi', {
    apiName: `finpal-pro-api-${env}`,
    description: 'FinPal Pro backend HTTP API',
    corsPreflight: { allowOrigins: ['*'], allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST], allowHeaders: ['Content-Type', 'Authorization', 'X-Api-Key'], maxAge: Duration.days(1) },
  });
  new ssm.StringParameter(stack, 'UserPoolIdParam', { parameterName: '/finpal-pro/cognito/user-pool-id', stringValue: userPool.userPoolId, description: 'FinPal Pro Cognito User Pool ID' });
  new ssm.StringParameter(stack, 'UserPoolClientIdParam', { parameterName: '/finpal-pro/cognito/client-id', stringValue: client.userPoolClientId, description: 'FinPal Pro Cognito App Client ID' });
  new ssm.StringParameter(stack, 'TableNameParam', { parameterName: '/finpal-pro/dynamodb/table-name', stringValue: table.tableName, description: 'FinPal Pro DynamoDB table name' });
  new ssm.StringParameter(stack, 'ApiEndpointParam', { parameterName: '/finpal-pro/api/endpoint', stringValue: httpApi.apiEndpoint, description: 'FinPal Pro HTTP API Gateway endpoint' });
  new CfnOutput(stack, 'UserPoolIdOutput', { value: userPool.userPoolId, description: 'Cognito User Pool ID', exportName: 'FinpalUserPoolId' });
  new CfnOutput(stack, 'UserPoolClientIdOutput', { value: client.userPoolClientId, description: 'Cognito App Client ID (Flutter mobile)', exportName: 'FinpalUserPoolClientId' });
  new CfnOutput(stack, 'ApiEndpointOutput', { value: httpApi.apiEndpoint, description: 'HTTP API Gateway endpoint', exportName: 'FinpalApiEndpoint' });
  return templateOf(app, stack);
}
