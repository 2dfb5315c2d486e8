/**
 * Written after a Python CDK stack found by code search (the index does not name its repository; "Lean Phase 1
 * synthetic/disconnected pilot foundation", Phase1FoundationStack for an "LCDash" pilot), rewritten in TypeScript: a
 * VPC without NAT, a content bucket, an ECR repository, a Fargate service whose image is chosen by a condition and
 * whose container environment holds settings, parameter values (a knowledge-base id, flags, S3 prefixes) and the ARN
 * of a third-party read-only secret given as a NoEcho parameter (CloudCadReadSecretArn, AllowedPattern an ARN), a
 * Postgres instance with a generated secret read through container secrets, an internet-facing ALB whose HTTPS
 * listener authenticates through Cognito, and a pool (admin-created users, TOTP MFA required) with a confidential
 * ALB client: code grant only, 15-minute access and ID tokens, one-day refresh tokens, a 3-minute auth session,
 * revocation on, refresh-token rotation with a zero grace period, existence errors on. Budgets, the optional trail,
 * tags and IAM grants of the source are left out; the account in the secret ARN pattern is ours.
 */
import * as cdk from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbv2Actions from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

const NAME_PREFIX = 'lcdash-p1-logan-use1';
const PILOT_DOMAIN_NAME = 'pilot.example.com';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new cdk.Stack(app, 'Phase1Foundation', { env: { account: '111122223333', region: 'us-east-1' } });
  const p = {
    certificateArn: new cdk.CfnParameter(stack, 'CertificateArn', { type: 'String' }),
    cognitoDomainPrefix: new cdk.CfnParameter(stack, 'CognitoDomainPrefix', { type: 'String' }),
    knowledgeBaseId: new cdk.CfnParameter(stack, 'CloudAiKnowledgeBaseId', { type: 'String', allowedPattern: '^[A-Z0-9]{10}$', description: 'Existing reviewed Bedrock knowledge base ID.' }),
    documentsIngested: new cdk.CfnParameter(stack, 'CloudAiDocumentsIngested', { type: 'String', allowedValues: ['true', 'false'], default: 'false' }),
    allowedPrefixes: new cdk.CfnParameter(stack, 'CloudAiAllowedS3Prefixes', { type: 'String', minLength: 1, description: 'Comma-separated approved S3 prefixes for cited retrieval.' }),
    desiredTaskCount: new cdk.CfnParameter(stack, 'PilotServiceDesiredCount', { type: 'Number', allowedValues: ['0', '1'], default: 0, description: 'Keep at 0 for initial foundation creation.' }),
    imageDigest: new cdk.CfnParameter(stack, 'PilotImageDigest', { type: 'String', default: 'NOT_PUBLISHED', allowedPattern: '^(NOT_PUBLISHED|sha256:[a-f0-9]{64})$', description: 'Immutable digest published to the Phase 1 ECR repository. NOT_PUBLISHED is the dormant initial placeholder only.' }),
    cloudCadSecretArn: new cdk.CfnParameter(stack, 'CloudCadReadSecretArn', {
      type: 'String',
      allowedPattern: '^arn:aws:secretsmanager:us-east-1:111122223333:secret:lcdash-p1-logan-use1/centralsquare/read-only-[A-Za-z0-9]{6}$',
      constraintDescription: 'Supply the exact reviewed Logan CentralSquare read-only secret ARN.',
      description: 'Provider reference only; the disabled-default task does not resolve it.',
      noEcho: true,
    }),
  };
  new cdk.CfnCondition(stack, 'PilotServiceActivatedCondition', { expression: cdk.Fn.conditionEquals(p.desiredTaskCount.valueAsString, '1') });
  new cdk.CfnCondition(stack, 'PilotImagePublishedCondition', { expression: cdk.Fn.conditionNot(cdk.Fn.conditionEquals(p.imageDigest.valueAsString, 'NOT_PUBLISHED')) });

  const vpc = new ec2.Vpc(stack, 'Vpc', {
    vpcName: `${NAME_PREFIX}-vpc`,
    ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/20'),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
  });
  new s3.Bucket(stack, 'ContentBucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true });
  const repository = new ecr.Repository(stack, 'Repository', { repositoryName: `${NAME_PREFIX}-web`, imageScanOnPush: true, lifecycleRules: [{ maxImageCount: 5 }] });
  const cluster = new ecs.Cluster(stack, 'Cluster', { clusterName: `${NAME_PREFIX}-cluster`, vpc });
  const logGroup = new logs.LogGroup(stack, 'ApplicationLogs', { logGroupName: `/lcdash/${NAME_PREFIX}/web`, retention: logs.RetentionDays.ONE_WEEK });
  const taskRole = new iam.Role(stack, 'ApplicationTaskRole', { roleName: `${NAME_PREFIX}-task`, assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [p.cloudCadSecretArn.valueAsString] }));
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDefinition', { family: `${NAME_PREFIX}-web`, cpu: 512, memoryLimitMiB: 1024, taskRole });
  repository.grantPull(taskDefinition.obtainExecutionRole());
  const container = taskDefinition.addContainer('Web', {
    image: ecs.ContainerImage.fromRegistry(cdk.Token.asString(cdk.Fn.conditionIf('PilotImagePublishedCondition',
      cdk.Fn.join('', [repository.repositoryUri, '@', p.imageDigest.valueAsString]),
      cdk.Fn.join('', [repository.repositoryUri, ':dormant-not-published'])))),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logGroup }),
    readonlyRootFilesystem: true,
    user: '10001:10001',
    environment: {
      LCDASH_DEBUG: 'false',
      LCDASH_DEPLOYMENT_MODE: 'synthetic-disconnected',
      LCDASH_TENANT: 'logan-synthetic',
      LCDASH_CLOUD_CAD_ENABLED: 'true',
      LCDASH_CLOUD_CAD_MODE: 'centralsquare-read-poll',
      LCDASH_CLOUD_CAD_SECRET_ARN: p.cloudCadSecretArn.valueAsString,
      LCDASH_CLOUD_CAD_POLL_SECONDS: '30',
      LCDASH_CLOUD_AI_MODE: 'advisory-rag',
      LCDASH_CLOUD_AI_KNOWLEDGE_BASE_ID: p.knowledgeBaseId.valueAsString,
      LCDASH_CLOUD_AI_DOCUMENTS_INGESTED: p.documentsIngested.valueAsString,
      LCDASH_CLOUD_AI_ALLOWED_S3_PREFIXES: p.allowedPrefixes.valueAsString,
      LCDASH_CLOUD_AI_GENERATION_MODEL_ID: 'us.amazon.nova-pro-v1:0',
      LCDASH_CLOUD_AI_MAX_OUTPUT_TOKENS: '400',
      LCDASH_CLOUD_AI_TOOL_CALLING_ENABLED: 'true',
      NGA911_PROVIDER_MODE: 'mock',
      TMPDIR: '/tmp',
    },
  });
  container.addPortMappings({ containerPort: 8000 });
  const database = new rds.DatabaseInstance(stack, 'Database', {
    instanceIdentifier: `${NAME_PREFIX}-db`,
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE4_GRAVITON, ec2.InstanceSize.MICRO),
    credentials: rds.Credentials.fromGeneratedSecret('lcdash_app'),
    databaseName: 'lcdash',
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    publiclyAccessible: false,
    allocatedStorage: 20,
    storageEncrypted: true,
    deletionProtection: true,
    removalPolicy: cdk.RemovalPolicy.RETAIN,
  });
  container.addEnvironment('LCDASH_DATABASE_HOST', database.dbInstanceEndpointAddress);
  container.addEnvironment('LCDASH_DATABASE_PORT', database.dbInstanceEndpointPort);
  container.addEnvironment('LCDASH_DATABASE_NAME', 'lcdash');
  container.addSecret('LCDASH_DATABASE_USERNAME', ecs.Secret.fromSecretsManager(database.secret!, 'username'));
  container.addSecret('LCDASH_DATABASE_PASSWORD', ecs.Secret.fromSecretsManager(database.secret!, 'password'));
  const albSg = new ec2.SecurityGroup(stack, 'AlbSecurityGroup', { vpc, allowAllOutbound: false });
  albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
  const appSg = new ec2.SecurityGroup(stack, 'ApplicationSecurityGroup', { vpc, allowAllOutbound: false });
  appSg.addIngressRule(albSg, ec2.Port.tcp(8000));
  database.connections.allowDefaultPortFrom(appSg);
  const service = new ecs.FargateService(stack, 'Service', {
    cluster, taskDefinition, desiredCount: p.desiredTaskCount.valueAsNumber, assignPublicIp: true, securityGroups: [appSg],
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, minHealthyPercent: 0, maxHealthyPercent: 200,
  });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'LoadBalancer', { vpc, internetFacing: true, securityGroup: albSg, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', p.certificateArn.valueAsString);
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    userPoolName: `${NAME_PREFIX}-users`,
    selfSignUpEnabled: false,
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { sms: false, otp: true },
    signInAliases: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: cdk.Duration.days(1) },
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  new cognito.CfnUserPoolGroup(stack, 'PilotViewerGroup', { userPoolId: userPool.userPoolId, groupName: 'lcdash-pilot-viewer', precedence: 20 });
  new cognito.CfnUserPoolGroup(stack, 'PilotReviewerGroup', { userPoolId: userPool.userPoolId, groupName: 'lcdash-pilot-reviewer', precedence: 10 });
  const userPoolClient = userPool.addClient('AlbClient', {
    userPoolClientName: `${NAME_PREFIX}-alb`,
    generateSecret: true,
    accessTokenValidity: cdk.Duration.minutes(15),
    idTokenValidity: cdk.Duration.minutes(15),
    refreshTokenValidity: cdk.Duration.days(1),
    authSessionValidity: cdk.Duration.minutes(3),
    enableTokenRevocation: true,
    refreshTokenRotationGracePeriod: cdk.Duration.seconds(0),
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: [cdk.Fn.join('', ['https://', PILOT_DOMAIN_NAME, '/oauth2/idpresponse'])],
      logoutUrls: [cdk.Fn.join('', ['https://', PILOT_DOMAIN_NAME, '/'])],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
  });
  const userPoolDomain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: p.cognitoDomainPrefix.valueAsString } });
  const httpsListener = loadBalancer.addListener('HttpsListener', { port: 443, certificates: [certificate], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'WebTarget', { vpc, port: 8000, protocol: elbv2.ApplicationProtocol.HTTP, targets: [service], healthCheck: { path: '/health' } });
  httpsListener.addAction('AuthenticateThenForward', {
    action: new elbv2Actions.AuthenticateCognitoAction({
      userPool, userPoolClient, userPoolDomain,
      next: elbv2.ListenerAction.forward([targetGroup]),
      onUnauthenticatedRequest: elbv2.UnauthenticatedAction.AUTHENTICATE,
      scope: 'openid email profile',
      sessionCookieName: 'LCDashPilotAuth',
      sessionTimeout: cdk.Duration.hours(24),
    }),
  });
  loadBalancer.addListener('HttpRedirect', { port: 80, defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }) });
  new cdk.CfnOutput(stack, 'ApplicationUrl', { value: `https://${PILOT_DOMAIN_NAME}` });
  new cdk.CfnOutput(stack, 'HostingerApplicationCnameTarget', { value: loadBalancer.loadBalancerDnsName });
  return templateOf(app, stack);
}
