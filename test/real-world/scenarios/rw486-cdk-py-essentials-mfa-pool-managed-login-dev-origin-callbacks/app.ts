/**
 * Written after a Python CDK ComputeStack found by code search (the index does not name its repository; "On-demand
 * molecule generation in AWS" beside an ElectronOrbitalViewerStack), rewritten in TypeScript for its Cognito and API
 * part: an admin-created ESSENTIALS pool with TOTP MFA required, a public SRP code-flow client whose callback and
 * logout URLs are every origin (the site's and the two DEV_ORIGINS on http://localhost:5173 and :5391) times "/" and
 * "/admin.html", 60-minute access and ID tokens, 12-hour refresh tokens, revocation and existence errors on; a domain
 * with the newer managed login and a branding resource that uses Cognito's provided values; a jobs table, an API
 * function and an HTTP API with a JWT authorizer whose audience is the client. Batch, alerts and the other functions
 * of the source are left out; the site origin is ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

const DEV_ORIGINS = ['http://localhost:5173', 'http://localhost:5391'];

export function synth(): Record<string, unknown> {
  const app = newApp();
  const siteOrigin = 'https://orbitals.example.org';
  const stack = new Stack(app, 'ElectronOrbitalViewerCompute', { env: { account: '111122223333', region: 'us-east-1' } });
  const origins = [siteOrigin, ...DEV_ORIGINS];
  const table = new dynamodb.Table(stack, 'Jobs', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.RETAIN });
  const apiFn = new lambda.Function(stack, 'ApiFunction', {
    runtime: lambda.Runtime.PYTHON_3_12,
    architecture: lambda.Architecture.ARM_64,
    handler: 'jobs.lambdas.api_handler',
    code: lambda.Code.fromInline('def api_handler(event, context):\n    return {"statusCode": 200}\n'),
    memorySize: 256,
    timeout: Duration.seconds(29),
    environment: { JOBS_TABLE: table.tableName, SPOT_QUEUE: 'arn:aws:batch:us-east-1:111122223333:job-queue/SpotQueue', JOB_DEFINITION: 'arn:aws:batch:us-east-1:111122223333:job-definition/WorkerJob:1' },
  });
  table.grantReadWriteData(apiFn);
  const pool = new cognito.UserPool(stack, 'Owners', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const redirects = origins.flatMap((o) => ['/', '/admin.html'].map((p) => `${o}${p}`));
  const client = pool.addClient('WebClient', {
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE], callbackUrls: redirects, logoutUrls: redirects },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.minutes(60),
    idTokenValidity: Duration.minutes(60),
    refreshTokenValidity: Duration.hours(12),
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
  });
  const domain = pool.addDomain('Login', { cognitoDomain: { domainPrefix: `orbital-viewer-${stack.account}` }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN });
  new cognito.CfnManagedLoginBranding(stack, 'LoginBranding', { userPoolId: pool.userPoolId, clientId: client.userPoolClientId, useCognitoProvidedValues: true });
  const api = new apigw.HttpApi(stack, 'JobsApi', {
    apiName: 'electron-orbital-viewer-jobs',
    createDefaultStage: true,
    corsPreflight: { allowOrigins: origins, allowHeaders: ['authorization', 'content-type'], allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.OPTIONS], maxAge: Duration.hours(1) },
  });
  const issuer = `https://cognito-idp.${stack.region}.amazonaws.com/${pool.userPoolId}`;
  const jwt = new authorizers.HttpJwtAuthorizer('CognitoJwt', issuer, { jwtAudience: [client.userPoolClientId] });
  const integration = new integrations.HttpLambdaIntegration('ApiIntegration', apiFn);
  for (const [method, path] of [['POST', '/api/v1/jobs'], ['GET', '/api/v1/jobs'], ['GET', '/api/v1/jobs/{key}']] as const) {
    api.addRoutes({ path, methods: [method as apigw.HttpMethod], integration, authorizer: jwt });
  }
  for (const [name, value] of [['JobsApiUrl', api.apiEndpoint], ['UserPoolId', pool.userPoolId], ['UserPoolClientId', client.userPoolClientId], ['CognitoAuthority', issuer], ['CognitoDomain', domain.baseUrl()], ['JobsTableName', table.tableName]] as const) {
    new CfnOutput(stack, name, { value });
  }
  return templateOf(app, stack);
}
