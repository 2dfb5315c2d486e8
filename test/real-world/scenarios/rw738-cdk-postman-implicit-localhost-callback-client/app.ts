/**
 * Written after schuettc/cdk-cognito-api-postman (src/constructs/cognito-construct.ts, with the API and Lambda
 * constructs), trimmed to what the pack judges: a self-sign-up pool with link verification, a Cognito domain with a
 * generated prefix, and a public client for Postman testing with both the code and the implicit grant, callbacks to
 * http://localhost:3000 and Postman's https callback, 60-minute tokens and a 30-day refresh token (authFlows and
 * rotation not set); a REST API whose GET method uses a Cognito authorizer; outputs of ids, the domain and hosted-UI
 * URLs. Construct ids are the source's; the random domain suffix is fixed here so the template is stable.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { OAuthScope, UserPool, UserPoolClient, UserPoolClientIdentityProvider, UserPoolDomain, VerificationEmailStyle } from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class CognitoConstruct extends Construct {
  public readonly userPool: UserPool;
  public readonly userPoolClient: UserPoolClient;
  public readonly userPoolDomain: UserPoolDomain;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const uniqueDomainPrefix = `${stack.stackName.toLowerCase()}-${stack.region}-k3x9qa`.substring(0, 63).replace(/[^a-z0-9-]/g, '-').replace(/cognito/g, 'auth');
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: 'postman-demo-user-pool',
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, givenName: { required: true, mutable: true } },
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      removalPolicy: RemovalPolicy.DESTROY,
      userVerification: { emailStyle: VerificationEmailStyle.LINK, emailSubject: 'Verify your email for our demo app!', emailBody: 'Thanks for signing up! Click the link below to verify your email {##Verify Email##}' },
      signInCaseSensitive: false,
    });
    this.userPoolDomain = this.userPool.addDomain('CognitoDomain', { cognitoDomain: { domainPrefix: uniqueDomainPrefix } });
    this.userPoolClient = new UserPoolClient(this, 'UserPoolClient', {
      userPool: this.userPool,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
        scopes: [OAuthScope.EMAIL, OAuthScope.OPENID, OAuthScope.PROFILE],
        callbackUrls: ['http://localhost:3000/callback', 'https://oauth.pstmn.io/v1/callback'],
        logoutUrls: ['http://localhost:3000/logout'],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(30),
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'CognitoDomainUrl', { value: this.userPoolDomain.baseUrl() });
    new CfnOutput(this, 'HostedUISignUpUrl', {
      value: `${this.userPoolDomain.baseUrl()}/signup?client_id=${this.userPoolClient.userPoolClientId}&response_type=code&scope=email+openid+profile&redirect_uri=https://oauth.pstmn.io/v1/callback`,
    });
    new CfnOutput(this, 'AuthURL', { value: `${this.userPoolDomain.baseUrl()}/oauth2/authorize` });
    new CfnOutput(this, 'TokenURL', { value: `${this.userPoolDomain.baseUrl()}/oauth2/token` });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CdkCognitoApiPostman', { env: { account: '111122223333', region: 'us-east-1' } });
  const cognito = new CognitoConstruct(stack, 'Cognito');
  const handler = new lambda.Function(stack, 'RequestHandler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify(e.requestContext.authorizer) });'),
  });
  const api = new apigateway.RestApi(stack, 'Api', { restApiName: 'postman-demo-api', defaultCorsPreflightOptions: { allowOrigins: apigateway.Cors.ALL_ORIGINS } });
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [cognito.userPool] });
  api.root.addResource('protected').addMethod('GET', new apigateway.LambdaIntegration(handler), { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO });
  return templateOf(app, stack);
}
