/**
 * Reproduces a pattern found by code search in CDK apps (CodeBuild projects whose GITHUB_TOKEN is a
 * BuildEnvironmentVariableType.SECRETS_MANAGER variable written as '<secret-name>:<json-key>', Docker Hub
 * credentials by secret name, an npm token from Parameter Store, and PLAINTEXT variables holding a repository,
 * an account and a path filter). Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw116');
  const dockerHub = secretsmanager.Secret.fromSecretNameV2(stack, 'DockerHubCreds', 'ci/dockerhub');
  new codebuild.Project(stack, 'LambdaPackager', {
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: true },
    environmentVariables: {
      GITHUB_OWNER: { value: 'acme-labs' },
      GITHUB_REPO: { value: 'billing-service' },
      GITHUB_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'github-personal-access-token:token' },
      DOCKER_HUB_CREDS: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: dockerHub.secretName },
      NODE_AUTH_TOKEN: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: '/ci/npm/token' },
      PATH_FILTER: { value: 'functions/billing' },
      ACCOUNT_ID: { value: stack.account },
    },
    buildSpec: codebuild.BuildSpec.fromObject({
      version: '0.2',
      phases: { build: { commands: ['echo "//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}" > ~/.npmrc', 'npm ci', 'npm run package'] } },
    }),
  });
  return templateOf(app, stack);
}
