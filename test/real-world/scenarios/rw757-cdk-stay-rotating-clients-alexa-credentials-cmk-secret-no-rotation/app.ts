/**
 * Written after a STAY demo stack found by code search (a resident-safety demo with an MCP server and Alexa account
 * linking; the index does not name its repository), trimmed to what the pack judges: a Plus-tier pool with optional
 * TOTP and full threat protection, a managed-login v2 domain, a `stay` resource server with app and mcp scopes; a
 * public web client (SRP, code grant, 14-day refresh tokens with rotation, revocation) and a confidential Alexa
 * account-linking client (generated secret, code grant to Alexa's callback, 14-day refresh tokens with rotation, no
 * authFlows); a Secret under the stack's data key holding {clientId, clientSecret} (the id through
 * SecretValue.unsafePlainText, the secret as userPoolClientSecret) with no rotation schedule; an HTTP API whose
 * routes use a JWT authorizer for both clients' ids, and the API function's environment of table, bus and flags.
 * Construct ids are the source's; the data key is made here, and inline code stands in for the bundled functions.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as apigwv2authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as apigwv2integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'StayDemoStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const dataKey = new kms.Key(stack, 'DataKey', { enableKeyRotation: true });
  const table = new dynamodb.Table(stack, 'StayTable', {
    partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: dataKey,
  });
  const siteDomain = 'd111111abcdef8.cloudfront.net';
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: 'stay-demo-users',
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
    standardAttributes: { email: { required: true, mutable: true } },
    customAttributes: { household_id: new cognito.StringAttribute({ minLen: 3, maxLen: 120, mutable: false }), resident_id: new cognito.StringAttribute({ minLen: 3, maxLen: 120, mutable: false }) },
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  userPool.addDomain('ManagedLoginDomain', { cognitoDomain: { domainPrefix: `stay-demo-${stack.account}` }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN });
  const resourceServer = userPool.addResourceServer('StayResourceServer', {
    identifier: 'stay',
    scopes: [{ scopeName: 'app', scopeDescription: 'Use the STAY resident and Circle application' }, { scopeName: 'mcp', scopeDescription: 'Use STAY goal-level MCP tools' }],
  });
  const publicClient = userPool.addClient('PublicWebClient', {
    generateSecret: false,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    refreshTokenValidity: Duration.days(14),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.resourceServer(resourceServer, { scopeName: 'app', scopeDescription: 'Use the STAY resident and Circle application' })],
      callbackUrls: [`https://${siteDomain}/auth/callback`],
      logoutUrls: [`https://${siteDomain}/`],
    },
  });
  const alexaClient = userPool.addClient('AlexaAccountLinkingClient', {
    generateSecret: true,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    refreshTokenValidity: Duration.days(14),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.resourceServer(resourceServer, { scopeName: 'mcp', scopeDescription: 'Use STAY goal-level MCP tools' })],
      callbackUrls: ['https://alexa.amazon.com/api/skill/link/M2M-STAY-DEMO'],
    },
  });
  new secretsmanager.Secret(stack, 'AlexaAccountLinkingSecret', {
    description: 'Confidential Cognito client credentials for Alexa account linking.',
    encryptionKey: dataKey,
    secretObjectValue: {
      clientId: SecretValue.unsafePlainText(alexaClient.userPoolClientId),
      clientSecret: alexaClient.userPoolClientSecret,
    },
  });
  const bus = new events.EventBus(stack, 'DomainBus', { eventBusName: 'stay-demo-domain' });
  const apiFunction = new lambda.Function(stack, 'ApiFunction', {
    functionName: 'stay-demo-api',
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 512,
    timeout: Duration.seconds(15),
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { TABLE_NAME: table.tableName, EVENT_BUS_NAME: bus.eventBusName, NODE_OPTIONS: '--enable-source-maps' },
  });
  table.grantReadWriteData(apiFunction);
  const jwtAuthorizer = new apigwv2authorizers.HttpJwtAuthorizer('CognitoJwtAuthorizer', userPool.userPoolProviderUrl, {
    jwtAudience: [publicClient.userPoolClientId, alexaClient.userPoolClientId],
  });
  const httpApi = new apigwv2.HttpApi(stack, 'HttpApi', {
    apiName: 'stay-demo-api',
    corsPreflight: { allowOrigins: [`https://${siteDomain}`], allowHeaders: ['authorization', 'content-type', 'idempotency-key'], allowMethods: [apigwv2.CorsHttpMethod.ANY], maxAge: Duration.hours(1) },
  });
  httpApi.addRoutes({ path: '/v1/demo-sessions', methods: [apigwv2.HttpMethod.POST], integration: new apigwv2integrations.HttpLambdaIntegration('DemoSessionIntegration', apiFunction) });
  httpApi.addRoutes({ path: '/v1/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: new apigwv2integrations.HttpLambdaIntegration('ApiIntegration', apiFunction), authorizer: jwtAuthorizer });
  return templateOf(app, stack);
}
