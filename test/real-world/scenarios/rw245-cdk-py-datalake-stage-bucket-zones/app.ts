/**
 * The stack inside rw244's deploy Stage (written after aws-samples/aws-cdk-pipelines-datalake-infrastructure
 * lib/s3_bucket_zones_stack.py): audited from the Stage's own cloud assembly, as `cdk synth` writes it under
 * cdk.out/assembly-DevDataLakeInfrastructurePipeline-Dev/.
 */
import { build } from '../rw244-cdk-py-datalake-pipeline-github-token/app';

export function synth(): Record<string, unknown> {
  const { app, stage } = build();
  app.synth();
  return stage.synth().getStackByName(stage.buckets.stackName).template as Record<string, unknown>;
}
