/**
 * Written after a Python CDK stack found by code search (the index does not name its repository; `CognitoStack` for a
 * "toon" gateway: M2MUserPool, GatewayClient "gateway-m2m-client", secret "toon-{env}/gateway/client-config"),
 * rewritten in TypeScript: an admin-only pool with a domain and a resource server (read, write, gateway), a
 * client-credentials client with a secret, one-hour access and ID tokens, one-day refresh tokens and existence errors
 * on, a Secrets Manager secret whose generated template holds the client id, pool id, token endpoint and discovery URL
 * and generates "client_secret" (a placeholder a Lambda-backed custom resource overwrites with the real secret through
 * describeUserPoolClient at deploy time), String parameters of ids and URLs, and outputs including the secret's ARN and
 * a curl example with <CLIENT_ID>/<CLIENT_SECRET> placeholders. The updater's code is inline here (an asset in the
 * source); environment "dev".
 */
import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const environment = 'dev';
  const stack = new Stack(app, 'ToonCognitoStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'M2MUserPool', {
    signInAliases: { email: true },
    autoVerify: { email: true },
    mfa: cognito.Mfa.OFF,
    selfSignUpEnabled: false,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const domainPrefix = `toon-m2m-${stack.account}`;
  userPool.addDomain('M2MUserPoolDomain', { cognitoDomain: { domainPrefix } });
  const identifier = `toon-${environment}-resource-server`;
  const resourceServer = userPool.addResourceServer('M2MResourceServer', {
    identifier,
    scopes: [
      new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read access to resources' }),
      new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write access to resources' }),
      new cognito.ResourceServerScope({ scopeName: 'gateway', scopeDescription: 'Gateway-specific access' }),
    ],
  });
  const gatewayClient = userPool.addClient('GatewayClient', {
    userPoolClientName: 'gateway-m2m-client',
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom(`${identifier}/read`), cognito.OAuthScope.custom(`${identifier}/gateway`)] },
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(1),
    preventUserExistenceErrors: true,
  });
  gatewayClient.node.addDependency(resourceServer);
  const tokenEndpoint = `https://${domainPrefix}.auth.${stack.region}.amazoncognito.com/oauth2/token`;
  const discoveryUrl = `https://cognito-idp.${stack.region}.amazonaws.com/${userPool.userPoolId}/.well-known/openid-configuration`;
  const gatewayClientSecret = new secretsmanager.Secret(stack, 'GatewayClientSecret', {
    secretName: `toon-${environment}/gateway/client-config`,
    description: 'Gateway Client configuration for M2M authentication',
    generateSecretString: {
      secretStringTemplate: stack.toJsonString({ client_id: gatewayClient.userPoolClientId, user_pool_id: userPool.userPoolId, token_endpoint: tokenEndpoint, cognito_discovery_url: discoveryUrl }),
      generateStringKey: 'client_secret',
    },
  });
  const updater = new lambda.Function(stack, 'CognitoSecretUpdaterFunction', {
    runtime: lambda.Runtime.PYTHON_3_13,
    handler: 'index.lambda_handler',
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return {"PhysicalResourceId": event["ResourceProperties"]["ClientId"]}\n'),
    timeout: Duration.minutes(1),
    memorySize: 128,
  });
  updater.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:DescribeUserPoolClient'], resources: [userPool.userPoolArn] }));
  gatewayClientSecret.grantRead(updater);
  gatewayClientSecret.grantWrite(updater);
  const provider = new cr.Provider(stack, 'SecretUpdaterProvider', { onEventHandler: updater });
  new CustomResource(stack, 'GatewayClientSecretUpdater', {
    serviceToken: provider.serviceToken,
    properties: { UserPoolId: userPool.userPoolId, ClientId: gatewayClient.userPoolClientId, SecretArn: gatewayClientSecret.secretArn },
  });
  const param = (id: string, name: string, value: string, description: string) => new ssm.StringParameter(stack, id, { parameterName: `/app/toon/${environment}/cognito/${name}`, stringValue: value, description });
  param('CognitoUserPoolIdParameter', 'user_pool_id', userPool.userPoolId, 'Cognito User Pool ID');
  param('CognitoTokenURLParameter', 'token_url', tokenEndpoint, 'OAuth2 Token URL');
  param('CognitoDiscoveryURLParameter', 'discovery_url', discoveryUrl, 'OpenID Connect Discovery URL');
  param('CognitoGatewayClientIdParameter', 'gateway_client_id', gatewayClient.userPoolClientId, 'Gateway M2M Client ID');
  const out = (id: string, value: string, description: string) => new CfnOutput(stack, id, { value, description });
  out('UserPoolId', userPool.userPoolId, 'Cognito User Pool ID');
  out('UserPoolArn', userPool.userPoolArn, 'Cognito User Pool ARN');
  out('UserPoolDomain', `${domainPrefix}.auth.${stack.region}.amazoncognito.com`, 'Cognito User Pool Domain');
  out('GatewayClientId', gatewayClient.userPoolClientId, 'Gateway M2M Client ID');
  out('TokenEndpoint', tokenEndpoint, 'OAuth 2.0 Token Endpoint');
  out('DiscoveryUrl', discoveryUrl, 'OpenID Connect Discovery URL');
  out('GatewayClientSecretArn', gatewayClientSecret.secretArn, 'Gateway Client Secret ARN in Secrets Manager');
  out('GatewayScopes', `${identifier}/read ${identifier}/gateway`, 'Available scopes for Gateway Client');
  out('ClientCredentialsExample', `curl -X POST ${tokenEndpoint} -H 'Content-Type: application/x-www-form-urlencoded' -d 'grant_type=client_credentials&client_id=<CLIENT_ID>&client_secret=<CLIENT_SECRET>&scope=${identifier}/read ${identifier}/gateway'`, 'Example curl command for getting access token');
  return templateOf(app, stack);
}
