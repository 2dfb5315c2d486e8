/**
 * Written after lealceldeiro/org.wcdevs.blog.cdk (src/main/java/org/wcdevs/blog/cdk/CognitoStack.java), a Java CDK app
 * rewritten in TypeScript: a user pool, a confidential code-flow client (email, openid and profile scopes, no authFlows),
 * a Cognito domain, an AwsCustomResource ("Custom::DescribeCognitoUserPoolClient") calling describeUserPoolClient on
 * create and update with the default logging, and five String parameters for the application stacks to read: the
 * pool id, the client id, the client SECRET from the custom resource's response, the logout URL and the provider URL.
 * Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const region = 'eu-central-1';
  const stack = new Stack(app, 'CognitoStack', { stackName: 'staging-blog-Cognito', env: { account: '111122223333', region } });
  const userPool = new cognito.UserPool(stack, 'userPool', {
    userPoolName: 'blog-user-pool',
    selfSignUpEnabled: false,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    autoVerify: { email: false },
    signInAliases: { username: true, email: true },
    signInCaseSensitive: true,
    standardAttributes: { email: { required: true, mutable: false } },
    mfa: cognito.Mfa.OFF,
  });
  const client = new cognito.UserPoolClient(stack, 'userPoolClient', {
    userPoolClientName: 'blog-client',
    generateSecret: true,
    userPool,
    oAuth: {
      callbackUrls: ['https://blog.example.org/login/oauth2/code/cognito'],
      logoutUrls: ['https://blog.example.org'],
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
  });
  new cognito.UserPoolDomain(stack, 'userPoolDomain', { userPool, cognitoDomain: { domainPrefix: 'wcdevs-blog-login' } });
  const call: cr.AwsSdkCall = {
    region,
    service: 'CognitoIdentityServiceProvider',
    action: 'describeUserPoolClient',
    parameters: { UserPoolId: userPool.userPoolId, ClientId: client.userPoolClientId },
    physicalResourceId: cr.PhysicalResourceId.of(client.userPoolClientId),
  };
  const describe = new cr.AwsCustomResource(stack, 'describeUserPool', {
    resourceType: 'Custom::DescribeCognitoUserPoolClient',
    installLatestAwsSdk: false,
    onCreate: call,
    onUpdate: call,
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  const param = (id: string, value: string) => new ssm.StringParameter(stack, id, { parameterName: `staging-blog-Cognito-${id}`, stringValue: value });
  param('userPoolId', userPool.userPoolId);
  param('userPoolClientId', client.userPoolClientId);
  param('userPoolClientSecret', describe.getResponseField('UserPoolClient.ClientSecret'));
  param('logoutUrl', `https://wcdevs-blog-login.auth.${region}.amazoncognito.com/logout`);
  param('userPoolProviderUrl', userPool.userPoolProviderUrl);
  return templateOf(app, stack);
}
