/**
 * Written after AlexZeitler/cdk-cognito-oauth-flow-example (lib/idp-stack.ts), a CDK v1 app rewritten against
 * aws-cdk-lib 2: a user pool, a resource server written as a raw CfnResource (AWS::Cognito::UserPoolResourceServer)
 * with one scope, a "console" client with a secret and only the client-credentials flow and the custom scope (no
 * authFlows, no other settings), and a hosted domain.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'IdpStack');
  const pool = new cognito.UserPool(stack, 'dev-userpool', { userPoolName: 'dev-userpool' });
  const resourceServer = new CfnResource(stack, 'dev-userpool-resource-server', {
    type: 'AWS::Cognito::UserPoolResourceServer',
    properties: {
      Identifier: 'https://resource-server/',
      Name: 'dev-userpool-resource-server',
      Scopes: [{ ScopeDescription: 'Get todo items', ScopeName: 'get-todos' }],
      UserPoolId: pool.userPoolId,
    },
  });
  const client = pool.addClient('console-client', {
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('https://resource-server//get-todos')] },
  });
  client.node.addDependency(resourceServer);
  pool.addDomain('dev-userpool-domain', { cognitoDomain: { domainPrefix: 'dev-userpool' } });
  return templateOf(app, stack);
}
