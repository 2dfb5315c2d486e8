/**
 * Written after trajcex/Cineo (Backend/infrastructure/lib/cognito-statck.ts): a user pool with required standard
 * attributes, a strict password policy, self sign-up and case-insensitive user names; admin and guest groups; a
 * post-confirmation trigger (Python, code inline here) allowed AdminAddUserToGroup; and one app client added with only
 * `supportedIdentityProviders: [COGNITO]` (so the L2's OAuth defaults apply). Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoStack');
  const pool = new cognito.UserPool(stack, 'Pool', {
    standardAttributes: {
      givenName: { required: true }, familyName: { required: true }, birthdate: { required: true }, nickname: { required: true }, email: { required: true },
    },
    passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    selfSignUpEnabled: true,
    signInAliases: { username: true },
    autoVerify: { email: true },
    signInCaseSensitive: false,
  });
  new cognito.CfnUserPoolGroup(stack, 'AdminGroup', { userPoolId: pool.userPoolId, groupName: 'admin' });
  new cognito.CfnUserPoolGroup(stack, 'GuestGroup', { userPoolId: pool.userPoolId, groupName: 'guest' });
  const postConfirmation = new lambda.Function(stack, 'PostConfirmationLambda', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline('import boto3\ndef handler(event, context):\n    boto3.client("cognito-idp").admin_add_user_to_group(UserPoolId=event["userPoolId"], Username=event["userName"], GroupName="guest")\n    return event\n'),
  });
  pool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, postConfirmation);
  postConfirmation.role?.attachInlinePolicy(new iam.Policy(stack, 'userpool-policy', {
    statements: [new iam.PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [pool.userPoolArn] })],
  }));
  pool.addClient('app-client', { supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO] });
  return templateOf(app, stack);
}
