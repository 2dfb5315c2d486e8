/**
 * Reproduces gmarciani/aws-infrastructures dev-workspace/stack/secrets.py (a SimpleSecret construct:
 * secretsmanager.Secret with secret_string_value=SecretValue.unsafe_plain_text(value), value passed in from the
 * stack's configuration), written in TypeScript, next to a generated secret with a customer-managed key and a hosted
 * rotation. Names and values are this project's own (the token is made up).
 */
import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

/** What the stack's configuration file held. */
const CONFIG = { webhookToken: 'hT7qW2mZ9xR4vK8nB3cJ6pL1sD5fG0yA' };

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw63');
  new secretsmanager.Secret(stack, 'WebhookToken', {
    secretName: 'dev-workspace/webhook-token',
    secretStringValue: SecretValue.unsafePlainText(CONFIG.webhookToken),
  });
  const key = new kms.Key(stack, 'DbKey', { enableKeyRotation: true });
  const db = new secretsmanager.Secret(stack, 'DbCredentials', {
    encryptionKey: key,
    generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'app' }), generateStringKey: 'password' },
  });
  db.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(), automaticallyAfter: Duration.days(30) });
  return templateOf(app, stack);
}
