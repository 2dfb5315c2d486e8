/**
 * Written after bhmangroliya/cdk-pipleline (cdk_pipleline/cdk_pipleline_stack.py with cdk_pipleline_app_stage.py and
 * cdk_pipleline_lambda_stack.py), a Python CDK Pipelines app rewritten in TypeScript: a self-mutating CodePipeline
 * whose source is a CodeStar (CodeConnections) connection by ARN, cross-account KMS keys, assets published one at a
 * time, and two stages of the same application (a stack with one inline Lambda function): the tooling account's own
 * dev deployment and a test account behind a manual approval. The pipeline stack is audited. Account ids and the
 * connection id are fakes of the same shape. Names are ours.
 */
import { Environment, Stack, Stage, StageProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class MyPipelineAppStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    const s = new Stack(this, 'LambdaStack');
    new lambda.Function(s, 'LambdaFunction', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline("exports.handler = _ => 'Hello, CDK';"),
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const tooling: Environment = { account: '043000000024', region: 'us-east-1' };
  const stack = new Stack(app, 'CdkPipleLineStack', { env: tooling });
  const pipeline = new pipelines.CodePipeline(stack, 'Pipeline', {
    pipelineName: 'testCdkPipelineCrossAccount',
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('bhmangroliya/cdk-pipleline', 'main', {
        connectionArn: 'arn:aws:codeconnections:us-east-1:043000000024:connection/1fa5c7b0-0000-4dc2-b9cc-3501447864cb',
      }),
      commands: ['npm install -g aws-cdk', 'python -m pip install -r requirements.txt', 'cdk synth'],
    }),
    crossAccountKeys: true,
    publishAssetsInParallel: false,
  });
  pipeline.addStage(new MyPipelineAppStage(stack, 'deployToDev', { env: tooling }));
  pipeline.addStage(new MyPipelineAppStage(stack, 'deployToTest', { env: { account: '451900000028', region: 'us-east-1' } }), {
    pre: [new pipelines.ManualApprovalStep('approval')],
  });
  return templateOf(app, stack);
}
