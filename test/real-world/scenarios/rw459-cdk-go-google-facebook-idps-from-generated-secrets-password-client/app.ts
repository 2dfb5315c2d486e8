/**
 * Written after a Go CDK stack found by code search (the index does not name its repository; `func CognitoStack` with
 * `CognitoStackProps{FACEBOOK_CLIENT_SECRET, GOOGLE_CLIENT_SECRET}`, pool "CustomOIDCUserPool"), rewritten in
 * TypeScript: a pool with a custom user_tier attribute, a confidential client with the user-password flow and no OAuth
 * options, two Secrets Manager secrets whose GenerateSecretString template carries the provider's client id (the Go
 * code passes the props value there) and generates "clientSecret", a Google provider reading both from its secret
 * (client id through unsafeUnwrap, secret through clientSecretValue), a Facebook provider reading both through
 * unsafeUnwrap, a Cognito domain and outputs of the domain, pool id and client id. The props values are fakes of a
 * client id's shape; names follow the source.
 */
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const props = { FACEBOOK_CLIENT_SECRET: '1234567890123456', GOOGLE_CLIENT_SECRET: '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com' };
  const stack = new Stack(app, 'CognitoStack');
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: 'CustomOIDCUserPool',
    standardAttributes: { email: { required: true, mutable: true } },
    signInAliases: { email: true },
    customAttributes: { user_tier: new cognito.StringAttribute({ minLen: 0, maxLen: 100 }) },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const userPoolClient = new cognito.UserPoolClient(stack, 'UserPoolClient', {
    userPool,
    generateSecret: true,
    authFlows: { userPassword: true },
  });
  const googleSecret = new secretsmanager.Secret(stack, 'GoogleSecret', {
    secretName: 'google-oauth',
    generateSecretString: { secretStringTemplate: `{"clientId": "${props.GOOGLE_CLIENT_SECRET}"}`, generateStringKey: 'clientSecret' },
  });
  new cognito.UserPoolIdentityProviderGoogle(stack, 'GoogleProvider', {
    clientId: googleSecret.secretValueFromJson('clientId').unsafeUnwrap(),
    clientSecretValue: googleSecret.secretValueFromJson('clientSecret'),
    userPool,
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, fullname: cognito.ProviderAttribute.GOOGLE_NAMES },
  });
  const facebookSecret = new secretsmanager.Secret(stack, 'FacebookSecret', {
    secretName: 'facebook-oauth',
    generateSecretString: { secretStringTemplate: `{"clientId": "${props.FACEBOOK_CLIENT_SECRET}"}`, generateStringKey: 'clientSecret' },
  });
  new cognito.UserPoolIdentityProviderFacebook(stack, 'FacebookProvider', {
    clientId: facebookSecret.secretValueFromJson('clientId').unsafeUnwrap(),
    clientSecret: facebookSecret.secretValueFromJson('clientSecret').unsafeUnwrap(),
    userPool,
    attributeMapping: { email: cognito.ProviderAttribute.FACEBOOK_EMAIL },
  });
  const domain = userPool.addDomain('UserPoolDomain', { cognitoDomain: { domainPrefix: 'chat-app' } });
  new CfnOutput(stack, 'CognitoHostedUIUrl', { value: domain.domainName, exportName: 'CognitoHostedUIUrl' });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  new CfnOutput(stack, 'UserPoolClientId', { value: userPoolClient.userPoolClientId, exportName: 'UserPoolClientId' });
  return templateOf(app, stack);
}
