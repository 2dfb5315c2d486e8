/**
 * Reproduces the pattern of aws-samples/serverless-patterns, cdk-eventbridge-appsync-oauth/cdk/lib/auth.ts and
 * cdk/lib/main.ts (commit 9a4c7902c48a0ef0e69016c5504a649aeafedf08): a client-credentials app client whose secret
 * is read back with an AwsCustomResource (describeUserPoolClient, default logging) and handed to an EventBridge
 * connection as its OAuth client secret. Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class PartnerAuth extends Construct {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenUrl: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const pool = new cognito.UserPool(this, 'Pool');
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'ledger-partner-auth' } });
    const server = new cognito.UserPoolResourceServer(this, 'Server', {
      userPool: pool,
      identifier: 'ledger',
      scopes: [{ scopeName: 'ingest', scopeDescription: 'Post ledger entries' }],
    });
    const client = pool.addClient('PartnerClient', {
      generateSecret: true,
      preventUserExistenceErrors: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('ledger/ingest')] },
    });
    client.node.addDependency(server);
    const describe = new cr.AwsCustomResource(this, 'DescribeClient', {
      resourceType: 'Custom::DescribeUserPoolClient',
      onCreate: {
        service: 'CognitoIdentityServiceProvider',
        action: 'describeUserPoolClient',
        parameters: { UserPoolId: pool.userPoolId, ClientId: client.userPoolClientId },
        physicalResourceId: cr.PhysicalResourceId.of(client.userPoolClientId),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    this.clientId = client.userPoolClientId;
    this.clientSecret = describe.getResponseField('UserPoolClient.ClientSecret');
    this.tokenUrl = 'https://ledger-partner-auth.auth.eu-west-1.amazoncognito.com/oauth2/token';
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw01');
  const auth = new PartnerAuth(stack, 'Auth');
  new events.CfnConnection(stack, 'Connection', {
    authorizationType: 'OAUTH_CLIENT_CREDENTIALS',
    authParameters: {
      oAuthParameters: {
        authorizationEndpoint: auth.tokenUrl,
        clientParameters: { clientId: auth.clientId, clientSecret: auth.clientSecret },
        httpMethod: 'POST',
        oAuthHttpParameters: { bodyParameters: [{ key: 'grant_type', value: 'client_credentials' }] },
      },
    },
  });
  return templateOf(app, stack);
}
