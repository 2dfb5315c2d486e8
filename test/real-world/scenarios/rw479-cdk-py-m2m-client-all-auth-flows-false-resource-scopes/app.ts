/**
 * Written after a Python CDK stack found by code search (the index does not name its repository; "Cognito Stack — M2M
 * authentication for Chat UI ↔ Orchestrator Agent", SupplyChainUserPool), rewritten in TypeScript: a pool, a resource
 * server "supplychain" with read and write scopes, a Cognito domain for the token endpoint, and a client-credentials
 * client with a secret whose authFlows switch every sign-in flow off (custom, user-password and SRP all false), with
 * outputs of the pool id and ARN, the client id and the domain URL.
 */
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'SupplyChainCognito', { env: { account: '111122223333', region: 'us-west-2' } });
  const userPool = new cognito.UserPool(stack, 'SupplyChainUserPool', { userPoolName: 'SupplyChainUserPool', removalPolicy: RemovalPolicy.DESTROY });
  const readScope = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read access to supply chain resources' });
  const writeScope = new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write access to supply chain resources' });
  const resourceServer = userPool.addResourceServer('SupplyChainResourceServer', { identifier: 'supplychain', scopes: [readScope, writeScope] });
  const domain = userPool.addDomain('SupplyChainDomain', { cognitoDomain: { domainPrefix: `supply-chain-${stack.account}` } });
  const appClient = userPool.addClient('SupplyChainM2MClient', {
    userPoolClientName: 'SupplyChainM2MClient',
    generateSecret: true,
    authFlows: { custom: false, userPassword: false, userSrp: false },
    oAuth: {
      flows: { clientCredentials: true },
      scopes: [cognito.OAuthScope.resourceServer(resourceServer, readScope), cognito.OAuthScope.resourceServer(resourceServer, writeScope)],
    },
  });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  new CfnOutput(stack, 'UserPoolArn', { value: userPool.userPoolArn });
  new CfnOutput(stack, 'AppClientId', { value: appClient.userPoolClientId });
  new CfnOutput(stack, 'CognitoDomainUrl', { value: `https://${domain.domainName}.auth.${stack.region}.amazoncognito.com` });
  return templateOf(app, stack);
}
