/**
 * Written after ss10sb/aws-cdk-pipeline (src/stacks/secrets.ts with src/secrets.ts and
 * src/definitions/secrets-config.ts), a CDK library of stacks for containerised PHP apps deployed by CDK Pipelines:
 * its SecretsStack creates one secret named `<id>-secrets/environment` whose GenerateSecretString writes every
 * key/value pair of the stack's config file (`Parameters.secrets`) into SecretStringTemplate and generates only a
 * `salt` key; the app's task definitions later read the keys with ecs.Secret.fromSecretsManager(secret, key). The
 * config file is not public: the pairs below are ours, of the kind a Laravel app keeps there (its APP_KEY, database
 * and mail passwords beside settings), with fake values. No KMS key and no rotation are set, as in the source.
 */
import { Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

interface SecretItem { key: string; value: string | number | boolean }

export function synth(): Record<string, unknown> {
  const app = newApp();
  const id = 'pcc-prod-myapp-secrets';
  const stack = new Stack(app, id, { env: { account: '222233334444', region: 'us-west-2' } });
  const secrets: SecretItem[] = [
    { key: 'APP_ENV', value: 'production' },
    { key: 'APP_KEY', value: 'base64:BCndtVWbnXdkrfsc8ubpGcf/7Kxy2ZIp3jRr8VgRBrc=' },
    { key: 'DB_USERNAME', value: 'myapp' },
    { key: 'DB_PASSWORD', value: 'Tr0ub4dor&3-myapp-prod' },
    { key: 'MAIL_PASSWORD', value: 'kX9#mQ2vL7pW4zR8' },
    { key: 'QUEUE_RETRIES', value: 3 },
  ];
  const params: Record<string, unknown> = {};
  for (const s of secrets) params[s.key] = s.value;
  const name = id.endsWith('-secrets') ? id : `${id}-secrets`;
  new secretsmanager.Secret(stack, `${id}-secret`, {
    secretName: `${name}/environment`,
    generateSecretString: { secretStringTemplate: JSON.stringify(params), generateStringKey: 'salt' },
  });
  return templateOf(app, stack);
}
