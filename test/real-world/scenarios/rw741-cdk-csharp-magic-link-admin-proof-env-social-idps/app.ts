/**
 * C# CDK app rewritten in TypeScript, after a PadiSsoPocStack found by code search (Padi.Services.Authentication, an
 * SSO proof of concept with magic links and passkeys; the index does not name its repository), trimmed to what the
 * pack judges: a generated 64-character `MagicLinkAdminProof` secret (no key, no rotation) whose value the source
 * hands to three functions with SecretValue.UnsafeUnwrap() (the verify-auth-challenge trigger and the two magic-link
 * endpoints); an Essentials pool that allows password, email OTP, SMS OTP and passkeys as first factors, with custom
 * auth triggers, a custom email sender under a KMS key, and Google and Facebook providers whose ids and secrets are
 * Secrets Manager references (the Google secret as clientSecretValue, the Facebook one through UnsafeUnwrap); an app
 * client with SRP, choice-based sign-in (User) and custom auth, 1-hour tokens and a 30-day refresh token, and the code
 * grant (no rotation); public function URLs; outputs of ids and URLs. Construct ids are the source's; context values
 * (enabled IdPs google and facebook, URLs, names) are ours; assets are inline code; the custom domain is a Cognito one.
 */
import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function, FunctionUrlAuthType, HttpMethod, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const ctx = {
  enabledIdps: ['google', 'facebook'],
  userPoolName: 'padisso-poc',
  passkeyRelyingPartyId: 'sso.example.com',
  callbackUrls: ['https://app.example.com/auth/callback'],
  logoutUrls: ['https://app.example.com/'],
  magicLinkBaseUrl: 'https://app.example.com/magic',
  magicLinkEmailFrom: 'no-reply@example.com',
  messagingEmailUrl: 'https://messaging.example.com/email',
  messagingTokenUrl: 'https://messaging.example.com/oauth/token',
  magicLinkAllowedOrigins: ['https://app.example.com'],
};

