/**
 * The rules through the cdk-nag 3 pack on CDK apps: a realistic application synthesised here (its real template is
 * audited as `cdk synth` wrote it), and for every rule an app that fails synth and its trap that passes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnOutput, CfnParameter, SecretValue, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { IConstruct } from 'constructs';
import { auditTemplate } from '../../../rules/engine/run';
import { TokenGuardChecks } from '../../../rules/pack';
import { ALL_RULES } from '../../../rules/registry';
import { fake } from './fixtures';
import { leakedRun, secretLookingLiterals } from './redaction';
import { summary } from './helpers';

function newApp(): App {
  return new App({ builtinCloudFormationValidation: false, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'tg-sec-')) });
}

function inlineFunction(scope: IConstruct, id: string, environment: Record<string, string>): lambda.Function {
  return new lambda.Function(scope as Stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 204 });'),
    environment,
  });
}

/** Imports only: no resource of their own, so the traps exercise nothing but the rule under test. */
function imported(stack: Stack) {
  return {
    pool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbCdEfGhI'),
    client: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', '1example23456789abcdefghij'),
    secret: secretsmanager.Secret.fromSecretNameV2(stack, 'Secret', 'prod/slack/bot-token'),
    secretByArn: secretsmanager.Secret.fromSecretCompleteArn(stack, 'SecretArn', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/partner-AbCdEf'),
  };
}

describe('a realistic CDK application, synthesised', () => {
  const app = newApp();
  const stack = new Stack(app, 'Orders');
  const pool = new cognito.UserPool(stack, 'UserPool');
  const client = pool.addClient('AppClient', { generateSecret: true });
  // The recommended shape: CDK's AwsCustomResource reads the secret straight into Secrets Manager.
  const clientSecret = new secretsmanager.Secret(stack, 'AppClientSecret', { secretStringValue: client.userPoolClientSecret });
  const slackTokenName = new ssm.StringParameter(stack, 'SlackTokenName', { parameterName: '/orders/slack/token-secret-name', stringValue: 'orders/slack/bot-token' });
  const partnerToken = secretsmanager.Secret.fromSecretNameV2(stack, 'PartnerToken', 'orders/partner/refresh-token');
  const npmToken = new CfnParameter(stack, 'NpmToken', { type: 'String', noEcho: true });

  inlineFunction(stack, 'Api', {
    USER_POOL_ID: pool.userPoolId,
    APP_CLIENT_ID: client.userPoolClientId,
    APP_CLIENT_SECRET_ARN: clientSecret.secretArn,
    APP_CLIENT_SECRET_NAME: clientSecret.secretName,
    SLACK_BOT_TOKEN_PARAM: slackTokenName.parameterName,
    AWS_CA_BUNDLE: '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  });
  // The mistake the brief describes: the client secret unwrapped into a function's environment.
  inlineFunction(stack, 'Legacy', { APP_CLIENT_SECRET: client.userPoolClientSecret.unsafeUnwrap() });

  const task = new ecs.FargateTaskDefinition(stack, 'Worker');
  task.addContainer('app', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20'),
    environment: { PARTNER_TOKEN_SECRET: partnerToken.secretName, GITHUB_TOKEN: fake.github(7) },
    secrets: { PARTNER_TOKEN: ecs.Secret.fromSecretsManager(partnerToken) },
  });

  new codebuild.Project(stack, 'Build', {
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['npm ci'] } } }),
    environmentVariables: {
      SLACK_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'orders/slack/bot-token' },
      NPM_TOKEN: { value: npmToken.valueAsString },
    },
  });

  new CfnOutput(stack, 'AppClientId', { value: client.userPoolClientId });
  new CfnOutput(stack, 'AppClientSecretArn', { value: clientSecret.secretArn });
  new CfnOutput(stack, 'AppClientSecretValue', { value: client.userPoolClientSecret.unsafeUnwrap() });

  const assembly = app.synth();
  const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Orders.template.json'), 'utf8')) as Record<string, unknown>;
  const findings = auditTemplate(template, { rules: ALL_RULES }).filter((f) => f.ruleId.startsWith('TokenGuard-SEC'));
  const id = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as lambda.CfnFunction);

  test('reports exactly the secrets that leave Secrets Manager', () => {
    const legacy = id(stack.node.findChild('Legacy'));
    const worker = id(task);
    const build = id(stack.node.findChild('Build'));
    expect(summary(findings)).toEqual(
      [
        `TokenGuard-SEC1 violation ${legacy} Properties.Environment.Variables.APP_CLIENT_SECRET`,
        `TokenGuard-SEC2 violation ${worker} Properties.ContainerDefinitions.0.Environment.1.Value`,
        `TokenGuard-SEC3 violation ${build} Properties.Environment.EnvironmentVariables.1.Value`,
        'TokenGuard-SEC7 violation AppClientSecretValue Outputs.AppClientSecretValue.Value',
      ].sort(),
    );
  });

  test('messages name the source: CDK\'s custom-resource attribute, the literal by fingerprint, the NoEcho parameter', () => {
    const text = findings.map((f) => f.message).join('\n');
    expect(text).toMatch(/UserPoolClient\.ClientSecret of custom resource \w+ \(its describeUserPoolClient call returns the app client secret\) reaches Properties\.Environment\.Variables\.APP_CLIENT_SECRET of Legacy/);
    expect(text).toMatch(/A literal GitHub token \(40 chars, sha256 [0-9a-f]{8}\) reaches Properties\.ContainerDefinitions\.0\.Environment\.1\.Value \(GITHUB_TOKEN\) of container app/);
    expect(text).toContain('Parameter NpmToken (NoEcho; named like a token) reaches Properties.Environment.EnvironmentVariables.1.Value (NPM_TOKEN)');
    expect(leakedRun(findings, [...secretLookingLiterals(template), fake.github(7)])).toBeUndefined();
  });

  test('what CDK does right is not reported: ids, ARNs, names, the asset bucket and hash, AWS_CA_BUNDLE, Secrets with ValueFrom, SECRETS_MANAGER variables, the secret store', () => {
    const places = findings.map((f) => `${f.path}`).join('\n');
    for (const fine of ['USER_POOL_ID', 'APP_CLIENT_ID', 'APP_CLIENT_SECRET_ARN', 'APP_CLIENT_SECRET_NAME', 'SLACK_BOT_TOKEN_PARAM', 'AWS_CA_BUNDLE', 'Secrets', 'EnvironmentVariables.0', 'SecretString', 'S3Key', 'AppClientSecretArn']) {
      expect(places).not.toContain(fine);
    }
    expect(findings.filter((f) => f.logicalId === id(clientSecret))).toEqual([]);
  });

  test('the pack reports the same findings with construct paths', () => {
    const report = new TokenGuardChecks(app).validateScope(app);
    const mine = report.violations.filter((v) => v.ruleName.startsWith('TokenGuard-SEC'));
    expect(mine.map((v) => v.ruleName).sort()).toEqual(['TokenGuard-SEC1', 'TokenGuard-SEC2', 'TokenGuard-SEC3', 'TokenGuard-SEC7']);
    expect(mine.find((v) => v.ruleName === 'TokenGuard-SEC1')!.violatingResources).toEqual([
      { constructPath: 'Orders/Legacy/Resource', locations: ['Properties.Environment.Variables.APP_CLIENT_SECRET'] },
    ]);
  });
});

