/**
 * Written after Kota8102/diary-app (src/backend/lib/constructs/auth.ts and identity.ts): an Auth construct with a
 * pool (optional MFA by SMS or OTP) and a client whose authFlows are adminUserPassword, custom and userSrp and whose
 * OAuth settings are left to the L2, and an Identity construct that builds an identity pool with the Construct Hub
 * package @aws-cdk/aws-cognito-identitypool-alpha (now aws-cdk-lib/aws-cognito-identitypool, used here) with a
 * UserPoolAuthenticationProvider for that client. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as idPool from 'aws-cdk-lib/aws-cognito-identitypool';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'BackendStack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: 'app-user-pool',
    selfSignUpEnabled: true,
    autoVerify: { email: true },
    userVerification: { emailSubject: 'Verify your email for our app!', emailBody: 'Thanks for signing up! Your verification code is {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
    signInAliases: { email: true },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: true, otp: true },
  });
  const userPoolClient = new cognito.UserPoolClient(stack, 'DiaryUserPoolClient', {
    userPool,
    userPoolClientName: 'diary-userpool-client',
    authFlows: { adminUserPassword: true, custom: true, userSrp: true },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
  });
  new idPool.IdentityPool(stack, 'IdentityPool', {
    authenticationProviders: { userPools: [new idPool.UserPoolAuthenticationProvider({ userPool, userPoolClient })] },
  });
  return templateOf(app, stack);
}