class PadiSsoPocStack extends Stack {
  constructor(scope: Construct, id: string, props?: { env?: { account: string; region: string } }) {
    super(scope, id, props);
    const enabledIdps = new Set(ctx.enabledIdps);
    const magicLinkTable = new Table(this, 'MagicLinkTokens', {
      tableName: 'padi-sso-poc-magic-links', partitionKey: { name: 'tokenHash', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt', billingMode: BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY,
    });
    const adminProofSecret = new Secret(this, 'MagicLinkAdminProof', {
      secretName: 'padisso-poc/magic-link/admin-proof',
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const lambdaCode = (project: string) => Code.fromInline(`exports.handler = async (e) => e; // ${project}`);
    const fn = (cid: string, name: string, environment?: Record<string, string>, memorySize = 256) => new Function(this, cid, {
      functionName: name, runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: lambdaCode(cid), timeout: Duration.seconds(30), memorySize, environment,
    });
    const defineFn = fn('DefineAuthChallengeFn', 'padi-sso-poc-define-auth');
    const createFn = fn('CreateAuthChallengeFn', 'padi-sso-poc-create-auth');
    const codeKey = new Key(this, 'CognitoCodeKey', { alias: 'alias/padi-sso-poc-cognito-codes', description: 'Encrypts Cognito one-time codes for the custom sender triggers', enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
    codeKey.grantEncrypt(new ServicePrincipal('cognito-idp.amazonaws.com'));
    const configParameterPath = '/padi/services/authentication';
    const customEmailSenderFn = fn('CustomEmailSenderFn', 'padi-sso-poc-custom-email-sender', {
      CONFIG_PARAMETER_PATH: configParameterPath,
      Messaging__EmailUrl: ctx.messagingEmailUrl,
      Messaging__TokenUrl: ctx.messagingTokenUrl,
      Messaging__FromAddress: ctx.magicLinkEmailFrom,
      KEY_ARN: codeKey.keyArn,
    }, 512);
    codeKey.grantDecrypt(customEmailSenderFn);
    const postAuthFn = fn('PostAuthenticationFn', 'padi-sso-poc-post-auth');
    const verifyFn = fn('VerifyAuthChallengeFn', 'padi-sso-poc-verify-auth', { ADMIN_PROOF: adminProofSecret.secretValue.unsafeUnwrap() });

    const userPool = new cognito.UserPool(this, 'PadissoUserPool', {
      userPoolName: ctx.userPoolName,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: true,
      signInAliases: { username: true, email: false, phone: false },
      signInCaseSensitive: false,
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true, smsOtp: true, passkey: true } },
      passkeyRelyingPartyId: ctx.passkeyRelyingPartyId,
      passkeyUserVerification: cognito.PasskeyUserVerification.PREFERRED,
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true },
      customAttributes: { padi_id: new cognito.StringAttribute({ mutable: true }), last_login: new cognito.StringAttribute({ mutable: true }) },
      passwordPolicy: { minLength: 6, requireDigits: false, requireLowercase: true, requireUppercase: true, requireSymbols: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
      removalPolicy: RemovalPolicy.RETAIN,
      lambdaTriggers: { defineAuthChallenge: defineFn, createAuthChallenge: createFn, verifyAuthChallengeResponse: verifyFn, postAuthentication: postAuthFn, customEmailSender: customEmailSenderFn },
      customSenderKmsKey: codeKey,
    });
    new Policy(this, 'PostAuthCognitoPolicy', { roles: [postAuthFn.role!], statements: [new PolicyStatement({ actions: ['cognito-idp:AdminUpdateUserAttributes'], resources: [userPool.userPoolArn] })] });

    const idpDependencies: Construct[] = [];
    const clientIdps = [cognito.UserPoolClientIdentityProvider.COGNITO];
    if (enabledIdps.has('google')) {
      idpDependencies.push(new cognito.UserPoolIdentityProviderGoogle(this, 'GoogleProvider', {
        userPool,
        clientId: SecretValue.secretsManager('padisso-poc/google/client-id').unsafeUnwrap(),
        clientSecretValue: SecretValue.secretsManager('padisso-poc/google/client-secret'),
        scopes: ['email', 'profile', 'openid'],
        attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME, familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME },
      }));
      clientIdps.push(cognito.UserPoolClientIdentityProvider.GOOGLE);
    }
    if (enabledIdps.has('facebook')) {
      idpDependencies.push(new cognito.UserPoolIdentityProviderFacebook(this, 'FacebookProvider', {
        userPool,
        clientId: SecretValue.secretsManager('padisso-poc/facebook/client-id').unsafeUnwrap(),
        clientSecret: SecretValue.secretsManager('padisso-poc/facebook/client-secret').unsafeUnwrap(),
        scopes: ['email', 'public_profile'],
        apiVersion: 'v21.0',
        attributeMapping: { email: cognito.ProviderAttribute.FACEBOOK_EMAIL, givenName: cognito.ProviderAttribute.FACEBOOK_FIRST_NAME, familyName: cognito.ProviderAttribute.FACEBOOK_LAST_NAME },
      }));
      clientIdps.push(cognito.UserPoolClientIdentityProvider.FACEBOOK);
    }
    const userPoolDomain = userPool.addDomain('PadissoDomain', { cognitoDomain: { domainPrefix: 'padisso-poc' } });
    const userPoolClient = userPool.addClient('PadissoAppClient', {
      userPoolClientName: 'padisso-app-client',
      authFlows: { userSrp: true, userPassword: false, user: true, custom: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      supportedIdentityProviders: clientIdps,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
        callbackUrls: ctx.callbackUrls,
        logoutUrls: ctx.logoutUrls,
      },
    });
    for (const idp of idpDependencies) userPoolClient.node.addDependency(idp);

    const magicLinkEnv = {
      MAGIC_LINK_TABLE: magicLinkTable.tableName,
      MAGIC_LINK_BASE_URL: ctx.magicLinkBaseUrl,
      MAGIC_LINK_EMAIL_FROM: ctx.magicLinkEmailFrom,
      MAGIC_LINK_SMS_SENDER_ID: '',
      MAGIC_LINK_TTL_MIN: '15',
      USER_POOL_ID: userPool.userPoolId,
      CLIENT_ID: userPoolClient.userPoolClientId,
      ADMIN_PROOF: adminProofSecret.secretValue.unsafeUnwrap(),
    };
    const requestMagicLinkFn = fn('RequestMagicLinkFn', 'padi-sso-poc-request-magic-link', magicLinkEnv, 512);
    const verifyMagicLinkFn = fn('VerifyMagicLinkFn', 'padi-sso-poc-verify-magic-link', magicLinkEnv, 512);
    magicLinkTable.grantReadWriteData(requestMagicLinkFn);
    magicLinkTable.grantReadWriteData(verifyMagicLinkFn);
    requestMagicLinkFn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: ['*'] }));
    verifyMagicLinkFn.addToRolePolicy(new PolicyStatement({ actions: ['cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminRespondToAuthChallenge'], resources: [userPool.userPoolArn] }));
    const cors = { allowedOrigins: ctx.magicLinkAllowedOrigins, allowedMethods: [HttpMethod.POST], allowedHeaders: ['content-type'], maxAge: Duration.hours(1) };
    const requestUrl = requestMagicLinkFn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, cors });
    const verifyUrl = verifyMagicLinkFn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, cors });

    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito User Pool ID', exportName: 'PadissoUserPoolId' });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId, description: 'Cognito App Client ID', exportName: 'PadissoUserPoolClientId' });
    new CfnOutput(this, 'UserPoolDomain', { value: userPoolDomain.domainName, description: 'Cognito Hosted UI Domain', exportName: 'PadissoUserPoolDomain' });
    new CfnOutput(this, 'RequestMagicLinkUrl', { value: requestUrl.url, description: 'POST endpoint to request a magic link' });
    new CfnOutput(this, 'VerifyMagicLinkUrl', { value: verifyUrl.url, description: 'POST endpoint to consume a magic link and receive Cognito tokens' });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new PadiSsoPocStack(app, 'PadiSsoPocStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
