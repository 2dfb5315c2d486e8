/**
 * Written after aws-solutions/serverless-image-handler (source/constructs/lib/serverless-image-stack.ts and
 * back-end/back-end-construct.ts): CfnParameters for the *name* of a Secrets Manager secret and of the JSON key in it
 * that holds the signing secret, passed to the image handler's environment (SECRETS_MANAGER, SECRET_KEY), a policy
 * scoped to that secret name, an API Gateway REST API behind CloudFront with a managed cache policy. Names and values
 * are this project's own.
 */
import { CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw144');
  const enableSignature = new CfnParameter(stack, 'EnableSignatureParameter', {
    type: 'String',
    description: "Would you like to enable the signature? If so, select 'Yes' and provide SecretsManagerSecret and SecretsManagerKey values.",
    allowedValues: ['Yes', 'No'],
    default: 'No',
  });
  const secretName = new CfnParameter(stack, 'SecretsManagerSecretParameter', {
    type: 'String',
    description: 'The name of AWS Secrets Manager secret. You need to create your secret under this name.',
    default: '',
  });
  const secretKey = new CfnParameter(stack, 'SecretsManagerKeyParameter', {
    type: 'String',
    description: 'The name of AWS Secrets Manager secret key. You need to create secret key with this key name. The secret value would be used to check signature.',
    default: '',
  });
  const sourceBuckets = new CfnParameter(stack, 'SourceBucketsParameter', { type: 'String', default: 'defaultBucket, bucketNo2' });

  const logs = new s3.Bucket(stack, 'LogsBucket', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER });
  const role = new iam.Role(stack, 'ImageHandlerFunctionRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['secretsmanager:GetSecretValue'],
    resources: [stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${secretName.valueAsString}*`, arnFormat: undefined })],
  }));
  const handler = new lambda.Function(stack, 'ImageHandlerLambdaFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    memorySize: 1024,
    timeout: Duration.seconds(29),
    role,
    environment: {
      AUTO_WEBP: 'No',
      CORS_ENABLED: 'No',
      SOURCE_BUCKETS: sourceBuckets.valueAsString,
      REWRITE_MATCH_PATTERN: '',
      ENABLE_SIGNATURE: enableSignature.valueAsString,
      SECRETS_MANAGER: secretName.valueAsString,
      SECRET_KEY: secretKey.valueAsString,
      SOLUTION_ID: 'SO0023',
    },
  });
  const api = new apigateway.LambdaRestApi(stack, 'ImageHandlerApi', {
    handler,
    endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
    binaryMediaTypes: ['*/*'],
    deployOptions: { stageName: 'image' },
  });
  const cachePolicy = new cloudfront.CachePolicy(stack, 'CachePolicy', {
    defaultTtl: Duration.days(1),
    minTtl: Duration.seconds(1),
    maxTtl: Duration.days(365),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList('signature'),
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList('origin', 'accept'),
  });
  const distribution = new cloudfront.Distribution(stack, 'ImageHandlerDistribution', {
    defaultBehavior: {
      origin: new origins.HttpOrigin(Fn.select(2, Fn.split('/', api.url)), { originPath: '/image' }),
      cachePolicy,
      originRequestPolicy: cloudfront.OriginRequestPolicy.fromOriginRequestPolicyId(stack, 'OriginRequestPolicy', 'b689b0a8-53d0-40ab-baf2-68738e2966ac'),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    },
    enableLogging: true,
    logBucket: logs,
    logFilePrefix: 'api-cloudfront/',
  });
  stack.exportValue(distribution.distributionDomainName, { name: 'ImageHandlerDomain' });
  return templateOf(app, stack);
}
