/**
 * Written after rayova/cdk-cognito-secret (src/user-pool-client-secret.ts and the integration test test/main.integ.ts):
 * a third-party construct that copies a user pool client's secret into a Secrets Manager secret through a
 * Provider-framework custom resource (its handler calls DescribeUserPoolClient and PutSecretValue, so the secret never
 * passes through CloudFormation). As in the integration test, the client is given only generateSecret: true (the
 * L2's OAuth defaults apply) and the secret is a plain `new Secret()`. The handler's code is inline here (the
 * construct bundles its own). Names are ours.
 */
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class ClientSecretExport extends Construct {
  constructor(scope: Construct, id: string, props: { userPool: cognito.UserPool; userPoolClient: cognito.UserPoolClient; secret: secretsmanager.Secret }) {
    super(scope, id);
    const onEvent = new lambda.Function(this, 'OnEventHandler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      timeout: Duration.seconds(30),
      code: lambda.Code.fromInline('exports.handler = async (e) => { /* describe the client, put its secret */ return { PhysicalResourceId: e.ResourceProperties.secretArn }; };'),
      initialPolicy: [new iam.PolicyStatement({ actions: ['cognito-idp:DescribeUserPoolClient'], resources: [props.userPool.userPoolArn] })],
    });
    props.secret.grantWrite(onEvent);
    const provider = new cr.Provider(this, 'Provider', { onEventHandler: onEvent });
    new CustomResource(this, 'CustomResource', {
      serviceToken: provider.serviceToken,
      properties: {
        userPoolId: props.userPool.userPoolId,
        userPoolClientId: props.userPoolClient.userPoolClientId,
        secretArn: props.secret.secretArn,
        issuer: props.userPool.userPoolProviderUrl,
      },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw315ClientSecretExport');
  const userPool = new cognito.UserPool(stack, 'UserPool');
  const userPoolClient = new cognito.UserPoolClient(stack, 'UserPoolClient', { userPool, generateSecret: true });
  const secret = new secretsmanager.Secret(stack, 'Secret');
  new ClientSecretExport(stack, 'UserPoolClientSecret', { userPool, userPoolClient, secret });
  return templateOf(app, stack);
}
