/**
 * Written after AnomalyInnovations/serverless-stack-demo-api (infrastructure/lib/CognitoStack.js, an SST/CDK v1 stack
 * in JavaScript): a user pool with email sign-in, a client made with `authFlows: { adminUserPassword: false }` and no
 * secret, an identity pool for that client, an authenticated role limited to the user's own S3 prefix, and the ids
 * as outputs. Rewritten in TypeScript on aws-cdk-lib; names are our own.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw240NotesCognito');
  const bucketArn = 'arn:aws:s3:::notes-app-uploads';

  const userPool = new cognito.UserPool(stack, 'UserPool', {
    selfSignUpEnabled: true,
    autoVerify: { email: true },
    signInAliases: { email: true },
  });
  const userPoolClient = new cognito.UserPoolClient(stack, 'UserPoolClient', {
    userPool,
    authFlows: { adminUserPassword: false },
    generateSecret: false,
  });
  const identityPool = new cognito.CfnIdentityPool(stack, 'IdentityPool', {
    allowUnauthenticatedIdentities: false,
    cognitoIdentityProviders: [{ clientId: userPoolClient.userPoolClientId, providerName: userPool.userPoolProviderName }],
  });
  const authenticatedRole = new iam.Role(stack, 'CognitoDefaultAuthenticatedRole', {
    assumedBy: new iam.FederatedPrincipal(
      'cognito-identity.amazonaws.com',
      {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
      'sts:AssumeRoleWithWebIdentity',
    ),
  });
  authenticatedRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [`${bucketArn}/private/\${cognito-identity.amazonaws.com:sub}/*`] }));
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'IdentityPoolRoleAttachment', {
    identityPoolId: identityPool.ref,
    roles: { authenticated: authenticatedRole.roleArn },
  });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  new CfnOutput(stack, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
  new CfnOutput(stack, 'IdentityPoolId', { value: identityPool.ref });
  new CfnOutput(stack, 'AuthenticatedRoleName', { value: authenticatedRole.roleName, exportName: 'notes-CognitoAuthRole' });
  return templateOf(app, stack);
}
