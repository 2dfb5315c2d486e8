/**
 * Written after a Python CDK IdentityStack found by code search (the index does not name its repository; an "atria"
 * clinic platform: "the Cognito user pool and its three app clients", ADR 0015), rewritten in TypeScript for its
 * development settings: an ESSENTIALS-plan pool with optional SMS/TOTP MFA and immutable tenant/person attributes,
 * three public clients (patient, staff, admin) with SRP (development adds the admin password flow to the staff client
 * for a smoke test), existence errors and revocation on, one-hour or 30-minute access and ID tokens and 30-day, 7-day
 * and one-day refresh tokens, none of them given OAuth settings; and a V2.0 pre-token-generation trigger that reads the
 * main table. The platform and data stacks' layer and table are replaced by a table name; prefix "atria-dev".
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const settings = { name: 'dev', prefix: 'atria-dev', adminPasswordAuth: true, removalProtection: false };
  const stack = new Stack(app, 'AtriaIdentity-dev', { env: { account: '111122223333', region: 'eu-west-2' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: `${settings.prefix}-users`,
    selfSignUpEnabled: true,
    signInAliases: { email: true, phone: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    standardAttributes: {
      givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true },
      phoneNumber: { required: false, mutable: true }, email: { required: false, mutable: true }, locale: { required: false, mutable: true },
    },
    customAttributes: {
      tenantId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      personId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      roles: new cognito.StringAttribute({ minLen: 1, maxLen: 256, mutable: true }),
    },
    passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: false, tempPasswordValidity: Duration.days(3) },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: true, otp: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    removalPolicy: settings.removalProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const commonAuthFlows = { userSrp: true, userPassword: false };
  const staffAuthFlows = { userSrp: true, userPassword: false, adminUserPassword: settings.adminPasswordAuth };
  const access = Duration.hours(1);
  userPool.addClient('PatientClient', {
    userPoolClientName: `${settings.prefix}-patient`, authFlows: commonAuthFlows,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: access, idTokenValidity: access, refreshTokenValidity: Duration.days(30),
    preventUserExistenceErrors: true, enableTokenRevocation: true,
  });
  userPool.addClient('StaffClient', {
    userPoolClientName: `${settings.prefix}-staff`, authFlows: staffAuthFlows,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: access, idTokenValidity: access, refreshTokenValidity: Duration.days(7),
    preventUserExistenceErrors: true, enableTokenRevocation: true,
  });
  userPool.addClient('AdminClient', {
    userPoolClientName: `${settings.prefix}-admin`, authFlows: commonAuthFlows,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.minutes(30), idTokenValidity: Duration.minutes(30), refreshTokenValidity: Duration.days(1),
    preventUserExistenceErrors: true, enableTokenRevocation: true,
  });
  const preToken = new lambda.Function(stack, 'PreToken', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'atria.services.identity.pre_token.handler',
    code: lambda.Code.fromInline('def handler(event, context):\n    return event\n'),
    description: 'Adds the tenant, person and role claims to the access token',
    environment: { POWERTOOLS_SERVICE_NAME: 'atria', POWERTOOLS_LOG_LEVEL: 'INFO', ENVIRONMENT: settings.name, MAIN_TABLE: `${settings.prefix}-main` },
    timeout: Duration.seconds(5),
    memorySize: 256,
  });
  userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, preToken, cognito.LambdaVersion.V2_0);
  return templateOf(app, stack);
}
