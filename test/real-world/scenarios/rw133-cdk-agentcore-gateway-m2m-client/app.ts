/**
 * Reproduces aws-solutions/distributed-load-testing-on-aws source/infrastructure/lib/mcp/gateway-construct.ts (commit
 * ab636447c5771ddde9194ca5cf7dde0071a90f62): a Bedrock AgentCore gateway whose CUSTOM_JWT authorizer names the
 * user pool's OpenID discovery URL and the allowed client ids, here with the machine-to-machine client it accepts
 * (client credentials only, ExplicitAuthFlows narrowed to ALLOW_REFRESH_TOKEN_AUTH through the L1, a resource-server
 * scope, 5-minute access tokens, user existence errors prevented). Names
 * and values are this project's own.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw133');
  const pool = new cognito.UserPool(stack, 'AgentPool', { selfSignUpEnabled: false });
  const tools = pool.addResourceServer('Tools', { identifier: 'load-tests', scopes: [new cognito.ResourceServerScope({ scopeName: 'run', scopeDescription: 'Run load tests' })] });
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'load-tests-agents-example' } });
  const agentClient = pool.addClient('AgentClient', {
    generateSecret: true,
    authFlows: {},
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('load-tests/run')] },
    accessTokenValidity: Duration.minutes(5),
    preventUserExistenceErrors: true,
  });
  agentClient.node.addDependency(tools);
  // authFlows: {} leaves ExplicitAuthFlows out (Cognito's default flows, SRP included); name the one flow that signs no one in.
  (agentClient.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
  const role = new iam.Role(stack, 'GatewayRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
  const gateway = new agentcore.CfnGateway(stack, 'ToolsGateway', {
    name: 'load-test-tools',
    description: 'MCP tools of the load-testing solution',
    roleArn: role.roleArn,
    protocolType: 'MCP',
    authorizerType: 'CUSTOM_JWT',
    authorizerConfiguration: {
      customJwtAuthorizer: {
        discoveryUrl: `https://cognito-idp.${stack.region}.amazonaws.com/${pool.userPoolId}/.well-known/openid-configuration`,
        allowedClients: [agentClient.userPoolClientId],
      },
    },
  });
  new CfnOutput(stack, 'GatewayUrl', { value: gateway.attrGatewayUrl });
  return templateOf(app, stack);
}
