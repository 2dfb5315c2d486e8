/**
 * Written after gsy0911/zenn-cloudfront-cognito-apigw (infrastructure/lib/CognitoStack.ts, CognitoIdentityPoolStack,
 * with lib/params.example.ts): after the pool stack is deployed, its pool id and client id are pasted into params.ts
 * and a second stack builds an identity pool on them: authenticated identities only, two imported roles (admin and
 * user, from role ARNs in the same params) and rules-based role mapping on the `cognito:groups` claim
 * (admin.<env>, user.<env>, CONTAINS). The source uses @aws-cdk/aws-cognito-identitypool-alpha's IdentityPool; here
 * the CfnIdentityPool and CfnIdentityPoolRoleAttachment it emits are written with aws-cdk-lib. Ids and ARNs are fakes of
 * the same shape. Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'example-cloudfront-cognito-apigw-cognito-idp', { description: 'example@1.0.0' });
  const environment = 'prod';
  const params = {
    userPoolId: 'ap-northeast-1_AbCdEf123',
    userPoolClientId: '4k2v9q7m1n3b5c8x0z6l2p4r7t',
    userRoleArn: 'arn:aws:iam::000011112222:role/zenn-example-service-user-prod',
    adminRoleArn: 'arn:aws:iam::000011112222:role/zenn-example-service-admin-prod',
  };
  const adminRole = iam.Role.fromRoleArn(stack, 'adminRole', params.adminRoleArn);
  const userRole = iam.Role.fromRoleArn(stack, 'userRole', params.userRoleArn);
  const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', params.userPoolId);
  const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'client', params.userPoolClientId);
  const providerName = `cognito-idp.ap-northeast-1.amazonaws.com/${userPool.userPoolId}`;
  const pool = new cognito.CfnIdentityPool(stack, 'identity-pool', {
    identityPoolName: `zenn-example-identity-pool-${environment}`,
    allowUnauthenticatedIdentities: false,
    cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName, serverSideTokenCheck: true }],
  });
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'identity-poolDefaultRoleAttachment', {
    identityPoolId: pool.ref,
    roles: { authenticated: adminRole.roleArn },
    roleMappings: {
      mapping1: {
        identityProvider: `${providerName}:${client.userPoolClientId}`,
        type: 'Rules',
        ambiguousRoleResolution: 'Deny',
        rulesConfiguration: {
          rules: [
            { claim: 'cognito:groups', value: `admin.${environment}`, matchType: 'Contains', roleArn: adminRole.roleArn },
            { claim: 'cognito:groups', value: `user.${environment}`, matchType: 'Contains', roleArn: userRole.roleArn },
          ],
        },
      },
    },
  });
  return templateOf(app, stack);
}
