/**
 * Written after TonyChanhNguyen/FCJ-CICD-CDK-Beanstalk-Workshop (lib/cdk-pipeline-stack.ts, lib/eb-stage.ts,
 * lib/eb-appln-stack.ts): a CDK Pipelines CodePipeline whose GitHub source authenticates with a token kept in
 * Secrets Manager (SecretValue.secretsManager('github-access-token')), a ShellStep synth, and two application
 * stages (Pre-Prod with custom Auto Scaling sizes, Prod with defaults) each holding an Elastic Beanstalk stack: the
 * app zipped as an S3 asset, an application, a version, an instance role and profile, and an environment with option
 * settings. rw273 audits the Pre-Prod stage's stack from its own assembly. Names are ours.
 */
import { App, SecretValue, Stack, StackProps, Stage, StageProps } from 'aws-cdk-lib';
import * as elasticbeanstalk from 'aws-cdk-lib/aws-elasticbeanstalk';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { CodePipeline, CodePipelineSource, ShellStep } from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const ENV = { account: '111122223333', region: 'ap-southeast-1' };

interface EbEnvProps extends StackProps {
  readonly minSize?: string;
  readonly maxSize?: string;
  readonly instanceTypes?: string;
  readonly envName?: string;
}

export class EbApplnStack extends Stack {
  constructor(scope: Construct, id: string, props?: EbEnvProps) {
    super(scope, id, props);
    const webAppZipArchive = new s3assets.Asset(this, 'WebAppZip', { path: `${__dirname}/web` });
    const appName = 'MyWebApp';
    const app = new elasticbeanstalk.CfnApplication(this, 'Application', { applicationName: appName });
    const version = new elasticbeanstalk.CfnApplicationVersion(this, 'AppVersion', {
      applicationName: appName,
      sourceBundle: { s3Bucket: webAppZipArchive.s3BucketName, s3Key: webAppZipArchive.s3ObjectKey },
    });
    version.node.addDependency(app);
    const role = new iam.Role(this, `${appName}-aws-elasticbeanstalk-ec2-role`, { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSElasticBeanstalkWebTier'));
    const profileName = `${appName}-InstanceProfile`;
    new iam.CfnInstanceProfile(this, profileName, { instanceProfileName: profileName, roles: [role.roleName] });
    new elasticbeanstalk.CfnEnvironment(this, 'Environment', {
      environmentName: props?.envName ?? 'MyWebAppEnvironment',
      applicationName: app.applicationName ?? appName,
      solutionStackName: '64bit Amazon Linux 2023 v6.0.2 running Node.js 18',
      optionSettings: [
        { namespace: 'aws:autoscaling:launchconfiguration', optionName: 'IamInstanceProfile', value: profileName },
        { namespace: 'aws:autoscaling:asg', optionName: 'MinSize', value: props?.minSize ?? '1' },
        { namespace: 'aws:autoscaling:asg', optionName: 'MaxSize', value: props?.maxSize ?? '1' },
        { namespace: 'aws:ec2:instances', optionName: 'InstanceTypes', value: props?.instanceTypes ?? 't2.micro' },
        { namespace: 'aws:elasticbeanstalk:application:environment', optionName: 'NODE_ENV', value: 'production' },
      ],
      versionLabel: version.ref,
    });
  }
}

export class EbStage extends Stage {
  readonly web: EbApplnStack;
  constructor(scope: Construct, id: string, props: StageProps & EbEnvProps) {
    super(scope, id, props);
    this.web = new EbApplnStack(this, 'WebService', { minSize: props.minSize, maxSize: props.maxSize, envName: `MyWebApp-${id}` });
  }
}

export function build(): { app: App; pipelineStack: Stack; preProd: EbStage } {
  const app = newApp();
  const pipelineStack = new Stack(app, 'CdkPipelineStack', { env: ENV });
  const pipeline = new CodePipeline(pipelineStack, 'Pipeline', {
    pipelineName: 'MyServicePipeline',
    synth: new ShellStep('Synth', {
      input: CodePipelineSource.gitHub('example-org/beanstalk-workshop', 'main', { authentication: SecretValue.secretsManager('github-access-token') }),
      commands: ['npm ci', 'npm run build', 'npx cdk synth'],
    }),
  });
  const preProd = new EbStage(pipelineStack, 'Pre-Prod', { env: ENV, minSize: '1', maxSize: '2' });
  pipeline.addStage(preProd);
  pipeline.addStage(new EbStage(pipelineStack, 'Prod', { env: ENV }));
  return { app, pipelineStack, preProd };
}

export function synth(): Record<string, unknown> {
  const { app, pipelineStack } = build();
  return templateOf(app, pipelineStack);
}
