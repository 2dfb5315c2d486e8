/**
 * Written after a C# CDK stack found by code search (the index does not name its repository; namespace Cdk, CdkStack
 * reading APP_NAME, COGNITO_CUSTOM_DOMAIN, CALLBACK_URLS, SECRET_ARN_CONNECTION_STRING and more from the environment),
 * rewritten in TypeScript: a pool with optional TOTP MFA and deletion protection, an Admin group, a custom domain with
 * the newer managed login (ManagedLoginVersion 2) and a managed-login branding resource (colours only), a public SPA
 * client (SRP, code grant, openid/email/profile, existence errors on), a Lambda authorizer given the
 * pool id, an API function in a VPC whose environment holds the connection-string secret's ARN, the Cognito base URL
 * and the pool id, an HTTP API with a stage and an API mapping, and an initial-creation function invoked by an
 * AwsCustomResource (Lambda invoke). The environment values are ours; .NET assets are inline Node code here, and the
 * VPC, subnets and certificate are imported by attributes instead of looked up. The source's Route 53 alias record
 * for the login domain is left out (its UserPoolDomainTarget prints a CDK deprecation warning at every synth).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const e = {
    APP_NAME: 'Tareas', REGION_AWS: 'us-east-1', COGNITO_CUSTOM_DOMAIN: 'login.tareas.example.cl',
    ARN_COGNITO_CERTIFICATE: 'arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555',
    CALLBACK_URLS: 'https://tareas.example.cl/signin-callback', LOGOUT_URLS: 'https://tareas.example.cl/',
    DOMAIN_NAME: 'api.example.cl', API_MAPPING_KEY: 'tareas', ALLOWED_DOMAINS: 'https://tareas.example.cl',
    SECRET_ARN_CONNECTION_STRING: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:tareas/connection-string-AbCdEf',
    APP_SCHEMA_NAME: 'tareas', MIGRATION_SCRIPT: 'migrations/initial.sql', RDS_SECURITY_GROUP_ID: 'sg-0123456789abcdef0',
  };
  const appName = e.APP_NAME;
  const stack = new Stack(app, `${appName}Stack`, { env: { account: '111122223333', region: e.REGION_AWS } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, `${appName}Vpc`, { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a', 'us-east-1b'] });
  const subnet1 = ec2.Subnet.fromSubnetId(stack, `${appName}Subnet1`, 'subnet-0123456789abcdef1');
  const subnet2 = ec2.Subnet.fromSubnetId(stack, `${appName}Subnet2`, 'subnet-0123456789abcdef2');
  const certificate = acm.Certificate.fromCertificateArn(stack, `${appName}CognitoCertificate`, e.ARN_COGNITO_CERTIFICATE);

  const userPool = new cognito.UserPool(stack, `${appName}UserPool`, {
    userPoolName: `${appName}UserPool`,
    selfSignUpEnabled: true,
    signInCaseSensitive: false,
    userVerification: { emailSubject: 'Verifica tu correo', emailBody: 'Tu codigo es {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
    signInAliases: { username: false, email: true },
    autoVerify: { email: true },
    keepOriginal: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true } },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: false },
    deletionProtection: true,
  });
  new cognito.UserPoolGroup(stack, `${appName}AdminUserGroup`, { groupName: 'Admin', userPool, description: `Administrador de la aplicacion ${appName}` });
  const domain = new cognito.UserPoolDomain(stack, `${appName}CognitoDomain`, {
    userPool,
    customDomain: { domainName: e.COGNITO_CUSTOM_DOMAIN, certificate },
    managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
  });
  const userPoolClient = new cognito.UserPoolClient(stack, `${appName}UserPoolClient`, {
    userPoolClientName: `${appName}UserPoolClient`,
    userPool,
    generateSecret: false,
    preventUserExistenceErrors: true,
    authFlows: { userSrp: true },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    oAuth: {
      callbackUrls: e.CALLBACK_URLS.split(','),
      logoutUrls: e.LOGOUT_URLS.split(','),
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
    },
  });
  new cognito.CfnManagedLoginBranding(stack, `${appName}ManagedLoginBranding`, {
    userPoolId: userPool.userPoolId,
    clientId: userPoolClient.userPoolClientId,
    returnMergedResources: true,
    settings: {
      categories: { form: { languageSelector: { enabled: true } }, global: { colorSchemeMode: 'LIGHT' } },
      componentClasses: {
        focusState: { lightMode: { borderColor: '0069d9ff' } },
        input: { lightMode: { defaults: {}, placeholderColor: '6c757dff' } },
        link: { lightMode: { defaults: { textColor: '1b6ec2ff' }, hover: { textColor: '0069d9ff' } } },
      },
      components: {
        favicon: { enabledTypes: ['ICO'] },
        pageBackground: { image: { enabled: false } },
        pageText: { lightMode: { headingColor: '212529ff', bodyColor: '212529ff', descriptionColor: '212529ff' } },
        primaryButton: { lightMode: { defaults: { backgroundColor: '1b6ec2ff', textColor: 'ffffffff' }, hover: { backgroundColor: '0069d9ff', textColor: 'ffffffff' } } },
      },
    },
  });

  const code = lambda.Code.fromInline('exports.handler = async () => ({ isAuthorized: false });');
  const authorizerFunction = new lambda.Function(stack, `${appName}APIAuthorizerFunction`, {
    functionName: `${appName}APIAuthorizer`,
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code,
    timeout: Duration.seconds(5), memorySize: 128,
    logGroup: new logs.LogGroup(stack, `${appName}APIAuthorizerLogGroup`, { logGroupName: `/aws/lambda/${appName}APIAuthorizer/logs`, retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    environment: { APP_NAME: appName, COGNITO_REGION: e.REGION_AWS, COGNITO_USER_POOL_ID: userPool.userPoolId },
  });
  const securityGroup = new ec2.SecurityGroup(stack, `${appName}LambdaSecurityGroup`, { vpc, securityGroupName: `${appName}APILambda`, allowAllOutbound: true });
  const rdsSecurityGroup = ec2.SecurityGroup.fromSecurityGroupId(stack, `${appName}RDSSecurityGroup`, e.RDS_SECURITY_GROUP_ID);
  rdsSecurityGroup.addIngressRule(securityGroup, ec2.Port.POSTGRES, `Allow connection from ${appName} API Lambda to RDS`);
  const secretPolicy = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [e.SECRET_ARN_CONNECTION_STRING] })] });
  const roleLambda = new iam.Role(stack, `${appName}APILambdaRole`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')],
    inlinePolicies: { [`${appName}APILambdaPolicy`]: secretPolicy },
  });
  const fn = new lambda.Function(stack, `${appName}APILambdaFunction`, {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code,
    functionName: `${appName}API`, timeout: Duration.seconds(30), memorySize: 512,
    environment: {
      APP_NAME: appName,
      SECRET_ARN_CONNECTION_STRING: e.SECRET_ARN_CONNECTION_STRING,
      COGNITO_REGION: e.REGION_AWS,
      COGNITO_BASE_URL: domain.baseUrl(),
      COGNITO_USER_POOL_ID: userPool.userPoolId,
    },
    vpc, vpcSubnets: { subnets: [subnet1, subnet2] }, securityGroups: [securityGroup], role: roleLambda,
  });
  const accessLogs = new logs.LogGroup(stack, `${appName}APILogGroupAccessLogs`, { logGroupName: `/aws/lambda/${appName}API/access_logs`, retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const httpApi = new apigwv2.HttpApi(stack, `${appName}APILambdaHttpApi`, {
    apiName: `${appName}API`,
    corsPreflight: { allowOrigins: e.ALLOWED_DOMAINS.split(','), allowMethods: [apigwv2.CorsHttpMethod.ANY], allowHeaders: ['*'], maxAge: Duration.days(10) },
    disableExecuteApiEndpoint: true,
    createDefaultStage: false,
  });
  httpApi.addRoutes({
    path: '/{proxy+}',
    methods: [apigwv2.HttpMethod.ANY],
    integration: new integrations.HttpLambdaIntegration(`${appName}APIHttpLambdaIntegration`, fn),
    authorizer: new authorizers.HttpLambdaAuthorizer(`${appName}APILambdaAuthorizer`, authorizerFunction, { responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE], identitySource: [], resultsCacheTtl: Duration.seconds(0) }),
  });
  const stage = new apigwv2.CfnStage(stack, `${appName}APIStage`, {
    apiId: httpApi.apiId, stageName: 'prod', autoDeploy: true,
    accessLogSettings: { destinationArn: accessLogs.logGroupArn, format: '{"requestId":"$context.requestId","status":$context.status}' },
  });
  const apiMapping = new apigwv2.CfnApiMapping(stack, `${appName}APIApiMapping`, { domainName: e.DOMAIN_NAME, apiMappingKey: e.API_MAPPING_KEY, apiId: httpApi.apiId, stage: stage.stageName });
  apiMapping.node.addDependency(stage);
  fn.addPermission(`${appName}APIPermission`, { action: 'lambda:InvokeFunction', principal: new iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn: `arn:aws:execute-api:${stack.region}:${stack.account}:${httpApi.apiId}/*/*/*` });

  const functionInitial = new lambda.Function(stack, `${appName}APIInitialCreationLambda`, {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code,
    functionName: `${appName}APIInitialCreation`, timeout: Duration.seconds(120), memorySize: 256,
    environment: { SECRET_ARN_CONNECTION_STRING: e.SECRET_ARN_CONNECTION_STRING, APP_NAME: appName, APP_SCHEMA_NAME: e.APP_SCHEMA_NAME, MIGRATION_SCRIPT: e.MIGRATION_SCRIPT },
    vpc, vpcSubnets: { subnets: [subnet1, subnet2] },
  });
  new cr.AwsCustomResource(stack, `${appName}APIInitialCreationTrigger`, {
    policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [functionInitial.functionArn] })]),
    timeout: Duration.seconds(120),
    onUpdate: {
      service: 'Lambda', action: 'invoke',
      parameters: { FunctionName: functionInitial.functionName, InvocationType: 'Event', Payload: '""' },
      physicalResourceId: cr.PhysicalResourceId.of('2026-01-01T00:00:00'),
    },
  });
  return templateOf(app, stack);
}
