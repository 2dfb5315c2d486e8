/**
 * Written after panacloud-modern-global-apps/full-stack-serverless-cdk (stepxx_secret_manager/
 * example01_rotate_secret_with_lambda: a secret rotated by a custom Lambda function via addRotationSchedule): a
 * third-party API token kept in a secret with its own KMS key (rotation on), rotated every 7 days by a custom function
 * that calls the vendor's token endpoint, a resource policy that admits one consumer role, and the consumer function
 * given only the secret's ARN and the Parameters and Secrets extension settings. CDK's addRotationSchedule grants
 * Secrets Manager invoke without SourceAccount. Names and values are this project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw225');
  const key = new kms.Key(stack, 'VendorTokenKey', { enableKeyRotation: true, description: 'Encrypts the vendor API token' });
  const secret = new secretsmanager.Secret(stack, 'VendorApiToken', {
    secretName: 'integrations/vendor/api-token',
    description: 'Vendor API token, minted by the rotation function',
    encryptionKey: key,
  });
  const rotator = new lambda.Function(stack, 'VendorTokenRotator', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    timeout: Duration.minutes(1),
    environment: {
      VENDOR_TOKEN_URL: 'https://api.vendor.example.com/oauth/token',
      VENDOR_CLIENT_ID: 'acme-integration',
      VENDOR_CLIENT_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:integrations/vendor/client-secret-Qw3rTy',
      TOKEN_VALIDITY_HOURS: '168',
    },
  });
  secret.addRotationSchedule('Rotation', { rotationLambda: rotator, automaticallyAfter: Duration.days(7) });
  const consumerRole = new iam.Role(stack, 'ConsumerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  secret.addToResourcePolicy(new iam.PolicyStatement({
    principals: [consumerRole],
    actions: ['secretsmanager:GetSecretValue'],
    resources: ['*'],
  }));
  const consumer = new lambda.Function(stack, 'VendorSyncFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    role: consumerRole,
    environment: {
      VENDOR_TOKEN_SECRET_ARN: secret.secretArn,
      PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true',
      SECRETS_MANAGER_TTL: '300',
    },
  });
  secret.grantRead(consumer);
  return templateOf(app, stack);
}
