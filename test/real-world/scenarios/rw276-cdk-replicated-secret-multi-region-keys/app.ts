/**
 * Written after reapit/ts-cdk-constructs (packages/constructs/replicated-secret/readme.md and
 * src/replicated-secret.ts): a secret encrypted with a multi-Region customer-managed key in its primary Region and
 * replicated to two Regions, each replica on that key's replica there (the key's ARN in the replica Region), a
 * Lambda-backed custom resource that waits for replication, and a function that receives the secret's ARN in each
 * Region. The ReplicatedKey construct (which replicates the key with a custom resource) is reduced to a multi-Region
 * key whose replica ARNs share its key id. No rotation, as in the readme. Names ours.
 */
import { Arn, ArnFormat, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw276Replicated', { env: { account: '111122223333', region: 'us-east-1' } });
  const key = new kms.Key(stack, 'key', { enableKeyRotation: true, description: 'multi-region key for replicated secrets' });
  (key.node.defaultChild as kms.CfnKey).multiRegion = true;
  const replicaRegions = ['af-south-1', 'eu-west-2'];
  const regionalKey = (region: string) =>
    kms.Key.fromKeyArn(stack, `key-${region}`, Arn.format({ service: 'kms', region, resource: 'key', resourceName: key.keyId }, stack));
  const secret = new secretsmanager.Secret(stack, 'secret', {
    encryptionKey: key,
    replicaRegions: replicaRegions.map((region) => ({ region, encryptionKey: regionalKey(region) })),
  });
  const waiter = new lambda.Function(stack, 'waiter', {
    runtime: lambda.Runtime.NODEJS_18_X,
    handler: 'lambda.onEvent',
    code: lambda.Code.fromInline('exports.onEvent = async () => ({ IsComplete: true });'),
    timeout: Duration.minutes(15),
  });
  waiter.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:DescribeSecret'], resources: [secret.secretArn] }));
  const provider = new Provider(stack, 'provider', { onEventHandler: waiter });
  new CustomResource(stack, 'wait-for-replication', { serviceToken: provider.serviceToken, properties: { secretArn: secret.secretArn, regions: replicaRegions } });
  const name = Arn.split(secret.secretArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
  const fn = new lambda.Function(stack, 'lambda', {
    runtime: lambda.Runtime.NODEJS_18_X,
    handler: 'lambda.handler',
    code: lambda.Code.fromInline('exports.handler = () => {}'),
    environment: {
      usSecretArn: secret.secretArn,
      afSecretArn: Arn.format({ service: 'secretsmanager', region: 'af-south-1', resource: 'secret', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack),
      euSecretArn: Arn.format({ service: 'secretsmanager', region: 'eu-west-2', resource: 'secret', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack),
    },
  });
  secret.grantRead(fn);
  return templateOf(app, stack);
}
