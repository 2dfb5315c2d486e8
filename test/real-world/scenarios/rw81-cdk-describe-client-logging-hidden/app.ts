/**
 * Reproduces the client-secret lookup found by code search in CDK apps (an AwsCustomResource calling
 * CognitoIdentityServiceProvider describeUserPoolClient, its UserPoolClient.ClientSecret response field read with
 * getResponseField), written with the current API that keeps the response out of the log
 * (the call's logging: Logging.withDataHidden()) and the secret placed in a Secrets Manager secret with its own key. Names and
 * values are this project's own.
 */
import { SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw81');
  const pool = new cognito.UserPool(stack, 'Pool');
  pool.addResourceServer('Api', { identifier: 'reports', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read reports' })] });
  const client = pool.addClient('ReportsM2M', {
    generateSecret: true,
    authFlows: {},
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('reports/read')] },
    accessTokenValidity: cdkMinutes(10),
  });
  const describe = new cr.AwsCustomResource(stack, 'DescribeReportsClient', {
    onUpdate: {
      service: 'CognitoIdentityServiceProvider',
      action: 'describeUserPoolClient',
      parameters: { UserPoolId: pool.userPoolId, ClientId: client.userPoolClientId },
      physicalResourceId: cr.PhysicalResourceId.of(client.userPoolClientId),
      logging: cr.Logging.withDataHidden(),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [pool.userPoolArn] }),
  });
  new secretsmanager.Secret(stack, 'ReportsClientSecret', {
    encryptionKey: new kms.Key(stack, 'SecretKey', { enableKeyRotation: true }),
    secretStringValue: SecretValue.resourceAttribute(describe.getResponseField('UserPoolClient.ClientSecret')),
  });
  return templateOf(app, stack);
}

function cdkMinutes(n: number) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('aws-cdk-lib') as typeof import('aws-cdk-lib')).Duration.minutes(n);
}
