/**
 * Written after NHSDigital/electronic-prescription-service-account-resources (packages/cdk/resources/Splunk.ts): a
 * Firehose delivery stream to Splunk whose HEC token is the dynamic reference
 * {{resolve:secretsmanager:account-resources-SplunkHECToken:SecretString}}, with a processor function, a backup bucket
 * encrypted by a CMK, CloudWatch logging to a log group and stream, and the roles and managed policies between them.
 * The app runs cdk-nag; its stack-level AwsSolutions suppressions are in the template's metadata. The processor is an
 * inline function here (the source uses the team's TypescriptLambdaFunction construct). Names follow the source.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stackName = 'account-resources';
  const stack = new Stack(app, 'AccountResourcesStack', { stackName, env: { account: '111122223333', region: 'eu-west-2' } });
  const backupKey = new kms.Key(stack, 'SplunkDeliveryStreamBackupKMSKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
  const backupBucket = new s3.Bucket(stack, 'SplunkDeliveryStreamBackupBucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: backupKey, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const backupRole = new iam.Role(stack, 'SplunkDeliveryStreamBackupBucketRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  backupBucket.grantReadWrite(backupRole);
  const logGroup = new logs.LogGroup(stack, 'SplunkDeliveryStreamLogGroup', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const logStream = new logs.LogStream(stack, 'SplunkDeliveryStreamLogStream', { logGroup });
  const processor = new lambda.Function(stack, 'SplunkDeliveryStreamProcessor', {
    functionName: `${stackName}-splunkProcessor`,
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => ({ records: event.records.map((r) => ({ recordId: r.recordId, result: "Ok", data: r.data })) });'),
    environment: { LOG_LEVEL: 'INFO', VERSION: 'v1.2.3', COMMIT_ID: '9f3c2b1a7e6d5c4b3a2918f7e6d5c4b3a2918f7e' },
  });
  const invokeRole = new iam.Role(stack, 'SplunkDeliveryStreamProcessorInvokeRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  new iam.ManagedPolicy(stack, 'SplunkDeliveryStreamProcessorInvokeManagedPolicy', { statements: [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [processor.functionArn] })], roles: [invokeRole] });
  new firehose.CfnDeliveryStream(stack, 'SplunkDeliveryStream', {
    deliveryStreamType: 'DirectPut',
    splunkDestinationConfiguration: {
      hecEndpoint: 'https://firehose.inputs.splunk.example.nhs.uk',
      hecEndpointType: 'Event',
      hecToken: '{{resolve:secretsmanager:account-resources-SplunkHECToken:SecretString}}',
      s3Configuration: {
        bucketArn: backupBucket.bucketArn,
        roleArn: backupRole.roleArn,
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: backupKey.keyArn } },
        prefix: stackName,
      },
      cloudWatchLoggingOptions: { enabled: true, logGroupName: logGroup.logGroupName, logStreamName: logStream.logStreamName },
      processingConfiguration: {
        enabled: true,
        processors: [{ type: 'Lambda', parameters: [{ parameterName: 'LambdaArn', parameterValue: processor.functionArn }, { parameterName: 'RoleArn', parameterValue: invokeRole.roleArn }] }],
      },
    },
  });
  stack.templateOptions.metadata = {
    cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: 'Suppress error for not having wildcards in permissions. This is a fine as we need to have permissions on all log streams under path' }] },
  };
  return templateOf(app, stack);
}