/** One app per rule that must fail synth, and its trap that must pass. */
const CASES: { id: string; fails: (stack: Stack) => void; passes: (stack: Stack) => void }[] = [
  {
    id: 'TokenGuard-SEC1',
    fails: (s) => inlineFunction(s, 'Fn', { TOKEN: SecretValue.secretsManager('prod/slack/bot-token').unsafeUnwrap() }),
    passes: (s) => {
      const { pool, client, secret } = imported(s);
      inlineFunction(s, 'Fn', {
        SLACK_BOT_TOKEN_PARAM: '/prod/slack/bot-token',
        SLACK_TOKEN_SECRET_ARN: secret.secretArn,
        SLACK_TOKEN_SECRET_NAME: secret.secretName,
        CLIENT_ID: client.userPoolClientId,
        USER_POOL_ID: pool.userPoolId,
        AWS_CA_BUNDLE: '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
      });
    },
  },
  {
    id: 'TokenGuard-SEC2',
    fails: (s) =>
      new ecs.FargateTaskDefinition(s, 'Task').addContainer('app', { image: ecs.ContainerImage.fromRegistry('app:1'), environment: { SLACK: fake.slackBot() } }),
    passes: (s) =>
      new ecs.FargateTaskDefinition(s, 'Task').addContainer('app', {
        image: ecs.ContainerImage.fromRegistry('app:1'),
        environment: { SLACK_TOKEN_SECRET: 'prod/slack/bot-token' },
        secrets: { SLACK_TOKEN: ecs.Secret.fromSecretsManager(imported(s).secret) },
      }),
  },
  {
    id: 'TokenGuard-SEC3',
    fails: (s) =>
      new codebuild.Project(s, 'Build', {
        buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: {} }),
        environmentVariables: { DEPLOY_TOKEN: { value: new CfnParameter(s, 'DeployToken', { noEcho: true }).valueAsString } },
      }),
    passes: (s) =>
      new codebuild.Project(s, 'Build', {
        buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: {} }),
        environmentVariables: {
          DEPLOY_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'ci/deploy-token' },
          SLACK_TOKEN: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: '/ci/slack/token' },
        },
      }),
  },
  {
    id: 'TokenGuard-SEC4',
    fails: (s) =>
      new batch.CfnJobDefinition(s, 'Job', { type: 'container', containerProperties: { image: 'app:1', environment: [{ name: 'STRIPE_KEY', value: fake.stripeLive() }] } }),
    passes: (s) =>
      new batch.CfnJobDefinition(s, 'Job', {
        type: 'container',
        containerProperties: { image: 'app:1', secrets: [{ name: 'STRIPE_KEY', valueFrom: imported(s).secretByArn.secretArn }], environment: [{ name: 'STRIPE_KEY_SECRET', value: 'prod/stripe' }] },
      }),
  },
  {
    id: 'TokenGuard-SEC5',
    fails: (s) => new ssm.StringParameter(s, 'Copy', { parameterName: '/prod/partner/refresh-token', stringValue: fake.jwe() }),
    passes: (s) => new ssm.StringParameter(s, 'Name', { parameterName: '/prod/partner/refresh-token', stringValue: imported(s).secret.secretName }),
  },
  {
    id: 'TokenGuard-SEC6',
    fails: (s) => new CfnParameter(s, 'PartnerClientSecret', { type: 'String' }),
    passes: (s) => {
      new CfnParameter(s, 'PartnerClientSecret', { type: 'String', noEcho: true });
      new CfnParameter(s, 'SlackBotTokenParam', { type: 'String', default: '/prod/slack/bot-token' });
    },
  },
  {
    id: 'TokenGuard-SEC7',
    fails: (s) => new CfnOutput(s, 'TokenOut', { value: new CfnParameter(s, 'Token', { noEcho: true }).valueAsString }),
    passes: (s) => {
      const { client, secret } = imported(s);
      new CfnOutput(s, 'ClientId', { value: client.userPoolClientId });
      new CfnOutput(s, 'TokenSecretArn', { value: secret.secretArn, exportName: 'token-secret-arn' });
    },
  },
  {
    id: 'TokenGuard-SEC8',
    fails: (s) => Tags.of(new s3.Bucket(s, 'Bucket')).add('token', SecretValue.secretsManager('prod/token').unsafeUnwrap()),
    passes: (s) => Tags.of(new s3.Bucket(s, 'Bucket')).add('token-secret', imported(s).secretByArn.secretArn),
  },
  {
    id: 'TokenGuard-SEC9',
    fails: (s) => {
      const key = new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'Ci') });
      new sns.Topic(s, 'Topic', { displayName: key.secretAccessKey.unsafeUnwrap() });
    },
    passes: (s) => {
      const key = new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'Ci') });
      const store = new secretsmanager.Secret(s, 'KeyStore', { secretStringValue: key.secretAccessKey });
      // This trap is about SEC9; the store's own hygiene (CMK, rotation) is another rule's business.
      Validations.of(store).acknowledge(
        { id: 'TokenGuard-SMG1', reason: 'test fixture: the trap exercises SEC9 only' },
        { id: 'TokenGuard-SMG2', reason: 'test fixture: the trap exercises SEC9 only' },
      );
    },
  },
  {
    id: 'TokenGuard-SEC10',
    fails: (s) => new sns.Topic(s, 'Topic', { displayName: `alerts ${fake.slackWebhook()}`.slice(0, 100) }),
    passes: (s) => new sns.Topic(s, 'Topic', { displayName: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0', topicName: '2b2f6e7d96d216685951807694b6e6fca88b8fd0f6ac90be6d3c752017' }),
  },
  {
    id: 'TokenGuard-SEC11',
    fails: (s) =>
      new events.Connection(s, 'Partner', {
        authorization: events.Authorization.oauth({
          authorizationEndpoint: 'https://partner.example.com/oauth2/token',
          clientId: 'orders',
          clientSecret: SecretValue.unsafePlainText('Rz5qM8vK2nT7wX1pL4cB9hJ6'),
          httpMethod: events.HttpMethod.POST,
        }),
      }),
    passes: (s) =>
      new events.Connection(s, 'Partner', {
        authorization: events.Authorization.oauth({
          authorizationEndpoint: 'https://partner.example.com/oauth2/token',
          clientId: 'orders',
          clientSecret: SecretValue.secretsManager('partner/oauth', { jsonField: 'clientSecret' }),
          httpMethod: events.HttpMethod.POST,
        }),
      }),
  },
];

describe.each(CASES)('$id through the pack', ({ id, fails, passes }) => {
  test('fails synth', () => {
    const app = newApp();
    fails(new Stack(app, 'S'));
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    expect(() => app.synth()).toThrow(new RegExp(`${id} `));
  });

  test('its trap passes synth', () => {
    const app = newApp();
    passes(new Stack(app, 'S'));
    const report = new TokenGuardChecks(app).validateScope(app);
    expect(report.violations.filter((v) => v.ruleName.startsWith('TokenGuard-SEC')).map((v) => v.description)).toEqual([]);
    Validations.of(app).addPlugins(new TokenGuardChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});
