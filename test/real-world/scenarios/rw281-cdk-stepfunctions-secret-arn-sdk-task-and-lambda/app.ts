/**
 * Written after a pattern found by code search (Step Functions tasks calling Secrets Manager through CallAwsService
 * with the secret's ARN, then handing the secret's name to a Lambda that reads it itself; the index does not name the
 * repository): a partner-sync state machine that describes a generated, CMK-encrypted, weekly-rotated API secret,
 * passes its ARN and name to a sync function, and notifies an SNS topic. The state machine definition, the task
 * parameters and the function environment carry only ARNs, names and settings. Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw281PartnerSync', { env: { account: '111122223333', region: 'eu-west-1' } });
  const key = new kms.Key(stack, 'PartnerKey', { enableKeyRotation: true });
  const secret = new secretsmanager.Secret(stack, 'PartnerApiSecret', {
    secretName: 'partner/api-credentials',
    encryptionKey: key,
    generateSecretString: { secretStringTemplate: JSON.stringify({ clientId: 'partner-sync' }), generateStringKey: 'clientSecret', passwordLength: 40 },
  });
  const rotator = new lambda.Function(stack, 'PartnerSecretRotator', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(event, context):\n    return None\n'),
    environment: { SECRETS_MANAGER_ENDPOINT: 'https://secretsmanager.eu-west-1.amazonaws.com', PARTNER_TOKEN_URL: 'https://auth.partner.example.com/oauth2/token' },
  });
  secret.addRotationSchedule('Weekly', { rotationLambda: rotator, automaticallyAfter: Duration.days(7) });
  const sync = new lambda.Function(stack, 'PartnerSyncFn', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (e) => ({ synced: 0, secret: e.secretName });'),
    environment: { PARTNER_SECRET_ARN: secret.secretArn, PARTNER_API_URL: 'https://api.partner.example.com/v2', PAGE_SIZE: '200' },
  });
  secret.grantRead(sync);
  const topic = new sns.Topic(stack, 'SyncTopic');
  const describe = new tasks.CallAwsService(stack, 'DescribePartnerSecret', {
    service: 'secretsmanager',
    action: 'describeSecret',
    parameters: { SecretId: secret.secretArn },
    iamResources: [secret.secretArn],
    resultSelector: { 'name.$': '$.Name', 'lastRotated.$': '$.LastRotatedDate' },
    resultPath: '$.secret',
  });
  const invoke = new tasks.LambdaInvoke(stack, 'SyncPartner', {
    lambdaFunction: sync,
    payload: sfn.TaskInput.fromObject({ 'secretName.$': '$.secret.name', secretArn: secret.secretArn }),
    resultPath: '$.sync',
  });
  const notify = new tasks.SnsPublish(stack, 'NotifySync', { topic, message: sfn.TaskInput.fromJsonPathAt('$.sync.Payload') });
  new sfn.StateMachine(stack, 'PartnerSyncMachine', {
    definitionBody: sfn.DefinitionBody.fromChainable(describe.next(invoke).next(notify)),
    timeout: Duration.minutes(15),
  });
  return templateOf(app, stack);
}
