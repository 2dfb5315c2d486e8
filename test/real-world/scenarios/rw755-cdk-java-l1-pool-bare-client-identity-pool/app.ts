/**
 * Java CDK app rewritten in TypeScript, after a CognitoResources class found by code search (package com.myorg,
 * "Cognito resources for the Amplify App"; the index does not name its repository), with the same constructs and
 * props: an L1 user pool (self sign-up allowed, email auto-verified), an L1 app client given nothing but the pool id
 * (so every client setting is Cognito's default), and an L1 identity pool without providers or guests. The ids are
 * read with getAtt("Ref") as the source does. Construct ids are the source's (the source creates them in the app
 * scope; here in one stack).
 */
import { Stack } from 'aws-cdk-lib';
import { CfnIdentityPool, CfnUserPool, CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'AmplifyAppCognitoStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new CfnUserPool(stack, 'cognitoUserPool', {
    adminCreateUserConfig: { allowAdminCreateUserOnly: false },
    autoVerifiedAttributes: ['email'],
  });
  const userPoolId = userPool.getAtt('Ref').toString();
  const userPoolClient = new CfnUserPoolClient(stack, 'cognitoUserPoolClient', { userPoolId });
  const identityPool = new CfnIdentityPool(stack, 'cognitoIdentityPool', { allowUnauthenticatedIdentities: false });
  void userPoolClient.getAtt('Ref').toString();
  void identityPool.getAtt('Ref').toString();
  return templateOf(app, stack);
}
