/**
 * Written after a FrontendStack found by code search (lessonlines: an Amplify Hosting app for a Vite frontend; the
 * index does not name its repository): the GitHub access token is a secret created by hand
 * (`lessonlines/github-token`), looked up with Secret.fromSecretNameV2 and given to the L1 Amplify app's AccessToken
 * with secretValue.unsafeUnwrap(), which CDK writes as a Secrets Manager dynamic reference; environment variables hold
 * the API URL and Amplify's live-update list; rewrite rules proxy /api to the API; a main branch; outputs of the app
 * id and URL. Construct ids are the source's; the config (env name, owner, repo, branch, API URL) is ours.
 */
import * as cdk from 'aws-cdk-lib';
import * as amplify from 'aws-cdk-lib/aws-amplify';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

interface EnvironmentConfig { envName: string; githubOwner: string; githubRepo: string; githubBranch: string }

class FrontendStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps & { config: EnvironmentConfig; apiUrl: string }) {
    super(scope, id, props);
    const { config, apiUrl } = props;
    const githubTokenSecret = secretsmanager.Secret.fromSecretNameV2(this, 'GitHubToken', 'lessonlines/github-token');
    const amplifyApp = new amplify.CfnApp(this, 'AmplifyApp', {
      name: `lessonlines-${config.envName}`,
      repository: `https://github.com/${config.githubOwner}/${config.githubRepo}`,
      accessToken: githubTokenSecret.secretValue.unsafeUnwrap(),
      platform: 'WEB_COMPUTE',
      environmentVariables: [
        { name: 'VITE_API_URL', value: apiUrl },
        { name: '_LIVE_UPDATES', value: JSON.stringify([{ pkg: '@aws-amplify/backend', type: 'npm', version: 'latest' }, { pkg: '@aws-amplify/backend-cli', type: 'npm', version: 'latest' }]) },
      ],
      customRules: [
        { source: '/api/<*>', target: `${apiUrl}/api/<*>`, status: '200' },
        { source: '</^[^.]+$|\\.(?!(css|gif|ico|jpg|js|png|txt|svg|woff|woff2|ttf|map|json|webp)$)([^.]+$)/>', target: '/index.html', status: '200' },
      ],
      buildSpec: cdk.Fn.sub(`version: 1
frontend:
  phases:
    preBuild:
      commands:
        - cd frontend
        - npm ci
    build:
      commands:
        - npm run build
  artifacts:
    baseDirectory: frontend/dist
    files:
      - '**/*'
  cache:
    paths:
      - frontend/node_modules/**/*
`),
    });
    new amplify.CfnBranch(this, 'MainBranch', {
      appId: amplifyApp.attrAppId,
      branchName: config.githubBranch,
      enableAutoBuild: true,
      enablePullRequestPreview: false,
      stage: config.envName === 'prod' ? 'PRODUCTION' : 'DEVELOPMENT',
      environmentVariables: [{ name: 'VITE_API_URL', value: apiUrl }],
    });
    new cdk.CfnOutput(this, 'AmplifyAppId', { value: amplifyApp.attrAppId, description: 'Amplify App ID', exportName: `${config.envName}-AmplifyAppId` });
    new cdk.CfnOutput(this, 'AmplifyDefaultDomain', { value: `https://${config.githubBranch}.${amplifyApp.attrDefaultDomain}`, description: 'Amplify default domain URL', exportName: `${config.envName}-AmplifyUrl` });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new FrontendStack(app, 'LessonLinesFrontend-prod', {
    env: { account: '111122223333', region: 'us-east-1' },
    config: { envName: 'prod', githubOwner: 'example-org', githubRepo: 'lessonlines', githubBranch: 'main' },
    apiUrl: 'https://api.lessonlines.example.com',
  });
  return templateOf(app, stack);
}
