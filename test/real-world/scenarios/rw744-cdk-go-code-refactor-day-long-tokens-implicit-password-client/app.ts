/**
 * Go CDK app rewritten in TypeScript, after a code-refactoring tool's createCognitoResources and
 * createAPIGatewayResources found by code search (CodeRefactorUserPool; the index does not name its repository),
 * with the same constructs and props: a self-sign-up pool; a public client with user-password and SRP flows, the code
 * and implicit grants, https callbacks to localhost:3000 and example.com, 24-hour access and ID tokens and a 30-day
 * refresh token (no rotation); a domain; and a REST API whose proxy resource requires a Cognito authorizer in front
 * of an HTTP integration to the ALB (health, swagger and auth paths open). Construct ids are the source's; the ALB
 * URL and account are ours, and the ECS service, database and Bedrock resources are left out.
 */
import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new cdk.Stack(app, 'CodeRefactorInfra', { env: { account: '111122223333', region: 'us-west-2' } });
  const userPool = new cognito.UserPool(stack, 'CodeRefactorUserPool', {
    userPoolName: 'code-refactor-user-pool',
    selfSignUpEnabled: true,
    signInAliases: { email: true, username: true },
    autoVerify: { email: true },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  userPool.applyRemovalPolicy(cdk.RemovalPolicy.DESTROY);
  const userPoolClient = new cognito.UserPoolClient(stack, 'CodeRefactorUserPoolClient', {
    userPool,
    userPoolClientName: 'code-refactor-client',
    generateSecret: false,
    authFlows: { userPassword: true, userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
      callbackUrls: ['https://localhost:3000/callback', 'https://example.com/callback'],
      logoutUrls: ['https://localhost:3000/logout', 'https://example.com/logout'],
    },
    idTokenValidity: cdk.Duration.hours(24),
    accessTokenValidity: cdk.Duration.hours(24),
    refreshTokenValidity: cdk.Duration.days(30),
  });
  userPoolClient.applyRemovalPolicy(cdk.RemovalPolicy.DESTROY);
  new cognito.UserPoolDomain(stack, 'CodeRefactorUserPoolDomain', { userPool, cognitoDomain: { domainPrefix: `code-refactor-${stack.account}` } });
  const api = new apigateway.RestApi(stack, 'CodeRefactorAPI', {
    restApiName: 'code-refactor-api',
    description: 'API Gateway for Code Refactoring Tool',
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    defaultCorsPreflightOptions: { allowOrigins: ['*'], allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'], allowHeaders: ['Content-Type', 'Authorization'] },
  });
  const cognitoAuthorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'CodeRefactorAuthorizer', { cognitoUserPools: [userPool], authorizerName: 'code-refactor-authorizer' });
  const integration = new apigateway.HttpIntegration('http://code-refactor-alb-123456789.us-west-2.elb.amazonaws.com', { proxy: true });
  api.root.addProxy({ defaultIntegration: integration, defaultMethodOptions: { authorizer: cognitoAuthorizer, authorizationType: apigateway.AuthorizationType.COGNITO }, anyMethod: true });
  for (const p of ['health', 'swagger', 'auth']) api.root.addResource(p).addMethod('GET', integration, { authorizationType: apigateway.AuthorizationType.NONE });
  return templateOf(app, stack);
}
