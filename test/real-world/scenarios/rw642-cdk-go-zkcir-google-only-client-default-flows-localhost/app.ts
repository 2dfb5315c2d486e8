/**
 * Written after a Go CDK app found by code search (NewZkcirCdkStack for zkcir, a zero-knowledge circuit service:
 * an Axum container on Fargate behind an ALB and a compile function; the index does not name its repository),
 * rewritten in TypeScript and trimmed to the identity and the task definition: a self-sign-up pool, a Google provider
 * whose secret is `Secret.fromSecretNameV2(stack, "GoogleClientSecret", "GoogleClientSecret").secretValue`, a domain,
 * a client signing in only through Google whose oAuth sets callbacks (one https, two http://localhost) and scopes
 * (COGNITO_ADMIN among them) but no flows, with a one-day access token, and a container whose environment gets the
 * table, bucket, domain prefix, client id, region and the compile function's ARN. The Google client id and account
 * are ours; the images are public registry stand-ins for the source's Docker assets.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

const REGION = 'us-east-1';
const GOOGLE_CLIENT_ID = '112233445566-0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p.apps.googleusercontent.com';
const USER_POOL_DOMAIN = 'zkcir';
const DOMAIN_NAME = 'zkcir.example.dev';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'ZkcirCdkStack', { env: { account: '111122223333', region: REGION } });
  const userPool = new cognito.UserPool(stack, 'ZkcirUserPool', { selfSignUpEnabled: true, autoVerify: { email: true, phone: false }, removalPolicy: RemovalPolicy.DESTROY });
  const googleProvider = new cognito.UserPoolIdentityProviderGoogle(stack, 'ZkcirGoogleProvider', {
    clientId: GOOGLE_CLIENT_ID,
    clientSecretValue: secretsmanager.Secret.fromSecretNameV2(stack, 'GoogleClientSecret', 'GoogleClientSecret').secretValue,
    userPool,
    attributeMapping: {
      email: cognito.ProviderAttribute.GOOGLE_EMAIL,
      fullname: cognito.ProviderAttribute.GOOGLE_NAME,
      givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
      profilePicture: cognito.ProviderAttribute.GOOGLE_PICTURE,
    },
  });
  new cognito.UserPoolDomain(stack, 'ZkcirUserPoolDomain', { userPool, cognitoDomain: { domainPrefix: USER_POOL_DOMAIN } });
  const executionRole = new iam.Role(stack, 'ExecutionRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  executionRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy'));
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDef', { memoryLimitMiB: 2048, cpu: 512, executionRole });
  const container = taskDefinition.addContainer('AxumContainer', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/rust:1-slim'),
    logging: ecs.LogDriver.awsLogs({ streamPrefix: 'Service' }),
  });
  container.addPortMappings({ containerPort: 3000 });
  const compileLambda = new lambda.Function(stack, 'CompileLambda', {
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    memorySize: 1024,
    timeout: Duration.seconds(30),
  });
  compileLambda.grantInvoke(taskDefinition.taskRole);
  const userPoolClient = new cognito.UserPoolClient(stack, 'ZkcirUserPoolClient', {
    userPool,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE],
    oAuth: {
      callbackUrls: [`https://${DOMAIN_NAME}/auth/callback`, 'http://localhost:3000/auth/callback', 'http://localhost:8000/auth/callback'],
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN],
    },
    accessTokenValidity: Duration.days(1),
  });
  userPoolClient.node.addDependency(googleProvider);
  const usersTable = new dynamodb.Table(stack, 'Users', {
    billingMode: dynamodb.BillingMode.PROVISIONED,
    partitionKey: { name: 'user_id', type: dynamodb.AttributeType.STRING },
    removalPolicy: RemovalPolicy.DESTROY,
    writeCapacity: 25,
    readCapacity: 25,
  });
  usersTable.grantReadWriteData(taskDefinition.taskRole);
  const circuitsBucket = new s3.Bucket(stack, 'Circuits', { removalPolicy: RemovalPolicy.DESTROY });
  circuitsBucket.grantReadWrite(taskDefinition.taskRole);
  container.addEnvironment('ddb_user_table', usersTable.tableName);
  container.addEnvironment('circuits_bucket', circuitsBucket.bucketName);
  container.addEnvironment('user_pool_domain', USER_POOL_DOMAIN);
  container.addEnvironment('user_pool_client_id', userPoolClient.userPoolClientId);
  container.addEnvironment('aws_region', REGION);
  container.addEnvironment('compile_lambda_arn', compileLambda.functionArn);
  return templateOf(app, stack);
}
