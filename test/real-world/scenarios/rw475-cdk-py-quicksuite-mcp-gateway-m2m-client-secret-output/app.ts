/**
 * Written after a Python CDK stack found by code search (the index does not name its repository;
 * QuickSuiteObservabilityMCPStack: "Quick Suite Observability MCP Stack"), rewritten in TypeScript: log-delivery
 * resource policies for three imported log groups, a Provider-backed custom resource that enables delivery, a tools
 * function the AgentCore gateway may invoke, a pool with a domain and a resource server ("invoke"), a confidential
 * client-credentials client (30-day refresh tokens, 3-minute auth session, revocation on, no authFlows), an MCP gateway
 * with a custom JWT authorizer admitting the client, a gateway target for the function, and outputs including the
 * gateway URL, the client id and the CLIENT SECRET (the L2's userPoolClientSecret, unwrapped). One tool stands for the
 * source's JSON tool list; inline code stands for its assets; the domain prefix's hash is ours.
 */
import { CfnOutput, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'QuickSuiteObservabilityMCP', { env: { account: '111122223333', region: 'us-east-1' } });
  const names = ['/aws/quicksuite/chat', '/aws/quicksuite/feedback', '/aws/quicksuite/agent-hours'];
  const [chat, feedback, agentHours] = [['ChatLogsGroup', names[0]], ['FeedbackLogsGroup', names[1]], ['AgentHoursLogsGroup', names[2]]].map(([id, n]) => logs.LogGroup.fromLogGroupName(stack, id, n));
  for (const n of names) {
    new logs.CfnResourcePolicy(stack, `LogDeliveryPolicy${n.replace(/\//g, '-')}`, {
      policyName: `QuickSuiteLogDeliveryPolicy${n.replace(/\//g, '-')}`,
      policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:us-east-1:111122223333:log-group:${n}:*` }] }),
    });
  }
  const enableLoggingFunction = new lambda.Function(stack, 'EnableLoggingFunction', {
    runtime: lambda.Runtime.PYTHON_3_13,
    handler: 'index.handler',
    timeout: Duration.seconds(60),
    code: lambda.Code.fromInline("def handler(event, context):\n    return {'PhysicalResourceId': 'quicksuite-logging-enabled'}\n"),
  });
  const provider = new cr.Provider(stack, 'EnableLoggingProvider', { onEventHandler: enableLoggingFunction });
  new CustomResource(stack, 'EnableLoggingCustomResource', { serviceToken: provider.serviceToken });
  const lambdaRole = new iam.Role(stack, 'LambdaRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });
  const mcpFunction = new lambda.Function(stack, 'QuickSuiteObservabilityFunction', {
    runtime: lambda.Runtime.PYTHON_3_13,
    handler: 'quicksuite_observability_lambda.handler',
    code: lambda.Code.fromInline('def handler(event, context):\n    return {}\n'),
    role: lambdaRole,
    timeout: Duration.seconds(60),
    memorySize: 512,
    environment: { CHAT_LOG_GROUP: names[0], FEEDBACK_LOG_GROUP: names[1], AGENT_HOURS_LOG_GROUP: names[2] },
  });
  mcpFunction.addPermission('AllowAgentCoreInvoke', { principal: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com'), action: 'lambda:InvokeFunction' });
  const userPool = new cognito.UserPool(stack, 'MCPUserPool', {
    userPoolName: `${stack.stackName}-user-pool`,
    passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireDigits: true, requireSymbols: true },
    mfa: cognito.Mfa.OFF,
    accountRecovery: cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
  });
  const userPoolDomain = userPool.addDomain('MCPUserPoolDomain', { cognitoDomain: { domainPrefix: 'quicksuiteobservabilitymcp-333333-5f2c1a' } });
  const invokeScope = new cognito.ResourceServerScope({ scopeName: 'invoke', scopeDescription: 'Scope for invoking the agentcore gateway' });
  const resourceServerName = `${stack.stackName.toLowerCase()}-pool`;
  const resourceServer = userPool.addResourceServer('MCPResourceServer', { identifier: resourceServerName, userPoolResourceServerName: resourceServerName, scopes: [invokeScope] });
  const userPoolClient = new cognito.UserPoolClient(stack, 'MCPUserPoolClient', {
    userPool,
    userPoolClientName: `${stack.stackName}-client`,
    generateSecret: true,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(resourceServer, invokeScope)] },
    refreshTokenValidity: Duration.days(30),
    authSessionValidity: Duration.minutes(3),
    enableTokenRevocation: true,
  });
  const gatewayRole = new iam.Role(stack, 'GatewayRole', {
    assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com'),
    inlinePolicies: {
      GatewayPolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'GetSecretValue', actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }),
          new iam.PolicyStatement({ sid: 'LambdaInvokeAccess', actions: ['lambda:InvokeFunction'], resources: ['arn:aws:lambda:*:*:function:*'] }),
        ],
      }),
    },
  });
  const mcpGateway = new agentcore.CfnGateway(stack, 'MCPGateway', {
    name: `${stack.stackName.toLowerCase()}-gateway`,
    protocolType: 'MCP',
    authorizerType: 'CUSTOM_JWT',
    authorizerConfiguration: {
      customJwtAuthorizer: {
        discoveryUrl: `https://cognito-idp.${stack.region}.amazonaws.com/${userPool.userPoolId}/.well-known/openid-configuration`,
        allowedClients: [userPoolClient.userPoolClientId],
      },
    },
    roleArn: gatewayRole.roleArn,
  });
  const gatewayTarget = new agentcore.CfnGatewayTarget(stack, 'GatewayTarget', {
    credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
    name: 'observability-lambda-target',
    gatewayIdentifier: mcpGateway.attrGatewayIdentifier,
    targetConfiguration: {
      mcp: {
        lambda: {
          lambdaArn: mcpFunction.functionArn,
          toolSchema: { inlinePayload: [{ name: 'query_chat_logs', description: 'Query Quick Suite chat logs', inputSchema: { type: 'object', properties: { hours: { type: 'integer' } } } }] },
        },
      },
    },
  });
  gatewayTarget.node.addDependency(mcpGateway);
  new CfnOutput(stack, 'GatewayUrl', { value: mcpGateway.attrGatewayUrl, description: 'MCP Gateway URL' });
  new CfnOutput(stack, 'ClientId', { value: userPoolClient.userPoolClientId, description: 'Cognito Client ID' });
  new CfnOutput(stack, 'ClientSecret', { value: userPoolClient.userPoolClientSecret.unsafeUnwrap(), description: 'Cognito Client Secret' });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito User Pool ID' });
  new CfnOutput(stack, 'CognitoTokenUrl', { value: `https://${userPoolDomain.domainName}.auth.${stack.region}.amazoncognito.com/oauth2/token`, description: 'Cognito OAuth2 Token URL' });
  new CfnOutput(stack, 'FunctionArn', { value: mcpFunction.functionArn, description: 'Lambda Function ARN' });
  new CfnOutput(stack, 'ChatLogGroup', { value: chat.logGroupName });
  new CfnOutput(stack, 'FeedbackLogGroup', { value: feedback.logGroupName });
  new CfnOutput(stack, 'AgentHoursLogGroup', { value: agentHours.logGroupName });
  return templateOf(app, stack);
}
