/**
 * Written after data-dot-all/dataall (deploy/stacks/cognito.py), a Python CDK nested stack (IdpStack) rewritten in
 * TypeScript for its default settings (envname "dev", no approval tests, CloudWatch RUM off, internet facing): an
 * admin-created pool with advanced security ENFORCED through an escape hatch, a Cognito domain, an app client with SRP
 * and custom auth, existence errors on, 60-minute access and ID tokens and a refresh lifetime of
 * cognito_user_session_timeout_inmins (43,200 minutes) and no OAuth settings, String parameters of the pool id and ARN,
 * client id, domain and region, a cross-account role and a KMS key for a sync function's environment. The WAF, the
 * sync custom resource's asset and the trigger function are left out; the tooling account is ours.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const envname = 'dev';
  const resourcePrefix = 'dataall';
  const withApprovalTests = false;
  const cognitoUserSessionTimeoutInmins = 43200;
  const stack = new Stack(app, 'dataall-dev-cognito', { env: { account: '111122223333', region: 'eu-west-1' } });
  const userPool = new cognito.UserPool(stack, `UserPool-${envname}`, {
    userPoolName: `${resourcePrefix}-${envname}-userpool`,
    selfSignUpEnabled: false,
    signInAliases: { username: true, email: true },
    passwordPolicy: { minLength: 8, requireDigits: true, requireUppercase: true, requireLowercase: true, requireSymbols: true },
  });
  (userPool.node.defaultChild as cognito.CfnUserPool).userPoolAddOns = { advancedSecurityMode: 'ENFORCED' };
  const domain = new cognito.UserPoolDomain(stack, `UserPool${envname}`, { userPool, cognitoDomain: { domainPrefix: `${resourcePrefix}${envname}euwest1111122223333` } });
  const jwtTokenDuration = withApprovalTests ? 180 : 60;
  const client = new cognito.UserPoolClient(stack, `AppClient-${envname}`, {
    userPool,
    authFlows: { userPassword: withApprovalTests, userSrp: true, custom: true },
    preventUserExistenceErrors: true,
    refreshTokenValidity: Duration.minutes(cognitoUserSessionTimeoutInmins),
    idTokenValidity: Duration.minutes(jwtTokenDuration),
    accessTokenValidity: Duration.minutes(jwtTokenDuration),
  });
  const param = (id: string, name: string, value: string) => new ssm.StringParameter(stack, id, { parameterName: `/dataall/${envname}/cognito/${name}`, stringValue: value });
  param('UserPoolIdParameter', 'userpool', userPool.userPoolId);
  param('UserPoolArnParameter', 'userpoolarn', userPool.userPoolArn);
  param('UserPoolClientIdParameter', 'appclient', client.userPoolClientId);
  param('DomainNameParameter', 'domain', domain.domainName);
  param('UserPoolRegion', 'region', stack.region);
  const configRole = new iam.Role(stack, `${resourcePrefix}-${envname}-cognito-config-role`, {
    roleName: `${resourcePrefix}-${envname}-cognito-config-role`,
    assumedBy: new iam.AccountPrincipal('444455556666'),
    externalIds: ['dataall-tooling-external-id'],
  });
  configRole.addToPolicy(new iam.PolicyStatement({ actions: ['cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient', 'secretsmanager:GetSecretValue'], resources: [userPool.userPoolArn] }));
  param('CognitoConfigRoleName', 'crossAccountRole', configRole.roleName);
  const lambdaEnvKey = new kms.Key(stack, `${resourcePrefix}-${envname}-cogn-config-lambda-env-var-key`, { removalPolicy: RemovalPolicy.DESTROY, alias: `${resourcePrefix}-${envname}-cogn-config-lambda-env-var-key`, enableKeyRotation: true });
  new lambda.Function(stack, `CognitoParamsSyncHandler${envname}`, {
    functionName: `${resourcePrefix}-${envname}-cognito-sync-cr`,
    handler: 'index.on_event',
    code: lambda.Code.fromInline('def on_event(event, context):\n    return {}\n'),
    runtime: lambda.Runtime.PYTHON_3_12,
    timeout: Duration.seconds(300),
    environment: { envname, LOG_LEVEL: 'DEBUG' },
    environmentEncryption: lambdaEnvKey,
  });
  return templateOf(app, stack);
}
