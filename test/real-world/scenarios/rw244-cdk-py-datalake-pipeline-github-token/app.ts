/**
 * Written after aws-samples/aws-cdk-pipelines-datalake-infrastructure (lib/pipeline_stack.py,
 * lib/pipeline_deploy_stage.py and lib/s3_bucket_zones_stack.py, a Python CDK v1 app): a CDK pipeline whose GitHub
 * source authenticates with a token kept in Secrets Manager, a synth step whose role may read /DataLake/* parameters
 * and secrets, a deploy stage holding the data-lake bucket stack (one KMS key, access-log, raw, conformed and
 * purpose-built buckets), and a post-deploy shell step that writes the stage's outputs to SSM with put-parameter.
 * Rewritten in TypeScript on aws-cdk-lib's CodePipeline; names are our own. rw245 audits the stage's stack.
 */
import { App, CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, Stage } from 'aws-cdk-lib';
import * as codepipeline_actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { newApp, templateOf } from '../../app-helpers';

const ENV = { account: '111111111111', region: 'us-east-1' };

class BucketZonesStack extends Stack {
  readonly kmsKeyArn: CfnOutput;
  readonly rawBucketName: CfnOutput;

  constructor(scope: Stage, id: string, targetEnvironment: string, deploymentAccountId: string) {
    super(scope, id);
    const key = new kms.Key(this, `${targetEnvironment}DataLakeKmsKey`, {
      admins: [new iam.AccountPrincipal(this.account)],
      description: 'Key used for encrypting Data Lake S3 Buckets',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(this.account), new iam.AccountPrincipal(deploymentAccountId)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
    }));
    const logs = new s3.Bucket(this, `${targetEnvironment}DataLakeAccessLogsBucket`, {
      bucketName: `${targetEnvironment.toLowerCase()}-datalake-${this.account}-${this.region}-access-logs`,
      accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    });
    const zones = ['Raw', 'Conformed', 'PurposeBuilt'].map((zone) => {
      const name = `${targetEnvironment.toLowerCase()}-datalake-${this.account}-${this.region}-${zone.toLowerCase()}`;
      const bucket = new s3.Bucket(this, `${targetEnvironment}DataLake${zone}Bucket`, {
        bucketName: name,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        versioned: true,
        serverAccessLogsBucket: logs,
        serverAccessLogsPrefix: name,
        lifecycleRules: [{ enabled: true, expiration: Duration.days(60), noncurrentVersionExpiration: Duration.days(30) }],
      });
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'OnlyAllowSecureTransport',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [`${bucket.bucketArn}/*`],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }));
      return bucket;
    });
    this.kmsKeyArn = new CfnOutput(this, 'S3KmsKeyArn', { value: key.keyArn });
    this.rawBucketName = new CfnOutput(this, 'RawBucketName', { value: zones[0].bucketName });
  }
}

class DeployStage extends Stage {
  readonly buckets: BucketZonesStack;
  constructor(scope: Stack, id: string, deploymentAccountId: string) {
    super(scope, id, { env: ENV });
    this.buckets = new BucketZonesStack(this, 'DevDataLakeS3BucketZones', id, deploymentAccountId);
  }
}

export function build(): { app: App; pipelineStack: Stack; stage: DeployStage } {
  const app = newApp();
  const pipelineStack = new Stack(app, 'DevDataLakeInfrastructurePipeline', { env: ENV });
  const pipeline = new pipelines.CodePipeline(pipelineStack, 'DevDataLakeInfrastructurePipeline', {
    pipelineName: 'dev-datalake-infrastructure-pipeline',
    crossAccountKeys: true,
    synth: new pipelines.CodeBuildStep('Synth', {
      input: pipelines.CodePipelineSource.gitHub('example-org/datalake-infrastructure', 'main', {
        authentication: SecretValue.secretsManager('/DataLake/GitHubToken'),
        trigger: codepipeline_actions.GitHubTrigger.POLL,
      }),
      installCommands: ['npm install -g aws-cdk', 'pip3 install -r requirements.txt'],
      commands: ['cdk synth --verbose'],
      rolePolicyStatements: [
        new iam.PolicyStatement({ sid: 'InfrastructurePipelineParameterStorePolicy', actions: ['ssm:*'], resources: [`arn:aws:ssm:${ENV.region}:${ENV.account}:parameter/DataLake/*`] }),
        new iam.PolicyStatement({ sid: 'InfrastructurePipelineSecretsManagerPolicy', actions: ['secretsmanager:*'], resources: [`arn:aws:secretsmanager:${ENV.region}:${ENV.account}:secret:/DataLake/*`] }),
      ],
    }),
  });
  const stage = new DeployStage(pipelineStack, 'Dev', ENV.account);
  pipeline.addStage(stage, {
    post: [
      new pipelines.ShellStep('SyncParametersWithOutputsAction', {
        envFromCfnOutputs: { KMS_KEY: stage.buckets.kmsKeyArn, RAW_BUCKET_NAME: stage.buckets.rawBucketName },
        commands: [
          "aws ssm put-parameter --name /DataLake/Dev/S3/KmsKeyArn --description 'Arn for KMS Key used for securing S3 Buckets' --value $KMS_KEY --type String --overwrite",
          "aws ssm put-parameter --name /DataLake/Dev/S3/RawBucketName --description 'Name of Raw bucket' --value $RAW_BUCKET_NAME --type String --overwrite",
        ],
      }),
    ],
  });
  return { app, pipelineStack, stage };
}

export function synth(): Record<string, unknown> {
  const { app, pipelineStack } = build();
  return templateOf(app, pipelineStack);
}
