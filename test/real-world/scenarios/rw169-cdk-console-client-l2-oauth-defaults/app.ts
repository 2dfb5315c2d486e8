/**
 * Written after aws-solutions/iot-device-simulator (source/infrastructure/lib/console.ts): a console user pool (admin
 * creates users; the invitation e-mail says "Password: {####}"), advanced security ENFORCED through the L1, a public
 * web client given only generateSecret false, preventUserExistenceErrors and a one-day refresh token (so the L2's OAuth
 * defaults apply: code and implicit grants, every scope, https://example.com), an admin user, an identity pool with
 * that client, and an IoT policy. Names and values are this project's own.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Aws } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iot from 'aws-cdk-lib/aws-iot';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw169');
  const pool = new cognito.UserPool(stack, 'UserPool', {
    passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireSymbols: true, requireUppercase: true },
    removalPolicy: RemovalPolicy.DESTROY,
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    userPoolName: `${Aws.STACK_NAME}-user-pool`,
    userInvitation: {
      emailSubject: '[Device Simulator] Login information',
      emailBody: '<p>You are invited to join Device Simulator.</p><p>Username: <strong>{username}</strong><br />Password: <strong>{####}</strong></p>',
    },
  });
  (pool.node.defaultChild as cognito.CfnUserPool).userPoolAddOns = { advancedSecurityMode: 'ENFORCED' };
  const client = new cognito.UserPoolClient(stack, 'UserPoolClient', {
    generateSecret: false,
    preventUserExistenceErrors: true,
    refreshTokenValidity: Duration.days(1),
    userPool: pool,
    userPoolClientName: `${Aws.STACK_NAME}-userpool-client`,
  });
  new cognito.CfnUserPoolUser(stack, 'User', {
    userPoolId: pool.userPoolId,
    desiredDeliveryMediums: ['EMAIL'],
    forceAliasCreation: true,
    userAttributes: [{ name: 'email', value: 'ops@example.org' }, { name: 'email_verified', value: 'true' }],
    username: 'ops@example.org',
  });
  const identityPool = new cognito.CfnIdentityPool(stack, 'IdentityPool', {
    allowUnauthenticatedIdentities: false,
    cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: pool.userPoolProviderName, serverSideTokenCheck: false }],
  });
  new iot.CfnPolicy(stack, 'IDS-IoT-Policy', {
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iot:Connect'], Resource: [stack.formatArn({ service: 'iot', resource: 'client', resourceName: '*' })] },
        { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: [stack.formatArn({ service: 'iot', resource: 'topicfilter', resourceName: '*' })] },
      ],
    },
  });
  new CfnOutput(stack, 'UserPoolId', { value: pool.userPoolId });
  new CfnOutput(stack, 'WebClientId', { value: client.userPoolClientId });
  new CfnOutput(stack, 'IdentityPoolId', { value: identityPool.ref });
  return templateOf(app, stack);
}
