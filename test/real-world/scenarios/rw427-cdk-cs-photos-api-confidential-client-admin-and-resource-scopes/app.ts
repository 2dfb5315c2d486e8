/**
 * Written after a C# CDK sample found by code search (the index does not name its repository; namespace Cdk,
 * CdkStack with ASP.NET Core and .NET Lambda APIs behind a Cognito authorizer), rewritten in TypeScript: a pool with
 * self sign-up and a domain, a resource server com.example.photos (basic, read, write), a confidential code-flow client
 * for testing with Thunder Client (GenerateSecret, COGNITO_ADMIN, email, profile, openid, phone and the three custom
 * scopes, no authFlows), functions given the client id, pool id, region and an empty CORS origin list, and a REST API
 * whose proxy resources use a COGNITO authorizer (one of them requiring the basic scope). Three of the source's five
 * functions, inline Node code instead of .NET assets; names follow the source.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CdkStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const RESOURCE_SERVER_IDENTIFIER = 'com.example.photos';
  const pool = new cognito.UserPool(stack, 'user-pool', {
    userPoolName: 'dotnet-demo-userpool',
    signInAliases: { email: true, username: false, preferredUsername: false, phone: false },
    selfSignUpEnabled: true,
    standardAttributes: { fullname: { required: true, mutable: true }, email: { required: true, mutable: true } },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  pool.addDomain('cognito-domain', { cognitoDomain: { domainPrefix: 'dotnet-demo-photos' } });
  const scope = (name: string, description: string) => new cognito.ResourceServerScope({ scopeName: name, scopeDescription: description });
  const server = pool.addResourceServer('photos-api-resource-server', {
    identifier: RESOURCE_SERVER_IDENTIFIER,
    scopes: [scope('basic', 'Provides basic access to the API'), scope('read', 'Provides read access to the photos'), scope('write', 'Provides write access to the photos')],
  });
  const client = new cognito.UserPoolClient(stack, 'public-app-client', {
    generateSecret: true,
    oAuth: {
      callbackUrls: ['https://www.thunderclient.com/oauth/callback'],
      flows: { authorizationCodeGrant: true, clientCredentials: false, implicitCodeGrant: false },
      scopes: [
        cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE, cognito.OAuthScope.OPENID, cognito.OAuthScope.PHONE,
        cognito.OAuthScope.custom(`${RESOURCE_SERVER_IDENTIFIER}/basic`), cognito.OAuthScope.custom(`${RESOURCE_SERVER_IDENTIFIER}/read`), cognito.OAuthScope.custom(`${RESOURCE_SERVER_IDENTIFIER}/write`),
      ],
    },
    userPool: pool,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
  });
  client.node.addDependency(server);
  const fn = (id: string, description: string) => new lambda.Function(stack, id, {
    memorySize: 512,
    timeout: Duration.seconds(30),
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });'),
    environment: { AppSettings__AllowedOrigions: '', AppSettings__Cognito__AppClientId: client.userPoolClientId, AppSettings__Cognito__UserPoolId: pool.userPoolId, AppSettings__Cognito__AWSRegion: stack.region },
    description,
  });
  const anonymous = fn('AnonymousExample', 'ASP.NET Core API - Anonymous example');
  const authentication = fn('AuthenticationExample', 'ASP.NET Core API - Authentication example');
  const customScopes = fn('CustomScopesAuthorizationExample', 'ASP.NET Core API - Custom Scopes Authorization example');
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'authorizer', { cognitoUserPools: [pool] });
  const restApi = new apigateway.RestApi(stack, 'dotnet-rest-api', { description: 'REST API Lambda integrations with Amazon Cognito user pool' });
  const aspnet = restApi.root.addResource('aspnet');
  aspnet.addResource('anonymous-example').addProxy({ anyMethod: true, defaultIntegration: new apigateway.LambdaIntegration(anonymous) });
  aspnet.addResource('authentication-example').addProxy({ anyMethod: true, defaultIntegration: new apigateway.LambdaIntegration(authentication), defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.COGNITO, authorizer } });
  aspnet.addResource('custom-scopes-authorization-example').addProxy({
    anyMethod: true,
    defaultIntegration: new apigateway.LambdaIntegration(customScopes),
    defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.COGNITO, authorizer, authorizationScopes: [`${RESOURCE_SERVER_IDENTIFIER}/basic`] },
  });
  new CfnOutput(stack, 'REST API Url', { value: restApi.url, description: 'REST API endpoint URL' });
  return templateOf(app, stack);
}
