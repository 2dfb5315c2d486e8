/**
 * Written after aws-samples/aws-genai-llm-chatbot (lib/authentication/index.ts and lib/shared/index.ts): a PLUS-tier
 * user pool with groups and a hosted domain, an app client given only authFlows (admin and user password, SRP) so
 * the L2's OAuth defaults apply, an OIDC provider created with the placeholder client secret "secret" (the real one is
 * written afterwards by a function that reads Secrets Manager, invoked through an AwsCustomResource with the secret's
 * ARN in its payload), and two secrets under a customer-managed key (a generated origin-verify header value and an
 * empty JSON object for third-party API keys, whose name is exported). Names and values are this project's own.
 */
import { Aws, CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw196');
  const oidcSecretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:chatbot/oidc-AbCdEf';
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    removalPolicy: RemovalPolicy.DESTROY,
    selfSignUpEnabled: false,
    mfa: cognito.Mfa.OPTIONAL,
    featurePlan: cognito.FeaturePlan.PLUS,
    autoVerify: { email: true, phone: true },
    signInAliases: { email: true },
    customAttributes: { chatbot_role: new cognito.StringAttribute({ mutable: true }) },
  });
  for (const [id, name] of [['AdminGroup', 'admin'], ['WorkspaceManagerGroup', 'workspace_manager'], ['UserGroup', 'user']]) {
    new cognito.CfnUserPoolGroup(stack, id, { userPoolId: userPool.userPoolId, groupName: name });
  }
  const client = userPool.addClient('UserPoolClient', { generateSecret: false, authFlows: { adminUserPassword: true, userPassword: true, userSrp: true } });
  userPool.addDomain('CognitoDomain', { cognitoDomain: { domainPrefix: 'chatbot-fed-5521' } });
  const provider = new cognito.UserPoolIdentityProviderOidc(stack, 'OIDCProvider', {
    clientId: 'chatbot-federation',
    clientSecret: 'secret',
    issuerUrl: 'https://login.example.org/realms/corp',
    userPool,
    name: 'CorpIdP',
    scopes: ['openid', 'email', 'profile'],
    attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
    attributeMapping: { email: cognito.ProviderAttribute.other('email') },
  });
  const role = new iam.Role(stack, 'lambdaRoleUpdateOidcSecret', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['cognito-idp:UpdateIdentityProvider', 'cognito-idp:DescribeIdentityProvider'], resources: [userPool.userPoolArn] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [oidcSecretArn] }));
  const updater = new lambda.Function(stack, 'OIDCSecretsHandler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    description: 'Updates OIDC secret',
    role,
    environment: { USER_POOL_ID: userPool.userPoolId, USER_POOL_CLIENT_ID: client.userPoolClientId },
  });
  new cr.AwsCustomResource(stack, 'UpdateSecret', {
    onUpdate: {
      service: 'Lambda',
      action: 'invoke',
      parameters: {
        FunctionName: updater.functionName,
        Payload: JSON.stringify({ UserPoolId: userPool.userPoolId, ProviderName: provider.providerName, SecretId: oidcSecretArn }),
      },
      physicalResourceId: cr.PhysicalResourceId.of('oidc-secret-update-1'),
    },
    policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [updater.functionArn] })]),
  });
  const key = new kms.Key(stack, 'KmsKey', { enableKeyRotation: true });
  new secretsmanager.Secret(stack, 'X-Origin-Verify-Secret', {
    encryptionKey: key,
    removalPolicy: RemovalPolicy.DESTROY,
    generateSecretString: { excludePunctuation: true, generateStringKey: 'headerValue', secretStringTemplate: '{}' },
  });
  const apiKeys = new secretsmanager.Secret(stack, 'ApiKeysSecret', { encryptionKey: key, removalPolicy: RemovalPolicy.DESTROY, secretObjectValue: {} });
  new CfnOutput(stack, 'ApiKeysSecretName', { value: apiKeys.secretName, exportName: `${Aws.STACK_NAME}-ApiKeysSecretName` });
  return templateOf(app, stack);
}
