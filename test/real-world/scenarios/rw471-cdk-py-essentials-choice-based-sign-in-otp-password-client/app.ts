/**
 * Written after a Python CDK stack found by code search (the index does not name its repository; KaamStack,
 * "Per-environment resources: Cognito user pool, private S3 media bucket, API IAM user"), rewritten in TypeScript for
 * env "dev": an ESSENTIALS-plan pool whose sign-in policy allows password, SMS OTP and email OTP as first factors
 * (phone or email sign-in), a public web client with choice-based sign-in (ALLOW_USER_AUTH), SRP and the
 * user-password flow, one-hour access tokens, 30-day refresh tokens, existence errors on and no OAuth settings, a
 * private media bucket with CORS, and an IAM user for the externally hosted API (its access key is made outside the
 * stack). Outputs of the ids and names.
 */
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const envName: string = 'dev';
  const isProd = envName === 'prod';
  const stack = new cdk.Stack(app, `Kaam-${envName}`, { env: { account: '111122223333', region: 'ap-south-1' } });
  const pool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: `kaam-${envName}`,
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    selfSignUpEnabled: true,
    signInAliases: { email: true, phone: true },
    autoVerify: { email: true, phone: true },
    signInPolicy: { allowedFirstAuthFactors: { password: true, smsOtp: true, emailOtp: true } },
    standardAttributes: { email: { required: false, mutable: true }, phoneNumber: { required: false, mutable: true } },
    smsRoleExternalId: `kaam-${envName}-sms`,
    passwordPolicy: { minLength: 8, requireLowercase: false, requireUppercase: false, requireDigits: false, requireSymbols: false },
    accountRecovery: cognito.AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL,
    userVerification: { emailSubject: 'Your Kaam verification code', emailBody: 'Your Kaam verification code is {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
    removalPolicy: isProd ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.DESTROY,
    deletionProtection: isProd,
  });
  const client = pool.addClient('WebClient', {
    userPoolClientName: `kaam-${envName}-web`,
    authFlows: { user: true, userSrp: true, userPassword: true },
    generateSecret: false,
    accessTokenValidity: cdk.Duration.hours(1),
    refreshTokenValidity: cdk.Duration.days(30),
    preventUserExistenceErrors: true,
  });
  const bucket = new s3.Bucket(stack, 'MediaBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3600 }],
    removalPolicy: isProd ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.DESTROY,
  });
  const apiUser = new iam.User(stack, 'ApiUser', { userName: `kaam-${envName}-api` });
  bucket.grantReadWrite(apiUser);
  bucket.grantDelete(apiUser);
  new cdk.CfnOutput(stack, 'UserPoolId', { value: pool.userPoolId });
  new cdk.CfnOutput(stack, 'UserPoolClientId', { value: client.userPoolClientId });
  new cdk.CfnOutput(stack, 'MediaBucketName', { value: bucket.bucketName });
  new cdk.CfnOutput(stack, 'ApiUserName', { value: apiUser.userName });
  return templateOf(app, stack);
}
