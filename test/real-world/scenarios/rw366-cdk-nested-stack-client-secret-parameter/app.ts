/**
 * Written after the CDK pattern of a stack that exposes its app client's secret as a public string for the stacks
 * built after it (a `public readonly clientSecret: string` filled from an AwsCustomResource describeUserPoolClient,
 * found by code search; the index does not name the repository), here with the L2's own userPoolClientSecret and a
 * NestedStack: the parent owns the pool and a confidential client, the nested API stack's function gets the client id
 * and secret as environment variables. CDK passes the secret to the nested stack as a CloudFormation parameter. The
 * parent's template (as cdk.out writes it) is audited. Names are ours.
 */
import { NestedStack, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const parent = new Stack(app, 'PortalParent', { env: { account: '111122223333', region: 'us-east-1' } });
  const pool = new cognito.UserPool(parent, 'Users', { selfSignUpEnabled: false, signInAliases: { email: true } });
  const client = pool.addClient('Backend', {
    generateSecret: true,
    authFlows: { userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['https://portal.example.com/callback'] },
    preventUserExistenceErrors: true,
  });
  const api = new NestedStack(parent, 'Api');
  new lambda.Function(api, 'BackendFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: {
      USER_POOL_ID: pool.userPoolId,
      CLIENT_ID: client.userPoolClientId,
      CLIENT_SECRET: client.userPoolClientSecret.unsafeUnwrap(),
    },
  });
  return templateOf(app, parent);
}
