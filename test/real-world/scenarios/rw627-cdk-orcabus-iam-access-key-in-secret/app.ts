/**
 * Written after umccr/orcabus (lib/workload/stateful/stacks/access-key-secret/index.ts), OrcaBus's AccessKeySecret
 * stack: an IAM user with the policies it needs to create long-lived presigned URLs, an active access key for it, and
 * a Secrets Manager secret built with secretObjectValue from the key id (unsafePlainText) and the key's
 * SecretAccessKey attribute. The policy statement and names are ours (the stack takes them as props).
 */
import { Stack } from 'aws-cdk-lib';
import { AccessKey, AccessKeyStatus, PolicyStatement, User } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { SecretValue } from 'aws-cdk-lib';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OrcaBusStatefulFileManagerPresignUserStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const user = new User(stack, 'User', { userName: 'orcabus-file-manager-presign-user' });
  [new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::orcabus-presign-example-111122223333/*'] })].forEach((p) => user.addToPolicy(p));
  const accessKey = new AccessKey(stack, 'AccessKey', { user, status: AccessKeyStatus.ACTIVE });
  new Secret(stack, 'Secret', {
    description: 'Contains an access key for an IAM user to perform long-lived actions',
    secretObjectValue: {
      accessKeyId: SecretValue.unsafePlainText(accessKey.accessKeyId),
      secretAccessKey: accessKey.secretAccessKey,
    },
  });
  return templateOf(app, stack);
}
