/**
 * Written after rohankshah/cdk-cognito-lambda-dynamodb-pipeline (lib/stacks/pipeline-stack.ts with
 * lib/stages/stage-dev.ts, stage-prod.ts and lib/stacks/main-stack.ts): a CDK Pipelines stack whose GitHub source
 * authenticates with a secret imported by its complete ARN (Secret.fromSecretAttributes, secretCompleteArn from the
 * GITHUB_PIPELINE_ARN environment variable), and two stages of the same application stack (Cognito, DynamoDB, S3,
 * SQS, Python functions behind an HTTP API), prod behind a manual approval. The pipeline stack is audited; the ARN,
 * account and repository are fakes of the same shape. Function bundling (Docker) is replaced by inline code in the
 * stages. Names are ours.
 */
import { Stack, Stage, StageProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';
import { CodePipeline, CodePipelineSource, ManualApprovalStep, ShellStep } from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class AppStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps & { name: string; environment: string }) {
    super(scope, id, props);
    const s = new Stack(this, `${props.name}-${props.environment}-stack`);
    new lambda.Function(s, 'AuthLambda', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.lambda_handler', code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return {"statusCode": 200}\n') });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const env = { account: '123456789012', region: 'ap-south-1' };
  const stack = new Stack(app, 'PipelineStack', { env });
  const secret = sm.Secret.fromSecretAttributes(stack, 'GITHUB_TOKEN', {
    secretCompleteArn: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:github-pipeline-token-AbC123',
  });
  const pipeline = new CodePipeline(stack, 'Pipeline', {
    pipelineName: 'Pipeline',
    synth: new ShellStep('Synth', {
      input: CodePipelineSource.gitHub('example-owner/cdk-cognito-lambda-dynamodb-pipeline', 'main', { authentication: secret.secretValue }),
      commands: ['npm ci', 'npm run build', 'npx cdk synth'],
    }),
  });
  pipeline.addStage(new AppStage(stack, 'Dev', { env, name: 'appName', environment: 'dev' }));
  pipeline.addStage(new AppStage(stack, 'Prod', { env, name: 'appName', environment: 'prod' }), { pre: [new ManualApprovalStep('PromoteToProd')] });
  return templateOf(app, stack);
}
