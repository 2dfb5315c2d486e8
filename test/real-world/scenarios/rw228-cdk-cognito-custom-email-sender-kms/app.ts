/**
 * Written after a CDK CognitoEmailSenderStack found by code search (a KMS key and alias for Cognito's custom email
 * sender, the sender function given the key id and ARN, the SSM parameter *name* of a Resend API key, and a custom
 * resource that wires the trigger with UserPoolId, LambdaArn and KmsKeyArn properties; cognito-idp invoke permission
 * with a source ARN; key policy conditioned on aws:SourceAccount). Inline code stands in for the NodejsFunction bundles;
 * names are this project's own.
 */
import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

const RESEND_API_KEY_PARAM = '/statuspage/resend-api-key';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw228', { env: { account: '111122223333', region: 'eu-west-2' } });
  const userPoolId = 'eu-west-2_AbCdEfGh1';
  const key = new kms.Key(stack, 'EmailSenderKey', {
    description: 'KMS key for Cognito custom email sender code encryption',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  new kms.Alias(stack, 'EmailSenderKeyAlias', { aliasName: 'alias/cognito-email-sender', targetKey: key });
  const sender = new lambda.Function(stack, 'EmailSenderFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    timeout: Duration.seconds(30),
    memorySize: 256,
    environment: {
      KEY_ID: key.keyId,
      KEY_ARN: key.keyArn,
      RESEND_API_KEY_PARAM,
      FROM_EMAIL: 'Status Page <status@notifications.acme.example.com>',
      APP_URL: 'https://status.acme.example.com',
    },
  });
  key.grantDecrypt(sender);
  sender.addToRolePolicy(new iam.PolicyStatement({
    actions: ['ssm:GetParameter'],
    resources: [`arn:aws:ssm:${stack.region}:${stack.account}:parameter${RESEND_API_KEY_PARAM}`],
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('cognito-idp.amazonaws.com')],
    actions: ['kms:Encrypt'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
  sender.addPermission('CognitoInvoke', {
    principal: new iam.ServicePrincipal('cognito-idp.amazonaws.com'),
    sourceArn: `arn:aws:cognito-idp:${stack.region}:${stack.account}:userpool/${userPoolId}`,
  });
  const triggerConfigFn = new lambda.Function(stack, 'TriggerConfigFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ PhysicalResourceId: "trigger" });'),
    timeout: Duration.minutes(5),
  });
  triggerConfigFn.addToRolePolicy(new iam.PolicyStatement({
    actions: ['cognito-idp:UpdateUserPool', 'cognito-idp:DescribeUserPool'],
    resources: [`arn:aws:cognito-idp:${stack.region}:${stack.account}:userpool/*`],
  }));
  key.grant(triggerConfigFn, 'kms:CreateGrant', 'kms:DescribeKey');
  new CustomResource(stack, 'CustomEmailSenderTrigger', {
    serviceToken: triggerConfigFn.functionArn,
    properties: { UserPoolId: userPoolId, LambdaArn: sender.functionArn, KmsKeyArn: key.keyArn, LambdaVersion: 'V1_0' },
  });
  new CfnOutput(stack, 'LambdaFunctionArn', { value: sender.functionArn, description: 'ARN of the custom email sender Lambda function' });
  new CfnOutput(stack, 'KmsKeyArn', { value: key.keyArn, description: 'ARN of the KMS key for code encryption' });
  return templateOf(app, stack);
}
