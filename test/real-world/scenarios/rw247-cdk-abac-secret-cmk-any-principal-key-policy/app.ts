/**
 * Written after aws-samples/aws-secrets-manager-abac-authorization-samples (lib/commonSecretsAndIamPolicy-stack.ts):
 * a customer-managed KMS key whose key policy lets any principal use it only via Secrets Manager and only from this
 * account, an "empty shell" secret encrypted with it (generated password, placeholder database and user names),
 * ABAC tags, a managed policy that matches resource tags to principal tags, and SSM String parameters holding the
 * secret's ARN and the policy's ARN. No rotation (the source suppresses cdk-nag's SMG4 with a reason). Names ours.
 */
import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

const tagconfig = { name: 'app1', appid: 'payroll', appfunc: 'backend', appenv: 'dev', dataclassification: 'confidential' };

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw247AbacSecrets');
  const prefix = `/${tagconfig.appid}/${tagconfig.appfunc}/${tagconfig.appenv}/${tagconfig.name}`;
  const kmsKey = new Key(stack, 'SecretsManagerCMK', {
    alias: `${tagconfig.appid}/${tagconfig.appfunc}/${tagconfig.appenv}/${tagconfig.name}/kmsKey`,
    description: `KMS key to manage ${tagconfig.appid} keys in Secrets Manager`,
    enableKeyRotation: true,
  });
  const viaSecretsManager = new iam.PolicyStatement({
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:CreateGrant', 'kms:DescribeKey', 'kms:GenerateDataKey'],
    resources: ['*'],
  });
  viaSecretsManager.addAnyPrincipal();
  viaSecretsManager.addCondition('StringEquals', { 'kms:CallerAccount': stack.account, 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` });
  kmsKey.addToResourcePolicy(viaSecretsManager);

  const secret = new secretsmanager.Secret(stack, 'App1Secret', {
    secretName: prefix,
    encryptionKey: kmsKey,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ database: 'fill_name_of_the_database', username: 'fill_username' }),
      generateStringKey: 'password',
      excludeCharacters: '"@/\\',
    },
  });
  for (const [k, v] of Object.entries(tagconfig)) Tags.of(secret).add(k, v);

  const managedPolicy = new iam.ManagedPolicy(stack, 'AbacSecretAccessPolicy', {
    description: `ABAC IAM Policy that allows Secret access for ${tagconfig.appid}`,
    statements: [
      new iam.PolicyStatement({
        sid: 'AccessBasedOnResourceTags',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:DescribeSecret'],
        resources: [secret.secretArn],
        conditions: {
          StringEquals: {
            'secretsmanager:ResourceTag/appfunc': '${aws:PrincipalTag/appfunc}',
            'secretsmanager:ResourceTag/appenv': '${aws:PrincipalTag/appenv}',
            'secretsmanager:ResourceTag/appid': '${aws:PrincipalTag/appid}',
          },
        },
      }),
    ],
  });
  new ssm.StringParameter(stack, 'AsmStringParameter', {
    description: `SSM Parameter to store Secrets ARN for ${tagconfig.appid}`,
    parameterName: `${prefix}-AsmSsmPara`,
    simpleName: false,
    stringValue: secret.secretArn,
  });
  new ssm.StringParameter(stack, 'IamPolicyStringParameter', {
    description: `SSM Parameter to store IAM Policy ARN for ${tagconfig.appid}`,
    parameterName: `${prefix}-IAMSsmPara`,
    simpleName: false,
    stringValue: managedPolicy.managedPolicyArn,
  });
  return templateOf(app, stack);
}
