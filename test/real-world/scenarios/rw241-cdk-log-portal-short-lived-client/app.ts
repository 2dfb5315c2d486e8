/**
 * Written after aws-solutions/centralized-logging-with-opensearch (source/constructs/lib/main/auth-stack.ts): an
 * admin-created user pool with advanced security enforced, one client with 15-minute access and ID tokens, a one-day
 * refresh token and user-existence errors prevented, an initial admin user and a hosted-UI domain whose prefix
 * carries the account id. Names are our own.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw241LogPortalAuth');
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    selfSignUpEnabled: false,
    signInCaseSensitive: false,
    signInAliases: { email: true },
    removalPolicy: RemovalPolicy.DESTROY,
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    userInvitation: {
      emailSubject: 'Welcome to the log portal',
      emailBody: 'Hello,<br><br>Your username is {username}<br>Your temporary password is {####}',
    },
  });
  (userPool.node.defaultChild as cognito.CfnUserPool).userPoolAddOns = { advancedSecurityMode: 'ENFORCED' };
  new cognito.UserPoolClient(stack, 'APIClient', {
    userPool,
    accessTokenValidity: Duration.minutes(15),
    idTokenValidity: Duration.minutes(15),
    preventUserExistenceErrors: true,
    refreshTokenValidity: Duration.days(1),
  });
  new cognito.CfnUserPoolUser(stack, 'AdminUser', {
    userPoolId: userPool.userPoolId,
    username: 'ops-admin@example.com',
    userAttributes: [{ name: 'email', value: 'ops-admin@example.com' }],
  });
  new cognito.UserPoolDomain(stack, 'UserPoolDomain', {
    userPool,
    cognitoDomain: { domainPrefix: `cl-portal-${Stack.of(stack).account}` },
  });
  return templateOf(app, stack);
}
