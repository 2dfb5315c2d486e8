/**
 * Written after NASA-IMPACT/veda-auth (infra/stack.py with app.py), the Python CDK app of NASA's VEDA platform auth
 * stack, rewritten in TypeScript: a user pool with a Cognito domain, a "programmatic" client for the VEDA SDK
 * (user-password and admin-user-password flows, OAuth left to the L2's defaults) and a service-to-service client
 * (client credentials, a generated secret, a resource-server scope) whose secret is read back by an AwsCustomResource
 * describeUserPoolClient call (default logging) and written, with the client id and domain, into a Secrets Manager
 * secret per client (`SecretValue.unsafe_plain_text(json.dumps(...))`, the source's TODO says so); outputs give the
 * secrets' names and ARNs. The identity pool branch (cognito_groups) is off, as in app.py. Construct ids are the
 * source's.
 */
import { CfnOutput, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class AuthStack extends Stack {
  readonly userpool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  constructor(scope: Construct, id: string) {
    super(scope, id, { env: { account: '111122223333', region: 'us-west-2' } });
    this.userpool = new cognito.UserPool(this, 'userpool', {
      userPoolName: Stack.of(this).stackName,
      removalPolicy: RemovalPolicy.DESTROY,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true } },
    });
    const stackName = Stack.of(this).stackName;
    this.domain = this.userpool.addDomain('cognito-domain', { cognitoDomain: { domainPrefix: stackName } });
    new CfnOutput(this, 'domain-base-url', { exportName: `${stackName}-userpool-domain-base-url`, value: this.domain.baseUrl() });
  }

  private getClientSecret(client: cognito.UserPoolClient): string {
    const describe = new cr.AwsCustomResource(this, `describe-${client.toString()}`, {
      resourceType: 'Custom::DescribeCognitoUserPoolClient',
      onCreate: {
        region: Stack.of(this).region,
        service: 'CognitoIdentityServiceProvider',
        action: 'describeUserPoolClient',
        parameters: { UserPoolId: this.userpool.userPoolId, ClientId: client.userPoolClientId },
        physicalResourceId: cr.PhysicalResourceId.of(client.userPoolClientId),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    return describe.getResponseField('UserPoolClient.ClientSecret');
  }

  private createSecret(serviceId: string, secretDict: Record<string, string>): secretsmanager.Secret {
    const stackName = Stack.of(this).stackName;
    const secret = new secretsmanager.Secret(this, `${serviceId}-secret`, {
      secretName: `${stackName}/${serviceId}`,
      description: 'Client secret, created by VEDA Auth CDK.',
      secretStringValue: SecretValue.unsafePlainText(Stack.of(this).toJsonString(secretDict)),
    });
    new CfnOutput(this, `${serviceId}-secret-output`, { exportName: `${stackName}-${serviceId}-secret`, value: secret.secretName });
    new CfnOutput(this, `${serviceId}-secret-arn-output`, { exportName: `${stackName}-${serviceId}-secret-arn`, value: secret.secretArn });
    return secret;
  }

  addResourceServer(resourceId: string, supportedScopes: Record<string, string>): Record<string, cognito.OAuthScope> {
    const scopes = Object.entries(supportedScopes).map(([scopeName, scopeDescription]) => new cognito.ResourceServerScope({ scopeName, scopeDescription }));
    const resourceServer = this.userpool.addResourceServer(`${resourceId}-server`, { identifier: `${resourceId}-server`, scopes });
    return Object.fromEntries(scopes.map((s) => [s.scopeName, cognito.OAuthScope.resourceServer(resourceServer, s)]));
  }

  addProgrammaticClient(serviceId: string, name?: string): cognito.UserPoolClient {
    const client = this.userpool.addClient(serviceId, {
      authFlows: { userPassword: true, adminUserPassword: true },
      generateSecret: false,
      userPoolClientName: name ?? serviceId,
    });
    this.createSecret(serviceId, { flow: 'user_password', cognito_domain: this.domain.baseUrl(), client_id: client.userPoolClientId });
    return client;
  }

  addServiceClient(serviceId: string, scopes: cognito.OAuthScope[]): cognito.UserPoolClient {
    const client = this.userpool.addClient(`${serviceId}_client`, {
      oAuth: { flows: { clientCredentials: true }, scopes },
      generateSecret: true,
      userPoolClientName: `${serviceId} Service Access`,
      disableOAuth: false,
    });
    this.createSecret(serviceId, {
      flow: 'client_credentials',
      cognito_domain: this.domain.baseUrl(),
      client_id: client.userPoolClientId,
      client_secret: this.getClientSecret(client),
      scope: scopes.map((s) => s.scopeName).join(' '),
    });
    return client;
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new AuthStack(app, 'veda-auth-stack-dev');
  stack.addProgrammaticClient('veda-sdk');
  const scopes = stack.addResourceServer('veda-stac-ingestion-registry', { 'stac:register': 'Create STAC ingestions' });
  stack.addServiceClient('veda-stac-ingestion-registry', [scopes['stac:register']]);
  return templateOf(app, stack);
}
