/**
 * Reproduces aws-samples/step-up-auth deployment/lib/infrastructure/cognito-stack.ts (commit
 * 6873f433436d2616cc2f38dfc4d928ad1268766d), ported from CDK v1 to aws-cdk-lib: a web client with revocation turned
 * off, a one-day refresh token, the password and SRP flows (custom off) and no oAuth settings, so the L2 fills in its
 * OAuth defaults. Names and values are this project's own.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw130');
  const pool = new cognito.UserPool(stack, 'StepUpPool', {
    accountRecovery: cognito.AccountRecovery.NONE,
    selfSignUpEnabled: true,
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: true, otp: true },
    standardAttributes: { email: { required: true }, phoneNumber: { required: true } },
    signInAliases: { username: true, email: false },
    autoVerify: { email: true, phone: false },
  });
  const client = new cognito.UserPoolClient(stack, 'StepUpWebClient', {
    userPool: pool,
    generateSecret: false,
    enableTokenRevocation: false,
    refreshTokenValidity: Duration.days(1),
    authFlows: { userPassword: true, userSrp: true, custom: false, adminUserPassword: false },
    preventUserExistenceErrors: true,
  });
  new CfnOutput(stack, 'UserPoolId', { value: pool.userPoolId });
  new CfnOutput(stack, 'UserPoolClientId', { value: client.userPoolClientId });
  return templateOf(app, stack);
}
