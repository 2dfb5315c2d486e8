/**
 * Written after rushicruk/cdk-cognito-m2m-oauth-authorizer (lib/cdk-cognito-oauth-authorizer-stack.ts with
 * bin/cdk-cognito-oauth-authorizer.ts): a machine-to-machine sample: a pool with a resource server (user.read,
 * user.write), a client with a secret and only the client-credentials grant for both scopes, a 60-minute access token,
 * a 1-day refresh token and revocation on, no authFlows (so Cognito's default SRP, custom and refresh flows stay on),
 * a Cognito domain, and a REST API whose GET /user method requires the user.read scope through a
 * COGNITO_USER_POOLS authorizer. The NodejsFunction bundle is replaced by inline code. Names are ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CdkCognitoOauthAuthorizerStack', { env: { account: '111122223333', region: 'eu-west-2' } });
  const pool = new cognito.UserPool(stack, 'OauthUserPool', { accountRecovery: cognito.AccountRecovery.EMAIL_ONLY, removalPolicy: RemovalPolicy.DESTROY, userPoolName: 'OauthUserPool' });
  const read = new cognito.ResourceServerScope({ scopeName: 'user.read', scopeDescription: 'user read scope' });
  const write = new cognito.ResourceServerScope({ scopeName: 'user.write', scopeDescription: 'user write scope' });
  const server = new cognito.UserPoolResourceServer(stack, 'OauthResourceServer', { identifier: 'OauthResourceServer', userPool: pool, scopes: [read, write] });
  new cognito.UserPoolClient(stack, 'OauthAppClient', {
    userPool: pool,
    accessTokenValidity: Duration.minutes(60),
    generateSecret: true,
    refreshTokenValidity: Duration.days(1),
    enableTokenRevocation: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, read), cognito.OAuthScope.resourceServer(server, write)] },
  });
  pool.addDomain('OauthUserPoolDomain', { cognitoDomain: { domainPrefix: 'sample-oauth' } });
  const fn = new lambda.Function(stack, 'UserLambda', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "[]" });') });
  const api = new apigateway.RestApi(stack, 'usereapi', { restApiName: 'UserAPI', description: 'This is the User API' });
  const auth = new apigateway.CognitoUserPoolsAuthorizer(stack, 'userAuthorizer', { cognitoUserPools: [pool] });
  api.root.addResource('user').addMethod('GET', new apigateway.LambdaIntegration(fn), {
    authorizer: auth, authorizationType: apigateway.AuthorizationType.COGNITO, authorizationScopes: [`OauthResourceServer/${read.scopeName}`],
  });
  new CfnOutput(stack, 'ApiEndpoint', { value: api.url });
  return templateOf(app, stack);
}
