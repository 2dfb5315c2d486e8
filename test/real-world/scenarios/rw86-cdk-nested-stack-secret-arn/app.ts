/**
 * Reproduces the NestedStack pattern found by code search in CDK apps (a secrets NestedStack exposing its Secret, the
 * parent granting read access across the boundary): the nested stack owns a secret with its own key and a rotation,
 * and the parent passes the secret's ARN (which CDK turns into a nested-stack output named <path>Ref) to a
 * function's environment. Names and values are this project's own.
 */
import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class SecretsStack extends NestedStack {
  readonly apiToken: secretsmanager.Secret;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.apiToken = new secretsmanager.Secret(this, 'PartnerApiToken', { encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true }) });
    this.apiToken.addRotationSchedule('Rotation', {
      rotationLambda: new lambda.Function(this, 'Rotator', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') }),
      automaticallyAfter: Duration.days(7),
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw86');
  const secrets = new SecretsStack(stack, 'Secrets');
  const fn = new lambda.Function(stack, 'PartnerSync', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    environment: { PARTNER_API_TOKEN_SECRET_ARN: secrets.apiToken.secretArn },
  });
  secrets.apiToken.grantRead(fn);
  return templateOf(app, stack);
}
