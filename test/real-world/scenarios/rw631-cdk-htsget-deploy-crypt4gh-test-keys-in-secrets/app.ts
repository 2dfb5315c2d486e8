/**
 * Written after umccr/htsget-deploy (lib/htsget-lambda.ts), the CDK construct that deploys UMCCR's htsget-rs server
 * on Lambda, with `copyTestData` on: a bucket for the upstream test data and two Secrets Manager secrets created with
 * `SecretValue.unsafePlainText(readFileSync(...))` from the htsget-rs repository's Crypt4GH test keys (bob.sec, the
 * private key, and alice.pub, the public key); the function's HTSGET_LOCATIONS variable names both secrets' ARNs;
 * an HTTP API with a JWT authorizer on a new user pool (no client). The key files' contents are replaced by fakes of
 * the same shape (an unencrypted c4gh-v1 private key and a 32-byte public key); the Rust function is inline code, the
 * BucketDeployment and the custom domain are left out. Construct ids are the source's.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

// Fakes of the same shape as data/c4gh/keys/bob.sec and alice.pub.
const BOB_SEC = '-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRnaC12MQAEbm9uZQAEbm9uZQAgnyJlo8N8mF6UXZO+EWilxqYfaW+RLV1gN/fkP/+nZ1I=\n-----END CRYPT4GH PRIVATE KEY-----\n';
const ALICE_PUB = '-----BEGIN CRYPT4GH PUBLIC KEY-----\n3i+aZtmx9H+T6IJ5qG9KoFyDS2FW+ssQ1cxGAznCUYc=\n-----END CRYPT4GH PUBLIC KEY-----\n';

class HtsgetLambda extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const bucket = new Bucket(this, 'Bucket', { blockPublicAccess: BlockPublicAccess.BLOCK_ALL, encryption: BucketEncryption.S3_MANAGED, enforceSSL: true, removalPolicy: RemovalPolicy.RETAIN });
    const privateKey = new Secret(this, 'PrivateKey', { secretStringValue: SecretValue.unsafePlainText(BOB_SEC), removalPolicy: RemovalPolicy.DESTROY });
    const publicKey = new Secret(this, 'PublicKey', { secretStringValue: SecretValue.unsafePlainText(ALICE_PUB), removalPolicy: RemovalPolicy.DESTROY });

    const lambdaRole = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: 'Lambda execution role for ' + id });
    lambdaRole.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
    lambdaRole.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::${bucket.bucketName}/*`] }));
    lambdaRole.addToPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [privateKey.secretArn, publicKey.secretArn] }));

    const pool = new UserPool(this, 'UserPool');
    const authorizer = new HttpJwtAuthorizer('HtsgetAuthorizer', `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${pool.userPoolId}`, {
      identitySource: ['$request.header.Authorization'],
      jwtAudience: ['htsget-client'],
    });
    const httpApi = new HttpApi(this, 'ApiGateway', {
      defaultAuthorizer: authorizer,
      corsPreflight: { allowCredentials: false, allowHeaders: ['*'], allowMethods: [CorsHttpMethod.ANY], allowOrigins: ['*'], exposeHeaders: ['*'], maxAge: Duration.days(30) },
    });
    const toHtsgetEnv = (value: unknown) => JSON.stringify(value).replace(/"( )*:( )*/g, '=').replace(/"/g, '');
    const locations = `[${toHtsgetEnv({ location: `s3://${bucket.bucketName}`, keys: { kind: 'SecretsManager', private: privateKey.secretArn, public: publicKey.secretArn } })}]`;
    const fn = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      memorySize: 128,
      timeout: Duration.seconds(28),
      environment: { HTSGET_LOCATIONS: locations, RUST_LOG: 'trace' },
      architecture: lambda.Architecture.ARM_64,
      role: lambdaRole,
    });
    httpApi.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.GET, HttpMethod.POST], integration: new HttpLambdaIntegration('Integration', fn) });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'HtsgetTestStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  new HtsgetLambda(stack, 'Htsget');
  return templateOf(app, stack);
}
