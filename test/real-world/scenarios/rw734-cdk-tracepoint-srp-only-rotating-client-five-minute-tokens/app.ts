/**
 * Written after a TracePoint CognitoFoundationStack (a staging/production Cognito foundation found by code search; the
 * index does not name its repository), trimmed to what the pack judges: an Essentials pool with required TOTP and
 * SES email, and one public web client with SRP only (the source then overrides ExplicitAuthFlows to drop the legacy
 * refresh flow), 5-minute access and ID tokens, a one-day refresh token with rotation (10-second grace period),
 * revocation, user-existence errors prevented and the code grant to an https callback; a managed domain and an
 * optional lifecycle policy for a task role. Construct ids are the source's; the account checks and the cdk-nag
 * suppression (an AwsSolutions rule) are left out.
 */
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

interface CognitoFoundationProps extends cdk.StackProps { environmentName: 'staging' | 'production'; sesFromAddress: string; sesConfigurationSetName: string; taskRole?: iam.IRole }

class CognitoFoundationStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: CognitoFoundationProps) {
    super(scope, id, props);
    const site = props.environmentName === 'staging' ? 'https://staging.tracepointhq.com' : 'https://tracepointhq.com';
    const verifiedDomain = props.environmentName === 'staging' ? 'staging.tracepointhq.com' : 'tracepointhq.com';
    const pool = new cognito.UserPool(this, 'Users', {
      userPoolName: 'tracepoint-' + props.environmentName,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: cdk.Duration.days(1) },
      deletionProtection: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
      email: cognito.UserPoolEmail.withSES({ fromEmail: props.sesFromAddress, fromName: 'TracePoint', sesVerifiedDomain: verifiedDomain, sesRegion: this.region, configurationSetName: props.sesConfigurationSetName }),
    });
    const client = pool.addClient('Application', {
      userPoolClientName: 'tracepoint-' + props.environmentName + '-web',
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: cdk.Duration.minutes(5),
      idTokenValidity: cdk.Duration.minutes(5),
      refreshTokenValidity: cdk.Duration.days(1),
      refreshTokenRotationGracePeriod: cdk.Duration.seconds(10),
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [site + '/api/auth/cognito/callback'],
        logoutUrls: [site + '/login'],
      },
    });
    // The source drops ALLOW_REFRESH_TOKEN_AUTH, which rotation makes unusable.
    (client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_USER_SRP_AUTH'];
    const domain = pool.addDomain('ManagedDomain', { cognitoDomain: { domainPrefix: 'tracepoint-' + props.environmentName + '-' + this.account } });
    if (props.taskRole) {
      new iam.Policy(this, 'LifecycleAdministration', {
        roles: [props.taskRole],
        statements: [new iam.PolicyStatement({
          actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminResetUserPassword', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:AdminDeleteUser'],
          resources: [pool.userPoolArn],
        })],
      });
    }
    new cdk.CfnOutput(this, 'UserPoolId', { value: pool.userPoolId });
    new cdk.CfnOutput(this, 'ClientId', { value: client.userPoolClientId });
    new cdk.CfnOutput(this, 'ManagedDomain', { value: domain.baseUrl() });
    new cdk.CfnOutput(this, 'ActivationGate', { value: 'DISABLED: no application provider switch; callback, PKCE, lifecycle, revocation and RLS compatibility must pass before activation.' });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const taskStack = new cdk.Stack(app, 'TracePointTasks', { env: { account: '111122223333', region: 'us-east-1' } });
  const taskRole = new iam.Role(taskStack, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  const stack = new CognitoFoundationStack(app, 'TracePointCognitoStaging', {
    env: { account: '111122223333', region: 'us-east-1' },
    environmentName: 'staging',
    sesFromAddress: 'notifications@staging.tracepointhq.com',
    sesConfigurationSetName: 'tracepoint-staging',
    taskRole,
  });
  return templateOf(app, stack);
}
