/**
 * Written after a Python CDK app found by code search (the index does not name its repository; an "aws-media" app whose
 * ApiStack docstring reads "C1 — API viva"), rewritten in TypeScript: a container-image function behind an HTTP API
 * whose environment holds the Aurora cluster's ARN, its generated secret's ARN and the media bucket's name (the cluster
 * and bucket live in a data stack, so CDK turns them into exports and imports), and a pool "created but not yet
 * required": one client with the code grant, no scopes given (so the L2's defaults), and the placeholder callback
 * https://localhost/callback the source marks as temporary, plus a Cognito domain. The data stack is ours (the source's
 * is not in the file); the template audited is the API stack's.
 */
import { App, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

class DataStack extends Stack {
  readonly cluster: rds.DatabaseCluster;
  readonly mediaBucket: s3.Bucket;
  constructor(app: App, id: string) {
    super(app, id, { env: { account: '111122223333', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0 });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('writer'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      enableDataApi: true,
      defaultDatabaseName: 'media',
    });
    this.mediaBucket = new s3.Bucket(this, 'Media', { versioned: true, removalPolicy: RemovalPolicy.RETAIN });
  }
}

class ApiStack extends Stack {
  constructor(app: App, id: string, props: { cluster: rds.DatabaseCluster; mediaBucket: s3.Bucket; cdnDomain: string; imageRef: string }) {
    super(app, id, { env: { account: '111122223333', region: 'eu-west-1' } });
    const repo = ecr.Repository.fromRepositoryName(this, 'Repo', 'aws-media');
    const fn = new lambda.DockerImageFunction(this, 'Api', {
      code: lambda.DockerImageCode.fromEcr(repo, { tagOrDigest: props.imageRef, entrypoint: ['/usr/local/bin/python', '-m', 'awslambdaric'], cmd: ['server.lambda_handler.handler'] }),
      memorySize: 1536,
      timeout: Duration.seconds(29),
      environment: {
        MEDIA_ROOT: '/data',
        PYTHONIOENCODING: 'utf-8',
        HOME: '/tmp',
        STATE_BACKEND: 'postgres',
        WORK_DIR: '/tmp/work',
        DB_CLUSTER_ARN: props.cluster.clusterArn,
        DB_SECRET_ARN: props.cluster.secret!.secretArn,
        DB_NAME: 'media',
        MEDIA_BUCKET: props.mediaBucket.bucketName,
        CDN_BASE: `https://${props.cdnDomain}`,
      },
    });
    props.cluster.grantDataApiAccess(fn);
    props.mediaBucket.grantPut(fn);
    props.mediaBucket.grantRead(fn);
    const httpApi = new apigwv2.HttpApi(this, 'HttpApi', { apiName: 'aws-media', defaultIntegration: new integrations.HttpLambdaIntegration('Fn', fn) });
    const pool = new cognito.UserPool(this, 'Users', {
      userPoolName: 'aws-media-users',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const client = pool.addClient('web', {
      oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://localhost/callback'] },
    });
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'media-ivenaccip' } });
    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const data = new DataStack(app, 'MediaData');
  const api = new ApiStack(app, 'MediaApi', {
    cluster: data.cluster,
    mediaBucket: data.mediaBucket,
    cdnDomain: 'd111111abcdef8.cloudfront.net',
    imageRef: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  });
  return templateOf(app, api);
}
