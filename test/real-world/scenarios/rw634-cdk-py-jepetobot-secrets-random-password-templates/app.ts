/**
 * Written after Alexvidalcor/Jepetobot (cdk/iac/secretmanager_stack.py with cdk/env/cdk_public_env.py and
 * cdk_secrets_env.py), the Python CDK app of an open-source Telegram/OpenAI bot, rewritten in TypeScript: four secrets
 * named `<appName>-<env>_Secretmanager-secretN`, one empty (default generated value, filled in by hand), one generated
 * under `secret_app` from a template naming the app, and two generated under `secret_db` / `secret_file` from
 * templates that already hold the word 'randomPassword' under the same key (the generated value replaces it).
 * appName and the environment are ours (the source reads them from .env).
 */
import { Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

const appName = 'jepetobot';
const envDeploy = 'prod';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, `${appName}-${envDeploy}-secretmanager`, { env: { account: '111122223333', region: 'eu-west-1' } });
  new secretsmanager.Secret(stack, `${appName}-${envDeploy}_Secretmanager-secret1`, { secretName: `${appName}-${envDeploy}_Secretmanager-secret1` });
  new secretsmanager.Secret(stack, `${appName}-${envDeploy}_Secretmanager-secret2`, {
    secretName: `${appName}-${envDeploy}_Secretmanager-secret2`,
    generateSecretString: { secretStringTemplate: JSON.stringify({ app: `${appName}-${envDeploy}` }), generateStringKey: 'secret_app' },
  });
  new secretsmanager.Secret(stack, `${appName}-${envDeploy}_Secretmanager-secret3`, {
    secretName: `${appName}-${envDeploy}_Secretmanager-secret3`,
    generateSecretString: { secretStringTemplate: JSON.stringify({ secret_db: 'randomPassword' }), generateStringKey: 'secret_db' },
  });
  new secretsmanager.Secret(stack, `${appName}-${envDeploy}_Secretmanager-secret4`, {
    secretName: `${appName}-${envDeploy}_Secretmanager-secret4`,
    generateSecretString: { secretStringTemplate: JSON.stringify({ secret_file: 'randomPassword' }), generateStringKey: 'secret_file', excludeCharacters: "/@'." },
  });
  return templateOf(app, stack);
}
