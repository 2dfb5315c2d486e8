/**
 * Written after a CustomerAuthenticationConstruct found by code search (a storefront's customer sign-in construct; the
 * index does not name its repository): an Essentials customer pool with optional TOTP, a Cognito domain on managed
 * login v2, a public app client with the code grant only, 60-minute access and ID tokens, 30-day refresh tokens with
 * rotation (10-second grace), revocation and user-existence errors prevented (authFlows not given), and a managed
 * login branding with Cognito's own values. Construct ids are the source's; the props (prefix, URLs) are ours.
 */
import { Duration, RemovalPolicy, Stack, aws_cognito as cognito } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

interface CustomerAuthenticationConstructProps {
  customerOAuthCallbackUrls: string[];
  customerOAuthLogoutUrls: string[];
  customerUserPoolDomainPrefix: string;
  removalPolicy: RemovalPolicy;
  resourceNamePrefix: string;
  userPoolDeletionProtection: boolean;
}

class CustomerAuthenticationConstruct extends Construct {
  public readonly appClient: cognito.IUserPoolClient;
  public readonly userPool: cognito.IUserPool;

  constructor(scope: Construct, id: string, props: CustomerAuthenticationConstructProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'CustomerUserPool', {
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      autoVerify: { email: true },
      deletionProtection: props.userPoolDeletionProtection,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 8, requireDigits: true, requireLowercase: true, requireSymbols: true, requireUppercase: true, tempPasswordValidity: Duration.days(7) },
      removalPolicy: props.removalPolicy,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      userPoolName: `${props.resourceNamePrefix}-customer-user-pool`,
    });
    const userPoolDomain = this.userPool.addDomain('CustomerUserPoolDomain', {
      cognitoDomain: { domainPrefix: props.customerUserPoolDomainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.appClient = new cognito.UserPoolClient(this, 'CustomerAppClient', {
      accessTokenValidity: Duration.minutes(60),
      enableTokenRevocation: true,
      generateSecret: false,
      idTokenValidity: Duration.minutes(60),
      oAuth: {
        callbackUrls: props.customerOAuthCallbackUrls,
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        logoutUrls: props.customerOAuthLogoutUrls,
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      },
      preventUserExistenceErrors: true,
      refreshTokenRotationGracePeriod: Duration.seconds(10),
      refreshTokenValidity: Duration.days(30),
      userPool: this.userPool,
      userPoolClientName: `${props.resourceNamePrefix}-customer-app-client`,
    });
    const managedLoginBranding = new cognito.CfnManagedLoginBranding(this, 'CustomerManagedLoginBranding', {
      clientId: this.appClient.userPoolClientId,
      useCognitoProvidedValues: true,
      userPoolId: this.userPool.userPoolId,
    });
    managedLoginBranding.node.addDependency(userPoolDomain);
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'ShopAuthProd', { env: { account: '111122223333', region: 'eu-west-1' } });
  new CustomerAuthenticationConstruct(stack, 'CustomerAuthentication', {
    customerOAuthCallbackUrls: ['https://shop.example.com/auth/callback'],
    customerOAuthLogoutUrls: ['https://shop.example.com/'],
    customerUserPoolDomainPrefix: 'shop-customers-prod',
    removalPolicy: RemovalPolicy.RETAIN,
    resourceNamePrefix: 'shop-prod',
    userPoolDeletionProtection: true,
  });
  return templateOf(app, stack);
}
