/**
 * Written after NHSDigital/eps-prescription-tracker-ui (packages/cdk/resources/SharedSecrets.ts): a KMS key with its
 * own policy (account root, and encrypt/generate for the deployment role), a managed policy to use it, and two
 * secrets for the JWT private keys the app signs its CIS2 and mock token requests with, created with placeholder values
 * ("ChangeMe", and "mock-secret" for the mock provider) that the deployment pipeline overwrites with PutSecretValue,
 * which each secret's resource policy grants to the deployment role; managed policies let functions read them.
 * The deployment role is imported. Names follow the source; the stack name is ours.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stackName = 'cpt-ui-shared';
  const stack = new Stack(app, 'SharedResourcesStack', { stackName, env: { account: '111122223333', region: 'eu-west-2' } });
  const deploymentRole = iam.Role.fromRoleArn(stack, 'DeploymentRole', 'arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-eu-west-2');
  const key = new kms.Key(stack, 'JwtKmsKey', {
    description: `${stackName}-jwtKmsKey`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ sid: 'EnableIAMUserPermissions', effect: iam.Effect.ALLOW, actions: ['kms:*'], principals: [new iam.AccountRootPrincipal()], resources: ['*'] }),
        new iam.PolicyStatement({ effect: iam.Effect.ALLOW, principals: [deploymentRole], actions: ['kms:Encrypt', 'kms:GenerateDataKey*'], resources: ['*'] }),
      ],
    }),
  });
  new iam.ManagedPolicy(stack, 'UseJwtKmsKeyPolicy', { description: 'Policy to allow using the JWT KMS key', statements: [new iam.PolicyStatement({ actions: ['kms:DescribeKey', 'kms:Decrypt'], effect: iam.Effect.ALLOW, resources: [key.keyArn] })] });
  const jwtSecret = (id: string, name: string, placeholder: string) => {
    const secret = new secretsmanager.Secret(stack, id, { secretName: `${stackName}-${name}`, secretStringValue: SecretValue.unsafePlainText(placeholder), encryptionKey: key });
    secret.addToResourcePolicy(new iam.PolicyStatement({ effect: iam.Effect.ALLOW, principals: [deploymentRole], actions: ['secretsmanager:PutSecretValue'], resources: ['*'] }));
    new iam.ManagedPolicy(stack, `Get${id}Policy`, { statements: [new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] })] });
  };
  jwtSecret('PrimaryJwtPrivateKey', 'primaryJwtPrivateKey', 'ChangeMe');
  jwtSecret('MockJwtPrivateKey', 'mockJwtPrivateKey', 'mock-secret');
  return templateOf(app, stack);
}
