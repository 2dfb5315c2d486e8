/**
 * Written after tomharvey/cognito-python-playground (clients/aws-lambda: app.py and aws_lambda/aws_lambda_stack.py, a
 * Python CDK app): the user pool and its app client were deployed by another stack and are imported here by id (the
 * pool by an ARN formatted from its id), an HTTP API with a user-pool JWT authorizer on a private route and a public
 * route, one function per route. Rewritten in TypeScript with inline code instead of an asset; the functions also
 * get the pool and client ids. Names are ours.
 */
import { Arn, CfnOutput, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'AwsLambdaStack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const userPoolId = 'eu-west-1_Pl4yGr0nd';
  const userPoolClientId = '5r2k9d1qg7vb3hq0l1c8m4n6pt';
  const userPool = cognito.UserPool.fromUserPoolArn(
    stack,
    'UserPool',
    Arn.format({ service: 'cognito-idp', resource: 'userpool', resourceName: userPoolId }, stack),
  );
  const userPoolClient = cognito.UserPoolClient.fromUserPoolClientId(stack, 'UserPoolClient', userPoolClientId);
  const authorizer = new HttpUserPoolAuthorizer('Authorizer', userPool, { userPoolClients: [userPoolClient] });
  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  new CfnOutput(stack, 'ApiUrl', { value: api.url! });
  const environment = { USER_POOL_ID: userPoolId, USER_POOL_CLIENT_ID: userPoolClientId };
  const privateFn = new lambda.Function(stack, 'PrivateFunction', {
    handler: 'main.private_handler',
    runtime: lambda.Runtime.PYTHON_3_12,
    code: lambda.Code.fromInline('def private_handler(event, context):\n    return {"statusCode": 200}\n'),
    environment,
  });
  api.addRoutes({ path: '/private', methods: [apigwv2.HttpMethod.GET], authorizer, integration: new HttpLambdaIntegration('PrivateFnIntegration', privateFn) });
  const publicFn = new lambda.Function(stack, 'PublicFunction', {
    handler: 'main.public_handler',
    runtime: lambda.Runtime.PYTHON_3_12,
    code: lambda.Code.fromInline('def public_handler(event, context):\n    return {"statusCode": 200}\n'),
    environment,
  });
  api.addRoutes({ path: '/public', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('PublicFnIntegration', publicFn) });
  return templateOf(app, stack);
}
