/**
 * The Pre-Prod stage's stack of rw272 (written after TonyChanhNguyen/FCJ-CICD-CDK-Beanstalk-Workshop
 * lib/eb-appln-stack.ts), audited from the stage's own cloud assembly, as `cdk synth` writes it under
 * cdk.out/assembly-CdkPipelineStack-Pre-Prod/.
 */
import { build } from '../rw272-cdk-pipelines-github-source-beanstalk-stages/app';

export function synth(): Record<string, unknown> {
  const { app, preProd } = build();
  app.synth();
  return preProd.synth().getStackByName(preProd.web.stackName).template as Record<string, unknown>;
}
