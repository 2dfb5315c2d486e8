/**
 * The app bench/synth.bench.ts synthesises: about 1,000 resources in three stacks, a realistic mix (Cognito pools and
 * clients, secrets with keys and rotation, Lambda functions with roles, queues, topics, tables, buckets).
 *
 * `riskyEvery` 0 builds the "gated" app, configured as the rules want (an app that lives behind the gate passes it
 * with no finding at all, warnings included); 2 the "ungated" one, where every other client is left at CDK's defaults
 * and half the secrets lack a key and rotation (an app meeting the gate for the first time).
 *
 * Run as a script, `node --import tsx bench/synth-app.ts <none|noop|tokenguard|awssolutions>` builds the gated app
 * with that pack and synthesises it once, as `cdk synth` runs an app: in a fresh process. It loads only the pack it
 * measures and prints the process's CPU time as JSON. TokenGuardChecks is loaded from its TypeScript source through
 * tsx (a cached transform), a little more work than a user's compiled JavaScript: the figure errs against the pack.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aws, Duration, IPolicyValidationPlugin, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export type Variant = 'none' | 'noop' | 'tokenguard' | 'awssolutions';
export const VARIANTS: Variant[] = ['none', 'noop', 'tokenguard', 'awssolutions'];

const STACKS = 3;
const UNITS_PER_STACK = 24;

/** A plugin that does nothing: CDK builds its construct tree and report once any plugin is registered. */
export const noop = (): IPolicyValidationPlugin => ({ name: 'Noop', validate: () => ({ success: true, violations: [] }) });

export function buildApp(riskyEvery: number, plugin?: (app: App) => IPolicyValidationPlugin): { app: App; resources: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-bench-synth-'));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    // As under `cdk synth`: path metadata on, validation failures reported rather than thrown.
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false, 'aws:cdk:enable-path-metadata': true },
  });
  for (let s = 0; s < STACKS; s++) {
    const stack = new Stack(app, `Bench${s}`);
    const pool = new cognito.UserPool(stack, 'Pool', { removalPolicy: RemovalPolicy.DESTROY });
    const rotator = new lambda.Function(stack, 'Rotator', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    for (let u = 0; u < UNITS_PER_STACK; u++) {
      const risky = riskyEvery > 0 && u % riskyEvery === 0;
      pool.addClient(`Client${u}`, risky ? {} : {
        accessTokenValidity: Duration.minutes(5),
        idTokenValidity: Duration.minutes(5),
        refreshTokenValidity: Duration.days(7),
        refreshTokenRotationGracePeriod: Duration.seconds(60),
        preventUserExistenceErrors: true,
        authFlows: { userSrp: true },
        oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['https://app.example.com/cb'] },
      });
      const key = new kms.Key(stack, `Key${u}`, { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
      const secret = new secretsmanager.Secret(stack, `Secret${u}`, { encryptionKey: risky ? undefined : key });
      if (!risky) secret.addRotationSchedule(`Rotation${u}`, { rotationLambda: rotator, automaticallyAfter: Duration.days(30) });
      const queue = new sqs.Queue(stack, `Queue${u}`, { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
      const topic = new sns.Topic(stack, `Topic${u}`);
      const table = new dynamodb.Table(stack, `Table${u}`, { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      const bucket = new s3.Bucket(stack, `Bucket${u}`, { enforceSSL: true });
      const fn = new lambda.Function(stack, `Fn${u}`, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {}'),
        environment: { QUEUE_URL: queue.queueUrl, TOPIC_ARN: topic.topicArn, TABLE: table.tableName, SECRET_ARN: secret.secretArn },
      });
      queue.grantSendMessages(fn);
      topic.grantPublish(fn);
      table.grantReadWriteData(fn);
      bucket.grantRead(fn);
      secret.grantRead(fn);
    }
    if (riskyEvery === 0) {
      // addRotationSchedule grants Secrets Manager invoke on the rotator without SourceAccount (TokenGuard-SMG6, a
      // warning); the gated app applies the rule's documented fix, as a team behind the gate would.
      for (const c of rotator.node.findAll()) {
        if (c instanceof lambda.CfnPermission) c.addPropertyOverride('SourceAccount', Aws.ACCOUNT_ID);
      }
    }
  }
  if (plugin) Validations.of(app).addPlugins(plugin(app));
  const resources = app.node.findAll().filter((c) => (c as { cfnResourceType?: string }).cfnResourceType !== undefined).length;
  return { app, resources };
}

/** Builds the gated app with one pack, synthesises it once and prints `{ cpuMs }` for the whole process. */
async function main(variant: Variant): Promise<void> {
  let plugin: ((app: App) => IPolicyValidationPlugin) | undefined;
  if (variant === 'noop') plugin = noop;
  if (variant === 'tokenguard') {
    const { TokenGuardChecks } = await import('../rules/pack.js');
    plugin = (app) => new TokenGuardChecks(app);
  }
  if (variant === 'awssolutions') {
    const { AwsSolutionsChecks } = await import('cdk-nag');
    plugin = (app) => new AwsSolutionsChecks(app);
  }
  const { app } = buildApp(0, plugin);
  app.synth();
  fs.rmSync(app.outdir, { recursive: true, force: true });
  const usage = process.resourceUsage();
  console.log(JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
}

if (require.main === module) {
  const variant = process.argv[2] as Variant;
  if (!VARIANTS.includes(variant)) throw new Error(`usage: synth-app.ts <${VARIANTS.join('|')}>`);
  void main(variant);
}
