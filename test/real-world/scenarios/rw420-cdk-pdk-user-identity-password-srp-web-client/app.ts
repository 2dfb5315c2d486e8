/**
 * Written after aws/aws-pdk (packages/identity/src/user-identity.ts with userpool-with-mfa.ts), the PDK's identity
 * package on Construct Hub: UserIdentity builds a UserPoolWithMfa (deletion protection, MFA required by SMS or TOTP,
 * advanced security ENFORCED, no self sign-up, a PDKNag suppression of AwsSolutions-IAM5 on the SMS role), an identity
 * pool, and a "WebClient" app client with authFlows userPassword and userSrp and the L2's OAuth defaults, plus outputs
 * of the pool and identity-pool ids. Reproduced with aws-cdk-lib as the package emits it (the identity pool from
 * aws-cdk-lib/aws-cognito-identitypool, the alpha's successor). Names follow the package.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as idPool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class UserIdentity extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const userPool = new cognito.UserPool(this, 'UserPool', {
      deletionProtection: true,
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: true, otp: true },
      signInCaseSensitive: false,
      advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED,
      signInAliases: { username: true, email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      selfSignUpEnabled: false,
      standardAttributes: { phoneNumber: { required: false }, email: { required: true }, givenName: { required: true }, familyName: { required: true } },
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true },
    });
    const smsRole = userPool.node.tryFindChild('smsRole') as iam.Role | undefined;
    (smsRole?.node.defaultChild as iam.CfnRole | undefined)?.addMetadata('cdk_nag', {
      rules_to_suppress: [{ reason: 'MFA requires sending a text to a users phone number which cannot be known at deployment time.', id: 'AwsSolutions-IAM5', applies_to: ['Resource::*'] }],
    });
    const identityPool = new idPool.IdentityPool(this, 'IdentityPool');
    const client = userPool.addClient('WebClient', { authFlows: { userPassword: true, userSrp: true } });
    identityPool.addUserPoolAuthentication(new idPool.UserPoolAuthenticationProvider({ userPool, userPoolClient: client }));
    new CfnOutput(this, `${id}-UserPoolId`, { value: userPool.userPoolId });
    new CfnOutput(this, `${id}-IdentityPoolId`, { value: identityPool.identityPoolId });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'InfraStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  new UserIdentity(stack, 'UserIdentity');
  return templateOf(app, stack);
}
