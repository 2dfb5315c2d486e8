/**
 * Written after umccr/orcabus (lib/workload/stateless/stacks/metadata-manager/deploy/construct/lambda-sync-gsheet/
 * index.ts with deploy/stack.ts), OrcaBus's metadata manager Google Sheets sync: a container function (inline code
 * here) whose environment carries the Django settings and the database secret's name from the shared config, plus the
 * SSM parameter NAMES of a Google service-account JSON credential and the tracking sheet id (both SecureString
 * parameters the function reads at runtime, granted with fromSecureStringParameterAttributes), run at midnight by an
 * EventBridge rule. The database secret is imported by name; names are the source's where it writes them out.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class LambdaSyncGsheetConstruct extends Construct {
  private readonly GDRIVE_CRED_PARAM_NAME = '/umccr/google/drive/lims_service_account_json';
  private readonly GDRIVE_SHEET_ID_PARAM_NAME = '/umccr/google/drive/tracking_sheet_id';
  constructor(scope: Construct, id: string, props: { basicEnv: Record<string, string>; dbConnectionSecretName: string }) {
    super(scope, id);
    const fn = new lambda.Function(this, 'SyncGSheetLambda', {
      environment: { ...props.basicEnv, SSM_NAME_GDRIVE_ACCOUNT: this.GDRIVE_CRED_PARAM_NAME, SSM_NAME_TRACKING_SHEET_ID: this.GDRIVE_SHEET_ID_PARAM_NAME },
      architecture: lambda.Architecture.ARM_64,
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'handler.sync_gsheet.handler',
      code: lambda.Code.fromInline('def handler(event, context):\n    pass\n'),
      timeout: Duration.minutes(15),
      memorySize: 4096,
    });
    Secret.fromSecretNameV2(this, 'DbSecret', props.dbConnectionSecretName).grantRead(fn);
    StringParameter.fromSecureStringParameterAttributes(this, 'GSheetCredSSM', { parameterName: this.GDRIVE_CRED_PARAM_NAME }).grantRead(fn);
    StringParameter.fromSecureStringParameterAttributes(this, 'TrackingSheetIdSSM', { parameterName: this.GDRIVE_SHEET_ID_PARAM_NAME }).grantRead(fn);
    new Rule(this, 'SyncGsheetMetadataScheduledRule', {
      description: 'Scheduled rule to sync metadata from GSheet',
      schedule: Schedule.expression('cron(0 0 * * ? *)'),
      targets: [new LambdaFunction(fn)],
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OrcaBusStatelessMetadataManagerStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const dbSecretName = 'orcabus/metadata_manager/rdsLoginCredential';
  new LambdaSyncGsheetConstruct(stack, 'SyncGsheetLambda', {
    basicEnv: {
      DJANGO_SETTINGS_MODULE: 'app.settings.aws',
      EVENT_BUS_NAME: 'OrcaBusMain',
      SECRET_ID: dbSecretName,
    },
    dbConnectionSecretName: dbSecretName,
  });
  return templateOf(app, stack);
}
