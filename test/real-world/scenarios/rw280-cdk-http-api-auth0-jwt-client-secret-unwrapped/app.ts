/**
 * Written after a pattern found by code search (a Lambda that exchanges Auth0 tokens, reading its Auth0 integration
 * secret "${STAGE}/Mimo/Integrations/Auth0" from Secrets Manager; the index does not name its repository), here in
 * the shortcut form many CDK apps take: an HTTP API protected by a JWT authorizer on the Auth0 issuer, and a
 * token-exchange function that receives the Auth0 client secret through SecretValue.unsafeUnwrap() in its environment
 * (so CloudFormation resolves it into plaintext configuration), beside the domain, audience and client id. A second
 * function gets only the secret's name, the safe form. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw280Integrations', { env: { account: '111122223333', region: 'us-east-1' } });
  const stage = 'prod';
  const auth0 = secretsmanager.Secret.fromSecretNameV2(stack, 'Auth0Integration', `${stage}/Integrations/Auth0`);
  const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
  const exchange = new lambda.Function(stack, 'TokenExchange', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code,
    environment: {
      STAGE: stage,
      AUTH0_DOMAIN: 'tenant.eu.auth0.com',
      AUTH0_AUDIENCE: 'https://api.integrations.example.com',
      AUTH0_CLIENT_ID: auth0.secretValueFromJson('clientId').unsafeUnwrap(),
      AUTH0_CLIENT_SECRET: auth0.secretValueFromJson('clientSecret').unsafeUnwrap(),
    },
  });
  const profile = new lambda.Function(stack, 'Profile', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code,
    environment: { STAGE: stage, AUTH0_SECRET_ID: `${stage}/Integrations/Auth0`, AUTH0_SECRET_FIELD: 'clientSecret' },
  });
  auth0.grantRead(profile);
  const authorizer = new HttpJwtAuthorizer('Auth0Authorizer', 'https://tenant.eu.auth0.com/', { jwtAudience: ['https://api.integrations.example.com'] });
  const api = new apigwv2.HttpApi(stack, 'IntegrationsApi', { defaultAuthorizer: authorizer });
  api.addRoutes({ path: '/token', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('ExchangeIntegration', exchange) });
  api.addRoutes({ path: '/profile', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('ProfileIntegration', profile) });
  return templateOf(app, stack);
}
