/**
 * Written after iam326/cognito-client-credentials-by-cdk (lib/cognito-client-credentials-by-cdk-stack.ts, with
 * setup/create-app-client.sh): a user pool with a resource server (read and full-access scopes), a Cognito domain, a
 * REST API whose methods require those scopes through a COGNITO authorizer, and a client-credentials app client. The
 * source makes the client with the CLI; here it is the L2 client with generateSecret and the clientCredentials flow
 * only, authFlows left out, on an Essentials-tier pool (CDK v1 rewritten for aws-cdk-lib). Names are ours.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoClientCredentialsByCdkStack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', { userPoolName: 'cc-sample-user-pool', featurePlan: cognito.FeaturePlan.ESSENTIALS });
  const readOnly = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read-only access' });
  const fullAccess = new cognito.ResourceServerScope({ scopeName: '*', scopeDescription: 'Full access' });
  const server = userPool.addResourceServer('ResourceServer', { identifier: 'users', scopes: [readOnly, fullAccess] });
  userPool.addDomain('CognitoDomain', { cognitoDomain: { domainPrefix: 'client-credentials-sample' } });
  userPool.addClient('BatchClient', {
    generateSecret: true,
    oAuth: {
      flows: { clientCredentials: true },
      scopes: [cognito.OAuthScope.resourceServer(server, readOnly), cognito.OAuthScope.resourceServer(server, fullAccess)],
    },
    accessTokenValidity: Duration.minutes(30),
  });
  const fn = new lambda.Function(stack, 'helloWorldFunction', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "hello" });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_20_X,
    timeout: Duration.seconds(10),
    memorySize: 128,
  });
  const restApi = new apigateway.RestApi(stack, 'RestApi', { restApiName: 'cc-sample-api', deployOptions: { stageName: 'v1' } });
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [userPool] });
  const users = restApi.root.addResource('users');
  users.addMethod('GET', new apigateway.LambdaIntegration(fn), { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO, authorizationScopes: ['users/read', 'users/*'] });
  users.addMethod('POST', new apigateway.LambdaIntegration(fn), { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO, authorizationScopes: ['users/*'] });
  new CfnOutput(stack, 'CognitoUserPoolId', { value: userPool.userPoolId, exportName: 'CognitoUserPoolId' });
  return templateOf(app, stack);
}
