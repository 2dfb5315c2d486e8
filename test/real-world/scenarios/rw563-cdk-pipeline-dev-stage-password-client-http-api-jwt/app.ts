/**
 * Written after rohankshah/cdk-cognito-lambda-dynamodb-pipeline (lib/stages/stage-dev.ts with lib/stacks/main-stack.ts
 * and lib/constructs/identity.ts, compute.ts, api.ts, storage.ts, messaging.ts): the application stack that the
 * pipeline's Dev stage deploys, audited from the stage's assembly. A pool with self sign-up and a 6-character password
 * policy, one client with the USER_PASSWORD and SRP flows and a 30-minute access token (no oAuth block, so the L2's
 * code + implicit grant and all scopes), a table, a bucket, a queue with a dead-letter queue, two API functions given
 * the table, bucket, queue URL and pool id, an email worker fed by the queue, an HTTP API whose /api/user route uses a
 * JWT authorizer (the pool as issuer, the client id as audience), public function URLs and outputs. Docker bundling of
 * the Python functions is replaced by inline code. Names are ours.
 */
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newApp } from '../../app-helpers';

class MainStack extends cdk.Stack {
  constructor(scope: Construct, id: string, name: string, environment: string) {
    super(scope, id);
    const table = new dynamodb.Table(this, `${name}Table`, {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      removalPolicy: cdk.RemovalPolicy.DESTROY, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
    const bucket = new s3.Bucket(this, 'Bucket', { bucketName: `${name.toLowerCase()}-${environment}-bucket`, removalPolicy: cdk.RemovalPolicy.RETAIN, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    const dlq = new sqs.Queue(this, 'EmailDLQ');
    const queue = new sqs.Queue(this, 'EmailQueue', { visibilityTimeout: cdk.Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const userPool = new cognito.UserPool(this, `${name}Pool`, {
      userPoolName: `${name}-${environment}-pool`, selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true },
      passwordPolicy: { minLength: 6, requireLowercase: false, requireUppercase: false, requireDigits: false, requireSymbols: false },
    });
    const client = userPool.addClient(`${name}PoolClient`, { authFlows: { userPassword: true, userSrp: true }, accessTokenValidity: cdk.Duration.minutes(30) });
    const py = (fid: string) => new lambda.Function(this, fid, {
      runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.lambda_handler', timeout: cdk.Duration.seconds(30),
      code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return {"statusCode": 200}\n'),
      environment: { TABLE_NAME: table.tableName, UPLOAD_BUCKET: bucket.bucketName, EMAIL_QUEUE_URL: queue.queueUrl, USER_POOL_ID: userPool.userPoolId },
    });
    const authLambda = py('AuthLambda');
    const userLambda = py('UserLambda');
    const worker = new lambda.Function(this, 'EmailWorker', {
      runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.lambda_handler', timeout: cdk.Duration.seconds(30),
      code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return {"batchItemFailures": []}\n'),
    });
    worker.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
    table.grantReadWriteData(authLambda);
    table.grantReadWriteData(userLambda);
    bucket.grantReadWrite(authLambda);
    queue.grantSendMessages(authLambda);
    queue.grantSendMessages(userLambda);
    const api = new apigw.HttpApi(this, 'Api', {
      apiName: `${name}-${environment}-api`,
      corsPreflight: { allowHeaders: ['*'], allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.HEAD, apigw.CorsHttpMethod.OPTIONS, apigw.CorsHttpMethod.POST], allowOrigins: ['*'], allowCredentials: false, maxAge: cdk.Duration.seconds(300) },
    });
    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`, { jwtAudience: [client.userPoolClientId] });
    api.addRoutes({ path: '/api/auth/{proxy+}', methods: [apigw.HttpMethod.POST], integration: new HttpLambdaIntegration('authIntegration', authLambda) });
    api.addRoutes({ path: '/api/user/{proxy+}', methods: [apigw.HttpMethod.POST], integration: new HttpLambdaIntegration('userIntegration', userLambda), authorizer });
    new cdk.CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new cdk.CfnOutput(this, 'AuthLambdaUrlOutput', { value: authLambda.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }).url });
    new cdk.CfnOutput(this, 'UserLambdaUrlOutput', { value: userLambda.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }).url });
    new cdk.CfnOutput(this, 'CompBucketName', { value: bucket.bucketName });
  }
}

class DevStage extends cdk.Stage {
  readonly stack: MainStack;
  constructor(scope: Construct, id: string, props: cdk.StageProps & { name: string }) {
    super(scope, id, props);
    this.stack = new MainStack(this, `${props.name}-dev-stack`, props.name, 'dev');
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stage = new DevStage(app, 'Dev', { env: { account: '123456789012', region: 'ap-south-1' }, name: 'appName' });
  return stage.synth().getStackByName(stage.stack.stackName).template as Record<string, unknown>;
}
