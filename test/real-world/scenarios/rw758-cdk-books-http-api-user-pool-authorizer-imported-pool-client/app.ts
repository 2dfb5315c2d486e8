/**
 * Written after an ebook-download Api construct found by code search (a small site whose download function hands out
 * signed book links; the index does not name its repository), with the same constructs and props: a DynamoDB table of
 * downloads, a function whose environment holds two bucket names and the table name, object-scoped S3 read, and an
 * HTTP API whose default authorizer is an HttpUserPoolAuthorizer for the site's user pool and client, with CORS for
 * the site and a local dev origin. The pool and client come from the source's auth stack; here they are imported by
 * id. Construct ids are the source's; the config values are ours, inline code stands in for the bundled handler.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

interface ApiProps { config: { siteDomain: string; localDevOrigin: string }; userPool: cognito.IUserPool; client: cognito.IUserPoolClient; booksBucket: s3.IBucket; siteBucket: s3.IBucket }

class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly table: dynamodb.Table;
  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config } = props;
    this.table = new dynamodb.Table(this, 'Downloads', {
      partitionKey: { name: 'email', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const downloadFn = new lambda.Function(this, 'DownloadFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      timeout: Duration.seconds(10),
      memorySize: 256,
      environment: { BOOKS_BUCKET: props.booksBucket.bucketName, SITE_BUCKET: props.siteBucket.bucketName, DOWNLOADS_TABLE: this.table.tableName },
    });
    downloadFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.booksBucket.arnForObjects('*')] }));
    props.siteBucket.grantRead(downloadFn, 'catalog.json');
    this.table.grant(downloadFn, 'dynamodb:PutItem');
    const authorizer = new HttpUserPoolAuthorizer('Jwt', props.userPool, { userPoolClients: [props.client] });
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      defaultAuthorizer: authorizer,
      corsPreflight: {
        allowOrigins: [`https://${config.siteDomain}`, config.localDevOrigin],
        allowMethods: [apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });
    this.httpApi.addRoutes({ path: '/download', methods: [apigw.HttpMethod.POST], integration: new HttpLambdaIntegration('DownloadIntegration', downloadFn) });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'BooksApiStack', { env: { account: '111122223333', region: 'eu-central-1' } });
  new Api(stack, 'Api', {
    config: { siteDomain: 'books.example.net', localDevOrigin: 'http://localhost:4321' },
    userPool: cognito.UserPool.fromUserPoolId(stack, 'UserPool', 'eu-central-1_Qw3Er5Ty7'),
    client: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', '5k2m8q1r4t7v0x3z6b9d2f5h8j'),
    booksBucket: s3.Bucket.fromBucketName(stack, 'BooksBucket', 'books-example-net-private'),
    siteBucket: s3.Bucket.fromBucketName(stack, 'SiteBucket', 'books-example-net-site'),
  });
  return templateOf(app, stack);
}
