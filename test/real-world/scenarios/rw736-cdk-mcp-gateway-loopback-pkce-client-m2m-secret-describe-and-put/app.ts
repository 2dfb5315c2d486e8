/**
 * Written after a CognitoConstruct found by code search (an AgentCore Gateway admin console with an MCP bridge; the
 * index does not name its repository), with the same constructs and props: an admin-only pool with a `gateway`
 * resource server (`invoke` scope) and an admin group; a public PKCE client for the local bridge with SRP, rotation
 * (30-second grace), revocation, 1-hour tokens, an 8-hour refresh token and http://127.0.0.1 callbacks on five fixed
 * ports (RFC 8252 loopback redirects); a confidential m2m client with the client-credentials flow and no authFlows;
 * and exposeM2mSecret(): a Secret (no key, no rotation; the source suppresses AwsSolutions-SMG4 with a reason) filled
 * by two AwsCustomResources, one calling describeUserPoolClient for the m2m client (logging left on) and one calling
 * putSecretValue with the ClientSecret response field as SecretString; a hosted UI domain. Construct ids are the
 * source's; the optional federation IdP is not configured.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, OAuthScope, ResourceServerScope, StringAttribute, UserPool, UserPoolClient, UserPoolClientIdentityProvider, UserPoolResourceServer } from 'aws-cdk-lib/aws-cognito';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const LOOPBACK_REDIRECT_PORTS = [33991, 33992, 33993, 33994, 33995] as const;

class CognitoConstruct extends Construct {
  readonly userPool: UserPool;
  readonly userClient: UserPoolClient;
  readonly m2mClient: UserPoolClient;
  readonly m2mClientSecret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'AdminUserPool', {
      userPoolName: `${Stack.of(this).stackName}-admin`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { role: new StringAttribute({ mutable: true }) },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnUserPoolGroup(this, 'AdminGroup', { userPoolId: this.userPool.userPoolId, groupName: 'admin', description: 'Admin Console operators' });
    const invokeScope = new ResourceServerScope({ scopeName: 'invoke', scopeDescription: 'Invoke search tools via AgentCore Gateway' });
    const resourceServer = new UserPoolResourceServer(this, 'GatewayResourceServer', { userPool: this.userPool, identifier: 'gateway', scopes: [invokeScope] });
    this.userClient = this.userPool.addClient('GatewayUserClient', {
      userPoolClientName: 'gateway-user',
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      refreshTokenRotationGracePeriod: Duration.seconds(30),
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.resourceServer(resourceServer, invokeScope)],
        callbackUrls: LOOPBACK_REDIRECT_PORTS.map((p) => `http://127.0.0.1:${p}/callback`),
        logoutUrls: LOOPBACK_REDIRECT_PORTS.map((p) => `http://127.0.0.1:${p}/logout`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    });
    this.m2mClient = this.userPool.addClient('GatewayM2mClient', {
      userPoolClientName: 'gateway-m2m',
      generateSecret: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      oAuth: { flows: { clientCredentials: true }, scopes: [OAuthScope.resourceServer(resourceServer, invokeScope)] },
    });
    this.m2mClientSecret = this.exposeM2mSecret();
    const prefix = `agentcore-admin-${Stack.of(this).account}`;
    this.userPool.addDomain('AdminHostedUi', { cognitoDomain: { domainPrefix: prefix } });
  }

  private exposeM2mSecret(): Secret {
    const secret = new Secret(this, 'M2mClientSecret', {
      secretName: `${Stack.of(this).stackName}/cognito/gateway-m2m`,
      description: 'Cognito gateway-m2m client_secret used by headless workloads to mint Bearer tokens for AgentCore Gateway',
    });
    // What NagSuppressions.addResourceSuppressions(secret, [...]) writes (cdk-nag 2 format).
    (secret.node.defaultChild as CfnSecret).addMetadata('cdk_nag', {
      rules_to_suppress: [{ id: 'AwsSolutions-SMG4', reason: 'Cognito does not expose a programmatic rotation contract for app-client secrets; operators rotate via runbook.' }],
    });
    const describeClientCall = () => ({
      service: 'CognitoIdentityServiceProvider',
      action: 'describeUserPoolClient',
      parameters: { UserPoolId: this.userPool.userPoolId, ClientId: this.m2mClient.userPoolClientId },
      physicalResourceId: PhysicalResourceId.of(`${this.m2mClient.userPoolClientId}-describe`),
    });
    const fetchSecret = new AwsCustomResource(this, 'M2mClientSecretFetch', {
      onCreate: describeClientCall(),
      onUpdate: describeClientCall(),
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ effect: Effect.ALLOW, actions: ['cognito-idp:DescribeUserPoolClient'], resources: [this.userPool.userPoolArn] })]),
    });
    fetchSecret.node.addDependency(this.m2mClient);
    const clientSecretValue = fetchSecret.getResponseField('UserPoolClient.ClientSecret');
    const putCall = {
      service: 'SecretsManager',
      action: 'putSecretValue',
      parameters: { SecretId: secret.secretArn, SecretString: clientSecretValue },
      physicalResourceId: PhysicalResourceId.of(`${secret.secretArn}-write`),
    };
    new AwsCustomResource(this, 'M2mClientSecretWrite', {
      onCreate: putCall,
      onUpdate: putCall,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ effect: Effect.ALLOW, actions: ['secretsmanager:PutSecretValue'], resources: [secret.secretArn] })]),
    }).node.addDependency(fetchSecret);
    return secret;
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'AgentCoreSearchAdmin', { env: { account: '111122223333', region: 'us-east-1' } });
  new CognitoConstruct(stack, 'Cognito');
  return templateOf(app, stack);
}
