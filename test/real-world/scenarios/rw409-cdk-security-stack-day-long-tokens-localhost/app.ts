/**
 * Written after radepejanvic/cloud-movies (infrastructure/lib/cognito.ts, used by infrastructure/lib/security-stack.ts
 * with stage 'Beta'): a CognitoPool construct (a pool with a post-confirmation function that adds users to a group,
 * a strong password policy) whose Angular client uses the code grant with http://localhost:4200 as callback and
 * logout URL, one-day access and ID tokens and 30-day refresh tokens, authFlows left out. Names are ours.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class CognitoPool extends Construct {
  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    const applyRole = new lambda.Function(this, 'ApplyRoleambda', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'apply_role.handler',
      code: lambda.Code.fromInline('def handler(event, context):\n    return event\n'),
    });
    const pool = new cognito.UserPool(this, 'CognitoPool', {
      userPoolName: `${props.stage}-CognitoPool`,
      selfSignUpEnabled: true,
      signInCaseSensitive: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true }, email: { required: true, mutable: true }, birthdate: { required: true, mutable: true } },
      customAttributes: { company: new cognito.StringAttribute({ mutable: true }) },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pool.addClient('MyAppClient', {
      userPoolClientName: 'MyAppClient',
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['http://localhost:4200'], logoutUrls: ['http://localhost:4200'] },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.days(1),
      idTokenValidity: Duration.days(1),
      refreshTokenValidity: Duration.days(30),
    });
    pool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, applyRole);
    applyRole.role?.attachInlinePolicy(new iam.Policy(this, 'userpool-policy', { statements: [new iam.PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [pool.userPoolArn] })] }));
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'SecurityStack', { env: { account: '111122223333', region: 'eu-central-1' } });
  new CognitoPool(stack, 'CognitoPool', { stage: 'Beta' });
  return templateOf(app, stack);
}
