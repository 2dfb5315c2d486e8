/**
 * Written after codiply/multi-account-multi-region-cdk-pipeline-example (infrastructure/stacks/pipeline.py with
 * infrastructure/stages/architecture.py, infrastructure/stacks/networking.py and config/main/*.yaml), a Python CDK
 * Pipelines app rewritten in TypeScript: the pipeline's GitHub source authenticates with
 * SecretValue.secretsManager('github-token') (config: github_token_secret_key), cross-account keys, and one wave per
 * enabled account (dev, pre, prod), prod behind a manual approval, each wave deploying a stage whose networking stacks
 * (a VPC without NAT gateways) go to two regions (eu-west-1, eu-west-2). The pipeline stack (tooling account,
 * eu-west-1) is audited. Account ids are fakes of the same shape. Names are ours.
 */
import { SecretValue, Stack, Stage, StageProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class ArchStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps & { environmentId: string; account: string }) {
    super(scope, id, props);
    for (const region of ['eu-west-1', 'eu-west-2']) {
      const s = new Stack(this, `networking-${region}`, { env: { account: props.account, region } });
      new ec2.Vpc(s, 'vpc', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'), maxAzs: 2, natGateways: 0 });
    }
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'example-cdk-pipeline-pipeline', { env: { account: '100000000001', region: 'eu-west-1' } });
  const pipeline = new pipelines.CodePipeline(stack, 'pipeline', {
    pipelineName: 'example-cdk-pipeline',
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.gitHub('codiply/multi-account-multi-region-cdk-pipeline-example', 'main', {
        authentication: SecretValue.secretsManager('github-token'),
      }),
      commands: ['npm install -g aws-cdk', 'python -m pip install -r requirements/requirements.txt', 'cdk synth'],
    }),
    crossAccountKeys: true,
  });
  const accounts = [
    { id: 'dev', account: '200000000002', approval: false },
    { id: 'pre', account: '300000000003', approval: false },
    { id: 'prod', account: '400000000004', approval: true },
  ];
  for (const a of accounts) {
    const wave = pipeline.addWave(`wave-${a.id}`);
    if (a.approval) wave.addPre(new pipelines.ManualApprovalStep(`approve-${a.id}`, { comment: `Approve deployment to ${a.id}` }));
    wave.addStage(new ArchStage(stack, `example-cdk-pipeline-${a.id}`, { environmentId: a.id, account: a.account, env: { account: a.account } }));
  }
  return templateOf(app, stack);
}
