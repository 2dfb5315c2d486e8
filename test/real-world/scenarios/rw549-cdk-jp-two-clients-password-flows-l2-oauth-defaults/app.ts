/**
 * Written after gsy0911/zenn-cloudfront-cognito-apigw (infrastructure/lib/CognitoStack.ts with bin/index.ts and
 * lib/params.example.ts): the CognitoStack of a CloudFront + Cognito + API Gateway example. A pool without self sign-up,
 * optional MFA (SMS and TOTP), and two clients that differ only in their secret: a "privateClient" (generateSecret)
 * and a "publicClient", both with the USER_PASSWORD and SRP flows and an oAuth block that sets only the callback
 * (https://<app>/oauth2/idpresponse) and logout URLs, so the L2's default flows (code and implicit) and scopes (all,
 * with the admin scope) apply; and a Cognito domain. The stack has no env in the source. Names are ours.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'example-cloudfront-cognito-apigw-cognito', { description: 'example@1.0.0' });
  const applicationDomain = 'app.example-domain.jp';
  const userPool = new cognito.UserPool(stack, 'userPool', {
    userPoolName: 'user-pool',
    selfSignUpEnabled: false,
    userVerification: {
      emailSubject: 'Verify email message',
      emailBody: 'Thanks for signing up! Your verification code is {####}',
      emailStyle: cognito.VerificationEmailStyle.CODE,
      smsMessage: 'Thanks for signing up! Your verification code is {####}',
    },
    signInAliases: { username: true, email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: true, otp: true },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  for (const [id, generateSecret] of [['privateClient', true], ['publicClient', false]] as const) {
    userPool.addClient(id, {
      userPoolClientName: id,
      generateSecret,
      authFlows: { userPassword: true, userSrp: true },
      oAuth: { callbackUrls: [`https://${applicationDomain}/oauth2/idpresponse`], logoutUrls: [`https://${applicationDomain}/signout`] },
    });
  }
  userPool.addDomain('cognito-domain', { cognitoDomain: { domainPrefix: 'cognito-unique-domain-example' } });
  return templateOf(app, stack);
}
