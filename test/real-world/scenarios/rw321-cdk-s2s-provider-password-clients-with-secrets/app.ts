/**
 * Written after jaeneungsim/cdk-cognito-s2s-auth-pattern (lib/app-stack.ts, lib/app2-stack.ts, lib/app1-stack.ts): a
 * service-to-service prototype in two stacks. App2 (this scenario) owns a user pool with api-client and service-user
 * groups, two app clients with a secret and the password and SRP flows (no oAuth given, so the L2's OAuth defaults
 * apply), a JWT authorizer function given the JWKS URL, a create-user function given the pool id and a literal
 * 32-character "prototype" encryption key, and a REST API with a token authorizer; its outputs include setup
 * instructions. App1 (rw322) calls App2 with credentials written into its function's environment. Function code is
 * inline here.
 */
import { App, CfnOutput, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const code = (what: string) => lambda.Code.fromInline(`exports.handler = async (event) => { /* ${what} */ return { statusCode: 200 }; };`);

export class App2Stack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly apiClientAppClient: cognito.UserPoolClient;
  readonly apiGateway: apigw.RestApi;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.userPool = new cognito.UserPool(this, 'App2UserPool', {
      userPoolName: 'app2-user-pool',
      signInAliases: { username: true, email: false },
      autoVerify: { email: false },
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(1) },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new cognito.CfnUserPoolGroup(this, 'ApiClientGroup', { userPoolId: this.userPool.userPoolId, groupName: 'api-client', description: 'API clients that can create service users' });
    new cognito.CfnUserPoolGroup(this, 'ServiceUserGroup', { userPoolId: this.userPool.userPoolId, groupName: 'service-user', description: 'Service users that can call sample lambda' });
    this.apiClientAppClient = this.userPool.addClient('ApiClientAppClient', { userPoolClientName: 'api-client-app-client', authFlows: { userPassword: true, userSrp: true }, generateSecret: true });
    const serviceAppClient = this.userPool.addClient('ServiceAppClient', { userPoolClientName: 'service-app-client', authFlows: { userPassword: true, userSrp: true }, generateSecret: true });
    const jwtAuthorizerLambda = new lambda.Function(this, 'JwtAuthorizerLambda', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: code('verify the JWT against the JWKS'),
      environment: { JWKS_URI: `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}/.well-known/jwks.json` },
    });
    const createUserLambda = new lambda.Function(this, 'CreateUserLambda', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: code('AdminCreateUser with a decrypted password'),
      environment: { USER_POOL_ID: this.userPool.userPoolId, ENCRYPTION_KEY: 'prototype-key-32-chars-long1234!' },
    });
    const sampleLambda = new lambda.Function(this, 'SampleLambda', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: code('sample') });
    createUserLambda.addToRolePolicy(new iam.PolicyStatement({
      actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminSetUserPassword'],
      resources: [this.userPool.userPoolArn],
    }));
    this.apiGateway = new apigw.RestApi(this, 'App2Api', {
      restApiName: 'app2-api',
      defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS, allowMethods: apigw.Cors.ALL_METHODS, allowHeaders: ['Content-Type', 'Authorization'] },
    });
    const authorizer = new apigw.TokenAuthorizer(this, 'JwtAuthorizer', { handler: jwtAuthorizerLambda, identitySource: 'method.request.header.Authorization', resultsCacheTtl: Duration.seconds(300) });
    this.apiGateway.root.addResource('sample').addMethod('POST', new apigw.LambdaIntegration(sampleLambda), { authorizer });
    this.apiGateway.root.addResource('admin').addResource('create-user').addMethod('POST', new apigw.LambdaIntegration(createUserLambda), { authorizer });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'ApiClientAppClientId', { value: this.apiClientAppClient.userPoolClientId });
    new CfnOutput(this, 'ServiceAppClientId', { value: serviceAppClient.userPoolClientId });
    new CfnOutput(this, 'ApiGatewayUrl', { value: this.apiGateway.url });
    new CfnOutput(this, 'ManualSetupInstructions', { value: 'Create user manually: Username=app1-api-client (EXAMPLE), Password=ProtoPassword123! (EXAMPLE), Group=api-client' });
  }
}

interface App1StackProps extends StackProps { app2ApiUrl: string; app2UserPoolId: string; app2ApiClientId: string; app2ApiClientSecret: string }

export class App1Stack extends Stack {
  constructor(scope: Construct, id: string, props: App1StackProps) {
    super(scope, id, props);
    const fn = new lambda.Function(this, 'CreateUserClientLambda', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: code('sign in to App2 and call create-user'),
      environment: {
        APP2_CREATE_USER_URL: `${props.app2ApiUrl}admin/create-user`,
        APP2_USER_POOL_ID: props.app2UserPoolId,
        API_CLIENT_ID: props.app2ApiClientId,
        API_CLIENT_SECRET: props.app2ApiClientSecret,
        API_CLIENT_USERNAME: 'app1-api-client',
        API_CLIENT_PASSWORD: 'ProtoPassword123!',
        ENCRYPTION_KEY: 'prototype-key-32-chars-long1234!',
      },
      timeout: Duration.seconds(30),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:InitiateAuth'], resources: [`arn:aws:cognito-idp:${this.region}:${this.account}:userpool/${props.app2UserPoolId}`] }));
    const api = new apigw.RestApi(this, 'App1Api', { restApiName: 'app1-api' });
    api.root.addResource('create-service-user').addMethod('POST', new apigw.LambdaIntegration(fn));
    new CfnOutput(this, 'App1ApiGatewayUrl', { value: api.url });
  }
}

/** Both stacks, as the original's AppStack creates them beside each other. */
export function build(): { app: App; app1: App1Stack; app2: App2Stack } {
  const app = newApp();
  const app2 = new App2Stack(app, 'App2Stack');
  const app1 = new App1Stack(app, 'App1Stack', {
    app2ApiUrl: app2.apiGateway.url,
    app2UserPoolId: app2.userPool.userPoolId,
    app2ApiClientId: app2.apiClientAppClient.userPoolClientId,
    app2ApiClientSecret: 'REPLACE_WITH_ACTUAL_CLIENT_SECRET',
  });
  app1.addStackDependency(app2);
  return { app, app1, app2 };
}

export function synth(): Record<string, unknown> {
  const { app, app2 } = build();
  return templateOf(app, app2);
}
