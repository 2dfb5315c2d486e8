/**
 * Written after alainux/aws-cdk-appsync-lambdas-dynamodb (lib/book-store-graphql-api-stack.ts: an AppSync API with an
 * API key and Lambda resolvers) with the user-pool default authorization many such apps move to: the pool is imported
 * from another stack, the API key stays as an additional mode (not published), and the resolver functions receive the
 * GraphQL URL, the API id, the pool id and the name of the secret that holds the key, never the key. Names are this
 * project's own.
 */
import * as path from 'node:path';
import { CfnOutput, Duration, Expiration, Fn, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw218');
  const userPool = cognito.UserPool.fromUserPoolId(stack, 'BookStorePool', Fn.importValue('BookStoreUserPoolId'));
  const api = new appsync.GraphqlApi(stack, 'MyApi', {
    name: 'my-book-api',
    definition: appsync.Definition.fromFile(path.join(__dirname, 'schema.graphql')),
    authorizationConfig: {
      defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool } },
      additionalAuthorizationModes: [
        { authorizationType: appsync.AuthorizationType.API_KEY, apiKeyConfig: { name: 'Public catalogue key', expires: Expiration.after(Duration.days(30)) } },
        { authorizationType: appsync.AuthorizationType.IAM },
      ],
    },
    xrayEnabled: true,
  });
  const listBooks = new lambda.Function(stack, 'ListBooksFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => [];'),
    environment: {
      GRAPHQL_URL: api.graphqlUrl,
      GRAPHQL_API_ID: api.apiId,
      USER_POOL_ID: userPool.userPoolId,
      API_KEY_SECRET_NAME: 'book-store/appsync/public-catalogue-key',
      API_KEY_HEADER: 'x-api-key',
      TOKEN_USE: 'access',
    },
  });
  api.addLambdaDataSource('ListBooksSource', listBooks).createResolver('ListBooksResolver', { typeName: 'Query', fieldName: 'listBooks' });
  new CfnOutput(stack, 'GraphQLApiUrl', { value: api.graphqlUrl });
  new CfnOutput(stack, 'GraphQLApiId', { value: api.apiId });
  return templateOf(app, stack);
}
