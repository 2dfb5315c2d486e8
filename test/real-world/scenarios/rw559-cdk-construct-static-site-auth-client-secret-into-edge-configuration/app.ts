/**
 * Written after cloudcomponents/cdk-constructs (packages/cdk-cloudfront-authorization/src/authorizations.ts
 * StaticSiteAuthorization, with retrieve-user-pool-client-secret.ts, secret-generator.ts, user-pool-domain.ts,
 * auth-flow.ts, and packages/cdk-lambda-at-edge-pattern/src/edge-function.ts, edge-function-provider.ts,
 * with-configuration.ts; examples/cloudfront-authorization-example), a Construct Hub library for Cognito sign-in in
 * front of CloudFront: the static-site mode adds a client with a secret (code grant, the library's default scopes
 * phone/email/profile/openid/admin, existence errors prevented), reads the client secret back with an AwsCustomResource
 * describeUserPoolClient call (no logging option), generates a nonce-signing secret with a Lambda-backed
 * Custom::GenerateSecret, and gives both, with the pool and client ids and the auth domain, to each Lambda@Edge
 * function as a JSON configuration: a Custom::WithConfiguration resource that writes it into the function's code.
 * Each edge function's ARN is kept in an SSM String parameter and read back with an AwsCustomResource getParameter.
 * The stack is in us-east-1, so the library's cross-region support stack is not needed. Four edge functions (check,
 * parse, refresh, sign-out; the HTTP-headers one has no secrets) are kept; handler assets are replaced by inline
 * code, and the distribution that later rewrites the callback URLs is left out. Names are ours.
 */
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const inline = (purpose: string) => lambda.Code.fromInline(`exports.handler = async () => ({ PhysicalResourceId: "${purpose}" });`);

class StaticSiteAuthorization extends Construct {
  constructor(scope: Construct, id: string, userPool: cognito.UserPool) {
    super(scope, id);
    const client = userPool.addClient('UserPoolClient', {
      generateSecret: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.PHONE, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE, cognito.OAuthScope.OPENID, cognito.OAuthScope.COGNITO_ADMIN],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
    });
    const generator = new lambda.SingletonFunction(this, 'SecretGeneratorFunction', {
      uuid: 'cloudcomponents-cdk-cloudfront-authorization-secret-generator', runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: inline('secret'),
    });
    const nonceSigningSecret = new CustomResource(this, 'SecretGenerator', {
      serviceToken: generator.functionArn, resourceType: 'Custom::GenerateSecret',
      properties: { Length: 16, AllowedCharacters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~' },
    }).ref;
    const domainFn = new lambda.SingletonFunction(this, 'UserPoolDomainFunction', {
      uuid: 'cloudcomponents-cdk-cloudfront-authorization-user-pool-domain', runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: inline('domain'),
    });
    domainFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:DescribeUserPool'], resources: [userPool.userPoolArn] }));
    const cognitoAuthDomain = new CustomResource(this, 'UserPoolDomain', {
      serviceToken: domainFn.functionArn, resourceType: 'Custom::UserPoolDomain', properties: { UserPoolId: userPool.userPoolId },
    }).getAttString('CognitoAuthDomain');
    const clientSecret = new cr.AwsCustomResource(this, 'RetrieveUserPoolClientSecret', {
      onUpdate: {
        service: 'CognitoIdentityServiceProvider',
        action: 'describeUserPoolClient',
        parameters: { UserPoolId: userPool.userPoolId, ClientId: client.userPoolClientId },
        physicalResourceId: cr.PhysicalResourceId.of(`${userPool.userPoolId}-${client.userPoolClientId}-retrieved-client-secret`),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [userPool.userPoolArn] }),
      installLatestAwsSdk: false,
    }).getResponseField('UserPoolClient.ClientSecret');
    const configuration = {
      logLevel: 'warn',
      redirectPathSignIn: '/parseauth', redirectPathAuthRefresh: '/refreshauth', redirectPathSignOut: '/',
      userPoolId: userPool.userPoolId,
      clientId: client.userPoolClientId,
      oauthScopes: ['phone', 'email', 'profile', 'openid', 'aws.cognito.signin.user.admin'],
      cognitoAuthDomain,
      cookieSettings: { idToken: 'Path=/; Secure; HttpOnly; SameSite=Lax', accessToken: 'Path=/; Secure; HttpOnly; SameSite=Lax', refreshToken: 'Path=/; Secure; HttpOnly; SameSite=Lax', nonce: 'Path=/; Secure; HttpOnly; SameSite=Lax' },
      nonceSigningSecret,
      clientSecret,
    };
    const edgeRole = new iam.Role(this, 'EdgeRole', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('edgelambda.amazonaws.com'), new iam.ServicePrincipal('lambda.amazonaws.com')),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const withConfigHandler = new lambda.SingletonFunction(this, 'WithConfigurationHandler', {
      uuid: 'cloudcomponents-cdk-lambda-at-edge-pattern-with-configuration', runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler',
      code: inline('with-configuration'), lambdaPurpose: 'Custom::WithConfiguration', timeout: Duration.minutes(5),
    });
    const stack = Stack.of(this);
    for (const name of ['check-auth', 'parse-auth', 'refresh-auth', 'sign-out']) {
      const fn = new lambda.Function(this, `${name}Function`, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e.Records[0].cf.request;'), role: edgeRole });
      const parameter = new ssm.StringParameter(this, `${name}StringParameter`, {
        parameterName: `/cloudcomponents/edge-lambda/${stack.stackName}/${name}/${stack.node.addr}`,
        description: 'Parameter stored for cross region Lambda@Edge',
        stringValue: fn.functionArn,
      });
      const retrieved = new cr.AwsCustomResource(this, `${name}Provider`, {
        onUpdate: { service: 'SSM', action: 'getParameter', parameters: { Name: parameter.parameterName }, region: 'us-east-1', physicalResourceId: cr.PhysicalResourceId.of(Date.UTC(2024, 0, 1).toString()) },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameter.parameterArn] }),
        installLatestAwsSdk: false,
      }).getResponseField('Parameter.Value');
      withConfigHandler.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:GetFunction', 'lambda:UpdateFunctionCode'], resources: [retrieved] }));
      new CustomResource(this, `${name}WithConfiguration`, {
        serviceToken: withConfigHandler.functionArn,
        resourceType: 'Custom::WithConfiguration',
        properties: { Region: 'us-east-1', FunctionName: retrieved, Configuration: stack.toJsonString(configuration, 2) },
      });
    }
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CloudFrontAuthorizationStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', { selfSignUpEnabled: false, userPoolName: 'cloudfront-authorization-userpool' });
  userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'cloudcomponents' } });
  new StaticSiteAuthorization(stack, 'Authorization', userPool);
  return templateOf(app, stack);
}
