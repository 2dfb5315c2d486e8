/**
 * Written after tanaya1313/AihouseInfra (lib/stacks/secrets-manager-stack.ts): a NestedStack that creates a named
 * secret holding a generated password under an admin user name. The parent (the project's combined stack) is reduced
 * here to the nested stack; the nested stack's template (as cdk.out writes it) is audited.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestedStack, NestedStackProps, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp } from '../../app-helpers';

class SecretsManagerStack extends NestedStack {
  constructor(scope: Construct, id: string, props?: NestedStackProps) {
    super(scope, id, props);
    new secretsmanager.Secret(this, 'MySecret', {
      secretName: 'MySecret',
      generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'admin' }), generateStringKey: 'password', excludeCharacters: '"@/\\' },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const parent = new Stack(app, 'CombinedInfraStack');
  const nested = new SecretsManagerStack(parent, 'SecretsManagerStack');
  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, nested.templateFile), 'utf8')) as Record<string, unknown>;
}
