/**
 * Written after a Java CDK AuthStack found by code search (package com.myorg, a "web portal" whose comments walk
 * through SRP and token lifetimes; the index does not name its repository), rewritten in TypeScript: a pool without
 * self sign-up, signing in by email, with a strict password policy and RETAIN, one web client with USER_PASSWORD and
 * SRP flows, PreventUserExistenceErrors on, one-hour access and ID tokens and 30-day refresh tokens, and no oAuth
 * settings (so the L2's OAuth defaults apply), a Cognito domain prefixed with the account, and exported outputs of the
 * pool id and client id. Construct ids are the source's constants.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'AuthStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'WebPortalUserPool', {
    userPoolName: 'web-portal-users',
    selfSignUpEnabled: false,
    signInAliases: { email: true, username: false },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true } },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const userPoolClient = new cognito.UserPoolClient(stack, 'WebPortalUserPoolClient', {
    userPool,
    userPoolClientName: 'web-portal-client',
    authFlows: { userPassword: true, userSrp: true },
    generateSecret: false,
    preventUserExistenceErrors: true,
    refreshTokenValidity: Duration.days(30),
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
  });
  const domain = userPool.addDomain('CognitoDomain', { cognitoDomain: { domainPrefix: `web-portal-${stack.account}` } });
  new CfnOutput(stack, 'UserPoolIdOutput', { value: userPool.userPoolId, description: 'User Pool ID', exportName: `${stack.stackName}-UserPoolId` });
  new CfnOutput(stack, 'UserPoolClientIdOutput', { value: userPoolClient.userPoolClientId, description: 'User Pool Client ID', exportName: `${stack.stackName}-UserPoolClientId` });
  new CfnOutput(stack, 'UserPoolDomainOutput', { value: domain.domainName, description: 'User Pool Domain' });
  return templateOf(app, stack);
}
