/**
 * Written after NHSDigital/electronic-prescription-service-account-resources (packages/cdk/stacks/SecretsStack.ts with
 * constructs/StaticSecret.ts and resources/SecretsEncryption.ts): an account-level secrets stack that runs cdk-nag.
 * SecretsEncryption makes a rotating KMS key with an alias and two managed policies; StaticSecret makes a Secret on that
 * key whose value is the placeholder "ChangeMe" (replaced out of band) and suppresses cdk-nag's AwsSolutions-SMG4
 * ("Static secret - does not need rotation"). The stack exports secret ARNs for other stacks and, for secrets not
 * migrated yet, the literal "CHANGE_ME" under outputs named for keys and certificates. A subset of the source's
 * secrets; names follow the source's pattern, the stack name is ours.
 */
import { CfnOutput, RemovalPolicy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class StaticSecret extends Construct {
  readonly secret: secretsmanager.Secret;
  constructor(scope: Construct, id: string, props: { secretName: string; description: string; encryptionKey: kms.IKey }) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'staticSecret', {
      secretName: props.secretName,
      description: props.description,
      secretStringValue: SecretValue.unsafePlainText('ChangeMe'),
      encryptionKey: props.encryptionKey,
    });
    // NagSuppressions.addResourceSuppressions(secret, [...]) as cdk-nag 2 writes it.
    (this.secret.node.defaultChild as secretsmanager.CfnSecret).addMetadata('cdk_nag', {
      rules_to_suppress: [{ reason: 'Static secret - does not need rotation', id: 'AwsSolutions-SMG4' }],
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stackName = 'account-resources';
  const stack = new Stack(app, 'SecretsStack', { stackName, env: { account: '111122223333', region: 'eu-west-2' } });
  Tags.of(stack).add('stackName', stackName);
  const key = new kms.Key(stack, 'SecretsKMSKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
  key.addAlias('alias/SecretsKMSKeyAlias');
  new iam.ManagedPolicy(stack, 'LambdaDecryptSecretsKMSPolicy', { statements: [new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] })] });
  const secret = (id: string, name: string, description: string) => new StaticSecret(stack, `${id}Secret`, { secretName: `${stackName}-${name}`, description, encryptionKey: key }).secret;
  const caKey = secret('FhirFacadeCAKey', 'FhirFacadeCAKey', 'Private key of the FHIR facade mTLS CA');
  const clientKey = secret('FhirFacadeClientKey', 'FhirFacadeClientKey', 'Private key of the FHIR facade mTLS client');
  const proxygenKey = secret('CPSUProxygenPrivateKey', 'CPSUProxygenPrivateKey', 'Proxygen private key for CPSU');
  const proxygenPublic = secret('CPSUProxygenPublicKey', 'CPSUProxygenPublicKey', 'Proxygen public key for CPSU');
  new CfnOutput(stack, 'FhirFacadeCAKey', { value: caKey.secretArn, exportName: `${stackName}:Secret:FhirFacadeCAKey:Arn` });
  new CfnOutput(stack, 'FhirFacadeClientKey', { value: clientKey.secretArn, exportName: `${stackName}:Secret:FhirFacadeClientKey:Arn` });
  new CfnOutput(stack, 'CPSUProxygenPrivateKey', { value: proxygenKey.secretArn, exportName: `${stackName}:Secret:CPSUProxygenPrivateKey:Arn` });
  new CfnOutput(stack, 'CPSUProxygenPublicKey', { value: proxygenPublic.secretArn, exportName: `${stackName}:Secret:CPSUProxygenPublicKey:Arn` });
  // Secrets not migrated yet: the source exports a literal placeholder under their names.
  new CfnOutput(stack, 'ClinicalTrackerCAKeyArn', { value: 'CHANGE_ME', exportName: `${stackName}:Secret:ClinicalTrackerCAKey:Value` });
  new CfnOutput(stack, 'ClinicalTrackerClientKey', { value: 'CHANGE_ME', exportName: `${stackName}:Secret:ClinicalTrackerClientKey:Arn` });
  new CfnOutput(stack, 'ClinicalTrackerProxygenPrivateKey', { value: 'CHANGE_ME', exportName: `${stackName}:Secret:ClinicalTrackerProxygenPrivateKey:Arn` });
  return templateOf(app, stack);
}
