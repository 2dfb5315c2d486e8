/**
 * Written after a Go CDK app found by code search (setupUserPool for "HBT Fantasy XC", a running club's fantasy
 * cross-country game: pool HBTFantasyXCPool with SES email, domain prefix hbt-fantasy-xc; the index does not name its
 * repository), rewritten in TypeScript: a self-sign-up pool, a Cognito domain, and a public client "PoolPublicClient"
 * with the implicit grant only (code grant explicitly off), a one-day access token, an https callback and sign-out
 * URL, and an output with the client id. The SES addresses are ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'HbtFantasyXcStack', { env: { account: '111122223333', region: 'eu-west-2' } });
  const pool = new cognito.UserPool(stack, 'HBTFantasyXCPool', {
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    autoVerify: { email: true },
    email: cognito.UserPoolEmail.withSES({ fromEmail: 'techgeek@club.example.org', fromName: 'HBT Tech Geek', replyTo: 'techgeek@club.example.org' }),
    mfa: cognito.Mfa.OFF,
    removalPolicy: RemovalPolicy.DESTROY,
    selfSignUpEnabled: true,
    signInAliases: { email: true, phone: false, preferredUsername: false, username: false },
    userPoolName: 'HBTFantasyXCPool',
    userVerification: { emailSubject: 'Registration for HBT Fantasy XC', emailBody: 'OFY - Your verification code is {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
  });
  new cognito.UserPoolDomain(stack, 'PoolDomain', { cognitoDomain: { domainPrefix: 'hbt-fantasy-xc' }, userPool: pool });
  const client = new cognito.UserPoolClient(stack, 'PoolClient', {
    accessTokenValidity: Duration.days(1),
    generateSecret: false,
    userPoolClientName: 'PoolPublicClient',
    userPool: pool,
    oAuth: {
      callbackUrls: ['https://fxc.club.example.org/signin'],
      logoutUrls: ['https://fxc.club.example.org/signout'],
      flows: { authorizationCodeGrant: false, implicitCodeGrant: true },
    },
  });
  new CfnOutput(stack, 'PoolClientId', { description: 'Cognito user pool client ID', value: client.userPoolClientId });
  return templateOf(app, stack);
}
