/**
 * Written after alexalexiiii/cloud-app-ca1 (movies-app/lib/stacks/cognito-stack.ts and lib/constructs/auth-api.ts): a
 * user pool whose one client is added with only `authFlows: { userPassword: true }` (so the L2's OAuth defaults apply)
 * and used by sign-up, sign-in and sign-out functions behind a REST API, plus an app API whose protected routes use a
 * Cognito user pools authorizer. Inline code stands in for the NodejsFunction bundles; names are this project's own.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apig from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw214');
  const userPool = new cognito.UserPool(stack, 'MoviesUserPool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true, username: true },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const appClient = userPool.addClient('MoviesAppClient', { authFlows: { userPassword: true } });

  const authApi = new apig.RestApi(stack, 'AuthServiceApi', {
    description: 'Authentication Service RestApi',
    endpointTypes: [apig.EndpointType.REGIONAL],
    defaultCorsPreflightOptions: { allowOrigins: apig.Cors.ALL_ORIGINS },
  });
  const auth = authApi.root.addResource('auth');
  for (const [route, method, id] of [
    ['signup', 'POST', 'SignupFn'],
    ['confirm_signup', 'POST', 'ConfirmFn'],
    ['signout', 'GET', 'SignoutFn'],
    ['signin', 'POST', 'SigninFn'],
  ] as const) {
    const fn = new lambda.Function(stack, id, {
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(10),
      memorySize: 128,
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      environment: { USER_POOL_ID: userPool.userPoolId, CLIENT_ID: appClient.userPoolClientId, REGION: Aws.REGION },
    });
    auth.addResource(route).addMethod(method, new apig.LambdaIntegration(fn));
  }

  const appApi = new apig.RestApi(stack, 'AppApi', { description: 'Movies App RestApi', deployOptions: { stageName: 'dev' } });
  const authorizer = new apig.CognitoUserPoolsAuthorizer(stack, 'MoviesAuthorizer', {
    cognitoUserPools: [userPool],
    identitySource: 'method.request.header.Authorization',
    resultsCacheTtl: Duration.minutes(5),
  });
  const protectedFn = new lambda.Function(stack, 'ProtectedFn', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { TABLE_NAME: 'Movies', TOKEN_HEADER: 'Authorization' },
  });
  appApi.root.addResource('protected').addMethod('GET', new apig.LambdaIntegration(protectedFn), {
    authorizer,
    authorizationType: apig.AuthorizationType.COGNITO,
  });
  return templateOf(app, stack);
}
