/**
 * Java CDK app rewritten in TypeScript, after a BFP stage stack found by code search (a per-stage user pool for a
 * back-office platform; the index does not name its repository), with the same constructs and props: a pool with
 * deletion protection, Cognito email, username sign-in, no self sign-up and a required email; a client with a
 * generated secret and the user-password and admin-user-password flows (no oAuth settings, so the L2's implicit grant
 * and default scopes apply); and a Secret whose name is the client id (the source sets secretName twice, the second
 * wins) and whose value is the client's secret (userPoolClientSecret, which CDK reads with a describeUserPoolClient
 * custom resource). Construct ids are the source's (stage `dev`).
 */
import { Stack } from 'aws-cdk-lib';
import { AccountRecovery, AuthFlow, Mfa, UserPool, UserPoolClient, UserPoolEmail } from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stage = 'dev';
  const stack = new Stack(app, `BFPAuthStack-${stage}`, { env: { account: '111122223333', region: 'eu-west-2' } });
  const userPool = new UserPool(stack, `BFPUserPool-${stage}`, {
    userPoolName: `BFPUserPool-${stage}`,
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    deletionProtection: true,
    email: UserPoolEmail.withCognito(),
    signInAliases: { username: true, email: false },
    signInCaseSensitive: true,
    selfSignUpEnabled: false,
    mfa: Mfa.OFF,
    standardAttributes: { email: { required: true } },
  });
  const authFlows: AuthFlow = { userPassword: true, adminUserPassword: true };
  const userPoolClient = new UserPoolClient(stack, `BFPUserPoolClient-${stage}`, {
    userPool,
    authFlows,
    generateSecret: true,
  });
  new Secret(stack, `BFPSecret-${stage}`, {
    secretName: userPoolClient.userPoolClientId,
    secretStringValue: userPoolClient.userPoolClientSecret,
  });
  return templateOf(app, stack);
}
