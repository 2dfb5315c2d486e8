/**
 * Reproduces the app client of aws-amplify/amplify-backend packages/auth-construct/src/construct.ts (commit
 * 014303a5bf822cf11e06fb6f16c4819ea373c86c): UserPoolClient with authFlows { userSrp, custom } and
 * preventUserExistenceErrors, no oAuth settings when there is no external provider, and, when email OTP is
 * enabled, ALLOW_USER_AUTH appended to the L1's explicitAuthFlows (applyUserAuthFlow) on a pool whose sign-in
 * policy allows PASSWORD and EMAIL_OTP as first factors. Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw53');
  const pool = new cognito.UserPool(stack, 'AuthUserPool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
  });
  const client = new cognito.UserPoolClient(stack, 'AuthUserPoolAppClient', {
    userPool: pool,
    authFlows: { userSrp: true, custom: true },
    preventUserExistenceErrors: true,
  });
  const cfn = client.node.findChild('Resource') as cognito.CfnUserPoolClient;
  cfn.explicitAuthFlows = [...(cfn.explicitAuthFlows ?? []), 'ALLOW_USER_AUTH'];
  return templateOf(app, stack);
}
