/**
 * Written after mak-ansari/cdk-cognito-passwordless (lib/cognito/app-cognito-stack.ts): an e-mail one-time-code
 * (passwordless) sign-in stack - a UserPoolName parameter with a default, define/create/verify custom-auth challenge
 * functions and a pre-sign-up function (the create-challenge function is given its SES sender address), a
 * post-authentication function with its own role allowed AdminUpdateUserAttributes, a self-sign-up pool keeping the
 * original e-mail until verified, and a client with only the custom flow (no oAuth given, so the L2's OAuth defaults
 * apply), revocation on, 60-minute tokens and 30-day refresh tokens; outputs of the ids. Environment "dev"; function
 * code is inline here.
 */
import { CfnOutput, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const environment = 'dev';
  const stack = new Stack(app, 'AppCognitoStack');
  const userPoolName = new CfnParameter(stack, 'UserPoolName', { type: 'String', description: 'The name you want the User Pool to be created with', default: `${environment}-cognito-user-pool` });
  const fn = (id: string, name: string, extra: Partial<lambda.FunctionProps> = {}) => new lambda.Function(stack, id, {
    functionName: `${environment}-${name}-fn`,
    code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_20_X,
    memorySize: 128,
    timeout: Duration.seconds(30),
    ...extra,
  });
  const define = fn('DefineAuthChallenge', 'define-auth-challenge');
  const create = fn('CreateAuthChallenge', 'create-auth-challenge', { environment: { SES_FROM_ADDRESS: 'no-reply@verificationemail.com' } });
  const verify = fn('VerifyAuthChallengeResponse', 'verify-auth-challenge-response');
  const preSignUp = fn('PreSignUp', 'pre-sign-up');
  const userPool = new cognito.UserPool(stack, 'AppCognitoUserPool', {
    userPoolName: userPoolName.valueAsString,
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    keepOriginal: { email: true },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireDigits: false, requireUppercase: false, requireSymbols: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    lambdaTriggers: { defineAuthChallenge: define, createAuthChallenge: create, verifyAuthChallengeResponse: verify, preSignUp },
  });
  const postAuthRole = new iam.Role(stack, 'PostAuthenticationRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });
  postAuthRole.attachInlinePolicy(new iam.Policy(stack, 'SetUserAttributesPolicy', {
    statements: [new iam.PolicyStatement({ actions: ['cognito-idp:AdminUpdateUserAttributes'], resources: [userPool.userPoolArn] })],
  }));
  userPool.addTrigger(cognito.UserPoolOperation.POST_AUTHENTICATION, fn('PostAuthentication', 'post-authentication', { role: postAuthRole }));
  const appClient = userPool.addClient('AppCognitoUserPoolAppClient', {
    userPoolClientName: `${environment}-user-pool-app-client`,
    generateSecret: false,
    authFlows: { custom: true },
    enableTokenRevocation: true,
    accessTokenValidity: Duration.minutes(60),
    idTokenValidity: Duration.minutes(60),
    refreshTokenValidity: Duration.days(30),
  });
  new CfnOutput(stack, 'AppCognitoUserPoolIdOutput', { description: 'Cognito User Pool ID', value: userPool.userPoolId });
  new CfnOutput(stack, 'AppCognitoUserPoolAppClientIdOutput', { description: 'Cognito User Pool App Client ID', value: appClient.userPoolClientId });
  return templateOf(app, stack);
}
