/**
 * Written after jaeneungsim/cdk-cognito-user-pool-pattern (lib/cdk-cognito-user-pool-pattern-stack.ts, the
 * CognitoStack), trimmed to what the pack judges: a self-sign-up pool with code verification and required names, a
 * public client with the user-password and SRP flows, 60-minute tokens, a 30-day refresh token and revocation (no
 * oAuth settings, no rotation), an identity pool over the client, buyer and seller groups, conditional policies on
 * the authenticated role, and outputs of ids, the role ARN and the region. Construct ids are the source's; the
 * frontend stack (S3 and CloudFront) is left out.
 */
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IdentityPool, UserPoolAuthenticationProvider } from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class CognitoStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'cognito-user-pool-pattern',
      signInCaseSensitive: false,
      selfSignUpEnabled: true,
      userVerification: { emailSubject: 'Verify your email for our app!', emailBody: 'Thanks for signing up! Your verification code is {####}', emailStyle: cognito.VerificationEmailStyle.CODE, smsMessage: 'Your verification code is {####}' },
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true } },
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: false },
      removalPolicy: cdk.RemovalPolicy.DESTROY,
      deletionProtection: false,
    });
    const userPoolClient = userPool.addClient('UserPoolClient', {
      userPoolClientName: 'cognito-user-pool-client',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      accessTokenValidity: cdk.Duration.minutes(60),
      idTokenValidity: cdk.Duration.minutes(60),
      refreshTokenValidity: cdk.Duration.days(30),
      enableTokenRevocation: true,
    });
    const identityPool = new IdentityPool(this, 'IdentityPool', {
      identityPoolName: 'cognito-identity-pool-pattern',
      allowUnauthenticatedIdentities: false,
      authenticationProviders: { userPools: [new UserPoolAuthenticationProvider({ userPool, userPoolClient })] },
    });
    userPool.addGroup('BuyerGroup', { groupName: 'buyer', description: 'Buyer group with PowerUser permissions' });
    userPool.addGroup('SellerGroup', { groupName: 'seller', description: 'Seller group with ReadOnly permissions' });
    identityPool.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({
      effect: iam.Effect.ALLOW, actions: ['*'], resources: ['*'],
      conditions: { 'ForAnyValue:StringEquals': { 'cognito-identity.amazonaws.com:groups': ['buyer'] } },
    }));
    identityPool.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({
      effect: iam.Effect.ALLOW,
      actions: ['ec2:Describe*', 's3:Get*', 's3:List*', 'iam:Get*', 'iam:List*', 'cloudformation:Describe*', 'cloudformation:List*', 'logs:Describe*', 'logs:Get*', 'logs:List*', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      resources: ['*'],
      conditions: { 'ForAnyValue:StringEquals': { 'cognito-identity.amazonaws.com:groups': ['seller'] } },
    }));
    new cdk.CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito User Pool ID', exportName: 'CognitoUserPoolId' });
    new cdk.CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId, description: 'Cognito User Pool Client ID', exportName: 'CognitoUserPoolClientId' });
    new cdk.CfnOutput(this, 'IdentityPoolId', { value: identityPool.identityPoolId, description: 'Cognito Identity Pool ID', exportName: 'CognitoIdentityPoolId' });
    new cdk.CfnOutput(this, 'AuthenticatedRoleArn', { value: identityPool.authenticatedRole.roleArn, description: 'Identity Pool Authenticated Role ARN (with group-based permissions)' });
    new cdk.CfnOutput(this, 'Region', { value: this.region, description: 'AWS Region' });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new CognitoStack(app, 'CognitoStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  return templateOf(app, stack);
}
