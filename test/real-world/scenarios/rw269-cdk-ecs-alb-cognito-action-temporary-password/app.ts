/**
 * Written after a CDK app found by code search (CloudBeaverOnAwsStack, lib/*-stack.ts; the index does not name its
 * repository): a database console on Fargate with EFS, an RDS Postgres instance whose credentials are a generated
 * DatabaseSecret, an admin secret, container secrets through ecs.Secret.fromSecretsManager (the user name resolved into
 * plain environment), an internet-facing ALB whose default action is authenticate-cognito with a code-flow client
 * that has a secret, and an AwsCustomResource that creates a Cognito user with a literal TemporaryPassword. Names ours.
 */
import { CfnOutput, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { OAuthScope, UserPool, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { InstanceClass, InstanceSize, InstanceType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Cluster, ContainerImage, FargateService, FargateTaskDefinition, LogDrivers, Secret as EcsSecret } from 'aws-cdk-lib/aws-ecs';
import { AccessPoint, FileSystem } from 'aws-cdk-lib/aws-efs';
import { ApplicationLoadBalancer, ApplicationProtocol, ApplicationTargetGroup, ListenerAction } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { AuthenticateCognitoAction } from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import { ManagedPolicy, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Credentials, DatabaseInstance, DatabaseInstanceEngine, DatabaseSecret, PostgresEngineVersion } from 'aws-cdk-lib/aws-rds';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw269DbConsole', { env: { account: '111122223333', region: 'eu-central-1' } });
  const adminUsername = 'administrator';
  const databaseName = 'consoleinternal';
  const vpc = new Vpc(stack, 'console-vpc', { maxAzs: 2 });
  const adminSecret = new Secret(stack, 'console-admin-secret', {
    secretName: 'console-admin-secret',
    generateSecretString: { secretStringTemplate: JSON.stringify({ username: adminUsername }), generateStringKey: 'password', excludePunctuation: true },
  });
  const dbSecret = new DatabaseSecret(stack, 'console-db-secret', { username: 'dbadmin' });
  const dbInstance = new DatabaseInstance(stack, 'pg-instance', {
    vpc,
    engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_16 }),
    instanceType: InstanceType.of(InstanceClass.BURSTABLE3, InstanceSize.SMALL),
    databaseName,
    credentials: Credentials.fromSecret(dbSecret),
    storageEncrypted: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const fileSystem = new FileSystem(stack, 'console-efs', { vpc, removalPolicy: RemovalPolicy.DESTROY, encrypted: true });
  const accessPoint = new AccessPoint(stack, 'efs-ap', { fileSystem, path: '/' });
  const cluster = new Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new FargateTaskDefinition(stack, 'console-task-def', {
    cpu: 2048,
    memoryLimitMiB: 4096,
    volumes: [{ name: 'console-efs-volume', efsVolumeConfiguration: { fileSystemId: fileSystem.fileSystemId, authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' }, transitEncryption: 'ENABLED' } }],
  });
  const dbUrl = `jdbc:postgresql://${dbInstance.dbInstanceEndpointAddress}:${dbInstance.dbInstanceEndpointPort}/${databaseName}`;
  taskDefinition.addContainer('console-app-container', {
    image: ContainerImage.fromRegistry('dbeaver/cloudbeaver:25.1.2'),
    memoryLimitMiB: 4096,
    cpu: 2048,
    portMappings: [{ containerPort: 8978, hostPort: 8978 }],
    logging: LogDrivers.awsLogs({ streamPrefix: 'console-logs', logRetention: RetentionDays.ONE_DAY }),
    environment: {
      CB_SERVER_NAME: 'My-Console-Server',
      CB_ADMIN_NAME: adminUsername,
      CLOUDBEAVER_DB_DRIVER: 'postgres-jdbc',
      CLOUDBEAVER_DB_URL: dbUrl,
      CLOUDBEAVER_DB_USER: Credentials.fromSecret(dbSecret).username,
      CLOUDBEAVER_RESTRICT_EXTERNAL_SERVICES_INVOCATION: 'true',
    },
    secrets: {
      CLOUDBEAVER_DB_PASSWORD: EcsSecret.fromSecretsManager(dbSecret, 'password'),
      CB_ADMIN_PASSWORD: EcsSecret.fromSecretsManager(adminSecret, 'password'),
    },
  });
  const ecsService = new FargateService(stack, 'service', { cluster, taskDefinition, desiredCount: 1 });
  fileSystem.grantReadWrite(taskDefinition.taskRole);
  dbInstance.connections.allowDefaultPortFrom(ecsService);

  const alb = new ApplicationLoadBalancer(stack, 'alb', { vpc, internetFacing: true, loadBalancerName: Names.uniqueResourceName(stack, { maxLength: 24 }).toLowerCase() });
  const cert = Certificate.fromCertificateArn(stack, 'albcert', StringParameter.valueForStringParameter(stack, 'cert-arn'));
  const userPool = new UserPool(stack, 'console-user-pool', {
    selfSignUpEnabled: false,
    userPoolName: 'console-user-pool',
    standardAttributes: { email: { required: true } },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const userPoolDomain = new UserPoolDomain(stack, 'console-user-pool-domain', { userPool, cognitoDomain: { domainPrefix: 'db-console-1111' } });
  const userPoolClient = userPool.addClient('console-user-pool-client', {
    generateSecret: true,
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID], callbackUrls: [`https://${alb.loadBalancerDnsName}/oauth2/idpresponse`] },
    preventUserExistenceErrors: true,
  });
  const targetGroup = new ApplicationTargetGroup(stack, 'console-alb-target', {
    vpc,
    port: 8978,
    protocol: ApplicationProtocol.HTTP,
    targets: [ecsService],
    healthCheck: { healthyThresholdCount: 2, unhealthyThresholdCount: 2, timeout: Duration.seconds(10), interval: Duration.seconds(20) },
  });
  alb.addListener('app-listener', {
    port: 443,
    protocol: ApplicationProtocol.HTTPS,
    certificates: [cert],
    defaultAction: new AuthenticateCognitoAction({ userPool, userPoolClient, userPoolDomain, sessionTimeout: Duration.minutes(30), next: ListenerAction.forward([targetGroup]) }),
  });
  const cognitoUserRole = new Role(stack, 'cognito-user-role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    inlinePolicies: {
      CognitoUserPolicy: new PolicyDocument({ statements: [new PolicyStatement({ actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'], resources: [userPool.userPoolArn] })] }),
    },
  });
  new AwsCustomResource(stack, 'cognito-user', {
    onCreate: {
      service: 'CognitoIdentityServiceProvider',
      action: 'adminCreateUser',
      physicalResourceId: PhysicalResourceId.of('console-cognito-user-create'),
      parameters: {
        UserPoolId: userPool.userPoolId,
        Username: 'tester@example.com',
        UserAttributes: [{ Name: 'email', Value: 'tester@example.com' }, { Name: 'email_verified', Value: 'true' }],
        TemporaryPassword: 'Pass123!',
        MessageAction: 'SUPPRESS',
      },
    },
    onDelete: { service: 'CognitoIdentityServiceProvider', action: 'adminDeleteUser', parameters: { UserPoolId: userPool.userPoolId, Username: 'tester@example.com' } },
    role: cognitoUserRole,
    policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  new CfnOutput(stack, 'alb-url', { value: `https://${alb.loadBalancerDnsName}`, exportName: 'loadBalancerDnsName' });
  new CfnOutput(stack, 'user', { value: 'tester@example.com', exportName: 'userEmail' });
  return templateOf(app, stack);
}
