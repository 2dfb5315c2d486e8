/**
 * Written after neilkuan/cdk-secret-manager-wrapper-layer (src/integ.index.ts, the Construct Hub package's own example
 * app): a CfnSecret whose SecretString is a literal JSON of three example keys and values, the package's Lambda layer
 * (here a LayerVersion with the same wrapper script name), and a function whose AWS_LAMBDA_EXEC_WRAPPER loads the
 * secret's keys into its environment at start-up from SECRET_ARN, with a public function URL for testing. The layer's
 * asset is replaced by inline code (no Docker here). Names follow the example.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'testing-stack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const secret = new secretsmanager.CfnSecret(stack, 'Mysecret', { secretString: JSON.stringify({ KEY1: 'VALUE1', KEY2: 'VALUE2', KEY3: 'VALUE3' }) });
  const layer = new lambda.LayerVersion(stack, 'SecretManagerWrapperLayer', {
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'LayerBucket', 'cdk-hnb659fds-assets-111122223333-ap-northeast-1'), 'get-secrets-layer.zip'),
    description: 'Lambda layer that fetches a Secrets Manager secret and exports its keys as environment variables',
  });
  const fn = new lambda.Function(stack, 'fn', {
    runtime: lambda.Runtime.PYTHON_3_12,
    code: lambda.Code.fromInline("import os\ndef hander(events, contexts):\n    return {k: os.environ.get(k, 'Not Found') for k in ('KEY1', 'KEY2', 'KEY3')}\n"),
    handler: 'index.hander',
    layers: [layer],
    timeout: Duration.minutes(1),
    environment: { AWS_LAMBDA_EXEC_WRAPPER: '/opt/get-secrets-layer', SECRET_REGION: stack.region, SECRET_ARN: secret.ref, API_TIMEOUT: '5000' },
  });
  fn.role!.addToPrincipalPolicy(new iam.PolicyStatement({ effect: iam.Effect.ALLOW, actions: ['secretsmanager:GetSecretValue'], resources: [secret.ref] }));
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  new CfnOutput(stack, 'FnUrl', { value: url.url });
  return templateOf(app, stack);
}
