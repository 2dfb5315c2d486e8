/**
 * Written after a C# CDK construct found by code search (the index does not name its repository; namespace
 * Infrastructure, AuthenticationConstruct), rewritten in TypeScript: a pool with default settings, a public client
 * with existence errors on and every sign-in flow (user password, admin user password, SRP, custom) but no OAuth
 * settings, a Users table, a create-account function allowed cognito-idp:InitiateAuth on the pool, and a REST API with
 * a GET on the root. The .NET Core 3.1 asset is inline Node code here.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'InfrastructureStack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool');
  new cognito.UserPoolClient(stack, 'UserPoolClient', {
    userPoolClientName: 'User Pool Client',
    userPool,
    generateSecret: false,
    preventUserExistenceErrors: true,
    authFlows: { userPassword: true, adminUserPassword: true, userSrp: true, custom: true },
  });
  const usersTable = new dynamodb.Table(stack, 'UsersTable', { tableName: 'Users', billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  const createAccountFunction = new lambda.Function(stack, 'CreateAccount', {
    runtime: lambda.Runtime.NODEJS_20_X,
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
  });
  usersTable.grantReadWriteData(createAccountFunction);
  createAccountFunction.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.ALLOW, actions: ['cognito-idp:InitiateAuth'], resources: [userPool.userPoolArn] }));
  const api = new apigateway.RestApi(stack, 'Authentication-API', { restApiName: 'Authentication Service' });
  api.root.addMethod('GET', new apigateway.LambdaIntegration(createAccountFunction, { requestTemplates: { 'application/json': '{ "statusCode": "200" }' } }));
  return templateOf(app, stack);
}
