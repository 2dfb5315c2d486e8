/**
 * Written after CloudSnorkel/cdk-github-runners (src/secrets.ts, src/lambda-common.ts, and the webhook handler / setup
 * functions that read the secrets by ARN), an open-source construct library for self-hosted GitHub Actions runners:
 * four secrets, a generated webhook HMAC secret, a GitHub secret generated from a template with empty appId and
 * personalAuthToken (filled in by the user after deployment), a GitHub App private-key secret created with the
 * library's placeholder PEM ('-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----') for the user to
 * replace, and a generated setup token; two functions get the secrets' ARNs in their environments and an output
 * gives the setup status command. Construct ids are the library's; the functions are inline code here.
 */
import { CfnOutput, SecretValue, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const GITHUB_PRIVATE_KEY_PLACEHOLDER = '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----';

class Secrets extends Construct {
  readonly webhook: secretsmanager.Secret;
  readonly github: secretsmanager.Secret;
  readonly githubPrivateKey: secretsmanager.Secret;
  readonly setup: secretsmanager.Secret;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.webhook = new secretsmanager.Secret(this, 'Webhook', {
      description: 'Webhook secret used to confirm events are coming from GitHub and nowhere else.',
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'webhookSecret', includeSpace: false, excludePunctuation: true },
    });
    this.github = new secretsmanager.Secret(this, 'GitHub', {
      description: 'Authentication secret for GitHub containing either app details (appId) or personal access token (personalAuthToken).',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ domain: 'github.com', appId: '', personalAuthToken: '' }),
        generateStringKey: 'dummy',
        includeSpace: false,
        excludePunctuation: true,
      },
    });
    this.githubPrivateKey = new secretsmanager.Secret(this, 'GitHub Private Key', {
      description: 'GitHub app private key (RSA private key in PEM format). This secret is only needed when using GitHub App authentication.',
      secretStringValue: SecretValue.unsafePlainText(GITHUB_PRIVATE_KEY_PLACEHOLDER),
    });
    this.setup = new secretsmanager.Secret(this, 'Setup', {
      description: 'Setup secret used to authenticate users for the setup wizard.',
      generateSecretString: { secretStringTemplate: JSON.stringify({ token: '' }), generateStringKey: 'token', includeSpace: false, excludePunctuation: true },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'github-runners-test', { env: { account: '111122223333', region: 'us-east-1' } });
  const runners = new Construct(stack, 'runners');
  const secrets = new Secrets(runners, 'Secrets');
  const env = {
    GITHUB_SECRET_ARN: secrets.github.secretArn,
    GITHUB_PRIVATE_KEY_SECRET_ARN: secrets.githubPrivateKey.secretArn,
  };
  const webhookHandler = new lambda.Function(runners, 'Webhook Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 202 });'),
    environment: { WEBHOOK_SECRET_ARN: secrets.webhook.secretArn, ...env, SUPPORTED_LABELS: '[["self-hosted","linux","codebuild"]]', REQUIRE_SELF_HOSTED_LABEL: '1' },
  });
  secrets.webhook.grantRead(webhookHandler);
  const setup = new lambda.Function(runners, 'Setup Function', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { SETUP_SECRET_ARN: secrets.setup.secretArn, WEBHOOK_SECRET_ARN: secrets.webhook.secretArn, ...env, WEBHOOK_URL: 'https://example.lambda-url.us-east-1.on.aws/' },
  });
  for (const s of [secrets.webhook, secrets.github, secrets.githubPrivateKey, secrets.setup]) s.grantRead(setup);
  secrets.github.grantWrite(setup);
  secrets.githubPrivateKey.grantWrite(setup);
  new CfnOutput(runners, 'status command', {
    value: `aws --region ${stack.region} lambda invoke --function-name ${setup.functionName} status.json`,
  });
  return templateOf(app, stack);
}
