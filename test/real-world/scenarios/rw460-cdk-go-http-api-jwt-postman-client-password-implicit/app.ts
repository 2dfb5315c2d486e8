/**
 * Written after a Go CDK app found by code search (the index does not name its repository; `NewCognitoHttpapiStack`
 * with pool "myCognitoUserPool", domain prefix "myauth" and client "MyUserPoolClient"), rewritten in TypeScript: a
 * self-sign-up pool, a Cognito domain, a public client for testing from Postman (user-password and admin-password
 * flows, code and implicit grants, email/openid/profile scopes, callback and logout https://oauth.pstmn.io/v1/callback),
 * an HTTP API with a JWT authorizer (issuer from the pool id, audience the pool id, as the source writes it) and outputs
 * of the hosted-UI login URL and the client id. The source uses the alpha apigatewayv2 module; the stable one renders
 * the same resources. Region from AWS_DEFAULT_REGION in the source; ours is fixed.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const region = 'eu-west-2';
  const stack = new Stack(app, 'CognitoHttpapiStack', { env: { region } });
  const userpool = new cognito.UserPool(stack, 'myCognitoUserPool', {
    userPoolName: 'myCognitoUserPool',
    passwordPolicy: { minLength: 8 },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: false } },
    signInAliases: { email: true },
    selfSignUpEnabled: true,
  });
  const userPoolDomain = new cognito.UserPoolDomain(stack, 'MyUserPoolDomain', { userPool: userpool, cognitoDomain: { domainPrefix: 'myauth' } });
  const userPoolClient = new cognito.UserPoolClient(stack, 'MyUserPoolClient', {
    userPoolClientName: 'MyUserPoolClient',
    userPool: userpool,
    generateSecret: false,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    authFlows: { userPassword: true, adminUserPassword: true },
    oAuth: {
      logoutUrls: ['https://oauth.pstmn.io/v1/callback'],
      callbackUrls: ['https://oauth.pstmn.io/v1/callback'],
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
    },
  });
  const httpApi = new apigwv2.HttpApi(stack, 'MyHttpApi', { apiName: 'MyHttpApi', corsPreflight: { allowMethods: [apigwv2.CorsHttpMethod.GET] } });
  new apigwv2.HttpAuthorizer(stack, 'MyHttpAuthorizer', {
    authorizerName: 'MyHttpAuthorizer',
    type: apigwv2.HttpAuthorizerType.JWT,
    httpApi,
    jwtIssuer: `https://cognito-idp.${region}.amazonaws.com/${userpool.userPoolId}`,
    jwtAudience: [userpool.userPoolId],
    identitySource: ['$request.header.Authorization'],
  });
  new CfnOutput(stack, 'authUrl', { value: `https://${userPoolDomain.domainName}.auth.${region}.amazoncognito.com/login` });
  new CfnOutput(stack, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
  return templateOf(app, stack);
}
