/**
 * Reproduces the pattern found by code search in CDK apps that hand a confidential client to a partner: a
 * UserPoolClient with generateSecret and the L2's userPoolClientSecret (a SecretValue backed by the construct's own
 * describeUserPoolClient custom resource) unwrapped into a CfnOutput beside the client id. Names and values are
 * this project's own.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw93');
  const pool = new cognito.UserPool(stack, 'PartnerPool');
  const server = pool.addResourceServer('Orders', { identifier: 'orders', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read orders' })] });
  const client = pool.addClient('PartnerClient', {
    generateSecret: true,
    authFlows: { userSrp: false },
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read orders' }))] },
    accessTokenValidity: Duration.minutes(15),
  });
  new CfnOutput(stack, 'PartnerClientId', { value: client.userPoolClientId });
  new CfnOutput(stack, 'PartnerClientSecret', { value: client.userPoolClientSecret.unsafeUnwrap() });
  return templateOf(app, stack);
}
