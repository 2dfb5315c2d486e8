/**
 * Reproduces a pattern found by code search in CDK apps (an amplify.CfnApp connected to GitHub whose accessToken is
 * an imported secret's secretValue.unsafeUnwrap(), with VITE_ build variables naming the API URL and live-update
 * flags). Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as amplify from 'aws-cdk-lib/aws-amplify';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw119');
  const githubToken = secretsmanager.Secret.fromSecretNameV2(stack, 'GithubToken', 'lessons/github-token');
  new amplify.CfnApp(stack, 'LessonsApp', {
    name: 'lessons-prod',
    repository: 'https://github.com/acme-learning/lessons-web',
    accessToken: githubToken.secretValue.unsafeUnwrap(),
    platform: 'WEB_COMPUTE',
    environmentVariables: [
      { name: 'VITE_API_URL', value: 'https://api.lessons.example.com' },
      { name: '_LIVE_UPDATES', value: '[{"pkg":"node","type":"nvm","version":"20"}]' },
      { name: 'VITE_AUTH_REDIRECT_PATH', value: '/auth/callback' },
    ],
  });
  return templateOf(app, stack);
}
