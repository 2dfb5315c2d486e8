/**
 * Written after the CDK pattern of a CodeBuild project that passes a registry token as a PLAINTEXT variable made from
 * SecretValue.ssmSecure(...).unsafeUnwrap() (found by code search; the index does not name the repository), beside
 * the typed variables CDK offers (PARAMETER_STORE and SECRETS_MANAGER, which hold names). Names are ours.
 */
import { SecretValue, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'FrontendBuild', { env: { account: '111122223333', region: 'us-west-2' } });
  new codebuild.Project(stack, 'WebBuild', {
    projectName: 'web-build',
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['npm ci', 'npm run build'] } } }),
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
    environmentVariables: {
      NPM_TOKEN: { value: SecretValue.ssmSecure('/ci/npm/publish-token').unsafeUnwrap() },
      SENTRY_AUTH_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'ci/sentry:auth_token' },
      API_BASE_URL_PARAM: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: '/web/api-base-url' },
      NODE_ENV: { value: 'production' },
    },
  });
  return templateOf(app, stack);
}
