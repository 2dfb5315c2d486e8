/**
 * Reproduces the pattern of stratospheric-dev/stratospheric, cdk/src/main/java/dev/stratospheric/todoapp/cdk/
 * CognitoStack.java (commit 3457910b8adf7d47581d645cd24a4e6d622fb026): an AwsCustomResource reads the app client's
 * secret (describeUserPoolClient, default logging) and a plain SSM StringParameter stores it next to the pool id.
 * Written in TypeScript with this project's own names.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw03');
  const pool = new cognito.UserPool(stack, 'Pool');
  const client = pool.addClient('TodoClient', {
    generateSecret: true,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: ['https://todo.example.net/login/oauth2/code/cognito'],
      logoutUrls: ['https://todo.example.net'],
    },
  });
  new ssm.StringParameter(stack, 'PoolIdParameter', { parameterName: '/todo/prod/cognito/pool-id', stringValue: pool.userPoolId });
  const describe = new cr.AwsCustomResource(stack, 'DescribeTodoClient', {
    resourceType: 'Custom::DescribeCognitoUserPoolClient',
    onCreate: {
      service: 'CognitoIdentityServiceProvider',
      action: 'describeUserPoolClient',
      parameters: { UserPoolId: pool.userPoolId, ClientId: client.userPoolClientId },
      physicalResourceId: cr.PhysicalResourceId.of(client.userPoolClientId),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  new ssm.StringParameter(stack, 'ClientSecretParameter', {
    parameterName: '/todo/prod/cognito/client-secret',
    stringValue: describe.getResponseField('UserPoolClient.ClientSecret'),
  });
  return templateOf(app, stack);
}
