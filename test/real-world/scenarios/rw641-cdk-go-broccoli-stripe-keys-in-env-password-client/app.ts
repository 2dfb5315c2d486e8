/**
 * Written after a Go CDK app found by code search (NewCdkStack of "broccoli-go", a Gin API with Stripe billing: pool
 * broccoli-go-user-pool with a stripe_customer_id custom attribute; the index does not name its repository),
 * rewritten in TypeScript: a pool, a client with USER_PASSWORD and SRP flows and the code grant (default scopes)
 * calling back to http://localhost:5173/, a domain, a Cognito authorizer, and a Go function (an inline Node.js stand-in here: inline code is not allowed on provided.al2023) whose
 * environment takes GIN_MODE, STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET from the app's config.yaml through viper,
 * so the values are written into the template; a REST API routes /webhook and /api (authorised) to it. The Stripe
 * values are fakes of the same shape as a test-mode key and a webhook signing secret.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

const config = {
  'gin.mode': 'release',
  'stripe.secret_key': 'sk_test_51PqR7kLmN2oX3yZ4aB5cD6eF7gH8iJ9kL0mN1oP2qR3sT4uV5wX6yZ7aB8cD9eF0gH1iJ2kL3mN4oP5qR6sT7uV8wX9y00Aa1Bb2Cc',
  'stripe.webhook_secret': 'whsec_3fK8pQ2mW9vL4xR7tN1cB6zD0yH5jG2s',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CdkStack');
  const userPool = new cognito.UserPool(stack, 'broccoli-go-user-pool', {
    userPoolName: 'broccoli-go-user-pool',
    signInAliases: { username: true, email: true },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true } },
    customAttributes: { stripe_customer_id: new cognito.StringAttribute({}) },
  });
  new cognito.UserPoolClient(stack, 'broccoli-go-user-pool-client', {
    userPool,
    userPoolClientName: 'broccoli-go-user-pool-client',
    authFlows: { userPassword: true, userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['http://localhost:5173/'], logoutUrls: ['http://localhost:5173/'] },
  });
  new cognito.CfnUserPoolDomain(stack, 'broccoli-go-user-pool-domain', { domain: 'broccoli-go-user-pool-domain', userPoolId: userPool.userPoolId });
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'broccoli-go-authorizer', { cognitoUserPools: [userPool], identitySource: 'method.request.header.Authorization' });
  const fn = new lambda.Function(stack, 'broccoli-go', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { GIN_MODE: config['gin.mode'], STRIPE_SECRET_KEY: config['stripe.secret_key'], STRIPE_WEBHOOK_SECRET: config['stripe.webhook_secret'] },
    architecture: lambda.Architecture.ARM_64,
  });
  const api = new apigateway.RestApi(stack, 'broccoli-go-api');
  api.root.addResource('webhook').addProxy({ anyMethod: true, defaultIntegration: new apigateway.LambdaIntegration(fn) });
  api.root.addResource('api').addProxy({
    anyMethod: true,
    defaultIntegration: new apigateway.LambdaIntegration(fn),
    defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.COGNITO, authorizer },
  });
  return templateOf(app, stack);
}
