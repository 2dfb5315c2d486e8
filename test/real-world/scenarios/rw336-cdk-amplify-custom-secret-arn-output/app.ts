/**
 * Written after hurstcorey/RRPGBot (amplify/backend/custom/yourResourceName/cdk-stack.ts), an Amplify CLI custom
 * resource written with CDK v1 and rewritten against aws-cdk-lib 2: a named secret with a generated 16-character
 * password (no punctuation) under a user name, and an output of its ARN.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'custom-yourResourceName');
  const secret = new secretsmanager.Secret(stack, 'MySecret', {
    secretName: 'my-app-secret',
    description: 'Secret for my application',
    generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'user' }), generateStringKey: 'password', excludePunctuation: true, includeSpace: false, passwordLength: 16 },
  });
  new CfnOutput(stack, 'SecretArn', { value: secret.secretArn, description: 'The ARN of the secret in Secrets Manager' });
  return templateOf(app, stack);
}
