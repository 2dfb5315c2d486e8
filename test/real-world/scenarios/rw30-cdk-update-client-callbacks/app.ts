/**
 * Reproduces the pattern of aws-samples/cloudfront-authorization-at-edge, src/cfn-custom-resources/user-pool-client/
 * index.ts (a custom resource that updates a user pool client's redirect URLs once the CloudFront distribution
 * exists), done with an AwsCustomResource calling updateUserPoolClient as the "UpdateCallbackUrls" constructs found
 * by code search do. UpdateUserPoolClient resets every setting it is not given to Cognito's default, so the client
 * that runs is the one the call describes, not the well-configured one CDK created.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw30');
  const pool = new cognito.UserPool(stack, 'Pool');
  const client = pool.addClient('SpaClient', {
    authFlows: { userSrp: true },
    accessTokenValidity: Duration.minutes(5),
    idTokenValidity: Duration.minutes(5),
    refreshTokenValidity: Duration.days(7),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    preventUserExistenceErrors: true,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID],
      callbackUrls: ['http://localhost:5173/'],
    },
  });
  const site = new cloudfront.Distribution(stack, 'Site', {
    defaultBehavior: { origin: new origins.HttpOrigin('app-origin.example.org') },
  });
  const siteUrl = `https://${site.distributionDomainName}/`;
  new cr.AwsCustomResource(stack, 'PointClientAtSite', {
    onUpdate: {
      service: 'CognitoIdentityServiceProvider',
      action: 'updateUserPoolClient',
      parameters: {
        UserPoolId: pool.userPoolId,
        ClientId: client.userPoolClientId,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid'],
        SupportedIdentityProviders: ['COGNITO'],
        CallbackURLs: [siteUrl],
        LogoutURLs: [siteUrl],
      },
      physicalResourceId: cr.PhysicalResourceId.of(client.userPoolClientId),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [pool.userPoolArn] }),
  });
  return templateOf(app, stack);
}
