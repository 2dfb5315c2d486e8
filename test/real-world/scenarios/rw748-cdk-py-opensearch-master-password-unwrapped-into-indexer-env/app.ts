/**
 * Python CDK app rewritten in TypeScript, after a scientific data system stack found by code search (an S3 data
 * bucket indexed into an OpenSearch metadata domain; the index does not name its repository), with the same
 * constructs and props where the excerpt shows them: an OpenSearch construct that generates the master user's
 * password in a secret (`os_secret`, no key, no rotation) and gives it to the domain's fine-grained access control,
 * and the file-indexer Lambda whose environment holds the master user name, the domain endpoint, the port, the index
 * and the bucket URL, and `OS_ADMIN_PASSWORD_LOCATION`, which despite its name is given
 * os_secret.secret_value.unsafe_unwrap(), the password itself. Construct ids are the source's; the domain's sizing is
 * ours, and inline code stands in for the bundled handler.
 */
import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { S3EventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class OpenSearch extends Construct {
  readonly osSecret: secretsmanager.Secret;
  readonly sdsMetadataDomain: opensearch.Domain;
  constructor(scope: Construct, id: string, sdsId: string) {
    super(scope, id);
    this.osSecret = new secretsmanager.Secret(this, 'OSPassword', {
      secretName: `sds-metadata-master-password-${sdsId}`,
      generateSecretString: { passwordLength: 32, requireEachIncludedType: true },
    });
    this.sdsMetadataDomain = new opensearch.Domain(this, 'SDSMetadataDomain', {
      domainName: `sds-metadata-${sdsId}`,
      version: opensearch.EngineVersion.OPENSEARCH_2_11,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
      ebs: { volumeSize: 10 },
      nodeToNodeEncryption: true,
      encryptionAtRest: { enabled: true },
      enforceHttps: true,
      fineGrainedAccessControl: { masterUserName: 'master-user', masterUserPassword: this.osSecret.secretValue },
      removalPolicy: cdk.RemovalPolicy.DESTROY,
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const sdsId = 'dev';
  const stack = new cdk.Stack(app, `SDSStack-${sdsId}`, { env: { account: '111122223333', region: 'us-west-2' } });
  const opensearchConstruct = new OpenSearch(stack, 'OpenSearch', sdsId);
  const dataBucket = new s3.Bucket(stack, 'DataBucket', { bucketName: `sds-data-${sdsId}`, removalPolicy: cdk.RemovalPolicy.DESTROY });
  const indexerLambda = new lambda.Function(stack, 'IndexerLambda', {
    functionName: `file-indexer-${sdsId}`,
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return {}\n'),
    handler: 'index.lambda_handler',
    runtime: lambda.Runtime.PYTHON_3_9,
    timeout: cdk.Duration.minutes(15),
    memorySize: 1000,
    environment: {
      OS_ADMIN_USERNAME: 'master-user',
      OS_ADMIN_PASSWORD_LOCATION: opensearchConstruct.osSecret.secretValue.unsafeUnwrap(),
      OS_DOMAIN: opensearchConstruct.sdsMetadataDomain.domainEndpoint,
      OS_PORT: '443',
      OS_INDEX: 'metadata',
      S3_DATA_BUCKET: dataBucket.s3UrlForObject(),
      S3_CONFIG_BUCKET_NAME: `sds-config-${sdsId}`,
    },
  });
  indexerLambda.addEventSource(new S3EventSource(dataBucket, { events: [s3.EventType.OBJECT_CREATED] }));
  opensearchConstruct.sdsMetadataDomain.grantReadWrite(indexerLambda);
  return templateOf(app, stack);
}
