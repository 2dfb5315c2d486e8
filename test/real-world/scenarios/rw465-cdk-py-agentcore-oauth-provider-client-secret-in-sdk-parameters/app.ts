/**
 * Written after a Python CDK construct module found by code search (the index does not name its repository; "MAKITA
 * Cognito CDK Constructs": McpOAuthPool and AgentCoreOAuthProvider), rewritten in TypeScript: an M2M pool with a
 * domain, a resource server with an "invoke" scope, a client-credentials client with a secret and no authFlows, and an
 * AwsCustomResource calling bedrock-agentcore-control createOauth2CredentialProvider whose parameters carry the client
 * id, the discovery URL and the client secret (the L2's userPoolClientSecret, unwrapped), deleted by name. PROJECT is
 * "makita"; the region constant is ours.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const PROJECT = 'makita';
const PRIMARY_REGION = 'us-west-2';

class McpOAuthPool extends Construct {
  readonly pool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly discoveryUrl: string;
  readonly clientId: string;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.pool = new cognito.UserPool(this, 'M2MPool', { userPoolName: `${PROJECT}-m2m-pool` });
    this.pool.addDomain('Domain', { cognitoDomain: { domainPrefix: `${PROJECT}-m2m-${Aws.ACCOUNT_ID}` } });
    const resourceServer = this.pool.addResourceServer('McpResourceServer', {
      identifier: `${PROJECT}-mcp`,
      scopes: [new cognito.ResourceServerScope({ scopeName: 'invoke', scopeDescription: 'Invoke MCP tools' })],
    });
    this.client = this.pool.addClient('GatewayClient', {
      userPoolClientName: `${PROJECT}-gateway-client`,
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom(`${PROJECT}-mcp/invoke`)] },
    });
    this.client.node.addDependency(resourceServer);
    this.discoveryUrl = `https://cognito-idp.${PRIMARY_REGION}.amazonaws.com/${this.pool.userPoolId}/.well-known/openid-configuration`;
    this.clientId = this.client.userPoolClientId;
  }
}

class AgentCoreOAuthProvider extends Construct {
  constructor(scope: Construct, id: string, cognitoPool: McpOAuthPool) {
    super(scope, id);
    const providerPolicy = cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({ actions: ['bedrock-agentcore:*', 'bedrock-agentcore-control:*'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['secretsmanager:*'], resources: ['*'] }),
    ]);
    const clientSecret = cognitoPool.client.userPoolClientSecret;
    new cr.AwsCustomResource(this, 'OAuthProvider', {
      installLatestAwsSdk: true,
      onCreate: {
        service: 'bedrock-agentcore-control',
        action: 'createOauth2CredentialProvider',
        parameters: {
          name: `${PROJECT}-m2m-oauth2-provider`,
          credentialProviderVendor: 'CustomOauth2',
          oauth2ProviderConfigInput: {
            customOauth2ProviderConfig: {
              clientId: cognitoPool.clientId,
              clientSecret: clientSecret.unsafeUnwrap(),
              oauthDiscovery: { discoveryUrl: cognitoPool.discoveryUrl },
            },
          },
        },
        physicalResourceId: cr.PhysicalResourceId.fromResponse('credentialProviderArn'),
      },
      onDelete: {
        service: 'bedrock-agentcore-control',
        action: 'deleteOauth2CredentialProvider',
        parameters: { name: `${PROJECT}-m2m-oauth2-provider` },
      },
      policy: providerPolicy,
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'MakitaAgentStack', { env: { account: '111122223333', region: PRIMARY_REGION } });
  const pool = new McpOAuthPool(stack, 'McpOAuth');
  new AgentCoreOAuthProvider(stack, 'AgentCoreOAuth', pool);
  return templateOf(app, stack);
}
